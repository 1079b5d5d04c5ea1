"""The administrative layout around a notice's body (Nghị định 30/2020/NĐ-CP):
the header (issuing body, number, "V/v", place and date, kind), "Kính gửi", the
closing "Nơi nhận" and the signature. Clerks' files run these lines together
(no blank lines, a header table flattened, a PDF's text layer), so blocks are
re-cut here, one header line per block, before the body is read."""

from __future__ import annotations

import itertools
import re

from .read import Block

KIND_WORDS = [
    ("THÔNG BÁO", "thong-bao"),
    ("KẾ HOẠCH", "ke-hoach"),
    ("QUYẾT ĐỊNH", "quyet-dinh"),
    ("CÔNG VĂN", "cong-van"),
    ("BÁO CÁO", "bao-cao"),
    ("KẾT LUẬN", "ket-luan"),
    ("CHƯƠNG TRÌNH", "other"),
    ("HƯỚNG DẪN", "other"),
    ("TỜ TRÌNH", "other"),
    ("CHỈ THỊ", "other"),
    ("NGHỊ QUYẾT", "other"),
    ("BIÊN BẢN", "other"),
    ("GIẤY MỜI", "other"),
]
_KIND_LINE = re.compile(r"^(" + "|".join(w for w, _ in KIND_WORDS) + r")(?:\s*$|\s+(?=\S))")
AUTHORITY = re.compile(r"^(TM|T/M|KT|K/T|TL|T/L|TUQ|TU/Q|Q|Q/)[.\s]\s*(.*)$")
_MOTTO = re.compile(
    r"^(CỘNG H(?:ÒA|OÀ) XÃ HỘI|CHỦ NGHĨA VIỆT NAM|VIỆT NAM$|Độc lập\s*[-–]|ĐẢNG CỘNG SẢN)", re.IGNORECASE
)
_NUMBER = re.compile(r"^Số\s*:?\s*\S")
PLACE_DATE = re.compile(
    r"^(?P<place>[^,\d]{2,60}?),\s*ngày\s*(?P<d>\d{1,2})?\s*tháng\s*(?P<m>\d{1,2})\s*năm\s*(?P<y>\d{4})",
    re.IGNORECASE,
)
PLACE_DATE_SLASH = re.compile(
    r"^(?P<place>[^,\d]{2,60}?),\s*ngày\s*(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})",
    re.IGNORECASE,
)
_DATE_START = re.compile(
    r"^[^,\d]{2,60}?,\s*ngày(?:\s*\d{1,2})?\s*$|^[^,\d]{2,60}?,\s*ngày\s*\d{0,2}\s*tháng\s*\d{0,2}\s*$",
    re.IGNORECASE,
)
_HEADING = re.compile(r"^(?:[IVX]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s+\S(?:\S*\s+){0,10}\S*$")
_CUT_BEFORE = re.compile(r"^(?:Nơi nhận\b|Kính gửi\b)", re.IGNORECASE)


def kind_line(line: str) -> tuple[str, str] | None:
    """(kind, rest of the line) when ``line`` opens with the kind heading
    ("THÔNG BÁO", "KẾ HOẠCH Chuyển đổi số ...")."""
    m = _KIND_LINE.match(line.strip())
    if not m:
        return None
    rest = line.strip()[m.end() :].strip()
    if rest.startswith(("của", "số", "ngày", "này", "đó", "trên")):
        return None  # a document cited in a sentence
    kind = dict(KIND_WORDS)[m.group(1)]
    return kind, rest


def _is_authority(line: str) -> bool:
    return bool(AUTHORITY.match(line)) and line.upper() == line


def _cut(block: Block, at: list[int]) -> list[Block]:
    """``block`` cut before the line indices in ``at``."""
    if block.is_table or not at:
        return [block]
    marked = block.markdown_lines
    out: list[Block] = []
    bounds = [0, *sorted(set(at)), len(block.lines)]
    for a, b in itertools.pairwise(bounds):
        if a < b:
            out.append(Block(block.lines[a:b], marked=marked[a:b], where=block.where))
    return out


