"""Periodic reports (CONTENT_FORMAT section 7) and progress over time. No MkDocs import.

A report of a period is the model evaluated at its report date R (the period's last day, or
the as-of date if that is earlier) with only the lead's progress reports dated on or before R.
The states come from :func:`noticeboard.model.build.replay`, the code that gives the site its
statuses, run at each date a lead reported on the task; between two such dates only the due
date can move an item from "trong hạn" to "quá hạn", so each item's statuses over time are a
few spans of dates (:class:`Span`) and every report date reads them instead of rebuilding the
model.
"""

from __future__ import annotations

import bisect
import weakref
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from .build import counted_at, replay
from .site import Site, Task, TaskItem, Unit
from .status import IN_PROGRESS, OVERDUE, STATUSES, counts_as_due, resolve_status

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
KIND_ORDER = {"year": 0, "half": 1, "quarter": 2, "month": 3}
ONE_DAY = timedelta(days=1)
PROGRESS_MONTHS = 12
# Past this many overdue items a report lists the longest overdue only (README: a generated
# five-year archive has ~10,000 at every date; listing them all made ~60 pages of 2-3 MB each).
OVERDUE_LIMIT = 500


@dataclass(frozen=True)
class Period:
    """A year ``YYYY``, a half ``YYYY-h1``, a quarter ``YYYY-q2`` or a month ``YYYY-MM``."""

    key: str
    kind: str
    start: date
    end: date

    @property
    def url(self) -> str:
        return f"bao-cao/{self.key}/"

    @property
    def label(self) -> str:
        """The period as an official report names it ("Quý II/2026", "6 tháng đầu năm 2026")."""
        year = self.start.year
        if self.kind == "year":
            return f"Năm {year}"
        if self.kind == "half":
            return f"6 tháng {'đầu' if self.start.month == 1 else 'cuối'} năm {year}"
        if self.kind == "quarter":
            return f"Quý {ROMAN[(self.start.month - 1) // 3 + 1]}/{year}"
        return f"Tháng {self.start.month:02d}/{year}"

    def report_date(self, as_of: date) -> date:
        """R of section 7: the period's last day, or the as-of date if that is earlier."""
        return min(self.end, as_of)


def _month_end(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1)) - ONE_DAY


def period_of(kind: str, day: date) -> Period:
    """The period of ``kind`` that contains ``day``."""
    y, m = day.year, day.month
    if kind == "year":
        return Period(str(y), kind, date(y, 1, 1), date(y, 12, 31))
    if kind == "half":
        first = 1 if m <= 6 else 7
        return Period(f"{y}-h{1 if first == 1 else 2}", kind, date(y, first, 1), _month_end(y, first + 5))
    if kind == "quarter":
        q = (m - 1) // 3 + 1
        return Period(f"{y}-q{q}", kind, date(y, 3 * q - 2, 1), _month_end(y, 3 * q))
    return Period(f"{y}-{m:02d}", kind, date(y, m, 1), _month_end(y, m))


def _following(period: Period) -> Period:
    return period_of(period.kind, period.end + ONE_DAY)


def site_periods(first: date, as_of: date) -> list[Period]:
    """Every year, half and quarter started by ``as_of`` from the one holding ``first`` on, and every
    month of the as-of year and the year before (section 7); oldest first, a year before its parts."""
    periods: list[Period] = []
    for kind in ("year", "half", "quarter", "month"):
        start = first if kind != "month" else max(first, date(as_of.year - 1, 1, 1))
        if start > as_of:
            continue
        period = period_of(kind, start)
        while period.start <= as_of:
            periods.append(period)
            period = _following(period)
    periods.sort(key=lambda p: (p.start, KIND_ORDER[p.kind]))
    return periods


def published_periods(site: Site) -> list[Period]:
    """The periods the site publishes a report for: from the first published notice's to the as-of
    date (no notice, no report). Known without counting, so that the pages and files can be named
    before any figure is computed."""
    first = min((n.date for n in site.notices), default=None)
    return site_periods(first, site.as_of) if first is not None and first <= site.as_of else []


class Span(NamedTuple):
    """An item's status for every report date from ``lo`` to ``hi`` (inclusive). A tuple: a
    five-year archive makes ~20,000 of them each build."""

    lo: date
    hi: date
    status: str
    due: date | None
    done_on: date | None


