"""Load stage: content files to plain records, every problem with file and line.

A file with problems still yields what could be read, so one run reports all
problems; the caller drops records whose file has errors before building.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ..errors import Problem, Problems
from ..model.deadlines import Deadline, DeadlineError, parse_deadline
from ..model.status import STATES
from .cache import Key, RecordCache, file_key, read_limited, read_raw
from .placement import check_placement
from .records import (
    ContentRecords,
    NoticeRecord,
    ReportRecord,
    Signer,
    TaskRecord,
    UnitRecord,
    UpdateRecord,
)
from .text import MAX_ID_LENGTH, SLUG_RE, nfc, suggestion
from .yamlio import CONTROL_CHARS, LineDict, LineList, YamlProblem, load_yaml

MAX_FILE_BYTES = 2 * 1024 * 1024  # a notice is a few KB; anything this large is a mistake
# A notice's page lists its body and every task item (~0.9 KB of HTML each, a recurring task once
# per occurrence): within these, the page stays under the README's ~1 MB.
MAX_NOTICE_ITEMS = 500
MAX_BODY_BYTES = 400 * 1024

NOTICE_KINDS = ("thong-bao", "ke-hoach", "quyet-dinh", "cong-van", "bao-cao", "ket-luan", "other")
NOTICE_STATUSES = ("published", "draft", "confidential")

UNIT_KEYS = ("id", "name", "short", "aliases", "parent", "kind", "git_team")
NOTICE_KEYS = (
    "kind",
    "number",
    "issuer",
    "place",
    "date",
    "title",
    "signer",
    "recipients",
    "fields",
    "status",
    "publish_on",
    "tasks",
    "based_on",
    "attachments",
    "date_left_blank",
)
# What a signed-later document leaves blank in "ngày ... tháng ... năm ...": the portal still counts
# from ``date``; the page shows the blanks as the document does.
DATE_BLANKS = ("day", "day-month")
# Files an editor may put beside a notice and list in its ``attachments:`` (the signed scan, an annex).
ATTACHMENT_SUFFIXES = (
    ".pdf",
    ".doc",
    ".docx",
    ".odt",
    ".xls",
    ".xlsx",
    ".ods",
    ".jpg",
    ".jpeg",
    ".png",
    ".zip",
)
SIGNER_KEYS = ("name", "authority", "title")
TASK_KEYS = ("id", "title", "lead", "support", "supervisor", "output", "due", "ref")
REPORT_KEYS = ("date", "by", "reference", "updates")
UPDATE_KEYS = ("task", "state", "percent", "done_on", "new_due", "note", "occurrence")

REPORT_NAME_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})(-[a-z0-9]+(?:-[a-z0-9]+)*)?\.ya?ml\Z")
_DMY_RE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*\Z")
_ISO_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*\Z")
# Dates an editor may write: a notice of a commune, its reports and deadlines. Outside this range
# a date is a slip (0001-01-01, 9999-12-31), and the year 1 is what "no date" looks like inside.
MIN_YEAR, MAX_YEAR = 1900, 2199
DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
_zone = ZoneInfo(DEFAULT_TIMEZONE)  # the site's timezone, set by load_content (forked readers inherit it)
IGNORED_NAMES = {".gitkeep", "README.md", "readme.md", ".DS_Store"}
_UNICODE_LINE_BREAKS = str.maketrans({"\x85": " ", "\u2028": " ", "\u2029": " "})


def read_text(path: Path, rel: str, problems: Problems, raw: bytes | None = None) -> str | None:
    """UTF-8 (BOM tolerated), CRLF folded to LF, NFC; None when unreadable. ``raw``: the file's
    bytes when they were read already."""
    if raw is None:
        try:
            read = read_limited(path, MAX_FILE_BYTES)
        except OSError as err:
            problems.error(rel, 0, f"Không đọc được tệp ({err.strerror}).", "Kiểm tra quyền đọc tệp.")
            return None
        if isinstance(read, int):
            problems.error(
                rel,
                0,
                f"Tệp quá lớn ({read // 1024} KB; tối đa {MAX_FILE_BYTES // 1024} KB).",
                "Tách tệp hoặc bỏ nội dung thừa (ảnh, bảng dán từ Excel).",
            )
            return None
        raw = read
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        problems.error(
            rel,
            line,
            "Tệp không phải mã UTF-8 (có thể lưu từ Word/Notepad bằng mã khác).",
            "Lưu lại tệp với mã hoá UTF-8.",
        )
        return None
    if "\x00" in text:
        problems.error(rel, 0, "Tệp chứa ký tự rỗng (tệp nhị phân?).", "Chỉ đặt tệp văn bản UTF-8 ở đây.")
        return None
    # YAML also breaks lines at U+0085/U+2028/U+2029 (pasted from Word or the web) where editors
    # and our line numbers do not: a title holding one would fail to parse, at the wrong line.
    if not text.isascii() and ("\x85" in text or "\u2028" in text or "\u2029" in text):
        text = text.translate(_UNICODE_LINE_BREAKS)  # 0.4 ms a file: only when one is there
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = CONTROL_CHARS.search(text)
    if control is not None:
        problems.error(
            rel,
            text.count("\n", 0, control.start()) + 1,
            f"Tệp chứa ký tự điều khiển vô hình (U+{ord(control.group()):04X}).",
            "Xoá ký tự này (thường do dán từ phần mềm khác); chỉ dùng chữ, dấu cách, Tab và xuống dòng.",
        )
        return None
    return nfc(text)


def parse_date(value: Any, zone: ZoneInfo | None = None) -> date | None:
    """A date field: YAML date, "2026-04-25" or "25/4/2026"; None if not a real date. A date-time
    is the day it falls on in ``zone`` (the site's timezone; one without an offset is taken as
    written there), never its UTC date."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return value.astimezone(zone or _zone).date()
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and ("T" in value or ":" in value):  # "2026-05-01T20:00:00Z" in quotes
        try:
            return parse_date(datetime.fromisoformat(value.strip().replace(" ", "T", 1)), zone)
        except ValueError:
            return None
    if isinstance(value, str):
        m = _ISO_RE.match(value)
        try:
            if m:
                return date(int(m[1]), int(m[2]), int(m[3]))
            m = _DMY_RE.match(value)
            if m:
                return date(int(m[3]), int(m[2]), int(m[1]))
        except ValueError:
            return None
    return None


