"""The built model: what every page, feed and export reads. No MkDocs import.

Built once per build by :func:`noticeboard.model.build.build_site` and not
changed afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .deadlines import Deadline
from .status import LABELS, STATUSES

Day = date

KIND_LABELS = {
    "thong-bao": "Thông báo",
    "ke-hoach": "Kế hoạch",
    "quyet-dinh": "Quyết định",
    "cong-van": "Công văn",
    "bao-cao": "Báo cáo",
    "ket-luan": "Kết luận",
    "other": "Văn bản khác",
}

STATE_LABELS = {
    "in_progress": "Đang thực hiện",
    "done": "Đã hoàn thành",
    "cancelled": "Dừng thực hiện",
    "extended": "Gia hạn",
}


@dataclass(eq=False)
class Unit:
    id: str
    name: str
    short: str = ""
    aliases: tuple[str, ...] = ()
    parent: Unit | None = None
    kind: str = ""
    git_team: str = ""
    led: list[TaskItem] = field(default_factory=list)
    supported: list[TaskItem] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.short or self.name

    @property
    def due_total(self) -> int:
        """Nhiệm vụ đến hạn: done (on time or late) plus not done and due by the as-of date."""
        return self.counts.get("_due", 0)

    @property
    def on_time_rate(self) -> float | None:
        if not self.due_total:
            return None
        return self.counts.get("done_on_time", 0) / self.due_total

    @property
    def total(self) -> int:
        return sum(self.counts.get(s, 0) for s in STATUSES)


@dataclass(eq=False)
class Signer:
    name: str = ""
    authority: str = ""
    title: str = ""


@dataclass(frozen=True)
class Attachment:
    """A file published beside its notice (``attachments:``): thong-bao/<notice-id>/<name>."""

    name: str
    size: int
    source: str  # its path in the content folder

    @property
    def kind(self) -> str:
        return self.name.rsplit(".", 1)[-1].upper() if "." in self.name else ""

    @property
    def size_label(self) -> str:
        """Vietnamese style: "245 KB", "1,2 MB"."""
        if self.size < 1024 * 1024:
            return f"{max(1, round(self.size / 1024))} KB"
        return f"{self.size / 1024 / 1024:.1f} MB".replace(".", ",")


@dataclass(eq=False)
class Notice:
    id: str
    kind: str
    number: str
    issuer: Unit
    place: str
    date: date
    title: str
    body: str
    source_path: str
    signer: Signer | None = None
    recipients: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    based_on: tuple[str, ...] = ()
    tasks: list[Task] = field(default_factory=list)
    attachments: tuple[Attachment, ...] = ()
    date_left_blank: str = ""  # "day" / "day-month": what the document leaves blank; ``date`` is used

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def url(self) -> str:
        return f"thong-bao/{self.id}/"

    @property
    def items(self) -> list[TaskItem]:
        return [item for task in self.tasks for item in task.items]


@dataclass(eq=False)
class HistoryEntry:
    task: Task
    date: date
    unit: Unit
    state: str
    source_path: str
    is_lead: bool
    applied: bool
    percent: int | None = None
    done_on: Day | None = None  # Day: the field ``date`` above hides the type's name here
    new_due: Deadline | None = None
    note: str = ""
    reference: str = ""
    occurrence: Day | None = None  # the extension key of a report on a recurring task

    @property
    def state_label(self) -> str:
        return STATE_LABELS.get(self.state, self.state)


@dataclass(eq=False)
class Task:
    gid: str
    id: str
    notice: Notice
    title: str
    lead: Unit
    support: tuple[Unit, ...]
    deadline: Deadline | None
    supervisor: str = ""
    output: str = ""
    ref: str = ""
    items: list[TaskItem] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)
    # The lead's reports in the order they apply (dated after the as-of date too): the periodic
    # reports replay them up to an earlier date (model/reports.py).
    lead_updates: list[HistoryEntry] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"{self.notice.url}#nv-{self.id}"


@dataclass(eq=False)
class TaskItem:
    """One deadline occurrence of a task (a single deadline has exactly one)."""

    task: Task
    index: int
    start: date | None
    original_due: date | None
    due: date | None
    status: str
    extended: bool = False
    done_on: date | None = None
    percent: int | None = None
    days_overdue: int = 0
    due_soon: bool = False
    note: str = ""

    @property
    def gid(self) -> str:
        return self.task.gid

    @property
    def status_label(self) -> str:
        return LABELS[self.status]

    @property
    def sort_key(self) -> tuple[date, str, int]:
        return (self.due or date.max, self.task.gid, self.index)


@dataclass(eq=False)
class Month:
    year: int
    month: int
    items: list[TaskItem] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.year:04d}/{self.month:02d}"

    @property
    def url(self) -> str:
        return f"lich/{self.year:04d}/{self.month:02d}/"

    @property
    def label(self) -> str:
        return f"Tháng {self.month:02d}/{self.year}"


@dataclass(eq=False)
class Site:
    as_of: date
    due_soon_days: int
    units: list[Unit]
    notices: list[Notice]
    tasks: list[Task]
    items: list[TaskItem]
    months: list[Month]

    def __post_init__(self) -> None:
        self.units_by_id = {u.id: u for u in self.units}
        self.notices_by_id = {n.id: n for n in self.notices}
        self.tasks_by_gid = {t.gid: t for t in self.tasks}
        self.months_by_key = {m.key: m for m in self.months}

    @property
    def counts(self) -> dict[str, int]:
        totals = dict.fromkeys((*STATUSES, "_due"), 0)
        for unit in self.units:
            for key, value in unit.counts.items():
                totals[key] = totals.get(key, 0) + value
        return totals

    @property
    def years(self) -> list[int]:
        return sorted({n.date.year for n in self.notices}, reverse=True)
