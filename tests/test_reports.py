"""Periodic reports (CONTENT_FORMAT §7): the counting rules at several report dates, the pages,
the .docx/.xlsx documents (read back through LibreOffice), bao-cao.json and the progress charts."""

from __future__ import annotations

import importlib
import io
import json
import sys
import re
import zipfile
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import build, make_project, notice

from noticeboard.model.build import build_site
from noticeboard.model.reports import build_reports, period_of, site_periods
from noticeboard.pipeline import load_site

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "build_tools"))

AS_OF = "2026-09-15"

# One notice of January with a task per rule, a recurring task from February, and three
# hidden notices whose tasks would change every count if they leaked.
FILES = {
    "notices/2026/2026-01-10-a.md": notice("""
        kind: thong-bao
        issuer: ubnd-xa
        date: 2026-01-10
        title: Giao nhiệm vụ quý I
        tasks:
          - {id: t1, title: Xong đúng hạn, lead: van-hoa-xa-hoi, due: 2026-02-20}
          - {id: t2, title: Xong muộn báo sau kỳ, lead: van-phong, due: 2026-03-15}
          - {id: t3, title: Gia hạn sau kỳ, lead: kinh-te, due: 2026-03-31}
          - {id: t4, title: Thường xuyên, lead: van-hoa-xa-hoi, due: thường xuyên}
          - {id: t5, title: Dừng thực hiện, lead: kinh-te, due: 2026-06-30}
          - {id: t6, title: Phối hợp báo xong, lead: van-phong, support: [kinh-te], due: 2026-02-10}
        """),
    "notices/2026/2026-02-01-b.md": notice("""
        kind: ke-hoach
        issuer: ubnd-xa
        date: 2026-02-01
        title: Báo cáo hằng tháng
        tasks:
          - {id: r1, title: Báo cáo tháng, lead: van-phong, due: hằng tháng}
        """),
    "notices/2026/2026-03-01-nhap.md": notice("""
        kind: thong-bao
        issuer: ubnd-xa
        date: 2026-03-01
        status: draft
        title: BẢN NHÁP KHÔNG ĐƯỢC LỘ
        tasks:
          - {id: x, title: NHIEMVUNHAP, lead: kinh-te, due: 2026-03-10}
        """),
    "notices/2026/2026-03-02-mat.md": notice("""
        kind: thong-bao
        issuer: ubnd-xa
        date: 2026-03-02
        status: confidential
        title: VĂN BẢN MẬT KHÔNG ĐƯỢC LỘ
        tasks:
          - {id: x, title: NHIEMVUMAT, lead: kinh-te, due: 2026-03-10}
        """),
    "notices/2026/2026-03-03-hoan.md": notice("""
        kind: thong-bao
        issuer: ubnd-xa
        date: 2026-03-03
        publish_on: 2026-12-01
        title: CHƯA ĐẾN NGÀY CÔNG BỐ
        tasks:
          - {id: x, title: NHIEMVUHOAN, lead: kinh-te, due: 2026-03-10}
        """),
    "progress/van-hoa-xa-hoi/2026-02-19.yml": """\
        by: van-hoa-xa-hoi
        updates:
          - {task: 2026-01-10-a/t1, state: done, done_on: 2026-02-18}
        """,
    "progress/van-phong/2026-04-10.yml": """\
        by: van-phong
        updates:
          - {task: 2026-01-10-a/t2, state: done, done_on: 2026-04-05}
        """,
    "progress/kinh-te/2026-04-05.yml": """\
        by: kinh-te
        updates:
          - {task: 2026-01-10-a/t3, state: extended, new_due: 2026-05-31}
        """,
    "progress/kinh-te/2026-05-01.yml": """\
        by: kinh-te
        updates:
          - {task: 2026-01-10-a/t5, state: cancelled, note: Không còn cần thiết}
        """,
    "progress/kinh-te/2026-02-05.yml": """\
        by: kinh-te
        updates:
          - {task: 2026-01-10-a/t6, state: done, done_on: 2026-02-05, note: Đơn vị phối hợp đã xong phần việc}
        """,
    "progress/van-phong/2026-02-27.yml": """\
        by: van-phong
        updates:
          - {task: 2026-02-01-b/r1, state: done, done_on: 2026-02-27}
        """,
}

S = ("done_on_time", "done_late", "in_progress", "overdue", "ongoing", "cancelled")


def c(**kw: int) -> dict[str, int]:
    return {s: kw.get(s, 0) for s in S}


