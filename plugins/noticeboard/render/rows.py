"""Register rows and their cells in plain Python; rows byte for byte what ``_task_row.html`` renders.

A five-year archive shows ~13,000 task items two or three times each (register, notice,
unit boards): through Jinja macros that was the largest cost of the build. ``badge``,
``due_cell`` and ``task_attrs`` are the templates' globals; whole rows come from here while the
site does not override ``noticeboard/_task_row.html``. ``tests/test_render_fast.py`` compares
rows with the template on every item of the demo and a generated corpus, so a change to the
template that is not mirrored here fails the suite. A month page's entries (each item in the
grid and in the list below it) and a notice page's task table come from here too; the tests write
them back as the Jinja loops they replace and compare every month and notice page.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from markupsafe import escape

from ..model.site import Notice, Task, TaskItem, Unit
from ..model.status import DONE_LATE, DONE_ON_TIME, LABELS, OVERDUE
from .sanitize import tooltip_safe


def _e(value: object) -> str:
    """``str(markupsafe.escape(value))``; a plain string without a Markup object (rows escape
    about half a million values in a five-year archive)."""
    if type(value) is str:
        if "&" in value or "<" in value or ">" in value or '"' in value or "'" in value:
            return (
                value.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace('"', "&#34;")
                .replace("'", "&#39;")
            )
        return value
    return str(escape(value))


_DMY: dict[date, str] = {}  # a site has a few thousand distinct dates and prints each many times


def notice_date(notice: Notice) -> str:
    """A notice's date as its document reads: "tháng 4/2026" when the signer left the day blank,
    "năm 2026" when the day and month; the portal still counts from ``notice.date``."""
    blank = notice.date_left_blank
    if blank == "day":
        return f"tháng {notice.date.month}/{notice.date.year}"
    if blank:
        return f"năm {notice.date.year}"
    return format_date(notice.date)


def notice_date_phrase(notice: Notice) -> str:
    """ "ngày 01/04/2026", or "tháng 4/2026" / "năm 2026" as :func:`notice_date`."""
    text = notice_date(notice)
    return text if notice.date_left_blank else f"ngày {text}"


def format_date(value: date | None, empty: str = "—") -> str:
    """dd/mm/yyyy, the templates' ``vn_date`` filter."""
    if not value:
        return empty
    text = _DMY.get(value)
    if text is None:
        text = _DMY[value] = f"{value.day:02d}/{value.month:02d}/{value.year}"  # strftime("%d/%m/%Y")
    return text


def badge(item: TaskItem) -> str:
    extra = f" · {item.days_overdue} ngày" if item.status == OVERDUE else ""
    return f'<span class="nb-badge nb-s-{_e(item.status)}">{_e(LABELS[item.status])}{extra}</span>'


def task_attrs(item: TaskItem) -> str:
    due = f' data-due="{item.due.isoformat()}"' if item.due else ""
    return f'data-task="{_e(item.gid)}" data-status="{_e(item.status)}"{due}'


def due_cell(item: TaskItem, small: str = '<small class="nb-muted">') -> str:
    if not item.due:
        return "Thường xuyên"
    out = f'<time datetime="{item.due.isoformat()}">{format_date(item.due)}</time>'
    if item.extended:
        out += f"<br>{small}gia hạn; hạn gốc <s>{format_date(item.original_due)}</s></small>"
    deadline = item.task.deadline
    if deadline and deadline.kind not in ("day",):
        out += f"<br>{small}{_e(deadline.label)}</small>"
    return out


def unit_label(unit: Unit) -> str:
    """A unit's short name, expanded for readers who do not know it (an ``<abbr>`` of plain text)."""
    if unit.short and unit.short != unit.name:
        return f'<abbr title="{_e(unit.name)}">{_e(unit.short)}</abbr>'
    return _e(unit.label)


def _unit_link(unit: Unit, root: str) -> str:
    return f'<a href="{_e(root + "don-vi/" + unit.id + "/")}">{unit_label(unit)}</a>'


def task_row(item: TaskItem, show_notice: bool, show_lead: bool, root: str, compact: bool = False) -> str:
    """One ``<tr>`` on one line (no whitespace nodes between cells: a register page holds 800);
    links are ``root`` + a site-root path. ``compact`` rows (the register's) leave the cards' cell
    labels and the muted notes to the register's CSS: ~150 bytes less a row."""
    task = item.task
    notice = task.notice
    if compact:
        td_task = td_lead = td_support = td_due = td_status = "<td>"
        small = "<small>"
    else:
        td_task, td_lead, td_support, td_due, td_status = _LABELLED
        small = '<small class="nb-muted">'
    parts = [
        f'<tr {task_attrs(item)} data-lead="{_e(task.lead.id)}" data-support="{_e(" ".join(u.id for u in task.support))}">'
        f'{td_task}<a href="{_e(root + task.url)}">{_e(task.title)}</a>'
    ]
    if show_notice:
        number = f" số {_e(notice.number)}" if notice.number else ""
        ref = f", mục {_e(task.ref)}" if task.ref else ""
        parts.append(f"<br>{small}{_e(notice.kind_label)}{number} {notice_date_phrase(notice)}{ref}</small>")
    if item.percent is not None and item.status not in (DONE_ON_TIME, DONE_LATE):
        parts.append(f"<br>{small}Tiến độ: {_e(item.percent)}%</small>")
    parts.append("</td>")
    if show_lead:
        parts.append(f"{td_lead}{_unit_link(task.lead, root)}</td>")
    if task.support:
        links = ", ".join(_unit_link(u, root) for u in task.support)
    else:
        links = '<span class="nb-muted">—</span>'
    parts.append(f"{td_support}{links}</td>")
    parts.append(f"{td_due}{due_cell(item, small)}</td>")
    done = f"<br>{small}xong {format_date(item.done_on)}</small>" if item.done_on else ""
    parts.append(f"{td_status}{badge(item)}{done}</td></tr>")
    return "".join(parts)