class _Reader:
    """Field access on one mapping that records problems instead of raising."""

    def __init__(self, data: LineDict, rel: str, problems: Problems, what: str) -> None:
        self.data = data
        self.rel = rel
        self.problems = problems
        self.what = what

    def line(self, key: str) -> int:
        return self.data.line_of(key)

    def check_keys(self, allowed: tuple[str, ...]) -> None:
        for key in self.data:
            if key not in allowed:
                hint = suggestion(str(key), allowed)
                self.problems.error(
                    self.rel,
                    self.line(key),
                    f"Khoá “{key}” không dùng trong {self.what}.",
                    hint or "Các khoá được dùng: " + ", ".join(allowed) + ".",
                )

    def missing(self, key: str, fix: str) -> None:
        self.problems.error(self.rel, self.data.line, f"{self.what.capitalize()} thiếu “{key}”.", fix)

    def text(self, key: str, required: bool = False, fix: str = "") -> str:
        """A text field: exactly the text written (trimmed), or "" with a problem recorded when YAML
        read the value as something else (a number, a yes/no, a date, a null, a list)."""
        value = self.data.get(key)
        if type(value) is str and value:  # the common case, first
            if key in self.data.raw:  # 1e3, 0o17: text to PyYAML, a number to other YAML readers
                self.not_text(key, self.line(key), value)
                return ""
            return value.strip()
        if value is None or value == "":
            raw = self.data.raw_of(key)
            if raw:  # `~` or `null` typed: YAML's "nothing", not the text the editor wrote
                self.not_text(key, self.line(key), raw)
            elif required:
                self.missing(key, fix or f"Thêm dòng `{key}: ...`.")
            return ""
        if isinstance(value, (dict, list)):
            self.problems.error(
                self.rel, self.line(key), f"“{key}” phải là một dòng chữ.", fix or "Viết một giá trị chữ."
            )
            return ""
        self.not_text(key, self.line(key), self.data.raw_of(key) or str(value))
        return ""

    def not_text(self, key: str, line: int, raw: str, listed: bool = False) -> None:
        """Report a text value that YAML changed: ``ref: 1.10`` is read as 1.1, ``number: 012`` as 10.
        ``listed``: an item of a list field (or a list field written as one such value)."""
        what = (
            f"“{key}” phải là danh sách chữ; mục “{raw}”"
            if listed
            else f"“{key}: {raw}” phải là chữ giữ nguyên như đã viết, nhưng"
        )
        self.problems.error(
            self.rel,
            line,
            f"{what} bị YAML đọc thành số, ngày, đúng/sai hoặc rỗng.",
            "Đặt giá trị trong dấu nháy kép để giữ nguyên: "
            + (f'`"{raw}"`' if listed else f'`{key}: "{raw}"`')
            + ("; nếu không có giá trị thì xoá dòng này." if raw.lower() in ("~", "null") else "."),
        )

    def ident(self, key: str, required: bool = True, fix: str = "") -> str:
        value = self.text(key, required, fix)
        if value and not SLUG_RE.match(value):
            self.problems.error(
                self.rel,
                self.line(key),
                f"Mã “{value}” ở “{key}” không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu gạch ngang.",
                fix or "Ví dụ: van-hoa-xa-hoi.",
            )
        elif len(value) > MAX_ID_LENGTH:
            self.problems.error(
                self.rel,
                self.line(key),
                f"Mã ở “{key}” dài {len(value)} ký tự (tối đa {MAX_ID_LENGTH}).",
                "Rút gọn mã: vài từ không dấu đủ để phân biệt, ví dụ van-hoa-xa-hoi.",
            )
        return value

    def text_list(self, key: str, names: int = 0) -> list[str]:
        """A list of texts (a single text is a list of one). ``names``: the items are names, and a
        flow list whose plain items look like pieces of one name split at its commas (all lowercase,
        at most ``names`` words) is warned of."""
        value = self.data.get(key)
        if value is None:
            raw = self.data.raw_of(key)
            if raw:
                self.not_text(key, self.line(key), raw, listed=True)
            return []
        if isinstance(value, str):
            return [value.strip()] if value.strip() else []
        if not isinstance(value, list):
            if isinstance(value, dict):
                self.problems.error(
                    self.rel,
                    self.line(key),
                    f"“{key}” phải là danh sách chữ.",
                    f"Viết mỗi mục một dòng: `{key}:` rồi các dòng `  - mục 1`, `  - mục 2`.",
                )
            else:
                self.not_text(key, self.line(key), self.data.raw_of(key) or str(value), listed=True)
            return []
        if not isinstance(value, LineList):  # every list the loader makes is one
            value = LineList(value)
            value.item_lines, value.raw = [], {}
        items = []
        for i, item in enumerate(value):
            if type(item) is str and i not in value.raw:
                items.append(item.strip())
            elif isinstance(item, (dict, list)):
                self.problems.error(
                    self.rel,
                    value.line_of(i),
                    f"“{key}” phải là danh sách chữ.",
                    f"Viết mỗi mục một dòng: `{key}:` rồi các dòng `  - mục 1`, `  - mục 2`.",
                )
            else:
                self.not_text(key, value.line_of(i), value.raw_of(i) or str(item), listed=True)
        if names and isinstance(value, LineList) and value.flow:
            self._warn_split_names(key, value, items, names)
        return items

    def _warn_split_names(self, key: str, value: LineList, items: list[str], words: int) -> None:
        for start, end in split_name_runs(items, value.plain, words):
            pieces = items[start:end]
            joined = ", ".join(pieces)
            self.problems.warning(
                self.rel,
                value.line_of(start),
                f"Trong “{key}”, " + ", ".join(f"“{p}”" for p in pieces) + f" có lẽ là một tên “{joined}” "
                "bị tách thành nhiều mục ở dấu phẩy (trong danh sách [..] mỗi dấu phẩy mở một mục mới).",
                f"Viết danh sách dạng khối, mỗi mục một dòng bắt đầu bằng “- ”, và đặt tên có dấu phẩy trong "
                f'dấu nháy kép: `{key}:` rồi dòng dưới `  - "{joined}"`.',
            )

    def ident_list(self, key: str) -> list[str]:
        """A list of slugs (``fields``: each becomes a folder of the site, ``linh-vuc/<slug>/``)."""
        items = self.text_list(key)
        value = self.data.get(key)
        for i, item in enumerate(items):
            if not SLUG_RE.match(item) or len(item) > MAX_ID_LENGTH:
                line = value.line_of(i) if isinstance(value, LineList) else self.line(key)
                self.problems.error(
                    self.rel,
                    line,
                    f"Mã “{item}” ở “{key}” không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu gạch ngang.",
                    "Ví dụ: giao-duc, noi-vu (tối đa 100 ký tự).",
                )
        return items

    def a_date(self, key: str, required: bool = False) -> date | None:
        value = self.data.get(key)
        if value is None:
            if key in self.data:  # `key:` with nothing, `~`, or a value commented out: never "no date"
                self.problems.error(
                    self.rel,
                    self.line(key),
                    f"“{key}” để trống.",
                    f"Viết ngày, ví dụ `{key}: 2026-04-10`, hoặc xoá cả dòng `{key}:`.",
                )
            elif required:
                self.missing(key, f"Thêm dòng `{key}: 2026-04-10` (năm-tháng-ngày).")
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.problems.error(
                self.rel,
                self.line(key),
                f"“{key}: {value}” không phải ngày có thật.",
                f"Viết `{key}: 2026-04-10` (năm-tháng-ngày) hoặc `{key}: 10/4/2026`.",
            )
        elif not MIN_YEAR <= parsed.year <= MAX_YEAR:
            self.problems.error(
                self.rel,
                self.line(key),
                f"“{key}”: năm {parsed.year} nằm ngoài khoảng {MIN_YEAR}–{MAX_YEAR}.",
                f"Viết đúng ngày, ví dụ `{key}: 2026-04-10`.",
            )
            return None
        return parsed

    def deadline(self, key: str, notice_date: date | None) -> Deadline | None:
        if key not in self.data or notice_date is None:
            return None
        try:
            return parse_deadline(self.data[key], notice_date)
        except DeadlineError as err:
            self.problems.error(self.rel, self.line(key), f"Thời hạn “{key}”: {err}", err.fix)
            return None