class Timeline(NamedTuple):
    """One task item's statuses over time (items of recurring tasks exist from their period's start)."""

    item: TaskItem
    spans: list[Span]

    def at(self, when: date) -> Span | None:
        """The span holding report date ``when`` (None before the item exists)."""
        for span in self.spans:
            if span.lo <= when <= span.hi:
                return span
        return None


def item_timelines(site: Site) -> list[Timeline]:
    """Every item of the site with its spans, from its start to the as-of date."""
    timelines: list[Timeline] = []
    as_of = site.as_of
    for task in site.tasks:
        dates = sorted({e.date for e in task.lead_updates if e.date <= as_of})
        if not dates:  # no report of the lead: the states replay() starts from, item by item
            timelines += (_unreported(task, item, as_of) for item in task.items)
            continue
        segments = [(date.min, replay(task, date.min))] + [(d, replay(task, d)) for d in dates]
        for item in task.items:
            spans: list[Span] = []
            for k, (since, states) in enumerate(segments):
                state = states[item.index]
                until = segments[k + 1][0] - ONE_DAY if k + 1 < len(segments) else as_of
                lo = since
                if state.start is not None and not counted_at(task, state, since):
                    lo = max(lo, state.start)
                if lo > until:
                    continue
                due = state.new_due or state.due
                status = resolve_status(due, state.state, state.done_on, lo)
                done_on = state.done_on if status.startswith("done") else None
                if status == IN_PROGRESS and due is not None and due < until:
                    spans.append(Span(lo, due, IN_PROGRESS, due, None))
                    spans.append(Span(due + ONE_DAY, until, OVERDUE, due, None))
                else:
                    spans.append(Span(lo, until, status, due, done_on))
            timelines.append(Timeline(item, spans))
    return timelines


def _unreported(task: Task, item: TaskItem, as_of: date) -> Timeline:
    recurring = task.deadline is not None and task.deadline.recurring
    lo = item.start if recurring and item.start is not None else date.min
    due = item.original_due
    if due is None:
        return Timeline(item, [Span(lo, as_of, resolve_status(None, None, None, lo), None, None)])
    if due < lo:
        return Timeline(item, [Span(lo, as_of, OVERDUE, due, None)])
    if due < as_of:
        return Timeline(
            item, [Span(lo, due, IN_PROGRESS, due, None), Span(due + ONE_DAY, as_of, OVERDUE, due, None)]
        )
    return Timeline(item, [Span(lo, as_of, IN_PROGRESS, due, None)])


@dataclass
class Row:
    """Counts by status of one lead unit (``unit`` None: the total row, ``data-unit="*"``)."""

    unit: Unit | None
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))

    @property
    def unit_id(self) -> str:
        return self.unit.id if self.unit is not None else "*"

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class Block:
    """A count block: one row per lead unit with an item in it (units.yml order), and the total."""

    key: str  # "assigned" | "due"
    rows: list[Row]
    total: Row


@dataclass(frozen=True)
class OverdueItem:
    item: TaskItem
    due: date
    days_overdue: int
    status: str = OVERDUE

    @property
    def gid(self) -> str:
        return self.item.gid


@dataclass
class PeriodReport:
    period: Period
    report_date: date
    assigned: Block
    due: Block
    overdue_total: int
    overdue: list[OverdueItem]  # the longest overdue first; all of them unless overdue_total is larger

    @property
    def url(self) -> str:
        return self.period.url

    @property
    def overdue_cut(self) -> bool:
        return self.overdue_total > len(self.overdue)


@dataclass(frozen=True)
class ProgressPoint:
    """A unit's (or the site's) figures at one month's report date."""

    period: Period
    report_date: date
    on_time: int
    due: int
    overdue: int

    @property
    def rate(self) -> float | None:
        return self.on_time / self.due if self.due else None


@dataclass
class Reports:
    as_of: date
    periods: list[PeriodReport]
    progress: dict[str, list[ProgressPoint]]  # unit id ("*" for the whole site): oldest month first

    def __post_init__(self) -> None:
        self.by_key = {r.period.key: r for r in self.periods}

    def current(self, kind: str) -> PeriodReport | None:
        """The report of the period of ``kind`` that holds the as-of date, if published."""
        return self.by_key.get(period_of(kind, self.as_of).key)