# -- one line per item (``item_list`` in _macros.html): lists that link to the item's full row --


def item_line(item: TaskItem, show_lead: bool, root: str) -> str:
    """One ``<li>`` of a compact list: status, title linking the task's row on its notice page,
    lead, due and (done items) the day it was done; the item's data marks as in a table row.

    Pages that list an item apart from its notice and its lead's board (a unit's supported
    tasks, status and field pages) use these lines instead of a table row, at about a third
    of the bytes."""
    lead = f"{_e(item.task.lead.label)}, " if show_lead else ""
    done = f", xong {format_date(item.done_on)}" if item.done_on else ""
    return (
        f'<li {task_attrs(item)}>{badge(item)} <a href="{_e(root + item.task.url)}">{_e(item.task.title)}</a>\n'
        f'<span class="nb-muted">— {lead}hạn {format_date(item.due, "thường xuyên")}{done}</span></li>\n'
    )


_LABELLED = tuple(
    f'<td data-label="{label}">' for label in ("Nhiệm vụ", "Chủ trì", "Phối hợp", "Hạn", "Trạng thái")
)


# -- a month page's entries (noticeboard/month.html): each item twice, in the grid and the list --


def month_day(items: list[TaskItem], root: str, title: Callable[[str], str]) -> str:
    """One day's ``<ul>`` in the month grid; ``title`` shortens a task's title (Jinja's ``truncate``)."""
    lis = "".join(
        f'<li {task_attrs(i)} class="nb-s-{_e(i.status)}"><a href="{_e(root + i.task.url)}" '
        f'title="{_e(tooltip_safe(LABELS[i.status] + " — " + i.task.lead.name))}">{_e(title(i.task.title))}</a></li>'
        for i in items
    )
    return f"<ul>{lis}</ul>"


def month_agenda(items: list[TaskItem], root: str) -> str:
    """The month's list of deadlines below the grid: one line per item."""
    return "".join(
        f'<li {task_attrs(i)}><time datetime="{i.due.isoformat() if i.due else ""}">{format_date(i.due)}</time> '
        f'{badge(i)} <a href="{_e(root + i.task.url)}">{_e(i.task.title)}</a> '
        f'<span class="nb-muted">— {_e(i.task.lead.label)}</span></li>\n'
        for i in items
    )


# -- a notice page's task table (noticeboard/notice.html): one row per item of each task ---------


def notice_rows(tasks: list[Task], root: str) -> str:
    """The ``<tbody>`` rows of a notice's task table; a task whose first period has not begun
    (no items yet) gets one row saying so."""
    out = []
    for task in tasks:
        ref = _e(task.ref or "—")
        title = _e(task.title)
        lead = _unit_link(task.lead, root)
        if not task.items:
            support = ", ".join(unit_label(u) for u in task.support) or "—"
            out.append(
                f'<tr id="nv-{_e(task.id)}"><td data-label="Mục">{ref}</td><td data-label="Nhiệm vụ"><strong>{title}'
                f'</strong><br><small class="nb-muted">Kỳ đầu tiên chưa bắt đầu ({_e(task.deadline.label if task.deadline else "")}).'
                f'</small></td><td data-label="Chủ trì">{lead}</td><td data-label="Phối hợp">{support}</td>'
                f'<td data-label="Hạn">{_e(task.deadline.label if task.deadline else "")}</td><td data-label="Trạng thái">'
                '<span class="nb-muted">Chưa đến kỳ</span></td></tr>\n'
            )
            continue
        if task.support:
            support = ", ".join(_unit_link(u, root) for u in task.support)
        else:
            support = '<span class="nb-muted">—</span>'
        extra = ""
        if task.output:
            extra += f'<br><small><span class="nb-muted">Sản phẩm:</span> {_e(task.output)}</small>'
        if task.supervisor:
            extra += (
                f'<br><small><span class="nb-muted">Theo dõi, chỉ đạo:</span> {_e(task.supervisor)}</small>'
            )
        several = len(task.items) > 1
        for item in task.items:
            first = f' id="nv-{_e(task.id)}"' if item is task.items[0] else ""
            period = f' <span class="nb-muted">(kỳ {item.index + 1})</span>' if several else ""
            progress = ""
            if item.percent is not None and item.status not in (DONE_ON_TIME, DONE_LATE):
                progress = f'<br><small class="nb-muted">Tiến độ: {_e(item.percent)}%</small>'
            note = f'<br><small class="nb-note">{_e(item.note)}</small>' if item.note else ""
            done = (
                f'<br><small class="nb-muted">xong {format_date(item.done_on)}</small>'
                if item.done_on
                else ""
            )
            out.append(
                f"<tr {task_attrs(item)}{first}>\n"
                f'<td data-label="Mục">{ref}</td>\n'
                f'<td data-label="Nhiệm vụ"><strong>{title}</strong>{period}{extra}{progress}{note}</td>\n'
                f'<td data-label="Chủ trì">{lead}</td>\n'
                f'<td data-label="Phối hợp">{support}</td>\n'
                f'<td data-label="Hạn">{due_cell(item)}</td>\n'
                f'<td data-label="Trạng thái">{badge(item)}{done}</td>\n'
                "</tr>\n"
            )
    return "".join(out)
