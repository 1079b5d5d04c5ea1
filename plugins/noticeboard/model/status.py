"""Status of a task occurrence at the as-of date (CONTENT_FORMAT section 5).

Pure functions, no MkDocs import.
"""

from __future__ import annotations

from datetime import date

DONE_ON_TIME = "done_on_time"
DONE_LATE = "done_late"
IN_PROGRESS = "in_progress"
OVERDUE = "overdue"
ONGOING = "ongoing"
CANCELLED = "cancelled"

#: Display order: the official report order, then the two that are not "due".
STATUSES = (DONE_ON_TIME, DONE_LATE, IN_PROGRESS, OVERDUE, ONGOING, CANCELLED)

LABELS = {
    DONE_ON_TIME: "Hoàn thành đúng hạn",
    DONE_LATE: "Hoàn thành quá hạn",
    IN_PROGRESS: "Chưa hoàn thành, trong hạn",
    OVERDUE: "Chưa hoàn thành, quá hạn",
    ONGOING: "Thường xuyên",
    CANCELLED: "Dừng thực hiện",
}

SHORT_LABELS = {
    DONE_ON_TIME: "Đúng hạn",
    DONE_LATE: "Xong quá hạn",
    IN_PROGRESS: "Trong hạn",
    OVERDUE: "Quá hạn",
    ONGOING: "Thường xuyên",
    CANCELLED: "Dừng",
}

#: Report states a lead unit may file.
STATES = ("in_progress", "done", "cancelled", "extended")


def resolve_status(due: date | None, state: str | None, done_on: date | None, as_of: date) -> str:
    """Return the status key of one occurrence.

    ``state`` is the latest applied report state of the lead (None when no
    report); ``due`` already includes any extension.
    """
    if state == "cancelled":
        return CANCELLED
    if state == "done" and done_on is not None:
        if due is None or done_on <= due:
            return DONE_ON_TIME
        return DONE_LATE
    if due is None:
        return ONGOING
    if as_of <= due:
        return IN_PROGRESS
    return OVERDUE


def days_overdue(due: date | None, as_of: date) -> int:
    """Whole days past the due date (0 when not past)."""
    if due is None or as_of <= due:
        return 0
    return (as_of - due).days


def is_due_soon(status: str, due: date | None, as_of: date, window_days: int) -> bool:
    """In progress and due within ``window_days`` days of the as-of date."""
    return status == IN_PROGRESS and due is not None and (due - as_of).days <= window_days


def counts_as_due(status: str, due: date | None, as_of: date) -> bool:
    """Part of "nhiệm vụ đến hạn": due by the as-of date, or already done.

    Official reports count, of the tasks that have fallen due, how many are done
    (on time / late) and not done (in time / overdue). A task finished before
    its deadline is counted as done too, so early work is not hidden.
    """
    if status in (DONE_ON_TIME, DONE_LATE):
        return True
    if status == CANCELLED or due is None:
        return False
    return due <= as_of
