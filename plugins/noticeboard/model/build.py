"""Build stage: checked records to the immutable :class:`Site` at the as-of date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..content.records import ContentRecords, NoticeRecord, ReportRecord, UpdateRecord
from ..errors import Problems
from .deadlines import Occurrence
from .site import Attachment, HistoryEntry, Month, Notice, Signer, Site, Task, TaskItem, Unit
from .status import CANCELLED, STATUSES, counts_as_due, days_overdue, is_due_soon, resolve_status


def is_public(notice: NoticeRecord, as_of: date) -> bool:
    """Published, and not under embargo at the as-of date."""
    if notice.status != "published":
        return False
    return notice.publish_on is None or notice.publish_on <= as_of


@dataclass
class _OccState:
    start: date | None
    due: date | None
    state: str | None = None
    done_on: date | None = None
    percent: int | None = None
    new_due: date | None = None
    note: str = ""


def _target(states: list[_OccState], upd: UpdateRecord | HistoryEntry, when: date) -> int:
    """Which occurrence an update speaks of: named by ``occurrence``, else the oldest still open."""
    if len(states) == 1:
        return 0
    if upd.occurrence is not None:
        for i, s in enumerate(states):
            if s.due == upd.occurrence or (s.start and s.due and s.start <= upd.occurrence <= s.due):
                return i
    started = [i for i, s in enumerate(states) if s.start is None or s.start <= when]
    for i in started:
        if states[i].state not in ("done", "cancelled"):
            return i
    return started[-1] if started else 0


def apply_update(states: list[_OccState], upd: UpdateRecord | HistoryEntry, when: date) -> None:
    """Apply one report of the lead, dated ``when``, to the task's occurrence states."""
    if upd.state == "cancelled":
        for s in states:
            if s.state != "done":
                s.state = CANCELLED
                s.note = upd.note or s.note
        return
    s = states[_target(states, upd, when)]
    s.state = upd.state
    if upd.percent is not None:
        s.percent = upd.percent
    if upd.note:
        s.note = upd.note
    if upd.state == "done":
        s.done_on = upd.done_on
        s.percent = 100 if upd.percent is None else upd.percent
    else:
        s.done_on = None
    if upd.state == "extended" and upd.new_due is not None and upd.new_due.occurrences:
        s.new_due = upd.new_due.occurrences[-1].due


def initial_states(task: Task) -> list[_OccState]:
    """One state per deadline occurrence (one without a due date for an ongoing task), before any report."""
    occurrences: tuple[Occurrence, ...] = task.deadline.occurrences if task.deadline else ()
    return [_OccState(o.start, o.due) for o in occurrences] or [_OccState(None, None)]


def replay(task: Task, when: date) -> list[_OccState]:
    """The occurrence states after the lead's reports dated on or before ``when``."""
    states = initial_states(task)
    for entry in task.lead_updates:
        if entry.date > when:
            break  # in date order (_report_order): the rest are later still
        apply_update(states, entry, entry.date)
    return states


def counted_at(task: Task, state: _OccState, when: date) -> bool:
    """A recurring occurrence counts once its period has started (CONTENT_FORMAT section 5)."""
    recurring = task.deadline is not None and task.deadline.recurring
    return not (recurring and state.start is not None and state.start > when)


def _report_order(report: ReportRecord) -> tuple[date, int, str, str]:
    """Date, then 2026-04-20.yml before 2026-04-20-2.yml before 2026-04-20-10.yml."""
    stem = report.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    suffix = stem[11:] if len(stem) > 10 else ""
    return (
        report.date,
        int(suffix) if suffix.isdigit() else (0 if not suffix else 10**6),
        suffix,
        report.path,
    )


def _item_order(item: TaskItem) -> tuple[date, str, int]:
    return (item.due or date.max, item.task.gid, item.index)  # TaskItem.sort_key, without the property call


def build_site(
    records: ContentRecords, as_of: date, due_soon_days: int = 7, problems: Problems | None = None
) -> Site:
    """The model at ``as_of``: public notices and their tasks, each task's items with their status,
    the units with their counts, the calendar months (steps below, in order)."""
    problems = problems if problems is not None else Problems()
    units = _units(records)
    notices, tasks = _notices(records, units, as_of)
    updates = _updates(records, tasks)
    items: list[TaskItem] = []
    for task in tasks.values():
        items += _task_items(task, units, updates.get(task.gid, []), as_of, due_soon_days, problems)
    _fill_units(units, tasks, items, as_of)
    return Site(
        as_of=as_of,
        due_soon_days=due_soon_days,
        units=list(units.values()),
        notices=notices,
        tasks=list(tasks.values()),
        items=items,
        months=_months(items, as_of),
    )


def _units(records: ContentRecords) -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for rec in records.units:
        units[rec.id] = Unit(rec.id, rec.name, rec.short, tuple(rec.aliases), None, rec.kind, rec.git_team)
    for rec in records.units:
        if rec.parent in units:
            units[rec.id].parent = units[rec.parent]
    return units