# period: (assigned per unit, due per unit, overdue list as [(task id, due, days overdue)])
EXPECTED = {
    # January: only t1..t6 assigned; nothing due by 31/01.
    "2026-01": (
        {"van-hoa-xa-hoi": c(in_progress=1, ongoing=1), "van-phong": c(in_progress=2), "kinh-te": c(in_progress=2)},
        {},
        [],
    ),
    # February: t1 done on time (report 19/02); t6 overdue (the supporting unit's "done" changes nothing);
    # r1's February occurrence done on time; a recurring task is assigned per occurrence due in the month.
    "2026-02": (
        {"van-phong": c(done_on_time=1)},
        {"van-hoa-xa-hoi": c(done_on_time=1), "van-phong": c(done_on_time=1, overdue=1)},
        [("2026-01-10-a/t6", "2026-02-10", 18)],
    ),
    # Q1 at 31/03: t2 still overdue (its "done" report is dated 10/04, after R); t3 due 31/03 = R, in
    # progress (the extension is dated 05/04, after R); r1: February done, March due today.
    "2026-q1": (
        {"van-hoa-xa-hoi": c(done_on_time=1, ongoing=1), "van-phong": c(overdue=2, done_on_time=1, in_progress=1),
         "kinh-te": c(in_progress=2)},
        {"van-hoa-xa-hoi": c(done_on_time=1), "van-phong": c(overdue=2, done_on_time=1, in_progress=1),
         "kinh-te": c(in_progress=1)},
        [("2026-01-10-a/t6", "2026-02-10", 49), ("2026-01-10-a/t2", "2026-03-15", 16)],
    ),
    # Q2 at 30/06: t2 done late; t3's due moved to 31/05 and is overdue in Q2 (no longer in Q1's
    # list of dues); t5 cancelled; r1's April and May overdue, June due today.
    "2026-q2": (
        {"van-phong": c(overdue=2, in_progress=1)},
        {"kinh-te": c(overdue=1, cancelled=1), "van-phong": c(overdue=2, in_progress=1)},
        [("2026-01-10-a/t6", "2026-02-10", 140), ("2026-02-01-b/r1", "2026-03-31", 91), ("2026-02-01-b/r1", "2026-04-30", 61),
         ("2026-01-10-a/t3", "2026-05-31", 30), ("2026-02-01-b/r1", "2026-05-31", 30)],
    ),
    # The current quarter stops at the as-of date: July and August occurrences overdue, September's
    # has started and is in progress; October's has not started and is not counted.
    "2026-q3": (
        {"van-phong": c(overdue=2, in_progress=1)},
        {"van-phong": c(overdue=2)},
        [("2026-01-10-a/t6", "2026-02-10", 217), ("2026-02-01-b/r1", "2026-03-31", 168), ("2026-02-01-b/r1", "2026-04-30", 138),
         ("2026-01-10-a/t3", "2026-05-31", 107), ("2026-02-01-b/r1", "2026-05-31", 107), ("2026-02-01-b/r1", "2026-06-30", 77),
         ("2026-02-01-b/r1", "2026-07-31", 46), ("2026-02-01-b/r1", "2026-08-31", 15)],
    ),
    # The year at 15/09: every task assigned this year, t2 late, t3 overdue at its extended due.
    "2026": (
        {"van-hoa-xa-hoi": c(done_on_time=1, ongoing=1), "van-phong": c(done_late=1, overdue=7, done_on_time=1, in_progress=1),
         "kinh-te": c(overdue=1, cancelled=1)},
        {"van-hoa-xa-hoi": c(done_on_time=1), "van-phong": c(done_late=1, overdue=7, done_on_time=1),
         "kinh-te": c(overdue=1, cancelled=1)},
        None,  # same list as Q3 (same report date)
    ),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("reports"), FILES, as_of=AS_OF)


@pytest.fixture(scope="module")
def reports(project: Path):
    result = load_site(project / "content", date.fromisoformat(AS_OF))
    assert not result.problems.errors, result.problems.report()
    return build_reports(result.site)


@pytest.fixture(scope="module")
def site_dir(project: Path) -> Path:
    return build(project)


def _by_unit(block) -> dict[str, dict[str, int]]:
    return {row.unit.id: row.counts for row in block.rows}