def _join_wrapped_dates(block: Block) -> Block:
    """ "Lâm Đồng, ngày 26" / "tháng 4 năm 2023": a date wrapped by a narrow column."""
    lines, marked = list(block.lines), list(block.markdown_lines)
    k = 0
    while k < len(lines) - 1:
        if _DATE_START.match(lines[k]) and re.match(
            r"^\d{0,2}\s*tháng|^năm\s+\d{4}|^\d{1,2}\s+tháng", lines[k + 1]
        ):
            lines[k] += " " + lines.pop(k + 1)
            marked[k] += " " + marked.pop(k + 1)
            continue
        k += 1
    return Block(lines, marked=marked, where=block.where)


def relayout(blocks: list[Block]) -> list[Block]:
    """Blocks with the header cut into one line each and the kind heading starting
    its own block (with the title lines after it), "Kính gửi", "Nơi nhận" and the
    signature each starting a block."""
    out: list[Block] = []
    for block in blocks:
        if block.is_table:
            out.append(block)
            continue
        block = _join_wrapped_dates(block)
        at = [
            k
            for k, line in enumerate(block.lines)
            if k
            and (
                _CUT_BEFORE.match(line)
                or (_is_authority(line) and not _is_authority(block.lines[k - 1]))
                or (line.endswith("./.") and re.search(r"[.;:]$", block.lines[k - 1]))
            )
        ]
        if (
            len(block.lines) > 1
            and _HEADING.match(block.lines[0])
            and block.lines[1][:1].isupper()
            and not re.search(r"[,;:\-–]$", block.lines[0])
            and not _HEADING.match(block.lines[1])
        ):
            at.append(1)  # "1. Đánh giá chung" with its paragraph under it and no blank line
        out.extend(_cut(block, at))
    out = _gather_signature(out)
    head = _header_end(out)
    result: list[Block] = []
    for i, block in enumerate(out):
        if i > head or block.is_table:
            result.append(block)
            continue
        result.extend(_cut_header(block))
    return result


