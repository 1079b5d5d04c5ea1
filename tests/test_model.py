"""The built model: how reports move statuses (extensions, recurring occurrences, who may change state)."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import UNITS_YML, notice, write_tree
from noticeboard.pipeline import load_site

NOTICE = "notices/2026/2026-04-10-tb.md"


def site_with(tmp_path, due: str, reports: dict[str, str], as_of: date, extra_tasks: str = ""):
    text = notice(
        f"""
        kind: thong-bao
        issuer: ubnd-xa
        date: 2026-04-10
        title: Thông báo thử
        tasks:
          - id: viec
            title: Việc cần làm
            lead: van-hoa-xa-hoi
            support: [van-phong]
            due: {due}
        {extra_tasks}
        """
    )
    write_tree(tmp_path / "content", {"units.yml": UNITS_YML, NOTICE: text, **reports})
    result = load_site(tmp_path / "content", as_of)
    assert result.problems.errors == [], [p.format() for p in result.problems.errors]
    return result.site


def report(unit: str, day: str, body: str) -> dict[str, str]:
    return {f"progress/{unit}/{day}.yml": f"by: {unit}\nupdates:\n" + body}


def items(site):
    return site.tasks_by_gid["2026-04-10-tb/viec"].items


def test_extended_then_done_before_new_due_is_on_time(tmp_path):
    reports = {
        **report(
            "van-hoa-xa-hoi",
            "2026-04-20",
            "  - task: 2026-04-10-tb/viec\n    state: extended\n    new_due: 15/5/2026\n",
        ),
        **report(
            "van-hoa-xa-hoi",
            "2026-05-10",
            "  - task: 2026-04-10-tb/viec\n    state: done\n    done_on: 2026-05-09\n",
        ),
    }
    (item,) = items(site_with(tmp_path, "25/4/2026", reports, date(2026, 6, 1)))
    assert item.status == "done_on_time"
    assert item.original_due == date(2026, 4, 25) and item.due == date(2026, 5, 15) and item.extended


def test_extended_then_done_after_new_due_is_late(tmp_path):
    reports = {
        **report(
            "van-hoa-xa-hoi",
            "2026-04-20",
            "  - task: 2026-04-10-tb/viec\n    state: extended\n    new_due: 15/5/2026\n",
        ),
        **report(
            "van-hoa-xa-hoi",
            "2026-05-20",
            "  - task: 2026-04-10-tb/viec\n    state: done\n    done_on: 2026-05-16\n",
        ),
    }
    (item,) = items(site_with(tmp_path, "25/4/2026", reports, date(2026, 6, 1)))
    assert item.status == "done_late"


def test_extension_keeps_task_in_time(tmp_path):
    reports = report(
        "van-hoa-xa-hoi",
        "2026-04-20",
        "  - task: 2026-04-10-tb/viec\n    state: extended\n    new_due: tháng 5/2026\n",
    )
    (item,) = items(site_with(tmp_path, "25/4/2026", reports, date(2026, 5, 31)))
    assert item.status == "in_progress" and item.due == date(2026, 5, 31)
    (item,) = items(site_with(tmp_path / "b", "25/4/2026", reports, date(2026, 6, 1)))
    assert item.status == "overdue" and item.days_overdue == 1


def test_supporting_unit_cannot_change_state(tmp_path):
    reports = report(
        "van-phong", "2026-04-20", "  - task: 2026-04-10-tb/viec\n    state: done\n    done_on: 2026-04-20\n"
    )
    site = site_with(tmp_path, "25/4/2026", reports, date(2026, 5, 1))
    (item,) = items(site)
    assert item.status == "overdue"
    (entry,) = site.tasks_by_gid["2026-04-10-tb/viec"].history
    assert not entry.is_lead and not entry.applied
    assert entry in site.units_by_id["van-phong"].history


def test_latest_report_wins(tmp_path):
    reports = {
        **report(
            "van-hoa-xa-hoi",
            "2026-04-20",
            "  - task: 2026-04-10-tb/viec\n    state: done\n    done_on: 2026-04-20\n",
        ),
        **report(
            "van-hoa-xa-hoi",
            "2026-04-22",
            "  - task: 2026-04-10-tb/viec\n    state: in_progress\n    percent: 80\n    note: Mở lại\n",
        ),
    }
    (item,) = items(site_with(tmp_path, "25/4/2026", reports, date(2026, 4, 23)))
    assert item.status == "in_progress" and item.percent == 80 and item.done_on is None


def test_two_reports_on_one_day_keep_file_order(tmp_path):
    reports = {
        **report(
            "van-hoa-xa-hoi",
            "2026-04-20",
            "  - task: 2026-04-10-tb/viec\n    state: in_progress\n    percent: 10\n",
        ),
        **report(
            "van-hoa-xa-hoi",
            "2026-04-20-2",
            "  - task: 2026-04-10-tb/viec\n    state: in_progress\n    percent: 50\n",
        ),
    }
    (item,) = items(site_with(tmp_path, "25/4/2026", reports, date(2026, 4, 23)))
    assert item.percent == 50


def test_cancelled(tmp_path):
    reports = report("van-hoa-xa-hoi", "2026-04-20", "  - task: 2026-04-10-tb/viec\n    state: cancelled\n")
    (item,) = items(site_with(tmp_path, "25/4/2026", reports, date(2026, 5, 1)))
    assert item.status == "cancelled"


def test_report_after_as_of_not_applied(tmp_path):
    reports = report(
        "van-hoa-xa-hoi",
        "2026-04-30",
        "  - task: 2026-04-10-tb/viec\n    state: done\n    done_on: 2026-04-24\n",
    )
    (item,) = items(site_with(tmp_path, "25/4/2026", reports, date(2026, 4, 26)))
    assert item.status == "overdue"
    (item,) = items(site_with(tmp_path / "b", "25/4/2026", reports, date(2026, 4, 30)))
    assert item.status == "done_on_time"


def test_recurring_across_years_counts_started_periods(tmp_path):
    due = "{every: quarter, from: Q2/2026, until: Q1/2027}"
    site = site_with(tmp_path, due, {}, date(2027, 1, 1))
    got = [(i.due, i.status) for i in items(site)]
    assert got == [
        (date(2026, 6, 30), "overdue"),
        (date(2026, 9, 30), "overdue"),
        (date(2026, 12, 31), "overdue"),
        (date(2027, 3, 31), "in_progress"),  # Q1/2027 started on 1/1/2027
    ]
    assert [i.due for i in items(site_with(tmp_path / "b", due, {}, date(2026, 12, 31)))][-1] == date(
        2026, 12, 31
    )


def test_recurring_reports_fill_the_oldest_open_occurrence(tmp_path):
    due = "hằng quý"
    reports = {
        **report(
            "van-hoa-xa-hoi",
            "2026-06-25",
            "  - task: 2026-04-10-tb/viec\n    state: done\n    done_on: 2026-06-25\n",
        ),
        **report(
            "van-hoa-xa-hoi",
            "2026-10-05",
            "  - task: 2026-04-10-tb/viec\n    state: done\n    done_on: 2026-10-05\n",
        ),
    }
    site = site_with(tmp_path, due, reports, date(2026, 10, 10))
    got = [(i.due, i.status) for i in items(site)]
    assert got == [
        (date(2026, 6, 30), "done_on_time"),
        (date(2026, 9, 30), "done_late"),  # the Q3 report came in October
        (date(2026, 12, 31), "in_progress"),
    ]


def test_recurring_report_may_name_its_occurrence(tmp_path):
    reports = report(
        "van-hoa-xa-hoi",
        "2026-10-05",
        "  - task: 2026-04-10-tb/viec\n    state: done\n    done_on: 2026-10-05\n    occurrence: 2026-12-31\n",
    )
    site = site_with(tmp_path, "hằng quý", reports, date(2026, 10, 10))
    assert [i.status for i in items(site)] == ["overdue", "overdue", "done_on_time"]


def test_unit_counts_and_rate(tmp_path):
    extra = """
          - id: hai
            title: Việc hai
            lead: van-hoa-xa-hoi
            due: 20/4/2026
          - id: ba
            title: Việc ba
            lead: van-hoa-xa-hoi
            due: 30/6/2026
          - id: bon
            title: Việc bốn
            lead: van-hoa-xa-hoi
    """
    reports = report(
        "van-hoa-xa-hoi",
        "2026-04-20",
        "  - task: 2026-04-10-tb/viec\n    state: done\n    done_on: 2026-04-19\n",
    )
    site = site_with(tmp_path, "25/4/2026", reports, date(2026, 5, 1), extra_tasks=extra)
    unit = site.units_by_id["van-hoa-xa-hoi"]
    assert unit.counts["done_on_time"] == 1
    assert unit.counts["overdue"] == 1
    assert unit.counts["in_progress"] == 1
    assert unit.counts["ongoing"] == 1
    assert unit.due_total == 2  # done + overdue; the June task has not fallen due, the ongoing one never does
    assert unit.on_time_rate == pytest.approx(0.5)
    assert site.units_by_id["van-phong"].counts["done_on_time"] == 0  # supporting does not count
    assert len(site.units_by_id["van-phong"].supported) == 1
