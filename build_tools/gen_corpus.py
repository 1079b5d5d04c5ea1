"""Generate a valid noticeboard content tree of any size (CONTENT_FORMAT v1).

    python build_tools/gen_corpus.py OUT_DIR [--notices 1000] [--tasks-per-notice 10]
        [--units 60] [--reports 3000] [--seed 1] [--start-year 2022] [--years 5]
        [--drafts 0.03] [--confidential 0.01] [--embargoed 0.01] [--comments] [--mkdocs] [--force]

The default is the "five-year commune": 1,000 notices, 10,000 tasks, 60 units and
3,000 progress reports. Output depends only on the arguments and on the seed texts
in ``tests/fixtures/seeds/`` (one ``random.Random(seed)``, no clock), so two runs
give byte-identical trees. Tests and benchmarks call :func:`generate`.

The as-of date of the corpus is the last day of its last year; every notice and
report is dated on or before it, and ``mkdocs.yml`` pins ``as_of`` to it so builds
are reproducible.

``--comments`` writes the comments editors write (the same values): the editor's guide's
``# yaml-language-server`` line first in every notice's front matter and report, a comment line
before each task and comments after some values, as in the demo content.
"""

from __future__ import annotations

import argparse
import calendar
import json
import re
import shutil
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from random import Random
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO_ROOT / "tests" / "fixtures" / "seeds"
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

COMMUNE = "Bát Tràng"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


# --------------------------------------------------------------------------- text helpers