def split_name_runs(items: list[str], plain: tuple[bool, ...], words: int = 4) -> list[tuple[int, int]]:
    """``(start, end)`` of each run of flow-list items that look like one name cut at its commas:
    a name, then unquoted items of at most ``words`` all-lowercase words ("ban", "đơn vị thuộc xã").
    Asked of recipients, which start with a capital (Nghị định 30's "Nơi nhận"), not of aliases,
    written as documents write a name mid-sentence ("các trường", "nhà trường"). A block list is
    never questioned."""
    runs = []
    start = None
    for i, item in enumerate(items):
        fragment = (
            i > 0
            and i < len(plain)
            and plain[i]
            and 0 < len(item.split()) <= words
            and all(word.isalpha() and word.islower() for word in item.split())
        )
        if fragment and start is None:
            start = i - 1
        elif not fragment and start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, len(items)))
    return runs


def _mapping(value: Any, rel: str, line: int, problems: Problems, what: str) -> LineDict | None:
    if isinstance(value, LineDict):
        return value
    problems.error(
        rel,
        line,
        f"{what.capitalize()} phải là các dòng `khoá: giá trị`.",
        "Xem mẫu trong hướng dẫn biên tập.",
    )
    return None


def load_units(path: Path, rel: str, problems: Problems) -> list[UnitRecord]:
    text = read_text(path, rel, problems)
    if text is None:
        return []
    try:
        data = load_yaml(text)
    except YamlProblem as err:
        problems.error(rel, err.line, str(err), err.fix)
        return []
    if not isinstance(data, LineDict) or not isinstance(data.get("units"), LineList):
        problems.error(
            rel,
            getattr(data, "line", 1) or 1,
            "units.yml phải có danh sách `units:`.",
            "Bắt đầu tệp bằng `units:` rồi mỗi đơn vị một mục `- id: ...`.",
        )
        return []
    _Reader(data, rel, problems, "units.yml").check_keys(("units",))
    units = []
    for i, item in enumerate(data["units"]):
        entry = _mapping(item, rel, data["units"].line_of(i), problems, "một đơn vị")
        if entry is None:
            continue
        r = _Reader(entry, rel, problems, "đơn vị")
        r.check_keys(UNIT_KEYS)
        unit = UnitRecord(
            id=r.ident("id", fix="Thêm `id: ten-don-vi` (chữ thường không dấu)."),
            name=r.text("name", True, "Thêm `name: Tên đầy đủ của đơn vị`."),
            path=rel,
            line=entry.line,
            short=r.text("short"),
            aliases=r.text_list("aliases"),
            parent=r.ident("parent", required=False) or None,
            kind=r.text("kind"),
            git_team=r.text("git_team"),
            lines=entry.key_lines,
        )
        if unit.id:
            units.append(unit)
    return units


