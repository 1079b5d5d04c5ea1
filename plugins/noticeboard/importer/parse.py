"""From blocks to a draft: metadata, tasks with units and deadlines, problems.

General rules, in the order a clerk reads a notice:
- before the kind heading: "Số: ...", "<place>, ngày .. tháng .. năm ...";
- the kind heading (THÔNG BÁO, KẾ HOẠCH, ...) and the lines after it: the title;
- "Thực hiện ...", "Căn cứ ..." paragraphs: the documents it implements;
- numbered clauses, bullets and paragraphs of the body: tasks, when they name a
  unit (or sit under a heading or lead-in that names one) and are directives;
  in a plan (kế hoạch) the body outside "TỔ CHỨC THỰC HIỆN" only gives tasks that
  carry a deadline and name their unit, and none when an appendix table lists them;
- appendix tables with lead/support/output/time columns: one task per row;
- "Nơi nhận:" list, the authority block (TM., KT., TL., ...) and the name under it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..content.text import slugify
from .deadlines import Due, find_deadlines
from .layout import PLACE_DATE, PLACE_DATE_SLASH, header_issuer, kind_line, relayout
from .leads import expand_communes, lead_run, prefix_units
from .read import Block
from .units import Registry, unit_key, unmatched_marker

Day = date  # a dataclass field named ``date`` hides the type's name in its class

_NUMBER = re.compile(r"^Số\s*:?\s*(.*)$", re.IGNORECASE)
_MEETING_DATE = re.compile(r"^(?:Ngày|Hôm nay,? ngày)\s+(\d{1,2})/(\d{1,2})/(\d{4})")
_PLACE_IN_TEXT = re.compile(
    r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?:xã|phường|thị trấn|quận|huyện|thị xã)\s+"
    r"((?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,3})"
)
_AUTHORITY = re.compile(r"^(TM|T/M|KT|K/T|TL|T/L|TUQ|TU/Q|Q|Q/)[.\s]\s*(.*)$")
_AUTH_NORMAL = {"T/M": "TM", "K/T": "KT", "T/L": "TL", "TU/Q": "TUQ", "Q/": "Q"}
_POSITIONS = [
    "PHÓ CHÁNH VĂN PHÒNG",
    "CHÁNH VĂN PHÒNG",
    "PHÓ CHỦ TỊCH",
    "CHỦ TỊCH",
    "PHÓ BÍ THƯ",
    "BÍ THƯ",
    "PHÓ TRƯỞNG PHÒNG",
    "TRƯỞNG PHÒNG",
    "PHÓ GIÁM ĐỐC",
    "GIÁM ĐỐC",
    "PHÓ HIỆU TRƯỞNG",
    "HIỆU TRƯỞNG",
    "PHÓ TRƯỞNG BAN",
    "TRƯỞNG BAN",
    "CHÁNH THANH TRA",
    "TRƯỞNG CÔNG AN",
    "PHÓ TRƯỞNG CÔNG AN",
]
_ROMAN_HEAD = re.compile(r"^([IVX]+)\s*[.\-–)]\s*(.*)$")
_NUM_HEAD = re.compile(r"^(\d+(?:\.\d+)*)\s*[.)]\s*(.*)$")
_PAREN_HEAD = re.compile(r"^\((\d+)\)\s*[.)\-–]?\s*(.*)$")
_LETTER_HEAD = re.compile(r"^([a-zđ])\)\s*(.*)$")
_BULLET = re.compile(r"^[-+•*–]\s+(.*)$")
_CLOSING = re.compile(
    r"^(Trên đây|Nơi nhận|Thừa lệnh|.{0,80}\bthông báo để\b|.{0,60}\byêu cầu các .{0,40}nghiêm túc thực hiện)",
    re.IGNORECASE,
)
_SKIP_SECTION = re.compile(
    r"MỤC ĐÍCH|YÊU CẦU|MỤC TIÊU|QUAN ĐIỂM|CĂN CỨ|KẾT QUẢ|TÌNH HÌNH|ĐÁNH GIÁ", re.IGNORECASE
)
_CARRY_OUT = re.compile(r"TỔ CHỨC THỰC HIỆN|PHÂN CÔNG|TRÁCH NHIỆM", re.IGNORECASE)
_EVALUATIVE = re.compile(r"hạn chế|khuyết điểm|tồn tại|kết quả đạt được|nguyên nhân|bài học", re.IGNORECASE)
_DIRECTIVE = re.compile(
    r"\b(yêu cầu|giao|đề nghị|chỉ đạo|nhiệm vụ|thực hiện|triển khai|tập trung|sau)\b", re.IGNORECASE
)
_PERSON = re.compile(r"^(?:Giao|Đề nghị|Yêu cầu)\s+(?:cho\s+)?(?:đồng chí|đ/c|ông|bà)\b", re.IGNORECASE)
_ORG_HEAD = (
    r"(?:Văn phòng|Phòng|Sở|Ban|Trung tâm|Công an|Hội|Đoàn|Trạm|Ủy ban|Uỷ ban|UBND|HĐND|Đảng ủy|Đảng uỷ|"
    r"Chi bộ|Trường|Bộ phận|Tổ|Đội|Cục|Chi cục|Kho bạc|Bảo hiểm|Quỹ|Ngân hàng|Huyện đoàn|Liên đoàn|Thanh tra|"
    r"Ban Chỉ huy|Quân sự|Cấp ủy|Cấp uỷ)"
)
_STOP_WORDS = {
    "chủ",
    "phối",
    "thực",
    "tham",
    "xây",
    "tổ",
    "triển",
    "rà",
    "kiểm",
    "hoàn",
    "báo",
    "phân",
    "chỉ",
    "đôn",
    "theo",
    "tiếp",
    "khẩn",
    "tập",
    "nghiên",
    "đề",
    "hướng",
    "bố",
    "cập",
    "điểm",
    "tăng",
    "nâng",
    "chuẩn",
    "quản",
    "lập",
    "trình",
    "gửi",
    "có",
    "cần",
    "thông",
    "tuyên",
    "đảm",
    "bảo",
    "chịu",
    "làm",
    "nắm",
    "lựa",
    "giám",
    "duy",
    "đẩy",
    "tổng",
    "xử",
    "thu",
    "cung",
    "hỗ",
    "vận",
    "ban",
    "ra",
    "là",
    "để",
    "về",
    "với",
    "trong",
    "trước",
    "và",
    "các",
    "của",
    "khi",
    "sau",
}
_UNMATCHED_LEAD = re.compile(
    r"^(?:(?:Giao|Đề nghị|Yêu cầu)\s+(?:cho\s+)?)?(" + _ORG_HEAD + r"(?:\s+[^\s,;:.()]+){0,6})", re.IGNORECASE
)
_UNMATCHED_GIAO = re.compile(
    r"\b(?:giao|đề nghị|yêu cầu)\s+(?:cho\s+)?(" + _ORG_HEAD + r"(?:\s+[^\s,;:.()]+){0,6})"
)
# two-word verbs that open a task and look like units; word pairs inside unit names
_NOT_UNITS = {"tổ chức", "ban hành", "hội nghị", "hội thảo", "hội thi", "đội ngũ", "đoàn kết", "tổ công tác"}
_NAME_PAIRS = {"kiểm soát", "thông tin", "phát triển", "bảo vệ", "quản lý", "xúc tiến", "tổng hợp"}
_IGNORE_BEFORE = {
    "về",
    "trước",
    "theo",
    "dẫn",
    "phục",
    "đối",
    "tịch",
    "việc",
    "của",
    "tới",
    "đến",
    "gửi",
    "trình",
    "qua",
    "tại",
    "thuộc",
    "mưu",
    "cáo",
    "nghe",
    "cùng",
    "ở",
    "từ",
    "trên",
    "dưới",
    "bởi",
    "nhận",
}
_LEAD_BEFORE = {"giao", "nghị", "cầu"}
_GENERIC = re.compile(r"^(các|những|mọi|toàn thể|từng)\b|liên quan", re.IGNORECASE)


@dataclass
class Problem:
    message: str
    where: str = ""  # "date", "tasks[3].lead", ...


@dataclass
class Task:
    title: str
    lead: str
    support: list[str] = field(default_factory=list)
    due: Due | None = None
    ref: str = ""
    output: str = ""
    supervisor: str = ""
    comments: list[str] = field(default_factory=list)
    id: str = ""
    source: Block | None = None  # where the task was read, for --explain
    rule: str = ""  # which rule gave its lead


@dataclass
class Draft:
    kind: str = "other"
    number: str | None = None
    issuer: str = ""
    place: str | None = None
    date: date | None = None
    date_text: str = ""  # what the text says when the day is blank
    date_left_blank: str = ""  # "day": the document leaves the day for the signer (the front matter's key)
    title: str = ""
    signer: dict[str, str] = field(default_factory=dict)
    recipients: list[str] = field(default_factory=list)
    based_on: list[str] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    comments: dict[str, list[str]] = field(default_factory=dict)  # key -> YAML comment lines
    body: str = ""
    body_blocks: list[Block] = field(default_factory=list)  # the body without header, signature, Nơi nhận
    addressees: list[str] = field(default_factory=list)  # "Kính gửi": whom "Quý cơ quan" means

    @property
    def date_value(self) -> Day | str:  # Day: the field ``date`` above hides the type's name here
        return self.date if self.date is not None else date_placeholder(self.date_text)

    def note(self, key: str, text: str) -> None:
        self.comments.setdefault(key, []).append(text)


def date_placeholder(date_text: str) -> str:
    return f"?? {' '.join(date_text.split()) or 'chưa rõ ngày ban hành'}"


# --- units --------------------------------------------------------------------------------


@dataclass
class UnitRef:
    """A unit named in the text: a registry id, or the name as written (unmatched)."""

    id: str | None
    name: str

    def value(self) -> str:
        return self.id if self.id else unmatched_marker(self.name)


def _strip_parens(text: str) -> str:
    return re.sub(r"\([^()]*\)", " ", text)


def find_roles(text: str, registry: Registry) -> tuple[list[str], list[str], list[str]]:
    """(lead candidates, support, directing) unit ids named in ``text``.

    A unit leads when it opens a sentence ("Phòng Nội vụ chủ trì ..."), follows
    "Giao", "Đề nghị", "Yêu cầu" or "chỉ đạo" ("Giao UBND quận chỉ đạo phòng Nội vụ":
    the office directed leads, the directing one is returned apart), or is followed
    by "chủ trì". It supports after "phối hợp (với)". Units joined to either by
    "và" or a comma share the role (a second lead becomes support). Any other
    mention (reported to, sent to, "của", ...) is not an assignment.
    """
    leads: list[str] = []
    support: list[str] = []
    directing: list[str] = []
    text = registry.protect(text)
    for sentence in re.split(r"[.;:]\s+|[.;:]$", text):
        prev_role, prev_end, prev_len = "", -10, 0
        subject: list[str] = []  # leads taken only because they open the sentence
        opening = True  # still in the sentence's opening ("Năm học 2018-2019, phòng GD&ĐT ...")
        for clause in sentence.split(","):
            words = unit_key(clause).split()
            for m in registry.find(clause):
                p1 = words[m.start - 1] if m.start >= 1 else ""
                p2 = words[m.start - 2] if m.start >= 2 else ""
                nxt = " ".join(words[m.end : m.end + 2])
                joined = (m.start == 0 and prev_end == prev_len) or (m.start - prev_end == 1 and p1 == "và")
                after_with = (p1 == "với" and p2 == "hợp") or (p1 == "hợp" and p2 == "phối")
                if after_with or (prev_role in {"lead", "support"} and joined):
                    role = "support"
                elif p1 == "đạo" and p2 == "chỉ" and m.start <= 8:
                    directing.extend(leads)
                    leads.clear()
                    role = "lead"
                elif (p1 in _LEAD_BEFORE or (p1 == "cho" and p2 == "giao") or nxt == "chủ trì") or (
                    opening
                    and m.start <= 2
                    and p1 not in _IGNORE_BEFORE
                    and p1 != "với"
                    and not (p1 == "đạo" and p2 == "lãnh")
                ):
                    role = "lead"
                else:
                    role = "ignore"
                asked = p1 in _LEAD_BEFORE or (p1 == "cho" and p2 == "giao")
                if role == "lead" and asked and leads and leads == subject:
                    # "Sở Nội vụ đề nghị UBND các xã ...": the one asked leads, not the one asking
                    directing.extend(leads)
                    leads.clear()
                elif role == "lead" and leads:
                    role = "support"
                if role == "lead":
                    if not asked and nxt != "chủ trì" and m.start <= 2 and opening:
                        subject.append(m.unit)
                    leads.append(m.unit)
                elif role == "support":
                    support.append(m.unit)
                prev_role, prev_end = role, m.end
            prev_len = len(words)
            opening = opening and len(words) <= 4
            if prev_end != prev_len:
                prev_end = -10
            else:
                prev_end = 0
                prev_len = 0
    return leads, support, directing


def unmatched_lead(text: str) -> str | None:
    """An organisation named where the lead is written ("Giao Phòng Tư pháp chủ trì
    ...", "..., giao Sở Nôi vụ phối hợp ...")."""
    m = _UNMATCHED_LEAD.match(text.strip()) or _UNMATCHED_GIAO.search(text)
    if not m:
        return None
    words = m.group(1).split()
    if " ".join(words[:2]).lower() in _NOT_UNITS:
        return None  # "Tổ chức thẩm định ...", "Ban hành quy chế ...": a verb, not a unit
    name = [words[0]]
    for k, w in enumerate(words[1:], 1):
        pair = " ".join(words[k : k + 2]).lower()
        if w.lower() in _STOP_WORDS and pair not in _NAME_PAIRS:
            break
        name.append(w)
    if len(name) < 2:
        return None
    return " ".join(name)


NO_LEAD: list[UnitRef | None] = [None]  # a task whose lead the clerk fills in ("??")


def resolve_unit(name: str, registry: Registry) -> UnitRef | None:
    name = name.strip(" .;:,")
    for prefix in ("Đối với", "Đề nghị", "Giao cho", "Giao", "Yêu cầu"):
        if name.lower().startswith(prefix.lower() + " "):
            name = name[len(prefix) + 1 :]
    if not name:
        return None
    unit = registry.match(name)
    if unit:
        return UnitRef(unit, name)
    mentions = registry.find(name)
    if mentions:  # a heading naming several units ("Đảng ủy, UBND các xã"): the first known one
        return UnitRef(mentions[0].unit, name)
    if _GENERIC.search(name):
        return None
    if re.match(_ORG_HEAD + r"\b", name, re.IGNORECASE) and len(name.split()) <= 10:
        return UnitRef(None, name)
    return None


# --- structure ----------------------------------------------------------------------------


@dataclass
class _Context:
    section: str = ""  # roman numeral heading text
    skip: bool = False
    carry_out: bool = False  # "TỔ CHỨC THỰC HIỆN"
    heading_unit: UnitRef | None = None
    heading_level: int = 0
    ref: str = ""
    intro_unit: UnitRef | None = None
    intro_evaluative: bool = False
    num_ref: str = ""  # the numbered clause lettered items sit under ("2" of "2.a")
    intro_prose: bool = False  # the lead-in is running prose: its unit holds over numbered items
    intro_ref: str = ""  # the lead-in's clause ("3.b")
    sublist_next: int | None = None  # the number the lead-in's own numbered list goes on with
    addressees: list[UnitRef] = field(default_factory=list)  # a letter's "Kính gửi" units
    intro_named: bool = False  # the lead-in is only a unit's name ("1. Phòng Kinh tế:")
    section_tasks: bool = False  # "NHIỆM VỤ CỤ THỂ": a plan's section that lists assignments


def _heading_like(text: str) -> bool:
    return len(text.split()) <= 16 and not re.search(r"[.;]$", text) and not text.endswith(":")


def parse_blocks(blocks: list[Block], registry: Registry) -> Draft:
    """A draft from a document's blocks: metadata from the header and the closing,
    tasks from the body's clauses and the appendix tables."""
    draft = Draft()
    paras = relayout(list(blocks))
    head_i, letter = _read_kind(paras, draft)
    _read_number_and_date(paras[: max(head_i, 0) + 8], draft)
    body_start = _read_title(paras, head_i, letter, draft)
    end, appendix = _read_closing(paras, body_start, draft)
    _date_fallback(paras[body_start : body_start + 3], draft)
    if draft.place is None:
        for b in paras[body_start:end]:
            m = None if b.is_table else _PLACE_IN_TEXT.search(b.text)
            if m:
                draft.place = m.group(1)
                break
    body = paras[body_start:end]
    registry.place = draft.place or ""
    _read_based_on(body, draft)
    draft.issuer = _find_issuer(paras, body, draft, registry)
    tables = [b for b in paras[appendix:] if b.is_table] + [b for b in body if b.is_table]
    table_tasks: list[Task] = []
    for t in tables:
        table_tasks.extend(_table_tasks(t, draft, registry))
    only_carry_out = draft.kind == "ke-hoach" and bool(table_tasks)
    body_tasks = _body_tasks([b for b in body if not b.is_table], draft, registry, only_carry_out)
    draft.tasks = body_tasks + table_tasks
    draft.body_blocks = paras[body_start:end] + paras[appendix:]
    for task in draft.tasks:
        task.title = assignment_title(task.title, task.due.phrase if task.due else "")
    _assign_ids(draft.tasks)
    for i, task in enumerate(draft.tasks):
        for msg in task.comments:
            if "không khớp" in msg:
                draft.problems.append(Problem(f"Nhiệm vụ {task.id}: {msg}", f"tasks[{i}]"))
    return draft


def _read_kind(paras: list[Block], draft: Draft) -> tuple[int, tuple[str, int, list[str]] | None]:
    """Index of the kind heading (-1 when there is none) and, for a letter, its parts."""
    head_i = None
    for i, b in enumerate(paras[:30]):
        found = None if b.is_table or not b.lines else kind_line(b.lines[0])
        if found is not None:
            head_i = i
            draft.kind = found[0]
            break
    letter = _letter_parts(paras[: (head_i if head_i is not None else 30)])
    if head_i is None and letter is not None:
        draft.kind = "cong-van"  # a letter: "V/v ..." and "Kính gửi" instead of a kind heading
    elif head_i is None:
        draft.problems.append(
            Problem("Không thấy tên loại văn bản (THÔNG BÁO, KẾ HOẠCH, ...): kind: other.", "kind")
        )
    return (head_i if head_i is not None else -1), letter


def _read_number_and_date(head: list[Block], draft: Draft) -> None:
    """ "Số: 45/KH-UBND" and "<place>, ngày .. tháng .. năm ...": a blank or impossible
    day is reported, never filled in."""
    for b in head:
        if b.is_table:
            continue
        for line in b.lines:
            m = _NUMBER.match(line)
            if m and draft.number is None and "number" not in draft.comments:
                value = re.sub(r"\s*([/-])\s*", r"\1", m.group(1).strip())  # "45 /KH- UBND" as typed
                if value.startswith("/") or not value:
                    draft.note("number", f"văn bản chưa có số (“{line}”)")
                else:
                    draft.number = value.split()[0]
            m = PLACE_DATE.match(line) or PLACE_DATE_SLASH.match(line)
            if m and draft.place is None:
                draft.place = m["place"].strip()
                if m["d"]:
                    try:
                        draft.date = date(int(m["y"]), int(m["m"]), int(m["d"]))
                    except ValueError:
                        draft.date_text = line[m.start("d") - 5 if m.start("d") >= 5 else 0 : m.end()].strip()
                        draft.problems.append(Problem(f"Ngày ban hành không có thật: “{line}”.", "date"))
                else:
                    draft.date_text = line[line.lower().index("ngày") : m.end()]
                    draft.date_left_blank = "day"
                    draft.problems.append(
                        Problem(
                            f"Văn bản để trống ngày ban hành (“{draft.date_text}”): điền vào `date:` ngày cổng "
                            "dùng để tính thời hạn trước khi công bố (trang vẫn hiện ngày để trống như văn bản).",
                            "date",
                        )
                    )


def _read_title(
    paras: list[Block], head_i: int, letter: tuple[str, int, list[str]] | None, draft: Draft
) -> int:
    """The title (the rest of the heading block, else the next paragraph; a letter's
    "V/v ..."), the addressees ("Kính gửi"); returns where the body starts."""
    body_start = head_i + 1
    if letter is not None and head_i < 0:
        draft.title = letter[0]
        body_start = letter[1]
        draft.recipients.extend(letter[2])
        draft.addressees = list(letter[2])
    elif head_i >= 0:
        rest = paras[head_i].lines[1:]
        if not rest and body_start < len(paras) and not paras[body_start].is_table:
            rest = paras[body_start].lines
            body_start += 1
        draft.title = re.sub(r"^(?:V/v|Về việc)\s*:?\s*", "", " ".join(rest).strip())
    if letter is None and head_i >= 0:
        addressed = _addressees(paras, body_start)
        if addressed is not None:
            body_start, names = addressed
            draft.recipients.extend(names)
            draft.addressees = list(names)
    if not draft.title:
        draft.problems.append(Problem("Không thấy trích yếu (tên) của văn bản.", "title"))
    return body_start


def _read_closing(paras: list[Block], body_start: int, draft: Draft) -> tuple[int, int]:
    """Where the body ends ("Nơi nhận", the signature) and the appendix starts
    ("PHỤ LỤC", or the first table after the signature); reads both blocks."""
    end = len(paras)
    appendix = len(paras)
    for i in range(body_start, len(paras)):
        b = paras[i]
        if b.is_table:
            if i > end:
                appendix = min(appendix, i)
            continue
        first = b.lines[0]
        if re.match(r"^Nơi nhận", first, re.IGNORECASE):
            end = min(end, i)
            _read_recipients(paras, i, draft)
        elif _AUTHORITY.match(first) and first.upper() == first:
            end = min(end, i)
            _read_signer(paras, i, draft)
        elif re.match(r"^PHỤ LỤC\b", first) and i > end - 1:
            appendix = min(appendix, i)
    if not draft.signer:
        draft.note("signer", "không thấy khối chữ ký (TM., KT., TL., ...)")
    return end, max(appendix, end)


def _date_fallback(opening: list[Block], draft: Draft) -> None:
    """A conclusion dated only by its meeting ("Ngày 10/04/2026, tại ..."): that day,
    reported for checking; no date at all: a placeholder the validator refuses."""
    if draft.date is not None or draft.date_text:
        return
    for b in opening:
        m = None if b.is_table else _MEETING_DATE.match(b.text)
        if m:
            try:
                draft.date = date(int(m[3]), int(m[2]), int(m[1]))
            except ValueError:
                continue
            draft.problems.append(
                Problem(
                    f"Văn bản không ghi “<địa danh>, ngày ... tháng ... năm ...”: lấy ngày họp {draft.date:%d/%m/%Y} "
                    "làm ngày ban hành, cần kiểm tra lại.",
                    "date",
                )
            )
            return
    draft.date_text = "chưa rõ ngày ban hành"
    draft.problems.append(Problem("Không thấy ngày ban hành.", "date"))


def _addressees(paras: list[Block], start: int) -> tuple[int, list[str]] | None:
    """ "Kính gửi: A; B" or "Kính gửi:" with a list under it, at ``start`` or the
    block after: (index of the first body block, the names)."""
    for i in range(start, min(start + 3, len(paras))):
        b = paras[i]
        if b.is_table:
            continue
        m = re.match(r"^Kính gửi\s*:?\s*(.*)$", b.text, re.IGNORECASE)
        if not m:
            continue
        items = [m.group(1)] if m.group(1) else []
        j = i + 1
        while (
            j < len(paras)
            and not paras[j].is_table
            and _BULLET.match(paras[j].text)
            and len(paras[j].text) < 160
        ):
            items.append(paras[j].text)
            j += 1
        names = []
        for item in items:
            for part in re.split(r";\s*", item):
                part = re.sub(r"^[-+•*–]\s*", "", part).strip(" .;,")
                if part:
                    names.append(part)
        return j, names
    return None


def _letter_parts(head: list[Block]) -> tuple[str, int, list[str]] | None:
    """A letter's subject ("V/v ..."), where its body starts and its addressees,
    when the header has "V/v" or "Kính gửi" and no kind heading."""
    subject = ""
    for b in head:
        if not b.is_table and re.match(r"^(V/v|Về việc)\b", b.lines[0]):
            subject = re.sub(r"^(?:V/v|Về việc)\s*:?\s*", "", " ".join(b.lines)).strip()
            break
    for i, b in enumerate(head):
        if b.is_table:
            continue
        if re.match(r"^Kính gửi", b.text, re.IGNORECASE):
            found = _addressees(head, i)
            if found is not None:
                return subject, found[0], found[1]
    if subject:
        last = max(
            (
                i
                for i, b in enumerate(head)
                if not b.is_table
                and (PLACE_DATE.match(b.lines[0]) or re.match(r"^(V/v|Về việc)", b.lines[0]))
            ),
            default=-1,
        )
        return subject, last + 1, []
    return None


def _read_recipients(paras: list[Block], i: int, draft: Draft) -> None:
    lines = paras[i].lines[1:]
    for b in paras[i + 1 :]:
        if b.is_table or not _BULLET.match(b.lines[0]):
            break
        lines.extend(b.lines)
    for line in lines:
        m = _BULLET.match(line)
        item = (m.group(1) if m else line).strip(" ;,.")
        item = re.sub(
            r"\s*\((?:để )?(?:b/c|báo cáo|t/h|thực hiện|biết)\)\s*[;,.]?", "", item, flags=re.IGNORECASE
        )
        item = item.strip(" ;,.")
        if item and not re.match(r"^Lưu\b", item, re.IGNORECASE):
            draft.recipients.append(item)


def _split_position(line: str) -> tuple[str, str]:
    for pos in _POSITIONS:
        if line.endswith(" " + pos):
            return line[: -len(pos) - 1].strip(), pos
    return line, ""


def _read_signer(paras: list[Block], i: int, draft: Draft) -> None:
    lines = list(paras[i].lines)
    authority: list[str] = []
    title = ""
    for line in lines:
        m = _AUTHORITY.match(line)
        if m:
            prefix = _AUTH_NORMAL.get(m.group(1), m.group(1))
            rest, pos = _split_position(m.group(2).strip())
            if not rest and pos:  # "KT. CHÁNH VĂN PHÒNG": a position signing for another
                rest, pos = pos, ""
            authority.append(f"{prefix}. {rest}".strip())
            title = pos or title
        elif line.strip() and line.upper() == line:
            title = line.strip()
    name = ""
    own = [x.strip() for x in lines[1:] if x.strip() and x.upper() != x and not _AUTHORITY.match(x)]
    if own and _is_name(own[-1]):
        name = own[-1]
    for b in [] if name else paras[i + 1 : i + 4]:
        if b.is_table:
            break
        cand = b.lines[-1].strip()
        if _is_name(cand):
            name = cand
            break
    draft.signer = {"name": name, "authority": ", ".join(authority), "title": title}


def _is_name(text: str) -> bool:
    """A signer's name under the signature ("Trần Thị Bình"), not a remark."""
    return (
        bool(re.fullmatch(r"[A-ZĐÀ-Ỹ][^\d,;:()]{3,50}", text))
        and text.upper() != text
        and len(text.split()) <= 6
        and all(w[:1].isupper() for w in text.split())
    )


def _read_based_on(body: list[Block], draft: Draft) -> None:
    for b in body[:6]:
        if b.is_table:
            continue
        m = re.match(r"^(Thực hiện|Căn cứ)\s+(.*)$", b.text)
        if not m or _MARKER_ANY.match(b.text):
            continue
        for part in re.split(r";\s*", m.group(2)):
            part = re.sub(r"^(Thực hiện|Căn cứ)\s+", "", part.strip()).strip(" ;,.")
            # "..., Chủ tịch UBND tỉnh có ý kiến như sau:": the sentence goes on past the document
            part = re.sub(r",[^,]{0,120}\b(?:như sau|sau đây)\s*:?$", "", part).strip(" ;,.")
            if part and re.search(r"\bsố\b|\d", part):
                draft.based_on.append(part[0].upper() + part[1:])


_MARKER_ANY = re.compile(r"^(?:[IVX]+\s*[.\-–]|\d+(?:\.\d+)*[.)]|\(\d+\)|[a-zđ]\)|[-+•*–]\s)")


def _find_issuer(paras: list[Block], body: list[Block], draft: Draft, registry: Registry) -> str:
    for name in header_issuer(paras):
        unit = registry.match(name)
        if unit:
            return unit
    candidates: list[str] = []
    for b in body:
        if b.is_table:
            continue
        m = re.search(
            r"(?:^|,\s*)([^,.;]{3,80}?)\s+(?:xây dựng|ban hành)\s+(?:Kế hoạch|Chương trình|Quy chế)", b.text
        )
        if m and not _MARKER_ANY.match(b.text):
            candidates.append(m.group(1))
        m = re.search(r"(?:^|[,.]\s+)([^,.;]{3,80}?)\s+thông báo\s+(?:để|kết luận|ý kiến|đến)", b.text)
        if m:
            candidates.append(m.group(1))
    auth = draft.signer.get("authority", "")
    for part in auth.split(", "):
        m = re.match(r"^TM\.\s+(.*)$", part)
        if m:
            candidates.append(m.group(1))
    if draft.number and "-" in draft.number:
        candidates.append(draft.number.rsplit("-", 1)[-1])
    if re.search(r"CHỦ TỊCH", auth):
        candidates.append("Ủy ban nhân dân")
    for cand in candidates:
        ref = resolve_unit(cand, registry)
        if ref and ref.id:
            return ref.id
    first = candidates[0] if candidates else "cơ quan ban hành"
    draft.note("issuer", f"không khớp đơn vị nào trong units.yml; {_did_you_mean(first, registry)}")
    draft.problems.append(
        Problem(f"Cơ quan ban hành “{first}” không khớp đơn vị nào trong units.yml.", "issuer")
    )
    return unmatched_marker(first)


def _did_you_mean(name: str, registry: Registry) -> str:
    hits = registry.suggest(name)
    return "có phải: " + ", ".join(hits) + "?" if hits else "thêm đơn vị vào units.yml"


def _default_lead(draft: Draft, body: list[Block], registry: Registry) -> UnitRef | None:
    texts = [draft.title] + [b.text for b in body[:3] if not b.is_table]
    for text in texts:
        m = re.search(r"làm việc với\s+(.{3,120})", text)
        if m:
            found = registry.find(m.group(1))
            if found and found[0].start <= 1:
                return UnitRef(found[0].unit, found[0].text)
    return None


def _in_range(due: Due, draft: Draft) -> bool:
    ref = draft.date
    if ref is None and draft.date_text:
        m = re.search(r"tháng\s*(\d{1,2})\s*năm\s*(\d{4})", draft.date_text)
        if m:
            ref = date(int(m[2]), int(m[1]), 1)
    return due.end is None or ref is None or due.end >= ref


_DESCRIBES = re.compile(
    r"(?:dự kiến(?:\s+(?:thực hiện|tổ chức|triển khai))?|diễn ra|được (?:tổ chức|thực hiện|triển khai))\s*$",
    re.IGNORECASE,
)


def _deadlines(text: str, draft: Draft) -> list[Due]:
    """Deadlines of a clause; a time phrase that describes the object ("11 hoạt
    động dự kiến thực hiện trong năm 2026") is not one."""
    out = []
    for d in find_deadlines(text, draft.date_value):
        if not (d.key is not None or d.problem) or not _in_range(d, draft):
            continue
        if d.phrase.lower().startswith("trong") and _DESCRIBES.search(text[: d.start]):
            continue
        if re.search(r"\b(?:tính|tính từ|số liệu)\s*$", text[: d.start], re.IGNORECASE):
            continue  # "số liệu tính đến ngày 30/6": the date the figures are taken, not a deadline
        out.append(d)
    return out


def _reference_date(draft: Draft) -> date | None:
    if draft.date is not None:
        return draft.date
    m = re.search(r"tháng\s*(\d{1,2})\s*năm\s*(\d{4})", draft.date_text)
    return date(int(m[2]), int(m[1]), 1) if m else None


def _year_of_month(month: int, draft: Draft, year: int | None = None) -> int | None:
    """The year of a month written without one: the table header's ("Thời gian
    (Năm 2026)"), the school year's ("năm học 2025-2026": September is 2025, May
    2026), else the first such month from the notice's date on."""
    if year is not None:
        return year
    school = re.search(r"năm học\s+(\d{4})\s*[-–]\s*(\d{4})", draft.title, re.IGNORECASE)
    if school:
        return int(school[1]) if month >= 8 else int(school[2])
    ref = _reference_date(draft)
    if ref is None:
        return None
    return ref.year if month >= ref.month else ref.year + 1


_MONTH_ONLY = re.compile(
    r"^(?P<pre>(?:[-+•*–]\s*)?(?:vào\s+|trong\s+)?)(?:ngày\s+(?P<d>\d{1,2})\s+)?tháng\s+(?P<m>\d{1,2})"
    r"(?!\d)(?!\s*(?:/|năm)\s*\d)",
    re.IGNORECASE,
)
_DAY_MONTH = re.compile(
    r"^(?P<pre>(?:(?:hoàn thành\s+)?trước|chậm nhất(?:\s+là)?|hạn)\s+)?(?:ngày\s+)?"
    r"(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})$",
    re.IGNORECASE,
)
_INLINE_DAY_MONTH = re.compile(
    r"(?P<pre>\b(?:trước|chậm nhất(?:\s+là)?|hạn chót|đến hết|đến)\s+(?:ngày\s+)?)"
    r"(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?![/\d.]*\d)",
    re.IGNORECASE,
)


_INLINE_LONG = re.compile(
    r"\b(?:trước|chậm nhất(?:\s+là)?|hạn chót|đến hết|đến)\s+(?:ngày\s+)?\d{1,2}\s+tháng\s+"
    r"(?P<m>\d{1,2})(?!\d)(?!\s*(?:năm|/)\s*\d)",
    re.IGNORECASE,
)
_INLINE_QUARTER = re.compile(
    r"\b(?:trong|hoàn thành trong|xong trong)\s+quý\s+(?:iv|i{1,3}|[1-4])\b(?!\s*(?:năm|/)\s*\d)",
    re.IGNORECASE,
)


def _with_year(m: re.Match[str], draft: Draft, year: int | None, sep: str = "/") -> str:
    """ "trước ngày 30/4", "trước ngày 15 tháng 5" in running text, given the year they mean."""
    if not 1 <= int(m["m"]) <= 12:
        return m.group(0)
    y = _year_of_month(int(m["m"]), draft, year)
    return f"{m.group(0)}{sep}{y}" if y else m.group(0)


def _quarter_with_year(m: re.Match[str], draft: Draft, year: int | None) -> str:
    ref = _reference_date(draft)
    y = year or (ref.year if ref else None)
    return f"{m.group(0)}/{y}" if y else m.group(0)


# "Quý II", "6 tháng đầu năm" in a table without a year: the header's or the notice's year
_PERIOD_ONLY = re.compile(
    r"^(?:trong\s+)?(?:quý\s+(?:iv|i{1,3}|[1-4])|0?6\s+tháng\s+(?:đầu|cuối)\s+năm)$", re.IGNORECASE
)


def complete_year(text: str, draft: Draft, year: int | None = None) -> str:
    """A schedule's "Tháng 9: ...", "ngày 27 tháng 3" or "27/3" with its year
    written in, so the deadline grammar can read it."""
    m = _MONTH_ONLY.match(text)
    if m and 1 <= int(m["m"]) <= 12:
        y = _year_of_month(int(m["m"]), draft, year)
        if y is None:
            return text
        # the year is written in where it is missing, the clerk's words kept
        return text[: m.end("m")] + (f" năm {y}" if m["d"] else f"/{y}") + text[m.end("m") :]
    text = _INLINE_DAY_MONTH.sub(lambda m: _with_year(m, draft, year), text)
    text = _INLINE_LONG.sub(lambda m: _with_year(m, draft, year, " năm "), text)
    text = _INLINE_QUARTER.sub(lambda m: _quarter_with_year(m, draft, year), text)
    m = _DAY_MONTH.match(text.strip())
    if m and 1 <= int(m["m"]) <= 12:
        y = _year_of_month(int(m["m"]), draft, year)
        return f"{text.strip()}/{y}" if y else text
    m = _PERIOD_ONLY.match(text.strip())
    if m:
        ref = _reference_date(draft)
        y = year or (ref.year if ref else None)
        sep = " " if m.group(0).lower().endswith("năm") else "/"
        return f"{m.group(0)}{sep}{y}" if y else text
    return text


_MEETING = re.compile(r"chủ trì\s+(?:tại\s+)?(?:buổi|cuộc|hội nghị|phiên)", re.IGNORECASE)
_ASSIGN_VERB = re.compile(r"\b(giao|đề nghị|yêu cầu|chỉ đạo)\b", re.IGNORECASE)


def _intro_unit(text: str, registry: Registry) -> UnitRef | None:
    """The unit a lead-in gives the items under it: "1. Đối với Sở Y tế:",
    "a) UBND xã Bảo Lâm 2:", "Sở Nội vụ đề nghị UBND các xã thực hiện ... sau:"."""
    clean = re.sub(
        r"^(?:Đối với|Về phía|Giao cho|Giao)\s+", "", _strip_parens(text).strip(), flags=re.IGNORECASE
    )
    whole = clean.rstrip(" :")
    unit = registry.match(whole)
    if unit:
        return UnitRef(unit, whole)
    leads, _s, _d = find_roles(clean, registry)
    if len(set(leads)) == 1:
        return UnitRef(leads[0], "")
    if re.match(_ORG_HEAD + r"\b", whole) and len(whole.split()) <= 10 and not registry.find(whole):
        fuzzy = registry.fuzzy(whole)
        return UnitRef(fuzzy, whole) if fuzzy else UnitRef(None, whole)
    return None


_FIELD = re.compile(
    r"^(?:[-+•*–]\s*)?(?P<label>(?:Đơn vị|Cơ quan|Bộ phận)\s+(?:chủ trì|thực hiện|phối hợp)|Chủ trì|Phối hợp|"
    r"Trách nhiệm(?: thực hiện)?|Thời gian(?: thực hiện| hoàn thành)?|Thời hạn(?: hoàn thành)?|"
    r"Tiến độ(?: thực hiện)?|Sản phẩm|Kết quả(?: đầu ra)?)\s*:\s*(?P<value>.+?)\s*\.?$",
    re.IGNORECASE,
)


def _field_kind(label: str) -> str:
    low = label.lower()
    if "phối hợp" in low:
        return "support"
    if low.startswith(("thời", "tiến độ")):
        return "due"
    if low.startswith(("sản phẩm", "kết quả")):
        return "output"
    return "lead"


def _field_dues(value: str, draft: Draft) -> list[Due]:
    value = complete_year(value.strip(), draft)
    # "Tháng 4 và tháng 5/2026": the last period named is the deadline
    value = re.sub(r"^(?:tháng\s+\d{1,2}\s*(?:,|và|-)\s*)+(?=tháng\s+\d)", "", value, flags=re.IGNORECASE)
    found = [d for d in find_deadlines(value, draft.date_value, bare=True) if d.key or d.problem]
    return [d for d in found if d.key] or [d for d in _deadlines(value, draft) if d.key]


def _labeled_task(
    body: list[Block], i: int, draft: Draft, registry: Registry
) -> tuple[Task, list[int]] | None:
    """An item followed by labelled lines ("- Đơn vị chủ trì: ...", "- Thời gian:
    ..."), as plans write them: one task with those fields."""
    fields: dict[str, str] = {}
    used: list[int] = []
    for j in range(i + 1, min(i + 7, len(body))):
        m = None if body[j].is_table else _FIELD.match(body[j].text)
        if m is None:
            break
        fields.setdefault(_field_kind(m["label"]), m["value"])
        used.append(j)
    if "lead" not in fields or body[i].is_table or _FIELD.match(body[i].text):
        return None
    title = re.sub(r"^(?:[IVX]+|\d+(?:\.\d+)*|[a-zđ]|\(\d+\))\s*[.)\-–]?\s+|^[-+•*–]\s+", "", body[i].text)
    leads, support = _table_leads(fields["lead"], registry, shared=True)
    for name in re.split(r"[,;]", registry.protect(fields.get("support", ""))):
        ref = resolve_unit(name, registry) if name.strip() else None
        if ref and ref.id and ref.id not in support:
            support.append(ref.id)
    dues = _field_dues(fields.get("due", ""), draft)
    task = _make_task(title, leads[0] if leads else None, _dedup(support), dues, "", registry)
    task.output = fields.get("output", "")
    task.source = Block([*body[i].lines, *(x for j in used for x in body[j].lines)], where=body[i].where)
    task.rule = "mục có dòng “Đơn vị chủ trì/thực hiện:” và “Thời gian:”"
    return task, used


def _item_ref(text: str, ctx: _Context) -> str:
    m = re.match(r"^(\d+(?:\.\d+)*|[a-zđ])[.)]\s", text)
    if not m:
        return ""
    mark = m.group(1)
    if mark[0].isdigit():
        return (ctx.ref + "." if ctx.ref and not ctx.ref[0].isdigit() else "") + mark
    return f"{ctx.num_ref}.{mark}" if ctx.num_ref else mark


def _prose_assigns(text: str, registry: Registry) -> bool:
    """A paragraph of running prose (a letter's body) that assigns work: it says
    "giao"/"đề nghị"/"yêu cầu", or a unit opens the sentence ("Sở Tài chính tham
    mưu ..."); a meeting's account ("... chủ trì buổi làm việc") does not."""
    if _MEETING.search(text):
        return False
    if _ASSIGN_VERB.search(text):
        return True
    mentions = registry.find(registry.protect(re.sub(r"^(?:Đối với|Về phía)\s+", "", text)))
    return bool(mentions) and mentions[0].start == 0


def _split_between(text: str, draft: Draft) -> list[str]:
    """ "... trước 30/5/2026 và điều chỉnh ... trước ngày 15/6/2026": one part per
    deadline, cut at the "và" or comma after the first one."""
    dues = [d for d in _deadlines(text, draft) if d.key]
    if len({d.key for d in dues}) <= 1:
        return [text]
    first, second = dues[0], next(d for d in dues if d.key != dues[0].key)
    cut = re.search(r"\s*(?:,\s*(?:và\s+)?|\s+và\s+|;\s*)", text[first.stop : second.start])
    if cut is None:
        return [text]
    a, b = first.stop + cut.start(), first.stop + cut.end()
    return [text[:a].strip(), *_split_between(text[b:].strip(), draft)]


def _segments(text: str, draft: Draft) -> list[tuple[str, list[Due]]]:
    """Split a clause holding several different deadlines into one part per deadline."""
    dues = [d for d in _deadlines(text, draft) if d.key]
    if len({d.key for d in dues}) <= 1:
        return [(text, _deadlines(text, draft))]
    parts = re.split(r"(?<=[;.])\s+", text)
    groups: list[tuple[str, list[Due]]] = []
    current: list[str] = []
    for part in parts:
        current.append(part)
        found = [d for d in _deadlines(part, draft) if d.key]
        if found:
            groups.append((" ".join(current), _deadlines(" ".join(current), draft)))
            current = []
    if current:
        if groups:
            text0, d0 = groups[-1]
            groups[-1] = (text0 + " " + " ".join(current), d0)
        else:
            groups.append((" ".join(current), []))
    out: list[tuple[str, list[Due]]] = []
    for group_text, dues_of in groups:
        parts = _split_between(group_text, draft)
        if len(parts) == 1:
            out.append((group_text, dues_of))
        else:
            out.extend((part, _deadlines(part, draft)) for part in parts)
    return out


def _lead_for(
    text: str, ctx: _Context, default: UnitRef | None, registry: Registry, fallback: bool = True
) -> tuple[list[UnitRef], list[str], str]:
    """(leads, support ids, how found) of a clause: one lead, or several when the
    text assigns the task to a list of units (each gets a task of its own)."""
    clean = _strip_parens(text)
    clean = re.sub(r"^Về [^:]{1,80}:\s*", "", clean)
    clean = expand_communes(clean, registry)
    leads, support, _directing = find_roles(clean, registry)
    if ctx.heading_unit is not None:
        lead = ctx.heading_unit
        support = [u for u in leads + support if u != lead.id]
        return [lead], _dedup(support), "heading"
    listed = prefix_units(clean, registry)
    if listed is not None:
        units, rest = listed
        _l, rest_support, _d = find_roles(rest, registry)
        how = "list" if len(units) > 1 else "text"
        return [UnitRef(u, "") for u in units], _dedup([u for u in rest_support if u not in units]), how
    if not leads:
        # "Xây dựng kế hoạch ... (Phòng Kinh tế chủ trì, xong trước 30/4/2026)": the lead in brackets
        for inner in re.findall(
            r"\(([^()]*(?:chủ trì|thực hiện|giao|chịu trách nhiệm)[^()]*)\)", text, re.IGNORECASE
        ):
            leads, more, _d = find_roles(re.sub(r"^(?:Giao|Giao cho)\s+", "", inner.strip()), registry)
            support = support + more
            if leads:
                break
    if leads:
        run = (
            lead_run(clean, leads[0], registry)
            if leads[0] in {m.unit for m in registry.find(clean)}
            else [leads[0]]
        )
        others = [u for u in leads[1:] + support if u not in run]
        return [UnitRef(u, "") for u in run], _dedup(others), "text" if len(run) == 1 else "list"
    name = unmatched_lead(clean)
    if name and not _GENERIC.search(name) and not registry.find(name):
        fuzzy = registry.fuzzy(name)
        if fuzzy is not None:
            return [UnitRef(fuzzy, name)], _dedup(support), "fuzzy"
        return [UnitRef(None, name)], _dedup(support), "text"
    if ctx.addressees and _TO_ADDRESSEE.search(clean):
        return list(ctx.addressees), _dedup(support), "addressee"
    if not fallback:
        return [], _dedup(support), ""
    if ctx.intro_unit is not None:
        return [ctx.intro_unit], _dedup([u for u in support if u != ctx.intro_unit.id]), "intro"
    if default is not None:
        return [default], _dedup([u for u in support if u != default.id]), "default"
    return [], _dedup(support), ""


_RULES = {
    "heading": "đơn vị ở đầu mục (các ý dưới mục đó do đơn vị này chủ trì)",
    "list": "câu giao cho nhiều đơn vị: mỗi đơn vị một nhiệm vụ",
    "text": "đơn vị được giao nêu trong câu (Giao ..., ... chủ trì)",
    "fuzzy": "tên đơn vị viết gần đúng, khớp theo độ giống",
    "intro": "đơn vị nêu ở câu dẫn phía trên",
    "default": "đơn vị làm việc của buổi họp (nêu ở phần mở đầu)",
    "addressee": "đơn vị nhận văn bản (Kính gửi): “Quý cơ quan”, “đề nghị các đơn vị”",
}


# "Đề nghị Quý cơ quan ...", "đề nghị các đơn vị ...": the units the letter is sent to
_TO_ADDRESSEE = re.compile(
    r"\bQuý\s+(?:cơ quan|đơn vị|Sở|Ủy ban|Uỷ ban|UBND|địa phương)|"
    r"\b(?:đề nghị|yêu cầu)\s+(?:các\s+)?(?:cơ quan,?\s*)?(?:đơn vị|địa phương)\b",
    re.IGNORECASE,
)


def _dedup(ids: list[str]) -> list[str]:
    out: list[str] = []
    for i in ids:
        if i not in out:
            out.append(i)
    return out


def _make_task(
    text: str, lead: UnitRef | None, support: list[str], dues: list[Due], ref: str, registry: Registry
) -> Task:
    task = Task(title=text.strip(), lead="", support=support, ref=ref)
    if lead is None:
        task.lead = unmatched_marker("(chưa rõ đơn vị chủ trì)")
        task.comments.append("không khớp đơn vị nào trong units.yml: văn bản không nêu đơn vị chủ trì")
    elif lead.id:
        task.lead = lead.id
    else:
        task.lead = unmatched_marker(lead.name)
        task.comments.append(f"không khớp đơn vị nào trong units.yml; {_did_you_mean(lead.name, registry)}")
    real = [d for d in dues if d.key]
    if real:
        task.due = real[0]
    for d in dues:
        if d.problem:
            task.comments.append(f"thời hạn chưa ghi được: {d.problem}")
    return task


@dataclass
class _Item:
    """A body block read as a clause: its text without the marker, its level and ref."""

    text: str
    level: int = 0
    ref: str = ""
    numbered: bool = False  # "1.", "2.3."
    lettered: bool = False  # "a)", "(1)"
    bullet: bool = False  # "-", "+", "•"

    @property
    def structured(self) -> bool:
        return self.numbered or self.lettered or self.bullet


def _read_item(text: str, ctx: _Context) -> _Item:
    m_num, m_paren, m_letter, m_bullet = (
        _NUM_HEAD.match(text),
        _PAREN_HEAD.match(text),
        _LETTER_HEAD.match(text),
        _BULLET.match(text),
    )
    if m_num:
        ref = (ctx.ref + "." if ctx.ref and not ctx.ref[0].isdigit() else "") + m_num.group(1)
        ctx.num_ref = ref
        return _Item(m_num.group(2), m_num.group(1).count(".") + 1, ref, numbered=True)
    if m_paren or m_letter:
        m = m_paren or m_letter
        mark = m.group(1)  # type: ignore[union-attr]
        ref = f"{ctx.num_ref}.{mark}" if ctx.num_ref else (f"{ctx.ref}.{mark}" if ctx.ref else mark)
        return _Item(re.sub(r"^[-–]\s*", "", m.group(2)), 5, ref, lettered=True)  # type: ignore[union-attr]
    if m_bullet:
        return _Item(m_bullet.group(1), 0, ctx.num_ref or ctx.ref, bullet=True)
    return _Item(text, 0, ctx.ref)


def _enter_heading(item: _Item, ctx: _Context, registry: Registry) -> None:
    """A numbered or lettered heading: the section may be skipped (MỤC ĐÍCH, YÊU CẦU)
    and a heading naming a unit leads what is under it."""
    if _SKIP_SECTION.search(item.text) and item.level <= 1 and not _CARRY_OUT.search(item.text):
        ctx.skip = True
    elif item.level <= 1:
        ctx.skip = bool(_SKIP_SECTION.search(ctx.section)) and not ctx.carry_out
    unit = resolve_unit(item.text, registry) if not re.match(r"^Về\b", item.text) else None
    if item.level <= ctx.heading_level or unit is not None or ctx.heading_unit is None:
        ctx.heading_unit = unit
        ctx.heading_level = item.level if unit is not None else 0
    ctx.intro_unit, ctx.intro_evaluative = None, False


def _continues_sublist(text: str, ctx: _Context) -> bool:
    """ "1.", "2." under "b) UBND xã Bảo Lâm 2:": a list of the lead-in's own, its
    numbers starting again from 1, not the notice's next clause."""
    m = re.match(r"^(\d+)[.)]\s", text)
    if m is None or ctx.sublist_next is None:
        return False
    if int(m.group(1)) != ctx.sublist_next:
        ctx.sublist_next = None
        return False
    ctx.sublist_next += 1
    ctx.num_ref = ctx.intro_ref  # the clause the lead-in sits in goes on
    return True


def _enter_lead_in(item: _Item, ctx: _Context, registry: Registry) -> None:
    ctx.intro_unit = _intro_unit(item.text, registry)
    # "1. Phòng Văn hóa - Xã hội:": a lead-in that is nothing but a unit's name
    ctx.intro_named = (
        ctx.intro_unit is not None
        and item.structured
        and registry.match(re.sub(r"^(?:Đối với|Giao)\s+", "", item.text.rstrip(" :"), flags=re.IGNORECASE))
        is not None
    )
    ctx.intro_ref = item.ref
    ctx.sublist_next = 1 if ctx.intro_unit is not None and item.lettered else None
    # a prose lead-in that asks units ("Sở Nội vụ đề nghị UBND các xã ... sau:") gives
    # them the numbered items under it; a meeting's account does not
    ctx.intro_prose = (
        not item.structured
        and ctx.intro_unit is not None
        and not _MEETING.search(item.text)
        and bool(_ASSIGN_VERB.search(item.text))
    )
    ctx.intro_evaluative = bool(_EVALUATIVE.search(item.text)) and not re.search(
        r"\b(yêu cầu|giao|đề nghị)\b", item.text, re.IGNORECASE
    )


def _before_items(body: list[Block], i: int, tasks: list[Task], draft: Draft) -> bool:
    """Blocks that are not clauses of their own: a "Thời gian hoàn thành:" line
    under the task above (its deadline), the closing sentence. True when handled."""
    text = body[i].text
    field = _FIELD.match(text)
    if field and tasks and tasks[-1].source is body[i - 1] and _field_kind(field["label"]) == "due":
        if tasks[-1].due is None:
            dues = _field_dues(field["value"], draft)
            tasks[-1].due = dues[0] if dues else None
        return True
    # the closing sentence ("... đề nghị các đơn vị quan tâm, thực hiện./.") assigns nothing new
    return (
        bool(re.search(r"\./\.?$", text))
        and not _ROMAN_HEAD.match(text)
        and not any(d.key for d in _deadlines(text, draft))
    )


def _body_tasks(body: list[Block], draft: Draft, registry: Registry, only_carry_out: bool) -> list[Task]:
    default = _default_lead(draft, body, registry)
    tasks: list[Task] = []
    addressees = [ref for ref in (_piece_unit(name, registry) for name in draft.addressees) if ref and ref.id]
    ctx = _Context(addressees=addressees)
    started = False
    consumed: set[int] = set()
    for i, b in enumerate(body):
        text = b.text
        if i in consumed:
            continue
        if _CLOSING.match(text):
            break
        labeled = None if ctx.skip else _labeled_task(body, i, draft, registry)
        if labeled is not None:
            task, used = labeled
            consumed.update(used)
            task.ref = _item_ref(text, ctx)
            tasks.append(task)
            started = True
            continue
        if _before_items(body, i, tasks, draft):
            continue
        m_roman = _ROMAN_HEAD.match(text)
        if m_roman and (text.upper() == text or _heading_like(m_roman.group(2))):
            started = True
            title = m_roman.group(2)
            ctx = _Context(
                section=title,
                skip=bool(_SKIP_SECTION.search(title)) and not _CARRY_OUT.search(title),
                carry_out=bool(_CARRY_OUT.search(title)),
                ref=m_roman.group(1),
                addressees=addressees,
                section_tasks=bool(re.search(r"NHIỆM VỤ CỤ THỂ|PHÂN CÔNG", title, re.IGNORECASE)),
            )
            continue
        item = _read_item(text, ctx)
        started = started or item.structured
        if not started and text.endswith(":"):
            started = True  # "... kết luận như sau:": the items follow
        if (item.numbered or item.lettered) and _heading_like(item.text):
            _enter_heading(item, ctx, registry)
            continue
        if item.numbered and item.level <= ctx.heading_level:
            ctx.heading_unit, ctx.heading_level = None, 0
        if item.numbered and ctx.intro_unit is not None and _continues_sublist(text, ctx):
            item.ref = f"{ctx.intro_ref}.{item.ref.rsplit('.', 1)[-1]}" if ctx.intro_ref else item.ref
        elif item.numbered and not ctx.intro_prose:
            ctx.intro_unit, ctx.intro_evaluative = None, False
        if ctx.skip:
            continue
        if item.text.endswith(":"):  # a lead-in to a list
            _enter_lead_in(item, ctx, registry)
            continue
        if (ctx.intro_evaluative and item.bullet) or _PERSON.match(item.text):
            continue
        item.text = complete_year(item.text, draft)
        tasks.extend(_item_tasks(item, b, ctx, draft, registry, default, only_carry_out, started))
    return tasks


def _item_tasks(
    item: _Item,
    block: Block,
    ctx: _Context,
    draft: Draft,
    registry: Registry,
    default: UnitRef | None,
    only_carry_out: bool,
    started: bool,
) -> list[Task]:
    """The tasks of one clause: one per deadline it sets and per unit it names."""
    tasks: list[Task] = []
    plain_directive = bool(re.match(r"^(Giao|Đề nghị|Yêu cầu)\b", item.text))
    previous: tuple[list[UnitRef], list[str], str] | None = None
    for seg_text, dues in _segments(item.text, draft):
        has_due = any(d.key for d in dues)
        found_here = _lead_for(seg_text, ctx, default, registry, fallback=False)
        inherited = None
        if found_here[0] and found_here[2] in {"text", "list", "fuzzy", "addressee"}:
            previous = found_here
        elif previous is not None:
            inherited = previous  # "... và điều chỉnh ... trước ngày ...": the same units
        in_plan_body = draft.kind == "ke-hoach" and not ctx.carry_out
        if in_plan_body or not started:
            if only_carry_out and in_plan_body and not (ctx.section == "" and not item.structured):
                continue  # the appendix lists the plan's tasks; only prose outside any section adds one
            leads, support, how = inherited or found_here
            if not leads and ctx.intro_named and ctx.intro_unit is not None:
                leads, support, how = [ctx.intro_unit], support, "intro"  # under "1. Phòng Văn hóa - Xã hội:"
            named = how in {"text", "heading", "list", "fuzzy", "addressee"} or (
                how == "intro" and ctx.intro_named
            )
            # a plan's body states aims as well as tasks: a task there names its unit, and has a
            # deadline unless it is a numbered clause that opens with its unit
            if not (leads and named and (has_due or (item.numbered and how == "text" and ctx.section_tasks))):
                continue
            if not started and not _prose_assigns(seg_text, registry):
                continue
        else:
            leads, support, how = inherited or _lead_for(seg_text, ctx, default, registry)
            if not leads and not has_due:
                continue
            if not (
                item.structured
                or has_due
                or plain_directive
                or ctx.heading_unit is not None
                or (how in {"text", "list", "fuzzy"} and _prose_assigns(seg_text, registry))
            ):
                continue
            if (
                not item.structured
                and not has_due
                and how not in {"text", "heading", "list", "fuzzy", "addressee"}
            ):
                continue
        for lead in leads or NO_LEAD:
            task = _make_task(
                seg_text, lead, [u for u in support if lead is None or u != lead.id], dues, item.ref, registry
            )
            task.source, task.rule = block, _RULES.get(how, "không rõ đơn vị chủ trì")
            if how == "fuzzy" and lead is not None:
                task.comments.append(f"“{lead.name}” gần giống tên {lead.id} trong units.yml: kiểm tra lại")
            tasks.append(task)
    return tasks


_COLUMNS = [
    ("stt", r"^(stt|tt|số tt)$"),
    ("due", r"thời gian|thời hạn|tiến độ|hoàn thành"),
    ("supervisor", r"theo dõi|lãnh đạo phụ trách"),
    ("support", r"phối hợp"),
    ("output", r"sản phẩm|kết quả"),
    ("lead", r"chủ trì|chịu trách nhiệm|thực hiện|đơn vị|cơ quan"),
    ("title", r"nhiệm vụ|nội dung|công việc|hoạt động"),
]


def _column_names(row: list[str]) -> dict[str, int]:
    """Which column of a header row means what, by its words. Of several columns
    naming units, "Chủ trì" leads before "Thực hiện" before a bare "Đơn vị"; the
    units inspected or served ("Đơn vị được kiểm tra") never lead."""
    cols: dict[str, int] = {}
    lead_rank = 0
    for j, cell in enumerate(row):
        low = " ".join(cell.lower().split())
        for name, pattern in _COLUMNS:
            if re.search(pattern, low):
                if name == "lead":
                    rank = _lead_rank(low)
                    if rank > lead_rank:
                        cols["lead"], lead_rank = j, rank
                elif name not in cols:
                    cols[name] = j
                break
    return cols


def _lead_rank(header: str) -> int:
    if re.search(r"\bđược\b|đối tượng|nơi nhận", header):
        return 0
    if "chủ trì" in header:
        return 3
    if re.search(r"thực hiện|chịu trách nhiệm|trách nhiệm|phụ trách", header):
        return 2
    return 1


def _table_header(table: Block) -> tuple[int, dict[str, int]] | None:
    """The header row (among the first five) and its columns; a second header row
    under merged cells ("Đơn vị thực hiện" over "Chủ trì | Phối hợp") refines it."""
    for i, row in enumerate(table.rows[:5]):
        cols = _column_names(row)
        if "lead" not in cols and any(
            re.search(r"địa điểm|thành phần|chủ trì hội nghị", c.lower()) for c in row
        ):
            continue  # a meeting timetable (thời gian, nội dung, địa điểm, thành phần), not assignments
        if "title" in cols and ("lead" in cols or "due" in cols):
            if i + 1 < len(table.rows):
                sub = _column_names(table.rows[i + 1])
                if len(sub) >= 2 and "title" not in sub:
                    cols.update(sub)
                    i += 1
            return i, cols
    return None


def _table_leads(lead_text: str, registry: Registry, shared: bool) -> tuple[list[UnitRef], list[str]]:
    """The units of a lead cell. Where the table has a "Phối hợp" column, units
    listed under "Chủ trì" ("Sở Tài chính, Sở Xây dựng") each lead a task of their
    own (``shared``); in a single "chịu trách nhiệm" column the first leads and
    the others support."""
    protected = registry.protect(lead_text)
    leads, support, _d = find_roles(lead_text, registry)
    pieces = [
        x.strip(" -.") for x in re.split(r";|,(?=\s*" + _ORG_HEAD + r"\b)", protected) if x.strip(" -.")
    ]
    if (
        shared
        and len(pieces) > 1
        and not registry.match(protected)
        and not re.search(r"phối hợp|chủ trì", lead_text, re.IGNORECASE)
    ):
        refs = [r for r in (_piece_unit(x, registry) for x in pieces) if r is not None]
        if len(refs) > 1:
            return _dedup_refs(refs), []
    if leads:
        return [UnitRef(leads[0], "")], [u for u in leads[1:] + support if u != leads[0]]
    if not lead_text:
        return [], []
    first = re.split(r"[,;]| và ", lead_text)[0].strip(" -")
    ref = resolve_unit(first, registry)
    if ref is None or ref.id is None:
        fuzzy = registry.fuzzy(first)
        ref = UnitRef(fuzzy, first) if fuzzy else UnitRef(None, first)
    return [ref], []


def _piece_unit(name: str, registry: Registry) -> UnitRef | None:
    """One unit written in a cell: matched, misspelt (fuzzy) or unknown ("??")."""
    mentions = registry.find(name)
    if mentions:
        return UnitRef(mentions[0].unit, name)
    if re.match(_ORG_HEAD + r"\b", name, re.IGNORECASE):
        fuzzy = registry.fuzzy(name)
        return UnitRef(fuzzy, name) if fuzzy else UnitRef(None, name)
    return None


def _dedup_refs(refs: list[UnitRef]) -> list[UnitRef]:
    out: list[UnitRef] = []
    for ref in refs:
        if all(ref.value() != o.value() for o in out):
            out.append(ref)
    return out


def _table_tasks(table: Block, draft: Draft, registry: Registry) -> list[Task]:
    found = _table_header(table)
    if found is None:
        return []
    header_i, columns = found
    tasks: list[Task] = []
    group = ""
    due_header = (
        " ".join(r[columns["due"]] for r in table.rows[: header_i + 1] if columns["due"] < len(r))
        if "due" in columns
        else ""
    )
    m_year = re.search(r"(?:năm\s+)?(\d{4})", due_header)
    header_year = int(m_year[1]) if m_year else None
    for k, row in enumerate(table.rows[header_i + 1 :], header_i + 2):

        def cell(name: str, row: list[str] = row) -> str:
            j = columns.get(name)
            return row[j].strip() if j is not None and j < len(row) else ""

        title, stt = cell("title"), cell("stt")
        filled = {c for c in row if c.strip()}
        if len(filled) == 1 and len(row) > 2:  # a group heading merged across the row ("A. CÔNG TÁC ...")
            m_group = re.match(r"^([IVX]+|[A-Z])[.)\-–]\s", next(iter(filled)))
            group = m_group.group(1) if m_group else group
            continue
        if not title or (len(filled) <= 2 and not cell("lead") and not cell("due")):
            if re.fullmatch(r"[IVX]+\.?|[A-Z]\.?", stt) or (title and title.upper() == title):
                group = stt.strip(".") or group
            continue
        leads, support = _table_leads(cell("lead"), registry, "support" in columns)
        for name in re.split(r"[,;]", cell("support")):
            ref = resolve_unit(name, registry) if name.strip() else None
            if ref and ref.id and ref.id not in support:
                support.append(ref.id)
        due_text = complete_year(cell("due"), draft, header_year)
        dues = [d for d in find_deadlines(due_text, draft.date_value, bare=True) if d.key or d.problem]
        if not dues and due_text:
            dues = _deadlines(due_text, draft)
        for lead in leads or NO_LEAD:
            task = _make_task(
                title,
                lead,
                _dedup([u for u in support if lead is None or u != lead.id]),
                dues,
                f"{group}.{stt}".strip(".") or str(len(tasks) + 1),
                registry,
            )
            task.output, task.supervisor = cell("output"), cell("supervisor")
            task.source = Block([], [table.rows[header_i], row], where=f"{table.where}, hàng {k}")
            task.rule = "bảng phân công: cột chủ trì và cột thời gian" + (
                ", mỗi đơn vị trong ô chủ trì một nhiệm vụ" if len(leads) > 1 else ""
            )
            if (
                due_text
                and task.due is None
                and not re.search(r"thường xuyên|liên tục", due_text, re.IGNORECASE)
            ):
                task.comments.append(f"thời hạn “{due_text}” chưa đọc được: ghi lại theo mục 3 của quy ước")
            tasks.append(task)
    return tasks


_ID_SKIP = {
    "ve",
    "cac",
    "va",
    "cua",
    "trong",
    "de",
    "cho",
    "voi",
    "nhung",
    "mot",
    "so",
    "the",
    "theo",
    "linh",
    "vuc",
}


TITLE_LIMIT = 300


def assignment_title(text: str, due_phrase: str = "") -> str:
    """A task's title: the sentence that assigns it, not the whole paragraph.
    Of a long item, the sentence holding the task's deadline is kept (else those
    that assign: "giao", "chủ trì", ...; else the first), cut at a word near
    TITLE_LIMIT characters."""
    text = " ".join(text.split())
    text = text[:1].upper() + text[1:]
    if len(text) <= TITLE_LIMIT:
        return text
    sentences = [x.strip() for x in re.split(r"(?<=[.;])\s+(?=\S)", text) if x.strip()]
    phrase = " ".join(due_phrase.split()).lower()
    dated = [x for x in sentences if phrase and phrase in x.lower()] or [
        x for x in sentences if any(d.key for d in find_deadlines(x, None))
    ]
    assigning = [x for x in sentences if _ASSIGNS.search(x)]
    title = " ".join(dated or assigning or sentences[:1])
    if len(title) > TITLE_LIMIT:
        title = title[:TITLE_LIMIT].rsplit(" ", 1)[0].rstrip(" ,;:") + " …"
    return title[:1].upper() + title[1:]


_ASSIGNS = re.compile(r"\b(giao|chủ trì|đề nghị|chịu trách nhiệm)\b", re.IGNORECASE)


def _assign_ids(tasks: list[Task]) -> None:
    """Readable ids: the title's first words; tasks repeated per lead ("Giao
    UBND các xã: A, B") end with their unit's words."""
    used: set[str] = set()
    bases = [_id_base(t.title) for t in tasks]
    repeated = {b for b in bases if bases.count(b) > 1}
    for task, base in zip(tasks, bases, strict=True):
        if base in repeated and task.lead and not task.lead.startswith("??"):
            tail = [w for w in task.lead.split("-") if w not in {"ubnd", "xa", "phuong", "so", "phong"}][-2:]
            action = _id_base(_action(task.title), 4)
            base = f"{action}-{'-'.join(tail)}" if tail else base
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        task.id = slug


def _id_base(title: str, n: int = 5) -> str:
    words = [w for w in slugify(title, 200).split("-") if w not in _ID_SKIP]
    return "-".join(words[:n]) or "nhiem-vu"


_UNIT_WORDS = {
    "và",
    "các",
    "xã",
    "phường",
    "tỉnh",
    "huyện",
    "quận",
    "thị",
    "trấn",
    "sở",
    "ban",
    "ngành",
    "phòng",
    "đơn",
    "vị",
    "thuộc",
    "đặc",
    "khu",
    "cho",
    "giao",
    "đề",
    "nghị",
    "yêu",
    "cầu",
    "đối",
    "với",
}


def _action(title: str) -> str:
    """What a task given to several units asks, without the list of units
    ("Giao VP, Sở NV và UBND các xã rà soát ..." → "rà soát ...")."""
    after_capital = False
    for m in re.finditer(r"[^\s,;:.]+|[,;:.]", title):
        word = m.group(0)
        if word[:1].islower() and word.lower() not in _UNIT_WORDS and not after_capital:
            return title[m.start() :]
        # "Sở Y tế", "Sở Tư pháp": one lower-case word after a capital is still the name
        after_capital = word[:1].isupper()
    return title


def notice_id(draft: Draft) -> str:
    when = draft.date.isoformat() if draft.date else "0000-00-00"
    words = [w for w in slugify(draft.title, 200).split("-") if w not in _ID_SKIP]
    slug = "-".join(words)
    if len(slug) > 48:
        slug = slug[:48].rsplit("-", 1)[0]
    return f"{when}-{slug}".strip("-")


def as_text(value: Any) -> str:
    return "" if value is None else str(value)