def slugify(text: str, max_words: int = 0) -> str:
    """ASCII slug of Vietnamese text ("Phòng Văn hoá" -> "phong-van-hoa")."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    words = re.findall(r"[a-z0-9]+", text)
    if max_words:
        words = words[:max_words]
    return "-".join(words)


_TONE_SWAP = {
    "oá": "óa",
    "oà": "òa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "uý": "úy",
    "uỳ": "ùy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
_TONE_SWAP.update({v: k for k, v in list(_TONE_SWAP.items())})
_TONE_RE = re.compile("|".join(_TONE_SWAP))


def other_tone_placement(text: str) -> str:
    """The same words with the other accepted tone-mark placement ("hoá" <-> "hóa")."""
    return _TONE_RE.sub(lambda m: _TONE_SWAP[m.group(0)], text)


_PLAIN_RE = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`\d.+~][^:#\[\]{}\"]*")
_YAML_WORDS = {"yes", "no", "true", "false", "null", "on", "off", "y", "n"}


def q(text: str, flow: bool = False) -> str:
    """A YAML scalar for free text: plain where an editor would write it plain, else quoted."""
    if (
        _PLAIN_RE.fullmatch(text)
        and text == text.strip()
        and text.lower() not in _YAML_WORDS
        and not (flow and "," in text)
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


def flow_list(items: list[str]) -> str:
    return "[" + ", ".join(q(x, flow=True) for x in items) + "]"


def dmy(d: date, pad: bool = False) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}" if pad else f"{d.day}/{d.month}/{d.year}"


def month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def period_bounds(kind: str, d: date) -> tuple[date, date]:
    """First and last day of the month/quarter/half/year containing ``d``."""
    if kind == "month":
        return date(d.year, d.month, 1), month_end(d.year, d.month)
    if kind == "quarter":
        qn = quarter_of(d)
        return date(d.year, 3 * qn - 2, 1), month_end(d.year, 3 * qn)
    if kind == "half":
        return (
            (date(d.year, 1, 1), date(d.year, 6, 30))
            if d.month <= 6
            else (date(d.year, 7, 1), date(d.year, 12, 31))
        )
    return date(d.year, 1, 1), date(d.year, 12, 31)


# --------------------------------------------------------------------------- units

# id, name, short, kind, parent, extra aliases, weight as lead
CORE_UNITS: tuple[tuple[str, str, str, str, str, tuple[str, ...], int], ...] = (
    ("ubnd-xa", "Ủy ban nhân dân xã", "UBND xã", "co-quan", "", ("UBND xã",), 1),
    (
        "van-phong",
        "Văn phòng HĐND-UBND",
        "VP",
        "phong",
        "ubnd-xa",
        ("Văn phòng HĐND và UBND xã", "VP HĐND-UBND"),
        9,
    ),
    ("van-hoa-xa-hoi", "Phòng Văn hoá - Xã hội", "VH-XH", "phong", "ubnd-xa", ("Phòng VH-XH",), 11),
    ("kinh-te", "Phòng Kinh tế", "KT", "phong", "ubnd-xa", ("Phòng KT",), 10),
    ("cong-an-xa", "Công an xã", "CA", "luc-luong", "", ("CA xã",), 5),
    ("quan-su", "Ban Chỉ huy Quân sự xã", "BCHQS", "luc-luong", "ubnd-xa", ("BCH Quân sự xã",), 4),
    ("tram-y-te", "Trạm Y tế xã", "TYT", "don-vi", "van-hoa-xa-hoi", ("TYT xã",), 4),
    (
        "truong-mn-bat-trang",
        "Trường Mầm non Bát Tràng",
        "MN Bát Tràng",
        "truong",
        "van-hoa-xa-hoi",
        ("Trường MN Bát Tràng",),
        2,
    ),
    (
        "trung-tam-hcc",
        "Trung tâm Phục vụ hành chính công",
        "TTPVHCC",
        "don-vi",
        "ubnd-xa",
        ("Trung tâm PVHCC xã",),
        5,
    ),
    ("dang-uy-xa", "Đảng ủy xã", "ĐU", "co-quan", "", (), 1),
    ("hdnd-xa", "Hội đồng nhân dân xã", "HĐND", "co-quan", "", ("HĐND xã",), 1),
    (
        "tai-chinh-ke-toan",
        "Bộ phận Tài chính - Kế toán",
        "TC-KT",
        "bo-phan",
        "van-phong",
        ("Bộ phận TC-KT",),
        3,
    ),
    ("ban-qlda", "Ban Quản lý dự án đầu tư xây dựng", "BQLDA", "don-vi", "ubnd-xa", ("Ban QLDA xã",), 3),
    (
        "trung-tam-van-hoa",
        "Trung tâm Văn hoá - Thông tin và Thể thao",
        "TTVH-TT-TT",
        "don-vi",
        "van-hoa-xa-hoi",
        ("Trung tâm VH-TT-TT",),
        3,
    ),
    ("mat-tran", "Ủy ban Mặt trận Tổ quốc Việt Nam xã", "MTTQ", "doan-the", "", ("UBMTTQ xã",), 3),
    (
        "doan-thanh-nien",
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã",
        "ĐTN",
        "doan-the",
        "mat-tran",
        ("Đoàn xã",),
        2,
    ),
    ("hoi-phu-nu", "Hội Liên hiệp Phụ nữ xã", "HPN", "doan-the", "mat-tran", ("Hội Phụ nữ xã",), 2),
    ("hoi-nong-dan", "Hội Nông dân xã", "HND", "doan-the", "mat-tran", (), 2),
    ("hoi-cuu-chien-binh", "Hội Cựu chiến binh xã", "CCB", "doan-the", "mat-tran", ("Hội CCB xã",), 1),
)

PLACES = (
    "Giang Cao",
    "Kim Lan",
    "Văn Đức",
    "Đa Tốn",
    "Xuân Quan",
    "Kiêu Kỵ",
    "Trung Mầu",
    "Lệ Chi",
    "Dương Quang",
    "Đông Dư",
    "Cự Khối",
    "Thạch Cầu",
    "Đình Xuyên",
    "Ninh Hiệp",
    "Phú Thị",
    "Dương Xá",
    "Kim Sơn",
    "Đặng Xá",
    "Cổ Bi",
    "Đông Hội",
    "Mai Lâm",
    "Tầm Xá",
    "Vân Canh",
    "Hữu Bằng",
    "Thượng Cát",
    "Liên Mạc",
    "Thụy Phương",
    "Phù Đổng",
    "Yên Thường",
    "Quang Minh",
)


@dataclass
class Unit:
    id: str
    name: str
    short: str
    kind: str
    parent: str
    aliases: list[str]
    weight: int


def generate_units(count: int) -> list[Unit]:
    pool: list[Unit] = []
    for uid, name, short, kind, parent, aliases, weight in CORE_UNITS:
        pool.append(Unit(uid, name, short, kind, parent, list(aliases), 3 * weight))
    # schools and villages alternate so every size gets some of each
    for i, place in enumerate(PLACES):
        ps = slugify(place)
        level = ("Tiểu học", "th", "TH"), ("Trung học cơ sở", "thcs", "THCS"), ("Mầm non", "mn", "MN")
        full, code, abbr = level[i % 3]
        pool.append(
            Unit(
                f"truong-{code}-{ps}",
                f"Trường {full} {place}",
                f"{abbr} {place}",
                "truong",
                "van-hoa-xa-hoi",
                [f"Trường {abbr} {place}"],
                2,
            )
        )
        pool.append(Unit(f"thon-{ps}", f"Thôn {place}", f"Thôn {place}", "thon", "ubnd-xa", [], 1))
    n = 1
    while len(pool) < count:
        pool.append(
            Unit(f"to-dan-pho-{n}", f"Tổ dân phố số {n}", f"TDP {n}", "thon", "ubnd-xa", [f"TDP số {n}"], 1)
        )
        n += 1
    units = pool[:count]
    ids = {u.id for u in units}
    for u in units:
        if u.parent not in ids:
            u.parent = ""
        variant = other_tone_placement(u.name)
        if variant != u.name and variant not in u.aliases:
            u.aliases.append(variant)
    return units


def render_units(units: list[Unit]) -> str:
    out = ["# Danh mục đơn vị (sinh tự động bởi build_tools/gen_corpus.py)", "units:"]
    for u in units:
        out.append(f"  - id: {u.id}")
        out.append(f"    name: {q(u.name)}")
        out.append(f"    short: {q(u.short)}")
        if u.aliases:
            out.append(f"    aliases: {flow_list(u.aliases)}")
        if u.parent:
            out.append(f"    parent: {u.parent}")
        out.append(f"    kind: {u.kind}")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- seed texts


@dataclass
class SeedPool:
    headings: list[str] = field(default_factory=list)
    intros: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)


_HEADING_RE = re.compile(r"^([IVX]+[.\-]|\d+(\.\d+)*\.|[a-zđ]\))\s+(.+)$")
_DROP_RE = re.compile(
    r"^(Số:|Nơi nhận|Lưu|TL\.|KT\.|TM\.|T/L|THÔNG BÁO|KẾ HOẠCH|QUYẾT ĐỊNH|BÁO CÁO|CỘNG HÒA|CỘNG HOÀ|Độc lập)",
)


def load_seeds(seeds_dir: Path) -> SeedPool:
    files = sorted(seeds_dir.glob("*.txt")) + sorted(seeds_dir.glob("*.md"))
    if not files:
        raise FileNotFoundError(f"no seed texts (*.txt) in {seeds_dir}")
    pool = SeedPool()
    for path in files:
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8-sig").replace("\r\n", "\n"))
        for block in re.split(r"\n\s*\n", text):
            line = " ".join(part.strip() for part in block.strip().split("\n"))
            line = re.sub(r"^#+\s*", "", line).replace("\\*", "").strip()
            line = re.sub(r"\s{2,}", " ", line)
            bare = line.replace("*", "").strip()
            if not bare or not re.search(r"[a-zà-ỹ]", bare) or _DROP_RE.match(bare) or bare.startswith("<"):
                continue
            if line.startswith(("- ", "+ ", "* ")):
                item = line[2:].strip()
                if len(item) > 30 and item.count("**") % 2 == 0:
                    pool.items.append(item)
                continue
            m = _HEADING_RE.match(bare)
            if m and len(bare) < 110:
                pool.headings.append(m.group(3).rstrip(":").strip())
                continue
            if len(bare) < 80 or line.count("**") % 2:
                continue
            if bare.startswith(("Thực hiện", "Căn cứ", "Ngày ")):
                pool.intros.append(line)
            else:
                pool.paragraphs.append(line)
    for name in ("headings", "intros", "paragraphs", "items"):
        if not getattr(pool, name):
            raise ValueError(f"seed texts in {seeds_dir} give no {name}")
    return pool


# --------------------------------------------------------------------------- vocabulary

KINDS = ("thong-bao", "ke-hoach", "quyet-dinh", "cong-van", "bao-cao", "ket-luan")
KIND_WEIGHTS = (30, 22, 12, 14, 10, 12)
KIND_CODE = {
    "thong-bao": "TB",
    "ke-hoach": "KH",
    "quyet-dinh": "QĐ",
    "cong-van": "CV",
    "bao-cao": "BC",
    "ket-luan": "KL",
}
KIND_HEADER = {
    "thong-bao": "THÔNG BÁO",
    "ke-hoach": "KẾ HOẠCH",
    "quyet-dinh": "QUYẾT ĐỊNH",
    "cong-van": "CÔNG VĂN",
    "bao-cao": "BÁO CÁO",
    "ket-luan": "THÔNG BÁO KẾT LUẬN",
}
TOPICS = (
    "chuyển đổi số và cải cách hành chính",
    "phòng, chống thiên tai và tìm kiếm cứu nạn",
    "bảo đảm an toàn thực phẩm",
    "phát triển du lịch làng nghề",
    "xây dựng nông thôn mới nâng cao",
    "quản lý trật tự xây dựng",
    "bảo vệ môi trường và thu gom rác thải",
    "phổ cập giáo dục - xóa mù chữ",
    "phòng, chống dịch bệnh",
    "tuyển chọn và gọi công dân nhập ngũ",
    "thu ngân sách nhà nước",
    "giải phóng mặt bằng các dự án",
    "thực hiện chính sách người có công",
    "công tác thi đua - khen thưởng",
    "tiếp công dân và giải quyết đơn thư",
    "phát triển văn hoá đọc",
    "quản lý đất đai",
    "phòng cháy, chữa cháy",
    "bảo đảm trật tự an toàn giao thông",
    "sắp xếp thôn, tổ dân phố",
    "xây dựng trường chuẩn quốc gia",
    "dân số và phát triển",
    "bảo hiểm xã hội, bảo hiểm y tế toàn dân",
    "thực hiện quy chế dân chủ ở cơ sở",
    "chăm sóc sức khoẻ ban đầu",
    "giảm nghèo bền vững",
    "văn thư - lưu trữ và số hoá hồ sơ",
    "kiểm tra công vụ",
    "phòng, chống tham nhũng, lãng phí",
    "phát triển kinh tế tập thể, hợp tác xã",
)
TASK_VERBS = (
    "Tham mưu xây dựng kế hoạch",
    "Rà soát, tổng hợp",
    "Tổ chức kiểm tra",
    "Hoàn thiện hồ sơ",
    "Xây dựng dự thảo",
    "Tuyên truyền, phổ biến",
    "Báo cáo kết quả",
    "Phối hợp triển khai",
    "Chủ động đề xuất phương án",
    "Tổ chức hội nghị triển khai",
    "Cập nhật cơ sở dữ liệu",
    "Đôn đốc, hướng dẫn các đơn vị",
    "Khắc phục tồn tại, hạn chế về",
    "Lập dự toán kinh phí",
    "Trình UBND xã phê duyệt đề án",
    "Tổ chức tập huấn",
    "Thống kê, đánh giá thực trạng",
)
OUTPUTS = (
    "Kế hoạch được phê duyệt",
    "Báo cáo kết quả",
    "Tờ trình UBND xã",
    "Dự thảo quyết định",
    "Hồ sơ hoàn chỉnh",
    "Biên bản kiểm tra",
    "Danh sách tổng hợp",
    "Đề án trình HĐND xã",
    "Cơ sở dữ liệu cập nhật",
    "Văn bản hướng dẫn",
)
FIELDS = (
    "noi-vu",
    "van-hoa",
    "giao-duc",
    "y-te",
    "kinh-te",
    "dat-dai",
    "xay-dung",
    "moi-truong",
    "quoc-phong",
    "an-ninh",
    "tai-chinh",
    "chuyen-doi-so",
    "cai-cach-hanh-chinh",
    "lao-dong",
    "nong-nghiep",
    "du-lich",
)
SIGNERS = (
    ("Hoàng Tiến Dũng", "", "Chủ tịch"),
    ("Dương Đăng Hoà", "KT. CHỦ TỊCH", "Phó Chủ tịch"),
    ("Nguyễn Thị Thu Hà", "KT. CHỦ TỊCH", "Phó Chủ tịch"),
    ("Nguyễn Xuân Giang", "TL. CHỦ TỊCH", "Chánh Văn phòng"),
    ("Trần Thị Hải", "", "Trưởng phòng"),
    ("Lê Văn Thành", "TM. ỦY BAN NHÂN DÂN", "Chủ tịch"),
)
SUPERVISORS = (
    "Đ/c Dương Đăng Hoà - Phó Chủ tịch UBND xã",
    "Đ/c Nguyễn Thị Thu Hà - Phó Chủ tịch UBND xã",
    "Đ/c Hoàng Tiến Dũng - Chủ tịch UBND xã",
)
RECIPIENTS = (
    "TT Đảng ủy - TT HĐND xã",
    "Lãnh đạo UBND xã",
    "Các phòng, ban, đơn vị thuộc xã",
    "UBMTTQ và các đoàn thể xã",
    "Các thôn, tổ dân phố",
    "Các trường học trên địa bàn xã",
    "Lưu: VT",
)
NOTES_PROGRESS = (
    "Đang triển khai theo kế hoạch",
    "Đã xây dựng dự thảo, đang lấy ý kiến các đơn vị",
    "Đã tổ chức họp triển khai, đang tổng hợp số liệu",
    "Đang hoàn thiện hồ sơ trình UBND xã",
    "Đã hoàn thành một phần, còn chờ số liệu của các thôn",
    "Đã ban hành văn bản hướng dẫn các đơn vị",
)
NOTES_DONE = (
    "Đã trình UBND xã, được phê duyệt",
    "Đã hoàn thành và gửi báo cáo về Văn phòng",
    "Đã tổ chức thực hiện xong",
    "Đã ban hành văn bản",
)
NOTES_EXTENDED = (
    "Chờ hướng dẫn của cấp trên, xin gia hạn",
    "Khối lượng lớn, đề nghị lùi thời hạn",
    "Điều chỉnh theo chỉ đạo của Chủ tịch UBND xã",
)
NOTES_SUPPORT = (
    "Đã cung cấp số liệu cho đơn vị chủ trì",
    "Đã cử cán bộ phối hợp",
    "Đã góp ý dự thảo",
)


# --------------------------------------------------------------------------- deadlines

# form name -> weight; single forms resolve to one inclusive last day
DUE_FORMS: tuple[tuple[str, int], ...] = (
    ("day-iso", 9),
    ("day-dmy", 12),
    ("day-dmy-padded", 5),
    ("day-words", 5),
    ("month-iso", 3),
    ("month-slash", 4),
    ("month-words", 5),
    ("quarter-q", 3),
    ("quarter-roman", 5),
    ("quarter-arabic", 2),
    ("half-h", 2),
    ("half-words", 3),
    ("year-int", 2),
    ("year-words", 3),
    ("recurring-words", 6),
    ("recurring-map", 5),
    ("working-days-map", 3),
    ("working-days-words", 3),
    ("thuong-xuyen", 5),
    ("absent", 5),
)


@dataclass
class Due:
    form: str
    yaml: str | None  # text after "due: " (None: no due line)
    last: date | None = None  # upper bound of the resolved last day (None: recurring/ongoing)
    period: str = ""  # recurring: month | quarter | half | year
    start: date | None = None  # recurring: first day covered
    until: date | None = None  # recurring: last day covered
    by: bool = False  # recurring with a "by" sub-period


def render_period(kind: str, d: date, style: int) -> tuple[str, date]:
    """A written period containing ``d`` and the period's last day."""
    y = d.year
    if kind == "day":
        text = (d.isoformat(), dmy(d), dmy(d, pad=True), f"ngày {d.day} tháng {d.month} năm {y}")[style % 4]
        return text, d
    if kind == "month":
        text = (f"{y}-{d.month:02d}", f"{d.month}/{y}", f"tháng {d.month}/{y}")[style % 3]
        return text, month_end(y, d.month)
    if kind == "quarter":
        qn = quarter_of(d)
        text = (f"Q{qn}/{y}", f"quý {ROMAN[qn - 1]}/{y}", f"Quý {qn}/{y}")[style % 3]
        return text, month_end(y, 3 * qn)
    if kind == "half":
        first = d.month <= 6
        if style % 2 == 0:
            text = f"H{1 if first else 2}/{y}"
        else:
            text = f"6 tháng {'đầu' if first else 'cuối'} năm {y}"
        return text, date(y, 6, 30) if first else date(y, 12, 31)
    return (str(y) if style % 2 == 0 else f"năm {y}"), date(y, 12, 31)