def split_front_matter(text: str, rel: str, problems: Problems) -> tuple[str, int, str, int] | None:
    """(yaml text, first yaml line, body, first body line) or None."""
    # Walks the front matter line by line; the body (most of the file) is sliced off in one piece.
    end = text.find("\n")
    if (text if end < 0 else text[:end]).strip() != "---":
        problems.error(
            rel,
            1,
            "Tệp thông báo không bắt đầu bằng phần thông tin `---`.",
            "Dòng đầu tiên phải là `---`, sau đó là các dòng kind:, issuer:, date:, title:..., rồi một dòng `---`.",
        )
        return None
    first = start = end + 1
    number = 1
    while end >= 0:
        number += 1
        end = text.find("\n", start)
        if (text[start:] if end < 0 else text[start:end]).strip() in ("---", "..."):
            body = "" if end < 0 else text[end + 1 :]
            return text[first : max(start - 1, first)], 2, body, number + 1
        start = end + 1
    problems.error(
        rel,
        1,
        "Phần thông tin mở bằng `---` nhưng không có dòng `---` đóng.",
        "Thêm dòng `---` sau dòng thông tin cuối.",
    )
    return None


def load_notice(path: Path, rel: str, problems: Problems, raw: bytes | None = None) -> NoticeRecord | None:
    text = read_text(path, rel, problems, raw)
    if text is None:
        return None
    parts = split_front_matter(text, rel, problems)
    if parts is None:
        return None
    fm_text, fm_line, body, body_line = parts
    try:
        data = load_yaml(fm_text, line_offset=fm_line - 1)
    except YamlProblem as err:
        problems.error(rel, err.line, str(err), err.fix)
        return None
    data = _mapping(data, rel, fm_line, problems, "phần thông tin đầu tệp")
    if data is None:
        return None
    r = _Reader(data, rel, problems, "thông báo")
    r.check_keys(NOTICE_KEYS)
    notice_id = _notice_id(rel, problems)
    kind = _notice_kind(r, rel, problems)
    status = _status(r)
    notice_date = r.a_date("date", required=True)
    signer = _signer(data, r, rel, problems)
    number = r.text("number")
    notice = NoticeRecord(
        id=notice_id,
        path=rel,
        kind=kind,
        issuer=r.ident("issuer", fix="Thêm `issuer: ma-don-vi` (mã trong units.yml)."),
        date=notice_date or date.min,
        title=r.text("title", True, "Thêm `title: Trích yếu của văn bản`."),
        line=fm_line,
        number=number,
        place=r.text("place"),
        signer=signer,
        recipients=r.text_list("recipients", names=4),
        fields=r.ident_list("fields"),
        status=status,
        publish_on=r.a_date("publish_on"),
        based_on=r.text_list("based_on"),
        body=body,
        body_line=body_line,
        lines=data.key_lines,
        attachments=r.text_list("attachments"),
        date_left_blank=_date_left_blank(r),
    )
    tasks = data.get("tasks")
    if tasks is not None and not isinstance(tasks, LineList):
        problems.error(
            rel,
            r.line("tasks"),
            "“tasks” phải là danh sách nhiệm vụ.",
            "Mỗi nhiệm vụ là một mục bắt đầu bằng `- id: ...`.",
        )
    elif tasks:
        for i, item in enumerate(tasks):
            entry = _mapping(item, rel, tasks.line_of(i), problems, "một nhiệm vụ")
            if entry is not None:
                notice.tasks.append(_load_task(entry, rel, problems, notice_date))
    _check_page_size(notice, problems)
    return notice