def _notices(
    records: ContentRecords, units: dict[str, Unit], as_of: date
) -> tuple[list[Notice], dict[str, Task]]:
    """The notices public at ``as_of``, newest first, and their tasks by gid."""
    notices: list[Notice] = []
    tasks: dict[str, Task] = {}
    for rec in sorted(records.notices, key=lambda n: (n.date, n.id), reverse=True):
        if not is_public(rec, as_of) or rec.issuer not in units:
            continue
        signer = Signer(rec.signer.name, rec.signer.authority, rec.signer.title) if rec.signer else None
        notice = Notice(
            id=rec.id,
            kind=rec.kind,
            number=rec.number,
            issuer=units[rec.issuer],
            place=rec.place,
            date=rec.date,
            title=rec.title,
            body=rec.body,
            source_path=rec.path,
            signer=signer,
            recipients=tuple(rec.recipients),
            fields=tuple(rec.fields),
            based_on=tuple(rec.based_on),
            attachments=tuple(Attachment(name, size, path) for name, size, path in rec.attachment_files),
            date_left_blank=rec.date_left_blank,
        )
        for trec in rec.tasks:
            if trec.lead not in units:
                continue
            task = Task(
                gid=f"{rec.id}/{trec.id}",
                id=trec.id,
                notice=notice,
                title=trec.title,
                lead=units[trec.lead],
                support=tuple(units[u] for u in trec.support if u in units),
                deadline=trec.due,
                supervisor=trec.supervisor,
                output=trec.output,
                ref=trec.ref,
            )
            notice.tasks.append(task)
            tasks[task.gid] = task
        notices.append(notice)
    return notices, tasks


def _updates(
    records: ContentRecords, tasks: dict[str, Task]
) -> dict[str, list[tuple[ReportRecord, UpdateRecord]]]:
    """Each published task's updates, in report order."""
    updates: dict[str, list[tuple[ReportRecord, UpdateRecord]]] = {}
    for report in sorted(records.reports, key=_report_order):
        for upd in report.updates:
            if upd.task in tasks:
                updates.setdefault(upd.task, []).append((report, upd))
    return updates


def _task_items(
    task: Task,
    units: dict[str, Unit],
    updates: list[tuple[ReportRecord, UpdateRecord]],
    as_of: date,
    due_soon_days: int,
    problems: Problems,
) -> list[TaskItem]:
    """The task's history from its reports, and its items with their status at ``as_of`` (the
    lead's reports replayed up to then: the same :func:`replay` the periodic reports use)."""
    for report, upd in updates:
        reporter = units.get(report.by)
        if reporter is None:
            continue
        is_lead = report.by == task.lead.id
        applied = report.date <= as_of
        entry = HistoryEntry(
            task=task,
            date=report.date,
            unit=reporter,
            state=upd.state,
            source_path=report.path,
            is_lead=is_lead,
            applied=applied and is_lead,
            percent=upd.percent,
            done_on=upd.done_on,
            new_due=upd.new_due,
            note=upd.note,
            reference=report.reference,
            occurrence=upd.occurrence,
        )
        task.history.append(entry)
        reporter.history.append(entry)
        if is_lead:
            task.lead_updates.append(entry)
        if not applied:
            problems.warning(
                report.path,
                upd.line,
                f"Báo cáo ngày {report.date:%d/%m/%Y} sau ngày tính trạng thái ({as_of:%d/%m/%Y}) nên chưa được áp dụng.",
                "Không cần sửa nếu báo cáo gửi trước; nếu nhầm ngày hãy sửa ngày báo cáo.",
            )
    items: list[TaskItem] = []
    for index, s in enumerate(replay(task, as_of)):
        if not counted_at(task, s, as_of):
            continue
        due = s.new_due or s.due
        status = resolve_status(due, s.state, s.done_on, as_of)
        item = TaskItem(  # positional, in field order: task, index, start, original_due, due, status,
            # extended, done_on, percent, days_overdue, due_soon, note
            task,
            index,
            s.start,
            s.due,
            due,
            status,
            s.new_due is not None,
            s.done_on if status.startswith("done") else None,
            s.percent,
            days_overdue(due, as_of) if status == "overdue" else 0,
            is_due_soon(status, due, as_of, due_soon_days),
            s.note,
        )
        task.items.append(item)
        items.append(item)
    return items


def _fill_units(units: dict[str, Unit], tasks: dict[str, Task], items: list[TaskItem], as_of: date) -> None:
    """Each unit's counts by status, the items it leads and supports, its history; sorts ``items``."""
    for item in items:  # in task order: the order of each unit's counts keys
        lead = item.task.lead
        lead.counts[item.status] = lead.counts.get(item.status, 0) + 1
        if counts_as_due(item.status, item.due, as_of):
            lead.counts["_due"] = lead.counts.get("_due", 0) + 1
    # Sort keys are unique (gid, index), so sorting once and distributing in that order gives
    # every unit's lists already sorted.
    items.sort(key=_item_order)
    for item in items:
        task = item.task
        task.lead.led.append(item)
        for unit in task.support:
            unit.supported.append(item)
    for unit in units.values():
        for status in (*STATUSES, "_due"):
            unit.counts.setdefault(status, 0)
        unit.history.sort(key=lambda h: (h.date, h.source_path), reverse=True)
    for task in tasks.values():
        if len(task.history) > 1:
            task.history.sort(key=lambda h: (h.date, h.source_path))


def _months(items: list[TaskItem], as_of: date) -> list[Month]:
    """The calendar months with a deadline, and the as-of month, in order."""
    months: dict[tuple[int, int], Month] = {(as_of.year, as_of.month): Month(as_of.year, as_of.month)}
    for item in items:
        if item.due is not None:
            key = (item.due.year, item.due.month)
            month = months.get(key)
            if month is None:  # not setdefault: that would make a Month for every item
                month = months[key] = Month(*key)
            month.items.append(item)
    return [months[k] for k in sorted(months)]
