"""noticeboard: publish a commune's notices, tasks, unit boards and deadline calendars."""

__version__ = "0.1.0"