def _notice_id(rel: str, problems: Problems) -> str:
    """The notice's id, its file's stem: a slug short enough for every path made from it."""
    notice_id = Path(rel).stem
    if not SLUG_RE.match(notice_id):
        problems.error(
            rel,
            0,
            f"Tên tệp “{Path(rel).name}” không hợp lệ làm mã thông báo.",
            "Đặt tên tệp bằng chữ thường không dấu, số và dấu gạch ngang, ví dụ 2026-04-10-ket-luan-vhxh.md.",
        )
    elif len(notice_id) > MAX_ID_LENGTH:
        problems.error(
            rel,
            0,
            f"Tên tệp dài {len(notice_id)} ký tự (tối đa {MAX_ID_LENGTH}, không kể .md).",
            "Rút gọn tên tệp: ngày ban hành và vài từ không dấu, ví dụ 2026-04-10-ket-luan-vhxh.md.",
        )
    return notice_id


def _notice_kind(r: _Reader, rel: str, problems: Problems) -> str:
    kind = r.text(
        "kind",
        True,
        "Thêm `kind: thong-bao` (hoặc ke-hoach, quyet-dinh, cong-van, bao-cao, ket-luan, other).",
    )
    if kind and kind not in NOTICE_KINDS:
        problems.error(
            rel,
            r.line("kind"),
            f"Loại văn bản “{kind}” không có trong danh sách.",
            suggestion(kind, NOTICE_KINDS) or "Dùng một trong: " + ", ".join(NOTICE_KINDS) + ".",
        )
    return kind


def _signer(data: LineDict, r: _Reader, rel: str, problems: Problems) -> Signer | None:
    if data.get("signer") is None:
        return None
    s = _mapping(data["signer"], rel, r.line("signer"), problems, "người ký")
    if s is None:
        return None
    sr = _Reader(s, rel, problems, "người ký")
    sr.check_keys(SIGNER_KEYS)
    return Signer(sr.text("name"), sr.text("authority"), sr.text("title"))


def _check_page_size(notice: NoticeRecord, problems: Problems) -> None:
    """Refuse a notice whose page would pass ~1 MB: too many task items, or too long a body."""
    items = sum(
        len(t.due.occurrences) if t.due is not None and t.due.occurrences else 1 for t in notice.tasks
    )
    if items > MAX_NOTICE_ITEMS:
        problems.error(
            notice.path,
            notice.lines.get("tasks", notice.line),
            f"Thông báo có {items} mục nhiệm vụ (nhiệm vụ định kỳ tính mỗi kỳ một mục), quá {MAX_NOTICE_ITEMS}: "
            "trang của nó sẽ quá nặng để đọc trên điện thoại.",
            "Tách thành nhiều tệp thông báo (ví dụ theo phụ lục hoặc theo lĩnh vực), hoặc rút ngắn thời hạn định kỳ (until).",
        )
    size = len(notice.body.encode("utf-8"))
    if size > MAX_BODY_BYTES:
        problems.error(
            notice.path,
            notice.body_line,
            f"Nội dung thông báo dài {size // 1024} KB, quá {MAX_BODY_BYTES // 1024} KB.",
            "Chỉ đăng phần chính; đặt phụ lục dài thành tệp đính kèm (PDF) và liên kết tới nó.",
        )


