"""Section 5: every status row, at its boundaries."""

from datetime import date

import pytest

from noticeboard.model.status import (
    LABELS,
    counts_as_due,
    days_overdue,
    is_due_soon,
    resolve_status,
)

D = date


@pytest.mark.parametrize(
    ("due", "state", "done_on", "as_of", "expected"),
    [
        # done_on_time: done, done_on <= due (boundary: done on the due day)
        (D(2026, 4, 25), "done", D(2026, 4, 25), D(2026, 5, 1), "done_on_time"),
        (D(2026, 4, 25), "done", D(2026, 4, 1), D(2026, 4, 2), "done_on_time"),
        # done_late: one day after
        (D(2026, 4, 25), "done", D(2026, 4, 26), D(2026, 5, 1), "done_late"),
        # in_progress: not done, as_of <= due (due today is still in time)
        (D(2026, 4, 25), None, None, D(2026, 4, 25), "in_progress"),
        (D(2026, 4, 25), "in_progress", None, D(2026, 4, 1), "in_progress"),
        (D(2026, 4, 25), "extended", None, D(2026, 4, 1), "in_progress"),
        # overdue: the day after the due day
        (D(2026, 4, 25), None, None, D(2026, 4, 26), "overdue"),
        (D(2026, 4, 25), "in_progress", None, D(2027, 1, 1), "overdue"),
        # ongoing: no due, not done
        (None, None, None, D(2026, 4, 26), "ongoing"),
        (None, "in_progress", None, D(2026, 4, 26), "ongoing"),
        # done without a due counts as on time
        (None, "done", D(2026, 4, 2), D(2026, 4, 26), "done_on_time"),
        # cancelled wins whatever the dates
        (D(2026, 4, 25), "cancelled", None, D(2026, 5, 1), "cancelled"),
        (None, "cancelled", None, D(2026, 5, 1), "cancelled"),
    ],
)
def test_resolve_status(due, state, done_on, as_of, expected):
    assert resolve_status(due, state, done_on, as_of) == expected


def test_labels_are_the_official_wording():
    assert LABELS == {
        "done_on_time": "Hoàn thành đúng hạn",
        "done_late": "Hoàn thành quá hạn",
        "in_progress": "Chưa hoàn thành, trong hạn",
        "overdue": "Chưa hoàn thành, quá hạn",
        "ongoing": "Thường xuyên",
        "cancelled": "Dừng thực hiện",
    }


@pytest.mark.parametrize(
    ("due", "as_of", "days"),
    [
        (D(2026, 4, 25), D(2026, 4, 25), 0),
        (D(2026, 4, 25), D(2026, 4, 26), 1),
        (D(2026, 4, 25), D(2026, 5, 25), 30),
        (None, D(2026, 1, 1), 0),
    ],
)
def test_days_overdue(due, as_of, days):
    assert days_overdue(due, as_of) == days


@pytest.mark.parametrize(
    ("status", "due", "expected"),
    [
        ("in_progress", D(2026, 5, 8), True),  # exactly 7 days ahead
        ("in_progress", D(2026, 5, 9), False),  # 8 days ahead
        ("in_progress", D(2026, 5, 1), True),  # due today
        ("overdue", D(2026, 4, 30), False),
        ("done_on_time", D(2026, 5, 2), False),
    ],
)
def test_due_soon(status, due, expected):
    assert is_due_soon(status, due, D(2026, 5, 1), 7) is expected


@pytest.mark.parametrize(
    ("status", "due", "expected"),
    [
        ("done_on_time", D(2026, 6, 1), True),  # done early still counts among tasks that fell due
        ("done_late", D(2026, 4, 1), True),
        ("in_progress", D(2026, 5, 1), True),  # due today, not done yet: "chưa hoàn thành trong hạn"
        ("in_progress", D(2026, 5, 2), False),
        ("overdue", D(2026, 4, 1), True),
        ("ongoing", None, False),
        ("cancelled", D(2026, 4, 1), False),
    ],
)
def test_counts_as_due(status, due, expected):
    assert counts_as_due(status, due, D(2026, 5, 1)) is expected
