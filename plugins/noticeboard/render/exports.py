"""Open data: the task register, notices and units as JSON, the register also as CSV.

    du-lieu/nhiem-vu.json   one object per task occurrence (a recurring task has one per period)
    du-lieu/nhiem-vu.csv    the same rows and columns, for spreadsheets
    du-lieu/thong-bao.json  one object per published notice
    du-lieu/don-vi.json     one object per unit, with its counts by status

Layout, chosen for diffs between builds and for people reading the files:

* JSON is UTF-8 without escapes (``ensure_ascii=False``), ``indent=1``, one key
  order fixed by the ``*_FIELDS`` tuples below (not alphabetical: the contract's
  fields come first), and a final newline.
* Rows are sorted: tasks by ``id`` then ``occurrence``; notices newest first
  (date, then id, descending); units by ``id``.
* Dates are ``YYYY-MM-DD`` or null; ``url`` is absolute when ``site_url`` is set,
  else relative to the site root.
* CSV: UTF-8 with a BOM (Excel then reads Vietnamese correctly), CRLF rows,
  ``support`` joined with ``"; "``, null as an empty cell, booleans as
  ``true``/``false``; a text cell starting with ``= + - @``, a tab or CR gets a
  leading ``'`` so that a spreadsheet never runs it as a formula. A text cell a
  spreadsheet would read as another number or as a date (``01``, ``1.10``,
  ``12/2018``) is written ``="01"``: Excel and LibreOffice then show the text.
  Dates are ISO ``2026-05-10``, which spreadsheets in every locale read as that
  day (``10/05/2026`` is 5 October in en-US); so is ``deadline`` for a single day.

The field list and meaning are documented for readers on the ``du-lieu/`` page
(template ``noticeboard/data.html``); a test keeps the two in step.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from typing import Any

from ..model.site import Notice, Site, Task, TaskItem, Unit
from ..model.status import STATUSES
from .outputs import OutputContext, register

TASK_FIELDS = (
    "id",
    "notice",
    "title",
    "lead",
    "support",
    "due",
    "status",
    "done_on",
    "occurrence",
    "original_due",
    "extended",
    "days_overdue",
    "percent",
    "deadline",
    "output",
    "ref",
    "supervisor",
    "status_label",
    "url",
    "notice_number",
    "notice_date",
    "as_of",
)
NOTICE_FIELDS = (
    "id",
    "kind",
    "kind_label",
    "number",
    "issuer",
    "issuer_name",
    "place",
    "date",
    "title",
    "signer",
    "recipients",
    "fields",
    "based_on",
    "url",
    "task_count",
)
UNIT_FIELDS = (
    "id",
    "name",
    "short",
    "parent",
    "kind",
    "counts",
    "due_total",
    "on_time_rate",
    "led_total",
    "supported_total",
    "url",
    "calendar",
    "feed",
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# digits with separators: a spreadsheet reads it as a decimal, a date or a time, not as this text
NUMBER_LIKE = re.compile(r"[0-9][0-9 .,/:-]*")


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def task_row(item: TaskItem, site: Site, ctx: OutputContext) -> dict[str, Any]:
    task, notice = item.task, item.task.notice
    row = {
        "id": task.gid,
        "notice": notice.id,
        "title": task.title,
        "lead": task.lead.id,
        "support": [u.id for u in task.support],
        "due": _iso(item.due),
        "status": item.status,
        "done_on": _iso(item.done_on),
        "occurrence": item.index,
        "original_due": _iso(item.original_due),
        "extended": item.extended,
        "days_overdue": item.days_overdue,
        "percent": item.percent,
        "deadline": _deadline(task),
        "output": task.output,
        "ref": task.ref,
        "supervisor": task.supervisor,
        "status_label": item.status_label,
        "url": ctx.absolute(task.url),
        "notice_number": notice.number,
        "notice_date": notice.date.isoformat(),
        "as_of": site.as_of.isoformat(),
    }
    assert tuple(row) == TASK_FIELDS
    return row


def notice_row(notice: Notice, ctx: OutputContext) -> dict[str, Any]:
    signer = notice.signer
    row = {
        "id": notice.id,
        "kind": notice.kind,
        "kind_label": notice.kind_label,
        "number": notice.number,
        "issuer": notice.issuer.id,
        "issuer_name": notice.issuer.name,
        "place": notice.place,
        "date": notice.date.isoformat(),
        "title": notice.title,
        "signer": {"name": signer.name, "authority": signer.authority, "title": signer.title}
        if signer
        else None,
        "recipients": list(notice.recipients),
        "fields": list(notice.fields),
        "based_on": list(notice.based_on),
        "url": ctx.absolute(notice.url),
        "task_count": len(notice.tasks),
    }
    assert tuple(row) == NOTICE_FIELDS
    return row


def unit_row(unit: Unit, ctx: OutputContext) -> dict[str, Any]:
    rate = unit.on_time_rate
    row = {
        "id": unit.id,
        "name": unit.name,
        "short": unit.short,
        "parent": unit.parent.id if unit.parent else None,
        "kind": unit.kind,
        "counts": {s: unit.counts.get(s, 0) for s in STATUSES},
        "due_total": unit.due_total,
        "on_time_rate": None if rate is None else round(rate, 4),
        "led_total": len(unit.led),
        "supported_total": len(unit.supported),
        "url": ctx.absolute(f"don-vi/{unit.id}/"),
        "calendar": ctx.absolute(f"lich/don-vi/{unit.id}.ics"),
        "feed": ctx.absolute(f"don-vi/{unit.id}/feed.xml"),
    }
    assert tuple(row) == UNIT_FIELDS
    return row


def _deadline(task: Task) -> str | None:
    """The deadline as the notice sets it: a single day as ``YYYY-MM-DD`` (no reader, person or
    spreadsheet, takes it for another day), a period or a rule in words; None when ongoing."""
    deadline = task.deadline
    if deadline is None or not deadline.occurrences:
        return None
    if deadline.kind == "day":
        return deadline.occurrences[0].due.isoformat()
    return deadline.label


def task_rows(site: Site, ctx: OutputContext) -> list[dict[str, Any]]:
    items = sorted(site.items, key=lambda i: (i.gid, i.index))
    return [task_row(i, site, ctx) for i in items]


def dump_json(data: Any) -> str:
    """A list as one record per line (readable, diff-friendly, and written by json's C encoder,
    which ``indent`` would turn off: BENCHMARKS.md, "Figures behind the code")."""
    if not isinstance(data, list):
        return json.dumps(data, ensure_ascii=False) + "\n"
    if not data:
        return "[]\n"
    return "[\n" + ",\n".join(json.dumps(record, ensure_ascii=False) for record in data) + "\n]\n"


def csv_cell(value: Any) -> str:
    """One spreadsheet cell: lists joined, null empty, formulas defused."""
    if type(value) is str and value and value[0] not in FORMULA_START and not "0" <= value[0] <= "9":
        return value  # most cells (titles, names, ids): what the checks below would return
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    if isinstance(value, str):
        if text.startswith(FORMULA_START):
            return "'" + text
        if NUMBER_LIKE.fullmatch(text) and not _same_number(text) and not _iso_date(text):
            return f'="{text}"'  # only digits and separators inside: nothing to escape
    return text


def _same_number(text: str) -> bool:
    """A whole number a spreadsheet shows as written (no leading zero, within 15 digits)."""
    return text.isdigit() and (text == "0" or not text.startswith("0")) and len(text) <= 15


def _iso_date(text: str) -> bool:
    return len(text) == 10 and text[4] == "-" and text[7] == "-" and text[:4].isdigit()


def render_csv(rows: list[dict[str, Any]], fields: tuple[str, ...]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow([csv_cell(row[f]) for f in fields])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


EXPORTS = ("du-lieu/nhiem-vu.json", "du-lieu/nhiem-vu.csv", "du-lieu/thong-bao.json", "du-lieu/don-vi.json")


@register(lambda site: list(EXPORTS))
def generate_exports(site: Site, ctx: OutputContext) -> dict[str, str | bytes]:
    tasks = task_rows(site, ctx)
    return {
        "du-lieu/nhiem-vu.json": dump_json(tasks),
        "du-lieu/nhiem-vu.csv": render_csv(tasks, TASK_FIELDS),
        "du-lieu/thong-bao.json": dump_json([notice_row(n, ctx) for n in site.notices]),
        "du-lieu/don-vi.json": dump_json([unit_row(u, ctx) for u in sorted(site.units, key=lambda u: u.id)]),
    }