def _date_left_blank(r: _Reader) -> str:
    """``date_left_blank``: the part of the date the document leaves for the signer ("" if none)."""
    if "date_left_blank" not in r.data:
        return ""
    value = r.data["date_left_blank"]
    if value not in DATE_BLANKS:
        typed = r.data.raw_of("date_left_blank") or value  # ``true`` as typed, not Python's True
        r.problems.error(
            r.rel,
            r.line("date_left_blank"),
            "“date_left_blank” để trống."
            if value is None or value == ""
            else f"Giá trị “{typed}” của “date_left_blank” không hợp lệ.",
            "Văn bản ghi “ngày    tháng 4 năm 2026”: viết `date_left_blank: day`; ghi “ngày    tháng    năm "
            "2026”: `date_left_blank: day-month`; văn bản có đủ ngày: bỏ dòng này.",
        )
        return ""
    return str(value)


def _status(r: _Reader) -> str:
    """The notice's status; absent means published, but an empty value never does."""
    if "status" not in r.data:
        return "published"
    value = r.data["status"]
    if value is None or (isinstance(value, str) and not value.strip()):
        r.problems.error(
            r.rel,
            r.line("status"),
            "“status” để trống (có thể giá trị đã bị biến thành chú thích bằng dấu #).",
            "Viết rõ `status: published` (công khai), `draft` (bản nháp) hoặc `confidential` (mật).",
        )
        return "draft"  # the file has an error and is dropped; hidden whatever reads it
    status = r.text("status")
    if status and status not in NOTICE_STATUSES:
        r.problems.error(
            r.rel,
            r.line("status"),
            f"Trạng thái “{status}” không hợp lệ.",
            "Dùng published (công khai), draft (bản nháp) hoặc confidential (mật).",
        )
    return status or "draft"


def _load_task(entry: LineDict, rel: str, problems: Problems, notice_date: date | None) -> TaskRecord:
    r = _Reader(entry, rel, problems, "nhiệm vụ")
    r.check_keys(TASK_KEYS)
    lead_value = entry.get("lead")
    if isinstance(lead_value, list):
        problems.error(
            rel,
            r.line("lead"),
            "Mỗi nhiệm vụ chỉ có một đơn vị chủ trì (lead).",
            "Giữ một đơn vị ở `lead:` và chuyển các đơn vị còn lại sang `support:`.",
        )
        lead = ""
    else:
        lead = r.ident("lead", fix="Thêm `lead: ma-don-vi-chu-tri` (mã trong units.yml).")
    support = r.text_list("support")
    for i, unit in enumerate(support):
        if not SLUG_RE.match(unit):
            line = (
                entry["support"].line_of(i)
                if isinstance(entry.get("support"), LineList)
                else r.line("support")
            )
            problems.error(
                rel,
                line,
                f"Mã đơn vị phối hợp “{unit}” không hợp lệ.",
                "Dùng mã trong units.yml, ví dụ van-phong.",
            )
    return TaskRecord(
        id=r.ident("id", fix="Thêm `id: ten-nhiem-vu` (chữ thường không dấu)."),
        title=r.text("title", True, "Thêm `title: Nội dung nhiệm vụ`."),
        lead=lead,
        line=entry.line,
        support=support,
        supervisor=r.text("supervisor"),
        output=r.text("output"),
        due=r.deadline("due", notice_date),
        ref=r.text("ref"),
        lines=entry.key_lines,
    )


def load_report(
    path: Path, rel: str, folder: str, problems: Problems, raw: bytes | None = None
) -> ReportRecord | None:
    m = REPORT_NAME_RE.match(path.name)
    name_date = parse_date(m[1]) if m else None
    if name_date is not None and not MIN_YEAR <= name_date.year <= MAX_YEAR:
        name_date = None
    if name_date is None:
        problems.error(
            rel,
            0,
            f"Tên tệp báo cáo “{path.name}” không đúng mẫu.",
            "Đặt tên theo ngày báo cáo: 2026-04-24.yml (thêm -2, -3 nếu nhiều báo cáo trong ngày).",
        )
    text = read_text(path, rel, problems, raw)
    if text is None:
        return None
    try:
        data = load_yaml(text)
    except YamlProblem as err:
        problems.error(rel, err.line, str(err), err.fix)
        return None
    data = _mapping(data, rel, 1, problems, "báo cáo")
    if data is None:
        return None
    r = _Reader(data, rel, problems, "báo cáo")
    r.check_keys(REPORT_KEYS)
    report_date = r.a_date("date") if "date" in data else name_date
    by = r.ident("by", fix=f"Thêm `by: {folder}` (mã đơn vị báo cáo, trùng tên thư mục).")
    report = ReportRecord(
        path=rel,
        folder=folder,
        date=report_date or date.min,
        by=by,
        line=1,
        reference=r.text("reference"),
        lines=data.key_lines,
    )
    updates = data.get("updates")
    if not isinstance(updates, LineList) or not updates:
        problems.error(
            rel,
            r.line("updates") if "updates" in data else 1,
            "Báo cáo không có mục `updates:` nào.",
            "Thêm `updates:` và mỗi nhiệm vụ một mục `- task: ma-thong-bao/ma-nhiem-vu`.",
        )
        return report
    for i, item in enumerate(updates):
        entry = _mapping(item, rel, updates.line_of(i), problems, "một mục cập nhật")
        if entry is not None:
            report.updates.append(_load_update(entry, rel, problems))
    return report


