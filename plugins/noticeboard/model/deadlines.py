"""Deadline grammar (CONTENT_FORMAT section 3). Pure functions, no MkDocs import.

INTERFACE (implementation to be completed):

    parse_deadline(value, notice_date) -> Deadline   # raises DeadlineError
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


class DeadlineError(ValueError):
    """A deadline that cannot be read. ``str(err)`` is a plain Vietnamese message
    quoting the text; ``err.fix`` says how to write it instead."""

    def __init__(self, message: str, fix: str = "") -> None:
        super().__init__(message)
        self.fix = fix


@dataclass(frozen=True)
class Occurrence:
    start: date  # first day of the period; the occurrence counts once as_of >= start
    due: date    # inclusive last day


@dataclass(frozen=True)
class Deadline:
    kind: str    # day | month | quarter | half | year | recurring | working_days | ongoing
    text: str    # as the editor wrote it (str() of the YAML value, or a compact form of a mapping)
    label: str   # Vietnamese display, dates as dd/mm/yyyy
    occurrences: tuple[Occurrence, ...]  # empty for ongoing; one for single deadlines

    @property
    def recurring(self) -> bool:
        return self.kind == "recurring"


def parse_deadline(value: object, notice_date: date) -> Deadline:
    raise NotImplementedError