def working_days_bound(after: date, n: int) -> date:
    # generous: weekends plus the longest Tết break always fit
    return after + timedelta(days=2 * n + 20)


def generate_due(rng: Random, notice_date: date, form: str) -> Due:
    offset = int(7 + 170 * rng.random() ** 1.6)
    target = notice_date + timedelta(days=offset)
    style = rng.randrange(12)
    if form.startswith("day-"):
        idx = ("day-iso", "day-dmy", "day-dmy-padded", "day-words").index(form)
        text, last = render_period("day", target, idx)
        return Due(form, text, last)
    if form.startswith("month-"):
        idx = ("month-iso", "month-slash", "month-words").index(form)
        text, last = render_period("month", target, idx)
        return Due(form, text, last)
    if form.startswith("quarter-"):
        idx = ("quarter-q", "quarter-roman", "quarter-arabic").index(form)
        text, last = render_period("quarter", target, idx)
        return Due(form, text, last)
    if form.startswith("half-"):
        text, last = render_period("half", target, 0 if form == "half-h" else 1)
        return Due(form, text, last)
    if form.startswith("year-"):
        text, last = render_period("year", target, 0 if form == "year-int" else 1)
        return Due(form, text, last)
    if form == "working-days-map" or form == "working-days-words":
        n = rng.choice((3, 5, 7, 10, 15, 20, 30))
        after = notice_date + timedelta(days=rng.randrange(0, 21))
        if form == "working-days-map":
            text = f"{{working_days: {n}, after: {after.isoformat()}}}"
        else:
            text = f"{n} ngày làm việc sau {dmy(after)}"
        return Due(form, text, working_days_bound(after, n))
    if form == "thuong-xuyen":
        return Due(form, "thường xuyên")
    if form == "absent":
        return Due(form, None)
    year_end = date(notice_date.year, 12, 31)
    if form == "recurring-words":
        options = [
            ("hằng tháng", "month"),
            ("hằng quý", "quarter"),
            ("6 tháng", "half"),
            ("hằng năm", "year"),
        ]
        if notice_date.month <= 2:
            options.append(("Quý I hằng năm", "q1"))
        text, period = options[style % len(options)]
        if period == "q1":
            return Due(form, text, period="year", start=notice_date, until=year_end, by=True)
        return Due(form, text, period=period, start=notice_date, until=year_end)
    # recurring-map
    y = notice_date.year
    variant = style % 4
    if variant == 0:
        return Due(form, "{every: month}", period="month", start=notice_date, until=year_end)
    if variant == 1:
        until = date(y + 1, 12, 31)
        return Due(
            form, f"{{every: quarter, until: {y + 1}}}", period="quarter", start=notice_date, until=until
        )
    if variant == 2:  # from the next half-year, for two years
        from_start = date(y, 7, 1) if notice_date.month <= 6 else date(y + 1, 1, 1)
        from_text = f"H{1 if from_start.month == 1 else 2}/{from_start.year}"
        until = date(from_start.year + 1, 12, 31)
        text = f"{{every: half-year, from: {from_text}, until: H2/{from_start.year + 1}}}"
        return Due(form, text, period="half", start=from_start, until=until)
    qn = rng.randrange(1, 5)
    return Due(
        form,
        f"{{every: year, by: Q{qn}, from: {y + 1}, until: {y + 3}}}",
        period="year",
        start=date(y + 1, 1, 1),
        until=date(y + 3, 12, 31),
        by=True,
    )