def _load_update(entry: LineDict, rel: str, problems: Problems) -> UpdateRecord:
    r = _Reader(entry, rel, problems, "mục cập nhật")
    r.check_keys(UPDATE_KEYS)
    state = r.text("state", True, "Thêm `state: in_progress` (hoặc done, cancelled, extended).")
    if state and state not in STATES:
        problems.error(
            rel,
            r.line("state"),
            f"Tình trạng “{state}” không hợp lệ.",
            suggestion(state, STATES) or "Dùng in_progress, done, cancelled hoặc extended.",
        )
    percent = entry.get("percent")
    if percent is not None and (
        isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100
    ):
        problems.error(
            rel,
            r.line("percent"),
            f"Tỉ lệ “{percent}” không hợp lệ.",
            "Viết một số nguyên từ 0 đến 100, không có dấu %.",
        )
        percent = None
    update = UpdateRecord(
        task=r.text("task", True, "Thêm `task: ma-thong-bao/ma-nhiem-vu`."),
        state=state,
        line=entry.line,
        percent=percent,
        done_on=r.a_date("done_on"),
        occurrence=r.a_date("occurrence"),
        note=r.text("note"),
        lines=entry.key_lines,
    )
    if "new_due" in entry:
        update.new_due_raw = entry["new_due"]
    return update


def _walk(content_dir: Path, folder: str) -> Iterator[tuple[Path, str, tuple[str, ...]]]:
    """Files under ``content_dir/folder`` in name order: (path, content-relative POSIX path, parts below folder).

    What ``sorted(root.rglob("*"))`` less its folders gives (hidden folders entered, unreadable ones
    skipped), from ``os.scandir``'s entry types instead of a ``stat`` per path. Symlinks, to
    files or folders, are left out: content/placement.py reports them.
    """
    root = content_dir / folder
    if not root.is_dir() or root.is_symlink():
        return
    found: list[tuple[str, ...]] = []
    pending: list[tuple[str, tuple[str, ...]]] = [(str(root), ())]
    while pending:
        directory, above = pending.pop()
        try:
            with os.scandir(directory) as listing:
                entries = list(listing)
        except OSError:
            continue
        for entry in entries:
            parts = (*above, entry.name)
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if entry.is_symlink():
                continue
            if not is_dir:
                found.append(parts)
            else:
                pending.append((entry.path, parts))
    found.sort()
    for parts in found:
        name = parts[-1]
        if name in IGNORED_NAMES or name.startswith("."):
            continue
        yield root.joinpath(*parts), "/".join((folder, *parts)), parts


def load_content(
    content_dir: Path,
    problems: Problems,
    *,
    parallel: bool = False,
    cache: RecordCache | None = None,
    timezone: str = DEFAULT_TIMEZONE,
) -> ContentRecords:
    """Read units.yml, notices/<YYYY>/*.md and progress/<unit>/*.yml under ``content_dir``.

    ``cache``: files whose bytes were read before are taken from it, the others read; what was read
    is kept for the next build: written now, or, when ``parallel``, by the caller once the pages
    are rendered (``cache.write_pending()``: plugin.on_post_build).
    """
    global _zone
    _zone = ZoneInfo(timezone)
    records = ContentRecords()
    records.withheld = check_placement(content_dir, problems)
    units_path = content_dir / "units.yml"
    if not units_path.exists() and (content_dir / "units.yaml").exists():
        units_path = content_dir / "units.yaml"
    records.units_path = units_path.name
    if units_path.is_symlink():
        pass  # reported by check_placement; what it points at is not read
    elif units_path.exists():
        records.units = load_units(units_path, units_path.name, problems)
    else:
        problems.error(
            "units.yml",
            0,
            "Không có tệp danh mục đơn vị units.yml.",
            "Tạo content/units.yml với danh sách `units:`.",
        )

    files: list[File] = []
    beside: dict[str, Path] = {}  # files beside the notices that may be their attachments
    for walked in _walk(content_dir, "notices"):
        if _may_attach(walked[2]):
            beside[walked[1]] = walked[0]
        else:
            files.append((True, *walked, None))
    files += [(False, *walked, None) for walked in _walk(content_dir, "progress")]
    loaded = [_load_file(file) for file in files] if cache is None else _load_cached(files, cache, parallel)
    for record, found in loaded:
        problems.items.extend(found)
        if isinstance(record, NoticeRecord):
            records.notices.append(record)
        elif record is not None:
            records.reports.append(record)
    _attach(records.notices, beside, problems)
    return records


