"""What the reader-facing pages compute from the model (issue 23): summary counts, the units'
order on ``don-vi/``, the overview, fields. Pure functions, no MkDocs import."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..content.text import fold
from ..model.site import Notice, Site, Task, TaskItem, Unit
from ..model.status import IN_PROGRESS, OVERDUE, STATUSES

#: Vietnamese names of the common ``fields:`` slugs (lĩnh vực); ``field_names`` in mkdocs.yml
#: adds to or overrides them. An unknown slug is shown as itself, capitalised.
FIELD_NAMES = {
    "an-ninh": "An ninh, trật tự",
    "an-ninh-trat-tu": "An ninh, trật tự",
    "cai-cach-hanh-chinh": "Cải cách hành chính",
    "chuyen-doi-so": "Chuyển đổi số",
    "dan-toc": "Dân tộc",
    "dan-van": "Dân vận",
    "dat-dai": "Đất đai",
    "du-lich": "Du lịch",
    "giao-duc": "Giáo dục",
    "giao-thong": "Giao thông",
    "khoa-hoc-cong-nghe": "Khoa học, công nghệ",
    "kinh-te": "Kinh tế",
    "lao-dong": "Lao động, việc làm",
    "moi-truong": "Tài nguyên, môi trường",
    "nong-nghiep": "Nông nghiệp",
    "noi-vu": "Nội vụ",
    "phong-chong-thien-tai": "Phòng, chống thiên tai",
    "quoc-phong": "Quốc phòng",
    "tai-chinh": "Tài chính, ngân sách",
    "tai-nguyen-moi-truong": "Tài nguyên, môi trường",
    "thong-tin-truyen-thong": "Thông tin, truyền thông",
    "tu-phap": "Tư pháp",
    "tuyen-giao": "Tuyên giáo",
    "van-hoa": "Văn hoá",
    "xa-hoi": "Xã hội",
    "xay-dung": "Xây dựng",
    "xay-dung-dang": "Xây dựng Đảng",
    "y-te": "Y tế",
}


def count_items(items: Iterable[TaskItem]) -> dict[str, int]:
    """Items by status, every status present (zero where none)."""
    found = Counter(item.status for item in items)
    return {status: found.get(status, 0) for status in STATUSES}


def pending_dates(items: Iterable[TaskItem]) -> str:
    """``YYYY-MM-DD:n`` for the in-progress items of a count, by due date: what the browser needs
    to move each from "trong hạn" to "quá hạn" in the counts when the page is read after its
    deadline (noticeboard.js), without the items being on the page."""
    found = Counter(item.due for item in items if item.status == IN_PROGRESS and item.due is not None)
    return " ".join(f"{due.isoformat()}:{n}" for due, n in sorted(found.items()))


def collation_key(text: str) -> tuple[str, str]:
    """Vietnamese alphabetical order close enough for a list of names: letters first, marks second."""
    return (fold(text), text)


def unit_order_key(unit: Unit, position: int) -> tuple[int, float, int]:
    """CONTENT_FORMAT §6: overdue count descending, then the on-time rate ascending, then
    ``units.yml`` order. A unit with nothing due has no rate and comes after every rate."""
    rate = unit.on_time_rate
    return (-unit.counts.get(OVERDUE, 0), 2.0 if rate is None else rate, position)


def ordered_units(units: Sequence[Unit]) -> list[Unit]:
    """The units in the order of ``don-vi/`` (``units`` is in ``units.yml`` order)."""
    return [u for _, u in sorted(enumerate(units), key=lambda pair: unit_order_key(pair[1], pair[0]))]


def field_label(slug: str, names: dict[str, str]) -> str:
    name = names.get(slug) or FIELD_NAMES.get(slug)
    return name or slug.replace("-", " ").capitalize()


@dataclass
class Field:
    slug: str
    name: str
    notices: list[Notice] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"linh-vuc/{self.slug}/"

    @property
    def items(self) -> list[TaskItem]:
        return [item for n in self.notices for item in n.items]


def fields_of(notices: Iterable[Notice], names: dict[str, str]) -> list[Field]:
    """Every field a published notice names, alphabetical by its Vietnamese name; notices newest first."""
    found: dict[str, Field] = {}
    for notice in notices:
        for slug in notice.fields:
            found.setdefault(slug, Field(slug, field_label(slug, names))).notices.append(notice)
    return sorted(found.values(), key=lambda f: collation_key(f.name))


def overdue_first(items: Iterable[TaskItem]) -> list[TaskItem]:
    """Most overdue first: what a leader chases."""
    return sorted((i for i in items if i.status == OVERDUE), key=lambda i: (-i.days_overdue, i.gid, i.index))


#: A task's order on its notice page, and the status a task with several occurrences is shown by.
TASK_RANK = {"overdue": 0, "in_progress": 1, "ongoing": 2, "done_late": 3, "done_on_time": 4, "cancelled": 5}


def task_status(task: Task) -> str:
    """The status a reader chases a task by: its most urgent occurrence's."""
    return min((i.status for i in task.items), key=TASK_RANK.__getitem__)


def week_end(day: date) -> date:
    """The Sunday that ends ``day``'s week (Vietnamese weeks start on Monday)."""
    return day + timedelta(days=6 - day.weekday())


def month_end(day: date) -> date:
    nxt = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


@dataclass
class Overview:
    """What ``tong-quan/`` and the home page's block show."""

    counts: dict[str, int]
    pending: str
    total: int
    late_units: list[tuple[Unit, list[TaskItem]]]
    newest: list[Notice]
    this_week: list[TaskItem]
    this_month: list[TaskItem]
    week_end: date
    month_end: date


def overview(site: Site, newest: int = 5) -> Overview:
    as_of = site.as_of
    end_week, end_month = week_end(as_of), month_end(as_of)
    open_items = [i for i in site.items if i.status == IN_PROGRESS and i.due is not None and i.due >= as_of]
    late = [(u, overdue_first(u.led)) for u in ordered_units(site.units) if u.counts.get(OVERDUE, 0)]
    return Overview(
        counts=count_items(site.items),
        pending=pending_dates(site.items),
        total=len(site.items),
        late_units=late,
        newest=site.notices[:newest],
        this_week=sorted((i for i in open_items if i.due <= end_week), key=lambda i: i.sort_key),  # type: ignore[operator]
        this_month=sorted((i for i in open_items if end_week < i.due <= end_month), key=lambda i: i.sort_key),  # type: ignore[operator]
        week_end=end_week,
        month_end=end_month,
    )


def nearest_first(items: Iterable[TaskItem], as_of: date) -> list[TaskItem]:
    """The register's default order, "hạn gần trước": deadlines still ahead soonest first, then
    deadlines passed most recent first, then items without a deadline. noticeboard.js sorts the
    same way, so the page needs no re-ordering when it loads."""

    def key(item: TaskItem) -> tuple[int, int, str, int]:
        if item.due is None:
            return (2, 0, item.gid, item.index)
        days = (item.due - as_of).days
        return (0, days, item.gid, item.index) if days >= 0 else (1, -days, item.gid, item.index)

    return sorted(items, key=key)