@pytest.mark.parametrize("key", list(EXPECTED))
def test_counts_at_report_date(reports, key: str) -> None:
    assigned, due, overdue = EXPECTED[key]
    report = reports.by_key[key]
    assert _by_unit(report.assigned) == assigned
    assert _by_unit(report.due) == due
    for block in (report.assigned, report.due):
        assert block.total.counts == {s: sum(row.counts[s] for row in block.rows) for s in S}
    if overdue is not None:
        assert [(o.gid, o.due.isoformat(), o.days_overdue) for o in report.overdue] == overdue
        assert report.overdue_total == len(overdue)


def test_periods_published(reports) -> None:
    keys = [r.period.key for r in reports.periods]
    # The first published notice is of January 2026 (the hidden ones start no period); months of
    # the as-of year and the one before, only those started by 15/09/2026.
    assert keys == ["2026", "2026-h1", "2026-q1", "2026-01", "2026-02", "2026-03", "2026-q2", "2026-04", "2026-05",
                    "2026-06", "2026-h2", "2026-q3", "2026-07", "2026-08", "2026-09"]
    assert reports.by_key["2026-09"].report_date == date(2026, 9, 15)
    assert reports.by_key["2026-h1"].report_date == date(2026, 6, 30)


def test_site_periods_grammar() -> None:
    periods = site_periods(date(2024, 11, 3), date(2026, 2, 1))
    keys = {p.key for p in periods}
    assert {"2024", "2024-h2", "2024-q4", "2025", "2025-h1", "2025-q4", "2026", "2026-h1", "2026-q1"} <= keys
    assert "2024-h1" not in keys and "2024-q3" not in keys and "2026-q2" not in keys
    months = sorted(k for k in keys if re.fullmatch(r"\d{4}-\d{2}", k))
    assert months == [f"2025-{m:02d}" for m in range(1, 13)] + ["2026-01", "2026-02"]  # not 2024's: two years only
    assert period_of("half", date(2026, 7, 1)).label == "6 tháng cuối năm 2026"
    assert period_of("quarter", date(2026, 5, 5)).label == "Quý II/2026"
    assert period_of("month", date(2026, 2, 28)).end == date(2026, 2, 28)


def _site_at(records, r: date):
    """The model built afresh at ``r`` from the reports dated on or before ``r`` only: what the
    report of a period must agree with (another code path than the spans)."""
    from dataclasses import replace

    kept = [rep for rep in records.reports if rep.date <= r]
    return build_site(replace(records, reports=kept), r)


def _assert_agrees(reports, records) -> None:
    for report in reports.periods:
        period, r = report.period, report.report_date
        at_r = _site_at(records, r)
        assigned: dict[str, dict[str, int]] = {}
        due: dict[str, dict[str, int]] = {}
        overdue = []
        for item in at_r.items:
            task = item.task
            recurring = task.deadline is not None and task.deadline.recurring
            when = item.original_due if recurring else task.notice.date
            if when is not None and period.start <= when <= period.end:
                assigned.setdefault(task.lead.id, dict.fromkeys(S, 0))[item.status] += 1
            if item.due is not None and period.start <= item.due <= min(period.end, r):
                due.setdefault(task.lead.id, dict.fromkeys(S, 0))[item.status] += 1
            if item.status == "overdue":
                overdue.append((item.gid, item.index, item.days_overdue))
        assert _by_unit(report.assigned) == assigned, period.key
        assert _by_unit(report.due) == due, period.key
        assert report.overdue_total == len(overdue), period.key
        shown = {(o.gid, o.item.index, o.days_overdue) for o in report.overdue}
        assert shown <= set(overdue), period.key


def test_reports_agree_with_model_rebuilt_at_each_report_date(project: Path) -> None:
    result = load_site(project / "content", date.fromisoformat(AS_OF))
    _assert_agrees(build_reports(result.site), result.records)


@pytest.mark.slow
def test_reports_agree_on_generated_corpus(tmp_path: Path) -> None:
    """Two years of a generated commune (recurring tasks, extensions, reports after the as-of
    date): every block and overdue count of every period equals the model rebuilt at its date."""
    gen_corpus = importlib.import_module("gen_corpus")
    gen_corpus.generate(tmp_path, notices=150, units=10, reports=600, years=2, start_year=2025)
    result = load_site(tmp_path / "content", date(2026, 10, 20))
    assert not result.problems.errors
    reports = build_reports(result.site, overdue_limit=10**6)
    assert sum(r.overdue_total for r in reports.periods) > 100  # the check has something to compare
    _assert_agrees(reports, result.records)