def _may_attach(parts: tuple[str, ...]) -> bool:
    return (
        len(parts) == 2
        and re.fullmatch(r"\d{4}", parts[0]) is not None
        and Path(parts[1]).suffix.lower() in ATTACHMENT_SUFFIXES
    )


def _attach(notices: list[NoticeRecord], beside: dict[str, Path], problems: Problems) -> None:
    """Give each notice the files its ``attachments:`` names (beside it, in its year folder), with
    their sizes; a listed file that is missing, and a file that no notice lists, are errors. Read
    here, not cached: a replaced or deleted file changes nothing in the notice's bytes."""
    listed: set[str] = set()
    for notice in notices:
        folder = notice.path.rsplit("/", 1)[0]
        for name in notice.attachments:
            rel = f"{folder}/{name}"
            path = beside.get(rel)
            if "/" in name or "\\" in name or path is None:
                problems.error(
                    notice.path,
                    notice.lines.get("attachments", notice.line),
                    f"Không có tệp đính kèm “{name}” bên cạnh thông báo (trong {folder}/).",
                    f"Tải tệp lên thư mục {folder}/ (PDF, Word, Excel, ảnh hoặc .zip), hoặc bỏ tên này khỏi `attachments:`.",
                )
                continue
            listed.add(rel)
            notice.attachment_files.append((name, path.stat().st_size, str(path)))
    for rel in sorted(set(beside) - listed):
        problems.error(
            rel,
            0,
            "Thư mục notices/ chỉ chứa tệp thông báo .md và tệp đính kèm của chúng.",
            "Ghi tên tệp vào `attachments:` của thông báo bên cạnh, hoặc chuyển tệp ra ngoài thư mục notices/.",
        )


def _load_cached(files: list[File], cache: RecordCache, parallel: bool) -> list[Loaded]:
    """:func:`_load_file` of each file, or what ``cache`` holds for its path and bytes."""
    if not cache.entries:  # a first build: every file is read and keyed
        keyed = [_load_keyed(file) for file in files]
        done = [loaded for _, loaded in keyed]
        keys = [key for key, _ in keyed]
    else:  # the parent reads every file; only those whose bytes changed are parsed
        found: list[Loaded | None] = []
        keys = []
        missed: list[File] = []
        for file in files:
            raw = read_raw(file[1], MAX_FILE_BYTES)
            key = None if raw is None else file_key(file[2], raw)
            keys.append(key)
            hit = None if key is None else cache.get(key)
            if hit is not None and isinstance(hit[0], NoticeRecord):
                hit[0].body = _body(file[1], file[2], raw)  # the cache keeps no body (content/cache.py)
            found.append(hit)
            if hit is None:
                missed.append((*file[:4], raw))
        fresh = iter([_load_file(file) for file in missed])
        done = [loaded if loaded is not None else next(fresh) for loaded in found]
    cache.save(
        {key: loaded for key, loaded in zip(keys, done, strict=True) if key is not None}, background=parallel
    )
    return done


def _body(path: Path, rel: str, raw: bytes | None) -> str:
    """A notice's body as :func:`load_notice` reads it from ``raw``."""
    ignored = Problems()
    text = read_text(path, rel, ignored, raw)
    parts = None if text is None else split_front_matter(text, rel, ignored)
    return "" if parts is None else parts[2]


def _load_keyed(file: File) -> tuple[Key | None, Loaded]:
    raw = read_raw(file[1], MAX_FILE_BYTES)
    return None if raw is None else file_key(file[2], raw), _load_file((*file[:4], raw))


File = tuple[bool, Path, str, tuple[str, ...], bytes | None]
Loaded = tuple[NoticeRecord | ReportRecord | None, list[Problem]]


def _load_file(file: File) -> Loaded:
    """One notice (``file[0]``) or progress report: its record (None if unreadable) and problems.
    ``file[4]``: the file's bytes when they were read already."""
    is_notice, path, rel, parts, raw = file
    problems = Problems()
    record: NoticeRecord | ReportRecord | None = None
    if not is_notice:
        if len(parts) != 2:
            problems.error(
                rel,
                0,
                "Báo cáo phải nằm trong thư mục của đơn vị: progress/<mã-đơn-vị>/<ngày>.yml.",
                "Chuyển tệp vào thư mục progress/<mã đơn vị báo cáo>/.",
            )
        else:
            record = load_report(path, rel, parts[0], problems, raw)
    elif path.suffix != ".md":
        problems.error(
            rel,
            0,
            "Thư mục notices/ chỉ chứa tệp thông báo .md.",
            "Chuyển tệp này ra ngoài thư mục notices/.",
        )
    elif len(parts) != 2 or not re.fullmatch(r"\d{4}", parts[0]):
        problems.error(
            rel,
            0,
            "Tệp thông báo phải nằm trong thư mục năm: notices/<năm>/<mã>.md.",
            f"Chuyển tệp vào notices/<năm ban hành>/{path.name}.",
        )
    else:
        record = load_notice(path, rel, problems, raw)
    return record, problems.items
