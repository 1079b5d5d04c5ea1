"""Plain records as read from files (the load stage), before cross-file checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..model.deadlines import Deadline

Day = date  # a dataclass field named ``date`` hides the type's name in its class


@dataclass
class UnitRecord:
    id: str
    name: str
    path: str
    line: int
    short: str = ""
    aliases: list[str] = field(default_factory=list)
    parent: str | None = None
    kind: str = ""
    git_team: str = ""
    lines: dict[str, int] = field(default_factory=dict)


@dataclass
class Signer:
    name: str = ""
    authority: str = ""
    title: str = ""


@dataclass
class TaskRecord:
    id: str
    title: str
    lead: str
    line: int
    support: list[str] = field(default_factory=list)
    supervisor: str = ""
    output: str = ""
    due: Deadline | None = None
    ref: str = ""
    lines: dict[str, int] = field(default_factory=dict)


@dataclass
class NoticeRecord:
    id: str
    path: str
    kind: str
    issuer: str
    date: date
    title: str
    line: int = 1
    number: str = ""
    place: str = ""
    signer: Signer | None = None
    recipients: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    status: str = "published"
    publish_on: Day | None = None  # Day: the field ``date`` above hides the type's name here
    based_on: list[str] = field(default_factory=list)
    tasks: list[TaskRecord] = field(default_factory=list)
    body: str = ""
    body_line: int = 1
    lines: dict[str, int] = field(default_factory=dict)
    attachments: list[str] = field(default_factory=list)  # file names, as written
    date_left_blank: str = ""  # "day" or "day-month": blank in the document, ``date`` is the portal's
    attachment_files: list[tuple[str, int, str]] = field(
        default_factory=list
    )  # (name, bytes, path), found on load


@dataclass
class UpdateRecord:
    task: str
    state: str
    line: int
    percent: int | None = None
    done_on: date | None = None
    new_due_raw: object = None  # parsed in the check stage, once the task's notice date is known
    new_due: Deadline | None = None
    occurrence: date | None = None
    note: str = ""
    lines: dict[str, int] = field(default_factory=dict)


@dataclass
class ReportRecord:
    path: str
    folder: str
    date: date
    by: str
    line: int = 1
    reference: str = ""
    updates: list[UpdateRecord] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)


@dataclass
class ContentRecords:
    units: list[UnitRecord] = field(default_factory=list)
    notices: list[NoticeRecord] = field(default_factory=list)
    reports: list[ReportRecord] = field(default_factory=list)
    units_path: str = "units.yml"
    # Content-relative files (and folders, ending in "/") never to publish as they stand: misplaced
    # notices, stray YAML, symlinks (content/placement.py).
    withheld: set[str] = field(default_factory=set)