def _block(key: str, period: str, counts: dict[tuple[str, str], dict[str, int]], units: list[Unit]) -> Block:
    rows = [Row(unit, counts[period, unit.id]) for unit in units if (period, unit.id) in counts]
    total = Row(None)
    for row in rows:
        for status, n in row.counts.items():
            total.counts[status] += n
    return Block(key, rows, total)


def build_reports(
    site: Site, timelines: list[Timeline] | None = None, overdue_limit: int = OVERDUE_LIMIT
) -> Reports:
    """Every published period's report and the last 12 months' progress of every unit.

    A report lists its ``overdue_limit`` longest overdue items (all of them on a site of a
    commune's usual size) and counts all of them.
    """
    as_of = site.as_of
    timelines = item_timelines(site) if timelines is None else timelines
    periods = published_periods(site)
    by_key = {p.key: p for p in periods}
    containing: dict[date, list[tuple[str, date]]] = {}  # (period, R): a few thousand dates, asked often

    def _in(day: date | None) -> list[tuple[str, date]]:
        if day is None:
            return []
        found = containing.get(day)
        if found is None:
            found = containing[day] = [(p.key, p.report_date(as_of)) for p in _containing(day, by_key)]
        return found

    assigned: dict[tuple[str, str], dict[str, int]] = {}  # (period, lead unit): counts
    due_in: dict[tuple[str, str], dict[str, int]] = {}
    for item, spans in timelines:
        task = item.task
        recurring = task.deadline is not None and task.deadline.recurring
        lead = task.lead.id
        for key, r in _in(item.original_due if recurring else task.notice.date):
            for span in spans:
                if span.lo <= r <= span.hi:
                    counts = assigned.get((key, lead)) or assigned.setdefault(
                        (key, lead), dict.fromkeys(STATUSES, 0)
                    )
                    counts[span.status] += 1
                    break
        dues = {span.due for span in spans if span.due is not None}
        for d in dues:
            for key, r in _in(d):
                if d > r:
                    continue
                for span in spans:
                    if span.lo <= r <= span.hi:
                        if span.due == d:
                            counts = due_in.get((key, lead)) or due_in.setdefault(
                                (key, lead), dict.fromkeys(STATUSES, 0)
                            )
                            counts[span.status] += 1
                        break
    overdue = _overdue_lists(timelines, sorted({p.report_date(as_of) for p in periods}), overdue_limit)
    reports = [
        PeriodReport(
            p,
            p.report_date(as_of),
            _block("assigned", p.key, assigned, site.units),
            _block("due", p.key, due_in, site.units),
            *overdue[p.report_date(as_of)],
        )
        for p in periods
    ]
    return Reports(as_of, reports, progress_points(site, timelines))


def _containing(day: date, by_key: dict[str, Period]) -> list[Period]:
    y, m = day.year, day.month
    keys = (str(y), f"{y}-h{1 if m <= 6 else 2}", f"{y}-q{(m - 1) // 3 + 1}", f"{y}-{m:02d}")
    return [by_key[k] for k in keys if k in by_key]


def _overdue_lists(
    timelines: list[Timeline], dates: list[date], limit: int
) -> dict[date, tuple[int, list[OverdueItem]]]:
    """For each report date, how many items are overdue then and the ``limit`` longest overdue
    (longest first: earliest due, then by id)."""
    spans = sorted(
        (
            (span.due, tl.item.gid, tl.item.index, span, tl.item)
            for tl in timelines
            for span in tl.spans
            if span.status == OVERDUE and span.due is not None
        ),
        key=lambda entry: entry[:3],
    )
    counts = [0] * (len(dates) + 1)
    for entry in spans:
        span = entry[3]
        counts[bisect.bisect_left(dates, span.lo)] += 1
        counts[bisect.bisect_right(dates, span.hi)] -= 1
    out: dict[date, tuple[int, list[OverdueItem]]] = {}
    running = 0
    for i, r in enumerate(dates):
        running += counts[i]
        shown: list[OverdueItem] = []
        for due, _, _, span, item in spans:
            if len(shown) >= limit or due >= r:
                break
            if span.lo <= r <= span.hi:
                shown.append(OverdueItem(item, due, (r - due).days))
        out[r] = (running, shown)
    return out


