"""iCalendar feeds of deadlines (RFC 5545 as calendar clients read it).

    lich/nhiem-vu.ics              every task occurrence with a due date
    lich/don-vi/<unit-id>.ics      what the unit leads, and what it supports ("[Phối hợp]")
    lich/thong-bao/<notice-id>.ics one notice's deadlines

One all-day VEVENT per :class:`TaskItem` with a due date (``DTSTART;VALUE=DATE``
and the exclusive ``DTEND`` the next day; VTODO is ignored by the big clients).

What strict clients (libical: Evolution, KDE) ask of a subscribed feed:

* no ``METHOD``: it makes the file an iTIP message (RFC 5546), which then needs an
  ``ORGANIZER``; a published feed is no invitation;
* at least one component (RFC 5545): every calendar carries the VTIMEZONE of the zone
  its ``X-WR-TIMEZONE`` names, so a unit with no deadline yet has a valid calendar at
  the URL it will keep when deadlines come;
* one UID per copy: the lead's copy of a deadline (site, notice and lead unit calendars)
  and the supporting units' copy ("[Phối hợp] ...") differ in SUMMARY, so they are two
  events to a client that subscribes to both.

Nothing here reads the clock: a rebuild of the same content at the same as-of
date gives byte-identical files, and a change in the content moves
``SEQUENCE``/``LAST-MODIFIED`` so that clients (Google above all) replace the
event instead of keeping the old date. See :func:`item_revision`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from ..model.site import Site, Task, TaskItem, Unit
from ..model.status import OVERDUE, SHORT_LABELS
from .outputs import OutputContext, register
from .pages import format_date
from .rows import notice_date_phrase

if TYPE_CHECKING:  # icalendar is a test dependency: only the reference functions the tests call use it
    from icalendar import Event
    from icalendar.cal.component import Component

PRODID = "-//noticeboard//Lịch hạn nhiệm vụ//VI"
REFRESH = timedelta(hours=12)


@dataclass(frozen=True)
class Revision:
    """When an occurrence last changed, and how many times it changed, derived from content only."""

    changed_on: date  # the notice date, the latest applied lead report, or the day it fell overdue
    sequence: int  # lead reports that changed state, due or completion date, plus one if it fell overdue

    @property
    def stamp(self) -> datetime:
        return datetime(self.changed_on.year, self.changed_on.month, self.changed_on.day, tzinfo=UTC)


def task_revision(task: Task) -> Revision:
    """Replay the applied lead reports of ``task`` (sorted by date) and count real changes."""
    changed_on = task.notice.date
    sequence = 0
    current: tuple[str, str, date | None] = ("in_progress", "", None)
    for entry in task.history:
        if not entry.applied:
            continue
        changed_on = max(changed_on, entry.date)
        due_text = entry.new_due.text if entry.state == "extended" and entry.new_due else current[1]
        state = "in_progress" if entry.state == "extended" else entry.state
        after = (state, due_text, entry.done_on if entry.state == "done" else None)
        if after != current:
            sequence += 1
            current = after
    return Revision(changed_on, sequence)


def item_revision(item: TaskItem) -> Revision:
    """The task's revision; an occurrence that fell overdue changed on the day after its due date.

    Reports are not tied to one occurrence in the model, so all occurrences of a
    recurring task share the report count.
    """
    rev = task_revision(item.task)
    if item.status == OVERDUE and item.due is not None:
        return Revision(max(rev.changed_on, item.due + timedelta(days=1)), rev.sequence + 1)
    return rev


def site_host(ctx: OutputContext) -> str:
    return (urlsplit(ctx.site_url).hostname if ctx.site_url else None) or "noticeboard"


def event_uid(item: TaskItem, host: str, supported: bool = False) -> str:
    """``<notice-id>.<task-id>.<yyyymmdd of the original due>@host``: ids are slugs, so dots separate them.

    The supporting units' copy adds ``.phoi-hop`` (the lead's copy keeps the UID it always had).
    """
    assert item.original_due is not None
    role = ".phoi-hop" if supported else ""
    return f"{item.task.notice.id}.{item.task.id}.{item.original_due:%Y%m%d}{role}@{host}"


def _summary(item: TaskItem, supported: bool) -> str:
    text = f"[{SHORT_LABELS[item.status]}] {item.task.title} — {item.task.lead.label}"
    return f"[Phối hợp] {text}" if supported else text


def _description(item: TaskItem, ctx: OutputContext, rev: Revision) -> str:
    task, notice = item.task, item.task.notice
    doc = (
        notice.kind_label
        + (f" số {notice.number}" if notice.number else "")
        + f" {notice_date_phrase(notice)}"
    )
    # SUMMARY holds the task's title and DTSTART a plain day's due: the description adds only what
    # they do not say (a unit's calendar repeats ~700 events; issue 20, BENCHMARKS.md)
    lines = [f"{doc} ({notice.issuer.name}): {notice.title}"]
    if task.ref:
        lines.append(f"Mục {task.ref} của văn bản")
    lines.append(f"Chủ trì: {task.lead.name}")
    if task.support:
        lines.append("Phối hợp: " + ", ".join(u.name for u in task.support))
    if task.output:
        lines.append(f"Sản phẩm: {task.output}")
    due = ""
    if item.extended:
        due += f" (gia hạn; hạn gốc {format_date(item.original_due)})"
    if task.deadline is not None and task.deadline.kind != "day":
        due += f" — {task.deadline.label}"
    if due:
        lines.append(f"Hạn: {format_date(item.due)}{due}")
    status = f"Trạng thái: {item.status_label}"
    if item.done_on:
        status += f", xong ngày {format_date(item.done_on)}"
    lines.append(f"{status} (cập nhật ngày {format_date(rev.changed_on)})")
    if ctx.site_url:
        lines.append(f"Chi tiết: {ctx.absolute(task.url)}")
    return "\n".join(lines)


def render_event(item: TaskItem, ctx: OutputContext, host: str, supported: bool = False) -> Event:
    from icalendar import Event

    assert item.due is not None
    rev = item_revision(item)
    event = Event()
    event.add("uid", event_uid(item, host, supported))
    event.add("dtstamp", rev.stamp)
    event.add("last-modified", rev.stamp)
    event.add("sequence", rev.sequence)
    event.add("dtstart", item.due)
    event.add("dtend", item.due + timedelta(days=1))
    event.add("summary", _summary(item, supported))
    event.add("description", _description(item, ctx, rev))
    event.add("status", "CANCELLED" if item.status == "cancelled" else "CONFIRMED")
    event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
    event.add("categories", [item.task.lead.label])
    if ctx.site_url:
        event.add("url", ctx.absolute(item.task.url))
    return event


def fold_line(encoded: bytes, limit: int = 75) -> bytes:
    """RFC 5545 folding of one UTF-8 content line, the same bytes as icalendar's ``_foldline``.

    Segments of at most ``limit - 1`` octets, never splitting a UTF-8 character, and never
    ending on a ``\\`` or ``^`` escape (it starts the next segment instead). icalendar does
    this character by character; on bytes it is two orders of magnitude faster.
    """
    if len(encoded) < limit:
        return encoded
    segments = []
    pos = 0
    while len(encoded) - pos > limit - 1:
        end = pos + limit - 1
        while encoded[end] & 0xC0 == 0x80:  # inside a multi-byte character
            end -= 1
        if end - pos > 1 and encoded[end - 1] in b"\\^":
            end -= 1
        segments.append(encoded[pos:end])
        pos = end
    segments.append(encoded[pos:])
    return b"\r\n ".join(segments)


def component_bytes(component: Component) -> bytes:
    """``component.to_ical()``, byte for byte, with the fast :func:`fold_line`.

    icalendar's folding was most of the build time of a five-year archive's 1,000
    calendars (BENCHMARKS.md); tests compare both on every calendar they build.
    """
    lines = (fold_line(line.encode("utf-8")) for line in component.content_lines() if line)
    return b"\r\n".join(lines) + b"\r\n"


def _text(value: str) -> str:
    """RFC 5545 TEXT escaping: icalendar's ``_escape_char`` (``vText``), the same replacements in
    the same order, without its checks per value; text without a special character as it is.
    ``tests/test_ics_fold.py`` compares both."""
    if "\\" in value or ";" in value or "," in value or "\n" in value or "\r" in value:
        return (
            value.replace("\\N", "\n")
            .replace("\\", "\\\\")
            .replace(";", "\\;")
            .replace(",", "\\,")
            .replace("\r\n", "\\n")
            .replace("\n", "\\n")
            .replace("\r", "\\n")
        )
    return value


def event_bytes(
    item: TaskItem,
    ctx: OutputContext,
    host: str,
    supported: bool = False,
    tails: dict[int, tuple[bytes, bytes]] | None = None,
) -> bytes:
    """The bytes of ``component_bytes(render_event(...))``, written line by line.

    Building an icalendar ``Event`` costs ~0.5 ms in property objects; a five-year archive
    has ~20,000 occurrences. Same property order, escaping (icalendar's ``vText``) and
    folding; ``tests/test_ics_fold.py`` compares both on every event of a built site.
    Everything after SUMMARY but the UID is the same in the lead's and the supporting units'
    calendars: ``tails`` keeps it per occurrence, as the parts before and after the UID.
    """
    assert item.due is not None
    summary = b"BEGIN:VEVENT\r\n" + fold_line(f"SUMMARY:{_text(_summary(item, supported))}".encode())
    tail = tails.get(id(item)) if tails is not None else None
    if tail is None:
        tail = _event_tail(item, ctx)
        if tails is not None:
            tails[id(item)] = tail
    return summary + tail[0] + fold_line(f"UID:{_text(event_uid(item, host, supported))}".encode()) + tail[1]


def _event_tail(item: TaskItem, ctx: OutputContext) -> tuple[bytes, bytes]:
    assert item.due is not None
    rev = item_revision(item)
    stamp = f"{rev.stamp:%Y%m%dT%H%M%SZ}"
    status = "CANCELLED" if item.status == "cancelled" else "CONFIRMED"
    before_uid = (  # short ASCII lines: never folded
        f"\r\nDTSTART;VALUE=DATE:{item.due:%Y%m%d}\r\nDTEND;VALUE=DATE:{item.due + timedelta(days=1):%Y%m%d}"
        f"\r\nDTSTAMP:{stamp}\r\n".encode()
    )
    parts = [
        f"\r\nSEQUENCE:{rev.sequence}\r\n".encode(),
        fold_line(f"CATEGORIES:{_text(item.task.lead.label)}".encode()),
        b"\r\n",
        fold_line(f"DESCRIPTION:{_text(_description(item, ctx, rev))}".encode()),
        f"\r\nLAST-MODIFIED:{stamp}\r\nSTATUS:{status}\r\nTRANSP:TRANSPARENT\r\n".encode(),
    ]
    if ctx.site_url:
        parts += [fold_line(f"URL:{ctx.absolute(item.task.url)}".encode()), b"\r\n"]
    parts.append(b"END:VEVENT\r\n")
    return before_uid, b"".join(parts)


def render_calendar(
    name: str,
    description: str,
    items: list[tuple[TaskItem, bool]],
    ctx: OutputContext,
    path: str,
    events: dict[tuple[int, bool], bytes] | None = None,
    tails: dict[int, tuple[bytes, bytes]] | None = None,
    timezone: bytes = b"",
) -> bytes:
    """``items`` are (item, supported) pairs; items without a due date are left out.

    ``events`` caches each serialised VEVENT across calendars (``tails`` the part after its
    SUMMARY): an occurrence appears in the site calendar, its notice's and every involved unit's,
    and serialising is the costly part. ``timezone``: the VTIMEZONE (:func:`timezone_component`).
    """
    host = site_host(ctx)
    events = {} if events is None else events
    tails = {} if tails is None else tails
    body = []
    for item, supported in sorted(
        (p for p in items if p[0].due is not None), key=lambda p: (p[0].sort_key, p[1])
    ):
        key = (id(item), supported)
        if key not in events:
            events[key] = event_bytes(item, ctx, host, supported, tails)
        body.append(events[key])
    return calendar_head(name, description, ctx, path) + timezone + b"".join(body) + b"END:VCALENDAR\r\n"


def calendar_head(name: str, description: str, ctx: OutputContext, path: str) -> bytes:
    """The calendar's own lines, from BEGIN:VCALENDAR, in the order icalendar writes them.

    Written by hand like :func:`event_bytes` (a five-year archive has ~1,000 calendars).
    Unlike icalendar 7, which leaves them as typed, NAME, X-WR-CALNAME and X-WR-CALDESC are
    escaped as the TEXT values they are (RFC 7986), so that a comma, a semicolon or a line break
    in a unit's or a notice's name reads back whole; without those characters the bytes are
    icalendar's (``tests/test_ics_fold.py``).
    """
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{_text(PRODID)}",
        "CALSCALE:GREGORIAN",
        f"DESCRIPTION:{_text(description)}",
        f"X-WR-CALDESC:{_text(description)}",
        f"NAME:{_text(name)}",
        f"X-WR-CALNAME:{_text(name)}",
        "REFRESH-INTERVAL;VALUE=DURATION:PT12H",
    ]
    if ctx.site_url:
        lines.append(f"SOURCE;VALUE=URI:{ctx.absolute(path)}")
    lines += ["X-PUBLISHED-TTL:PT12H", f"X-WR-TIMEZONE:{_text(ctx.timezone)}"]
    return b"\r\n".join(fold_line(line.encode("utf-8")) for line in lines) + b"\r\n"


def reference_calendar_head(name: str, description: str, ctx: OutputContext, path: str) -> bytes:
    """:func:`calendar_head` through icalendar's ``Calendar`` (what the tests compare it with)."""
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    cal.add("description", description)
    cal.add("x-wr-caldesc", description)
    cal.add("x-wr-timezone", ctx.timezone)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT12H")
    if ctx.site_url:
        cal.add("source", ctx.absolute(path), parameters={"VALUE": "URI"})
    end = b"END:VCALENDAR\r\n"
    head = component_bytes(cal)
    assert head.endswith(end)
    return head[: -len(end)]


def timezone_component(tzid: str, first_year: int, last_year: int) -> bytes:
    """The VTIMEZONE of ``tzid`` from 1 January ``first_year`` to the end of ``last_year``.

    The zone as it stood on the first day, then one observance per change of UTC offset
    (Vietnam has had none since 1975; a zone with summer time gets two a year), from the
    system's zone data: no VTIMEZONE library at build time.
    """
    zone = ZoneInfo(tzid)
    start = datetime(first_year, 1, 1, tzinfo=zone)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{_text(tzid)}"]
    lines += _observance(start.replace(tzinfo=None), start.utcoffset(), start)
    moment = start.astimezone(UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=zone).astimezone(UTC)
    offset = start.utcoffset()
    while moment < end:  # day by day, then halving to the minute the offset changed
        after = moment + timedelta(days=1)
        if after.astimezone(zone).utcoffset() != offset:
            low, high = int(moment.timestamp()), int(after.timestamp())
            while high - low > 1:  # zone data changes offsets on whole seconds
                middle = (low + high) // 2
                if datetime.fromtimestamp(middle, zone).utcoffset() == offset:
                    low = middle
                else:
                    high = middle
            changed = datetime.fromtimestamp(high, zone)
            high_utc = changed.astimezone(UTC)
            assert offset is not None
            lines += _observance((high_utc + offset).replace(tzinfo=None), offset, changed)
            offset = changed.utcoffset()
            after = high_utc
        moment = after
    lines.append("END:VTIMEZONE")
    return b"".join(fold_line(line.encode("utf-8")) + b"\r\n" for line in lines)


def _observance(onset: datetime, before: timedelta | None, at: datetime) -> list[str]:
    kind = "DAYLIGHT" if at.dst() else "STANDARD"
    return [
        f"BEGIN:{kind}",
        f"DTSTART:{onset:%Y%m%dT%H%M%S}",
        f"TZOFFSETFROM:{_utc_offset(before)}",
        f"TZOFFSETTO:{_utc_offset(at.utcoffset())}",
        f"TZNAME:{_text(at.tzname() or '')}",
        f"END:{kind}",
    ]


def _utc_offset(offset: timedelta | None) -> str:
    seconds = int((offset or timedelta()).total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{seconds:02d}" if seconds else "")


def _unit_items(unit: Unit) -> list[tuple[TaskItem, bool]]:
    return [(i, False) for i in unit.led] + [(i, True) for i in unit.supported]


def calendar_paths(site: Site) -> list[str]:
    """The calendars :func:`generate_ics` writes."""
    return [
        "lich/nhiem-vu.ics",
        *(f"lich/don-vi/{u.id}.ics" for u in site.units),
        *(f"lich/thong-bao/{n.id}.ics" for n in site.notices),
    ]


@register(calendar_paths)
def generate_ics(site: Site, ctx: OutputContext) -> dict[str, str | bytes]:
    prefix = f"{ctx.site_name} — " if ctx.site_name else ""
    out: dict[str, str | bytes] = {}
    events: dict[tuple[int, bool], bytes] = {}
    tails: dict[int, tuple[bytes, bytes]] = {}
    years = [n.date.year for n in site.notices] + [i.due.year for i in site.items if i.due is not None]
    zone = timezone_component(
        ctx.timezone, min(years, default=site.as_of.year), max(years, default=site.as_of.year)
    )
    out["lich/nhiem-vu.ics"] = render_calendar(
        f"{prefix}Hạn nhiệm vụ",
        "Hạn của mọi nhiệm vụ trong các thông báo đã công bố.",
        [(i, False) for i in site.items],
        ctx,
        "lich/nhiem-vu.ics",
        events,
        tails,
        zone,
    )
    for unit in site.units:
        path = f"lich/don-vi/{unit.id}.ics"
        out[path] = render_calendar(
            f"{prefix}Hạn nhiệm vụ — {unit.label}",
            f"Nhiệm vụ {unit.name} chủ trì và phối hợp (ghi [Phối hợp]).",
            _unit_items(unit),
            ctx,
            path,
            events,
            tails,
            zone,
        )
    for notice in site.notices:
        path = f"lich/thong-bao/{notice.id}.ics"
        label = notice.kind_label + (
            f" {notice.number}" if notice.number else f" {notice_date_phrase(notice)}"
        )
        out[path] = render_calendar(
            f"{prefix}Hạn nhiệm vụ — {label}",
            notice.title,
            [(i, False) for i in notice.items],
            ctx,
            path,
            events,
            tails,
            zone,
        )
    return out