def generate_new_due(rng: Random, after: date) -> tuple[str, date]:
    """A later single deadline, strictly after ``after``; returns its text and an upper bound."""
    target = after + timedelta(days=rng.randrange(10, 91))
    pick = rng.randrange(10)
    if pick < 6:
        return render_period("day", target, pick)
    if pick == 6:
        return render_period("month", target, rng.randrange(3))
    if pick == 7:
        return render_period("quarter", target, rng.randrange(3))
    if pick == 8:
        n = rng.choice((5, 10, 15))
        return f"{n} ngày làm việc sau {dmy(target)}", working_days_bound(target, n)
    return render_period("half", target, rng.randrange(2))


# --------------------------------------------------------------------------- notices


@dataclass
class Task:
    notice_id: str
    notice_date: date
    id: str
    title: str
    lead: str
    support: list[str]
    due: Due

    @property
    def key(self) -> str:
        return f"{self.notice_id}/{self.id}"


@dataclass
class Notice:
    id: str
    kind: str
    date: date
    issuer: str
    status: str = "published"
    publish_on: date | None = None
    tasks: list[Task] = field(default_factory=list)


def spread_counts(rng: Random, total_items: int, slots: int, mean: int) -> list[int]:
    """``slots`` counts around ``mean`` (each >= 1 when mean >= 1) summing to ``total_items``."""
    counts = [mean] * slots
    if mean <= 1:
        return counts
    for _ in range(slots):
        i, j = rng.randrange(slots), rng.randrange(slots)
        k = rng.randrange(0, mean // 2 + 1)
        if i != j and counts[i] - k >= max(1, mean // 3) and counts[j] + k <= 2 * mean:
            counts[i] -= k
            counts[j] += k
    return counts


def weighted_pick(rng: Random, items: list[Any], cum: list[float]) -> Any:
    x = rng.random() * cum[-1]
    lo, hi = 0, len(cum) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if cum[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return items[lo]


def cumulative(weights: list[float]) -> list[float]:
    out, acc = [], 0.0
    for w in weights:
        acc += w
        out.append(acc)
    return out


def render_notice(
    rng: Random,
    notice: Notice,
    number: str,
    title: str,
    units_by_id: dict[str, Unit],
    seeds: SeedPool,
    task_lines: list[str],
    task_body: list[str],
) -> str:
    signer = rng.choice(SIGNERS)
    fields = sorted(rng.sample(FIELDS, rng.randrange(1, 4)), key=FIELDS.index)
    recipients = [*rng.sample(RECIPIENTS[:-1], rng.randrange(2, 5)), RECIPIENTS[-1]]
    fm = ["---", f"kind: {notice.kind}"]
    if number:
        fm.append(f"number: {q(number)}")
    fm += [
        f"issuer: {notice.issuer}",
        f"place: {q(COMMUNE)}",
        f"date: {notice.date.isoformat()}",
        f"title: {q(title)}",
    ]
    sig = [f"name: {q(signer[0], flow=True)}"]
    if signer[1]:
        sig.append(f"authority: {q(signer[1], flow=True)}")
    sig.append(f"title: {q(signer[2], flow=True)}")
    fm.append("signer: {" + ", ".join(sig) + "}")
    fm.append(f"recipients: {flow_list(recipients)}")
    fm.append(f"fields: [{', '.join(fields)}]")
    if notice.status != "published":
        fm.append(f"status: {notice.status}")
    if notice.publish_on:
        fm.append(f"publish_on: {notice.publish_on.isoformat()}")
    if task_lines:
        fm.append("tasks:")
        fm += task_lines
    fm.append("---")

    issuer_name = units_by_id[notice.issuer].name
    body = [
        f"**{KIND_HEADER[notice.kind]}**",
        "",
        f"**{title}**",
        "",
    ]
    for _ in range(rng.randrange(1, 3)):
        body += [rng.choice(seeds.intros), ""]
    target = rng.randrange(3000, 9000)
    size = sum(len(x) for x in body)
    sections = 0
    while size < target and sections < 6:
        heading = rng.choice(seeds.headings)
        body += [f"## {ROMAN[sections]}. {heading}", ""]
        for sub in range(rng.randrange(1, 4)):
            if rng.random() < 0.5:
                body += [f"### {sub + 1}. {rng.choice(seeds.headings)}", ""]
            for _ in range(rng.randrange(1, 3)):
                body += [rng.choice(seeds.paragraphs), ""]
            if rng.random() < 0.7:
                picked = rng.sample(seeds.items, min(len(seeds.items), rng.randrange(2, 6)))
                body += [f"- {item}" for item in picked]
                body.append("")
        sections += 1
        size = sum(len(x) for x in body)
    if task_body:
        body += [f"## {ROMAN[sections]}. Nhiệm vụ cụ thể", ""]
        body += task_body
        body.append("")
        sections += 1
    body += [f"## {ROMAN[sections]}. Tổ chức thực hiện", "", rng.choice(seeds.paragraphs), ""]
    body += [
        f"{issuer_name} {COMMUNE} thông báo để các phòng, ban, đơn vị, các tổ chức, cá nhân liên quan "
        "biết và tổ chức thực hiện./.",
        "",
        "**Nơi nhận:**",
        "",
    ]
    body += [f"- {r};" for r in recipients]
    body.append("")
    if signer[1]:
        body += [f"**{signer[1]}**", ""]
    body += [f"**{signer[2].upper()}**", "", f"*{signer[0]}*", ""]
    return "\n".join(fm) + "\n\n" + "\n".join(body)


def due_label(due: Due) -> str:
    if due.yaml is None:
        return "không ấn định"
    if due.period:
        return {
            "month": "định kỳ hằng tháng",
            "quarter": "định kỳ hằng quý",
            "half": "định kỳ 6 tháng",
            "year": "định kỳ hằng năm",
        }[due.period]
    m = re.fullmatch(r"\{working_days: (\d+), after: (\d{4})-(\d\d)-(\d\d)\}", due.yaml)
    if m:
        return f"{m[1]} ngày làm việc sau {int(m[4])}/{int(m[3])}/{m[2]}"
    return due.yaml


# --------------------------------------------------------------------------- reports


@dataclass
class TaskState:
    started: bool = False
    percent: int = 0
    closed_on: date | None = None
    last: date | None = None  # upper bound of the current due
    extensions: int = 0
    last_report: date | None = None


def lead_update(rng: Random, task: Task, st: TaskState, when: date) -> list[str]:
    """YAML lines of one update by the lead at ``when``; advances ``st``."""
    lines = [f"  - task: {task.key}"]
    since = st.last_report or task.notice_date
    due = task.due
    if due.period:  # recurring: report the current period, sometimes as done
        p_start, p_end = period_bounds(due.period, when)
        if (
            not due.by
            and due.start
            and due.until
            and p_end >= due.start
            and p_end <= due.until
            and rng.random() < 0.45
        ):
            note = f"{rng.choice(NOTES_DONE)} (kỳ bắt đầu {dmy(p_start)})"
            lines += [
                "    state: done",
                f"    done_on: {when.isoformat()}",
                f"    occurrence: {p_end.isoformat()}",
                f"    note: {q(note)}",
            ]
        else:
            lines += ["    state: in_progress", f"    note: {q(rng.choice(NOTES_PROGRESS))}"]
        st.started = True
        return lines
    if due.last is None:  # ongoing
        st.started = True
        st.percent = min(90, st.percent + rng.randrange(5, 25))
        return [
            *lines,
            "    state: in_progress",
            f"    percent: {st.percent}",
            f"    note: {q(rng.choice(NOTES_PROGRESS))}",
        ]
    if st.last is None:
        st.last = due.last
    r = rng.random()
    overdue = when > st.last
    if st.started and r < 0.03:
        st.closed_on = when
        return [*lines, "    state: cancelled", "    note: Dừng thực hiện theo chỉ đạo của UBND xã"]
    if st.started and overdue and st.extensions < 2 and r < 0.35:
        text, bound = generate_new_due(rng, max(st.last, when))
        st.last = bound
        st.extensions += 1
        return [
            *lines,
            "    state: extended",
            f"    new_due: {text}",
            f"    note: {q(rng.choice(NOTES_EXTENDED))}",
        ]
    if st.started and r < (0.75 if overdue else 0.25 + st.percent / 200):
        span = (when - since).days
        done_on = since + timedelta(days=rng.randrange(0, span + 1)) if span > 0 else when
        done_on = max(done_on, task.notice_date)
        st.closed_on = when
        return [
            *lines,
            "    state: done",
            "    percent: 100",
            f"    done_on: {done_on.isoformat()}",
            f"    note: {q(rng.choice(NOTES_DONE))}",
        ]
    st.started = True
    st.percent = min(95, st.percent + rng.randrange(10, 40))
    return [
        *lines,
        "    state: in_progress",
        f"    percent: {st.percent}",
        f"    note: {q(rng.choice(NOTES_PROGRESS))}",
    ]


def closed_before(st: TaskState, when: date) -> bool:
    return st.closed_on is not None and st.closed_on < when


def allocate(total: int, weights: list[int]) -> list[int]:
    """Largest-remainder split of ``total`` by ``weights`` (ties to the earlier item)."""
    s = sum(weights)
    if s == 0 or total == 0:
        return [0] * len(weights)
    raw = [total * w / s for w in weights]
    out = [int(x) for x in raw]
    order = sorted(range(len(weights)), key=lambda i: (-(raw[i] - out[i]), i))
    for i in order[: total - sum(out)]:
        out[i] += 1
    return out


def report_dates(rng: Random, tasks: list[Task], k: int, as_of: date) -> list[date]:
    dates = []
    for _ in range(k):
        t = rng.choice(tasks)
        room = (as_of - t.notice_date).days
        horizon = min(room, 420)
        dates.append(t.notice_date + timedelta(days=1 + int((horizon - 1) * rng.random() ** 1.2)))
    return sorted(dates)


def generate_reports(
    rng: Random,
    units: list[Unit],
    tasks: list[Task],
    total: int,
    as_of: date,
) -> list[tuple[str, date, list[str], str]]:
    """Reports as (unit id, date, update lines, reference); lead reports first, then support."""
    eligible = [t for t in tasks if t.notice_date < as_of]
    lead_of: dict[str, list[Task]] = {u.id: [] for u in units}
    support_of: dict[str, list[Task]] = {u.id: [] for u in units}
    for t in eligible:
        lead_of[t.lead].append(t)
        for s in t.support:
            support_of[s].append(t)
    n_support = round(total * 0.12) if any(support_of.values()) else 0
    n_lead = total - n_support
    states = {t.key: TaskState() for t in eligible}
    reports: list[tuple[str, date, list[str], str]] = []
    counters: Counter[str] = Counter()

    def reference(unit: Unit, when: date) -> str:
        if rng.random() < 0.4:
            counters[f"{unit.id}/{when.year}"] += 1
            return f"{counters[f'{unit.id}/{when.year}']}/BC-{slugify(unit.short).upper()}"
        return ""

    shares = allocate(n_lead, [len(lead_of[u.id]) for u in units])
    for unit, k in zip(units, shares, strict=True):
        mine = lead_of[unit.id]
        if not k:
            continue
        for when in report_dates(rng, mine, k, as_of):
            open_ = [t for t in mine if t.notice_date < when and states[t.key].closed_on is None]
            if not open_:
                # every task so far is closed: report on the oldest task that stays open
                open_ = [t for t in mine if states[t.key].closed_on is None]
                if not open_:
                    continue
                when = min(as_of, max(when, min(t.notice_date for t in open_) + timedelta(days=1)))
                open_ = [t for t in open_ if t.notice_date < when]
            # tasks already under way are reported again more often than new ones
            started = [t for t in open_ if states[t.key].started]
            chosen: list[Task] = []
            for _ in range(min(len(open_), 1 + int(rng.expovariate(1.0)))):
                pool = started if started and rng.random() < 0.6 else open_
                t = rng.choice(pool)
                if t not in chosen:
                    chosen.append(t)
            lines: list[str] = []
            for t in sorted(chosen, key=lambda x: x.key):
                lines += lead_update(rng, t, states[t.key], when)
                states[t.key].last_report = when
            reports.append((unit.id, when, lines, reference(unit, when)))

    shares = allocate(n_support, [len(support_of[u.id]) for u in units])
    for unit, k in zip(units, shares, strict=True):
        mine = support_of[unit.id]
        if not k:
            continue
        for when in report_dates(rng, mine, k, as_of):
            open_ = [t for t in mine if t.notice_date < when and not closed_before(states[t.key], when)]
            if not open_:
                open_ = [t for t in mine if t.notice_date < when]
            chosen = sorted(
                {t.key: t for t in rng.sample(open_, min(len(open_), rng.randrange(1, 3)))}.values(),
                key=lambda x: x.key,
            )
            lines = []
            for t in chosen:
                lines += [
                    f"  - task: {t.key}",
                    "    state: in_progress",
                    f"    note: {q(rng.choice(NOTES_SUPPORT))}",
                ]
            reports.append((unit.id, when, lines, reference(unit, when)))
    return reports


# --------------------------------------------------------------------------- main entry


SCHEMA_LINE = "# yaml-language-server: $schema=https://cong.example.gov.vn/du-lieu/schema/{}.schema.json"


def with_comments(text: str, schema: str) -> str:
    """``text`` (a notice's front matter and body, or a report) with the comments editors write:
    the schema line first, a comment before each task, after the date, each ``due`` and ``state``."""
    lines = text.split("\n")
    start = 1 if lines[0] == "---" else 0
    end = lines.index("---", 1) if start else len(lines)
    out = [*lines[:start], SCHEMA_LINE.format(schema)]
    tasks = 0
    for line in lines[start:end]:
        if line.startswith("date: "):
            line += "  # ngày ghi trên văn bản"
        elif line.startswith(("    due: ", "    state: ")):
            line += "   # theo văn bản"
        elif line.startswith("  - id: "):
            tasks += 1
            out.append(f"  # mục {tasks}")
        out.append(line)
    return "\n".join(out + lines[end:])


def generate(
    out_dir: Path,
    *,
    notices: int = 1000,
    tasks_per_notice: int = 10,
    units: int = 60,
    reports: int = 3000,
    seed: int = 1,
    start_year: int = 2022,
    years: int = 5,
    drafts: float = 0.03,
    confidential: float = 0.01,
    embargoed: float = 0.01,
    mkdocs: bool = False,
    force: bool = False,
    seeds_dir: Path = SEEDS_DIR,
    comments: bool = False,
) -> dict[str, Any]:
    """Write ``out_dir/content`` (and ``out_dir/mkdocs.yml`` with ``mkdocs``); return counts."""
    if units < 2:
        raise ValueError("at least 2 units are needed (an issuer and a lead)")
    if years < 1 or notices < 0 or tasks_per_notice < 0 or reports < 0:
        raise ValueError("sizes must be positive")
    out_dir = Path(out_dir)
    content = out_dir / "content"
    if content.exists() and any(content.iterdir()):
        if not force:
            raise FileExistsError(f"{content} is not empty (use force=True / --force to replace it)")
        shutil.rmtree(content)
    rng = Random(seed)
    seeds = load_seeds(Path(seeds_dir))
    unit_list = generate_units(units)
    units_by_id = {u.id: u for u in unit_list}
    first_day = date(start_year, 1, 1)
    as_of = date(start_year + years - 1, 12, 31)

    # notice dates: spread over the period, on working days, sorted
    span = (as_of - first_day).days
    dates = []
    for _ in range(notices):
        d = first_day + timedelta(days=rng.randrange(span))
        while d.weekday() >= 5 and d > first_day:
            d -= timedelta(days=1)
        dates.append(d)
    dates.sort()
    kinds = [rng.choices(KINDS, KIND_WEIGHTS)[0] for _ in range(notices)]

    n_draft, n_conf, n_emb = (round(notices * f) for f in (drafts, confidential, embargoed))
    indices = list(range(notices))
    late = indices[-max(n_emb * 5, n_emb) :]  # embargoes are recent notices
    embargoed_ix = set(rng.sample(late, min(n_emb, len(late))))
    rest = [i for i in indices if i not in embargoed_ix]
    draft_ix = set(rng.sample(rest, min(n_draft, len(rest))))
    rest = [i for i in rest if i not in draft_ix]
    conf_ix = set(rng.sample(rest, min(n_conf, len(rest))))

    task_counts = spread_counts(rng, notices * tasks_per_notice, notices, tasks_per_notice)
    lead_units = [u for u in unit_list if u.id != "ubnd-xa"] or unit_list
    lead_cum = cumulative([u.weight for u in lead_units])
    due_names = [f for f, _ in DUE_FORMS]
    due_cum = cumulative([w for _, w in DUE_FORMS])
    issuers = [u.id for u in unit_list if u.kind in ("co-quan", "phong")] or [unit_list[0].id]

    all_notices: list[Notice] = []
    all_tasks: list[Task] = []
    notice_texts: list[tuple[Path, str]] = []
    number_seq: Counter[str] = Counter()
    due_mix: Counter[str] = Counter()
    width = max(4, len(str(notices)))

    for i, (d, kind) in enumerate(zip(dates, kinds, strict=True)):
        if kind in ("bao-cao", "ke-hoach") and rng.random() < 0.5:
            issuer = rng.choice(issuers)
        else:
            issuer = "ubnd-xa" if "ubnd-xa" in units_by_id else issuers[0]
        issuer_unit = units_by_id[issuer]
        topic = rng.choice(TOPICS)
        status = "draft" if i in draft_ix else "confidential" if i in conf_ix else "published"
        numbered = status != "draft" and rng.random() > 0.08
        number = ""
        if numbered:
            number_seq[f"{d.year}/{kind}"] += 1
            seq = number_seq[f"{d.year}/{kind}"]
            org = "UBND" if issuer == "ubnd-xa" else slugify(issuer_unit.short).upper()
            number = f"{seq}/UBND-VP" if kind == "cong-van" else f"{seq}/{KIND_CODE[kind]}-{org}"
        title = {
            "thong-bao": f"Thông báo về việc triển khai công tác {topic}",
            "ke-hoach": f"Kế hoạch {topic} năm {d.year}",
            "quyet-dinh": f"Quyết định ban hành Quy chế phối hợp về {topic}",
            "cong-van": f"V/v đôn đốc thực hiện {topic}",
            "bao-cao": f"Báo cáo kết quả {topic} quý {ROMAN[quarter_of(d) - 1]}/{d.year}",
            "ket-luan": f"Kết luận của đồng chí Chủ tịch UBND xã tại buổi làm việc với {rng.choice(lead_units).name} "
            f"về {topic}",
        }[kind]
        notice_id = f"{d.isoformat()}-{KIND_CODE[kind].replace('Đ', 'D').lower()}-{slugify(topic, 3)}-{i + 1:0{width}d}"
        notice = Notice(notice_id, kind, d, issuer, status)
        if i in embargoed_ix:
            notice.publish_on = as_of + timedelta(days=rng.randrange(1, 46))

        task_lines: list[str] = []
        task_body: list[str] = []
        used_ids: Counter[str] = Counter()
        for j in range(task_counts[i]):
            verb = rng.choice(TASK_VERBS)
            task_topic = rng.choice(TOPICS)
            ttitle = f"{verb} {task_topic}"
            base = slugify(task_topic, 5)
            used_ids[base] += 1
            tid = base if used_ids[base] == 1 else f"{base}-{used_ids[base]}"
            lead = weighted_pick(rng, lead_units, lead_cum)
            others = [u for u in unit_list if u.id != lead.id]
            support = [u.id for u in rng.sample(others, min(len(others), rng.choice((0, 0, 1, 1, 2, 3))))]
            form = weighted_pick(rng, due_names, due_cum)
            due = generate_due(rng, d, form)
            due_mix[form] += 1
            task = Task(notice_id, d, tid, ttitle, lead.id, support, due)
            notice.tasks.append(task)
            task_lines += [f"  - id: {tid}", f"    title: {q(ttitle)}", f"    lead: {lead.id}"]
            if support:
                task_lines.append(f"    support: [{', '.join(support)}]")
            if rng.random() < 0.3:
                task_lines.append(f"    supervisor: {q(rng.choice(SUPERVISORS))}")
            if rng.random() < 0.6:
                task_lines.append(f"    output: {q(rng.choice(OUTPUTS))}")
            if due.yaml is not None:
                task_lines.append(f"    due: {due.yaml}")
            if rng.random() < 0.7:
                task_lines.append(f'    ref: "{rng.randrange(1, 6)}.{j + 1}"')
            sup_names = ", ".join(units_by_id[s].name for s in support)
            task_body.append(
                f"{j + 1}. {ttitle}. Chủ trì: {lead.name}"
                + (f"; phối hợp: {sup_names}" if sup_names else "")
                + f"; thời hạn: {due_label(due)}."
            )
        text = render_notice(rng, notice, number, title, units_by_id, seeds, task_lines, task_body)
        notice_texts.append((content / "notices" / str(d.year) / f"{notice_id}.md", text))
        all_notices.append(notice)
        if notice.status == "published" and notice.publish_on is None:
            all_tasks.extend(notice.tasks)

    report_list = generate_reports(rng, unit_list, all_tasks, reports, as_of)

    # write
    (content / "notices").mkdir(parents=True, exist_ok=True)
    (content / "progress").mkdir(parents=True, exist_ok=True)
    (content / "units.yml").write_text(render_units(unit_list), encoding="utf-8")
    (content / "index.md").write_text(
        f"# Cổng thông báo xã {COMMUNE}\n\n"
        "Dữ liệu mẫu sinh tự động bằng `build_tools/gen_corpus.py` "
        f"(seed {seed}): {notices} văn bản, {sum(task_counts)} nhiệm vụ, {units} đơn vị, "
        f"{len(report_list)} báo cáo tiến độ từ năm {start_year} đến hết năm {start_year + years - 1}.\n",
        encoding="utf-8",
    )
    for path, text in notice_texts:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(with_comments(text, "notice") if comments else text, encoding="utf-8")
    per_day: Counter[str] = Counter()
    updates = 0
    for unit_id, when, lines, ref in sorted(report_list, key=lambda r: (r[0], r[1])):
        key = f"{unit_id}/{when.isoformat()}"
        per_day[key] += 1
        n = per_day[key]
        name = f"{when.isoformat()}.yml" if n == 1 else f"{when.isoformat()}-{n}.yml"
        head = [f"date: {when.isoformat()}", f"by: {unit_id}"]
        if ref:
            head.append(f"reference: {q(ref)}")
        updates += sum(1 for x in lines if x.startswith("  - task:"))
        path = content / "progress" / unit_id / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = "\n".join([*head, "updates:", *lines]) + "\n"
        path.write_text(with_comments(text, "report") if comments else text, encoding="utf-8")

    if mkdocs:
        (out_dir / "mkdocs.yml").write_text(
            f"site_name: Cổng thông báo xã {COMMUNE} (dữ liệu mẫu)\n"
            "docs_dir: content\n"
            "use_directory_urls: true\n"
            "theme:\n  name: material\n  language: vi\n"
            "plugins:\n  - search\n  - noticeboard:\n"
            f"      as_of: {as_of.isoformat()}\n"
            "      timezone: Asia/Ho_Chi_Minh\n"
            "      due_soon_days: 7\n",
            encoding="utf-8",
        )
    return {
        "units": len(unit_list),
        "notices": len(all_notices),
        "tasks": sum(len(n.tasks) for n in all_notices),
        "reports": len(report_list),
        "updates": updates,
        "drafts": len(draft_ix),
        "confidential": len(conf_ix),
        "embargoed": len(embargoed_ix),
        "as_of": as_of.isoformat(),
        "due_forms": dict(sorted(due_mix.items())),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out_dir", type=Path)
    p.add_argument("--notices", type=int, default=1000)
    p.add_argument("--tasks-per-notice", type=int, default=10)
    p.add_argument("--units", type=int, default=60)
    p.add_argument("--reports", type=int, default=3000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--start-year", type=int, default=2022)
    p.add_argument("--years", type=int, default=5)
    p.add_argument("--drafts", type=float, default=0.03)
    p.add_argument("--confidential", type=float, default=0.01)
    p.add_argument("--embargoed", type=float, default=0.01)
    p.add_argument("--comments", action="store_true", help="add the comments editors write (same values)")
    p.add_argument("--mkdocs", action="store_true", help="also write OUT_DIR/mkdocs.yml")
    p.add_argument("--force", action="store_true", help="replace an existing OUT_DIR/content")
    p.add_argument("--seeds-dir", type=Path, default=SEEDS_DIR, help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    started = time.perf_counter()
    counts = generate(
        a.out_dir,
        notices=a.notices,
        tasks_per_notice=a.tasks_per_notice,
        units=a.units,
        reports=a.reports,
        seed=a.seed,
        start_year=a.start_year,
        years=a.years,
        drafts=a.drafts,
        confidential=a.confidential,
        embargoed=a.embargoed,
        mkdocs=a.mkdocs,
        force=a.force,
        comments=a.comments,
        seeds_dir=a.seeds_dir,
    )
    print(json.dumps(counts, ensure_ascii=False, indent=2))
    print(f"generated in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