def _gather_signature(blocks: list[Block]) -> list[Block]:
    """The signature as one block: "TM. ỦY BAN NHÂN DÂN", the positions under it
    and the signer's name, when a PDF or a table cell gave each its own block."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and not prev.is_table
            and not block.is_table
            and _is_authority(prev.lines[0])
            and len(block.lines) == 1
            and len(prev.lines) < 6
            and prev.lines[-1].upper() == prev.lines[-1]
            and not re.match(r"^(PHỤ LỤC|DANH MỤC|BIỂU|MẪU)\b", block.lines[0])
            and (
                (block.lines[0].upper() == block.lines[0] and len(block.lines[0].split()) <= 6)
                or _looks_like_name(block.lines[0])
            )
        ):
            prev.marked = [*prev.markdown_lines, block.markdown_lines[0]]
            prev.lines.append(block.lines[0])
            continue
        out.append(block)
    return out


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return (
        2 <= len(words) <= 6
        and all(w[:1].isupper() and w.upper() != w for w in words)
        and not re.search(r"[\d,;:()]", text)
    )


def _header_end(blocks: list[Block]) -> int:
    """Index of the last block that may hold header lines: the one with the kind
    heading, else the last before "Kính gửi" or the first long paragraph."""
    seen = 0
    for i, block in enumerate(blocks[:30]):
        if block.is_table:
            continue
        for line in block.lines:
            seen += 1
            if kind_line(line) is not None:
                return i
        if seen > 40:
            break
    for i, block in enumerate(blocks[:30]):
        if block.is_table:
            continue
        if re.match(r"^Kính gửi", block.lines[0], re.IGNORECASE):
            return i - 1
        if len(block.text.split()) > 30 and not any(_is_header_line(x) for x in block.lines):
            return i - 1
    return -1


def _is_header_line(line: str) -> bool:
    return bool(
        _NUMBER.match(line)
        or PLACE_DATE.match(line)
        or PLACE_DATE_SLASH.match(line)
        or _MOTTO.match(line)
        or line.upper() == line
        or line.startswith("V/v")
    )


_MERGED = re.compile(r"\s+(?=CỘNG H(?:ÒA|OÀ) XÃ HỘI|Độc lập\s*[-–]\s*Tự do)")


def _unmerge(block: Block) -> Block:
    """Header lines where a PDF put both columns on one line ("ỦY BAN NHÂN DÂN
    CỘNG HÒA XÃ HỘI ...", "Số: 12/TB-UBND Lâm Đồng, ngày ..."), cut in two."""
    lines: list[str] = []
    for line in block.lines:
        number = re.match(r"^(Số\s*:?\s*\S+)\s+(\D[^,:]{1,40},\s*ngày\b.*)$", line)
        parts = [number.group(1), number.group(2)] if number else [line]
        for part in parts:
            lines.extend(x for x in _MERGED.split(part) if x.strip())
    if len(lines) == len(block.lines):
        return block
    return Block(lines, where=block.where)


def _cut_header(block: Block) -> list[Block]:
    """One block per header line; the kind heading keeps the lines after it (the title)."""
    block = _unmerge(block)
    for k, line in enumerate(block.lines):
        found = kind_line(line)
        if found is None:
            continue
        kind_word = line.strip()[: len(line.strip()) - len(found[1])].strip()
        title = ([found[1]] if found[1] else []) + block.lines[k + 1 :]
        marked_title = ([found[1]] if found[1] else []) + block.markdown_lines[k + 1 :]
        before = [
            Block([x], marked=[m], where=block.where)
            for x, m in zip(block.lines[:k], block.markdown_lines[:k], strict=False)
        ]
        return [*before, Block([kind_word, *title], marked=[kind_word, *marked_title], where=block.where)]
    if len(block.lines) == 1:
        return [block]
    out: list[Block] = []
    for x, m in zip(block.lines, block.markdown_lines, strict=False):
        if (
            out
            and x.startswith(("V/v", "Về việc")) is False
            and out[-1].lines[0].startswith(("V/v", "Về việc"))
            and not _is_header_line(x)
        ):
            out[-1].lines.append(x)  # the subject line of a letter, wrapped
            out[-1].marked.append(m)
            continue
        out.append(Block([x], marked=[m], where=block.where))
    return out


def header_issuer(blocks: list[Block]) -> list[str]:
    """Names of the issuing body from the header's capital lines, most specific
    first: "ỦY BAN NHÂN DÂN" / "TỈNH LÂM ĐỒNG" gives "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG";
    "UBND TỈNH LÂM ĐỒNG" / "VĂN PHÒNG" gives "VĂN PHÒNG UBND TỈNH LÂM ĐỒNG" too."""
    caps: list[str] = []
    for block in blocks[:12]:
        if block.is_table:
            continue
        line = block.lines[0]
        if kind_line(line) is not None:
            break
        if _NUMBER.match(line) or PLACE_DATE.match(line) or PLACE_DATE_SLASH.match(line):
            if caps:
                break
            continue
        if _MOTTO.match(line) or re.fullmatch(r"[-–_=*.\s]+", line):
            continue  # the national motto, the other column of the header
        if line.upper() == line and re.search(r"[A-ZĐÀ-Ỹ]", line) and len(line.split()) <= 10:
            caps.append(line.strip())
    if not caps:
        return []
    names = [" ".join(caps)]
    own = caps[-1]
    if len(caps) >= 2 and _ORG_WORD.match(own):
        names = [f"{own} {' '.join(caps[:-1])}", names[0], own]
    return names


_ORG_WORD = re.compile(
    r"^(VĂN PHÒNG|PHÒNG|SỞ|BAN|TRƯỜNG|CHI BỘ|ĐẢNG ỦY|ĐẢNG UỶ|TRUNG TÂM|CÔNG AN|HỘI|ĐOÀN|"
    r"ỦY BAN|UỶ BAN|UBND|THANH TRA|BỘ CHỈ HUY|BAN CHỈ HUY|CHI CỤC|CỤC)\b"
)