def progress_dates(as_of: date, months: int = PROGRESS_MONTHS) -> list[Period]:
    """The last ``months`` months, the as-of month last."""
    out = [period_of("month", as_of)]
    while len(out) < months:
        out.insert(0, period_of("month", out[0].start - ONE_DAY))
    return out


def progress_points(site: Site, timelines: list[Timeline]) -> dict[str, list[ProgressPoint]]:
    """On-time count, due count and overdue count of every lead unit ("*": all) at each of the
    last 12 months' report dates, the rules of :func:`counts_as_due` at that date."""
    months = progress_dates(site.as_of)
    dates = [m.report_date(site.as_of) for m in months]
    n = len(dates)
    # Difference arrays over the dates: a span adds one to each date it covers.
    diff: dict[str, dict[str, list[int]]] = {}
    for tl in timelines:
        unit = tl.item.task.lead.id
        per = diff.get(unit)
        if per is None:
            per = diff[unit] = {k: [0] * (n + 1) for k in ("on_time", "due", "overdue")}
        for span in tl.spans:
            i0, i1 = bisect.bisect_left(dates, span.lo), bisect.bisect_right(dates, span.hi)
            if i0 >= i1:
                continue
            if span.status == "done_on_time":
                per["on_time"][i0] += 1
                per["on_time"][i1] -= 1
            if span.status == OVERDUE:
                per["overdue"][i0] += 1
                per["overdue"][i1] -= 1
            if counts_as_due(
                span.status, span.due, span.lo
            ):  # done or overdue: due at every date of the span
                per["due"][i0] += 1
                per["due"][i1] -= 1
            elif span.status == IN_PROGRESS and span.due in dates[i0:i1]:  # due on that very day
                j = dates.index(span.due, i0, i1)
                per["due"][j] += 1
                per["due"][j + 1] -= 1
    out: dict[str, list[ProgressPoint]] = {}
    total = {k: [0] * (n + 1) for k in ("on_time", "due", "overdue")}
    for each in site.units:
        per = diff.get(each.id, {k: [0] * (n + 1) for k in ("on_time", "due", "overdue")})
        for k, values in per.items():
            for i, v in enumerate(values):
                total[k][i] += v
        out[each.id] = _points(months, dates, per)
    out["*"] = _points(months, dates, total)
    return out


def _points(months: list[Period], dates: list[date], diff: dict[str, list[int]]) -> list[ProgressPoint]:
    running = dict.fromkeys(diff, 0)
    points = []
    for i, (month, r) in enumerate(zip(months, dates, strict=True)):
        for k in running:
            running[k] += diff[k][i]
        points.append(ProgressPoint(month, r, running["on_time"], running["due"], running["overdue"]))
    return points


_BUILT: weakref.WeakKeyDictionary[Site, Reports] = weakref.WeakKeyDictionary()
_TIMELINES: weakref.WeakKeyDictionary[Site, list[Timeline]] = weakref.WeakKeyDictionary()
_PROGRESS: weakref.WeakKeyDictionary[Site, dict[str, list[ProgressPoint]]] = weakref.WeakKeyDictionary()


def _timelines_for(site: Site) -> list[Timeline]:
    timelines = _TIMELINES.get(site)
    if timelines is None:
        timelines = _TIMELINES[site] = item_timelines(site)
    return timelines


def reports_for(site: Site) -> Reports:
    """The site's reports, built once per model: the pages, the documents and the open data of
    one build read the same figures."""
    reports = _BUILT.get(site)
    if reports is None:
        reports = _BUILT[site] = build_reports(site, _timelines_for(site))
        _TIMELINES.pop(site, None)
    return reports


def progress_for(site: Site) -> dict[str, list[ProgressPoint]]:
    """The 12 months' progress (``Reports.progress``) without counting every period's report: the
    home page's overview, rendered in the parent, needs only this (a fifth of the work)."""
    built = _BUILT.get(site)
    if built is not None:
        return built.progress
    progress = _PROGRESS.get(site)
    if progress is None:
        progress = _PROGRESS[site] = progress_points(site, _timelines_for(site))
    return progress
