"""Read a notice (.txt, .md, .docx, .doc, .pdf) into blocks: paragraphs (with
their lines) and tables (rows of cells). All readers give the same blocks for the
same document, so a .docx, its PDF and its text import to the same draft.

Each block remembers where it came from (``where``: "dòng 12-14", "đoạn 7",
"trang 2, dòng 5") for ``noticeboard import --explain``, and its text with bold
and italic kept as Markdown (``marked``) for the draft's body."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content.text import nfc


class ReadError(ValueError):
    """A file that cannot be read, with what to do about it in plain words."""


@dataclass
class Block:
    lines: list[str]  # a paragraph's lines, clean text
    rows: list[list[str]] = field(default_factory=list)  # a table's cells (lines empty)
    where: str = ""  # where in the source, for --explain
    marked: list[str] = field(default_factory=list)  # lines with **bold** and *italic* kept

    @property
    def is_table(self) -> bool:
        return bool(self.rows)

    @property
    def text(self) -> str:
        return " ".join(self.lines)

    @property
    def markdown_lines(self) -> list[str]:
        return self.marked if len(self.marked) == len(self.lines) else self.lines


_MARKER = re.compile(r"^(?:[-+•*–]\s+|\d+(?:\.\d+)*[.)]\s*|\(\d+\)[.)]?\s*|[a-zđ][)]\s+|[IVX]+[.\-–]\s*)")
_LI = re.compile(r"</li>\s*<li[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def clean_inline(text: str) -> str:
    """Drop Markdown emphasis, heading marks, HTML tags and escapes; keep the words."""
    text = nfc(text).replace("\u00a0", " ").replace("\t", " ")
    text = _LI.sub("; ", text)
    text = _TAG.sub(" ", text)
    text = html.unescape(text)
    text = re.sub(r"^\s{0,3}#{1,6}\s+", "", text)
    text = text.replace("\\*", "").replace("**", "").replace("__", "")
    text = re.sub(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])", r"\1", text)
    text = re.sub(r"(?<![\w*])_(?=\S)([^_]+?)(?<=\S)_(?![\w*])", r"\1", text)
    return " ".join(text.split())


def _mark_inline(text: str) -> str:
    """A source line for the body: Markdown kept, heading marks and spacing tidied."""
    text = nfc(text).replace("\u00a0", " ").replace("\t", " ")
    text = re.sub(r"^\s{0,3}#{1,6}\s+", "", text)
    return " ".join(text.split())


def _is_rule(line: str) -> bool:
    return bool(re.fullmatch(r"\s*([-*_=]\s*){3,}", line)) or line.strip() in {"*", "\\*"}


def _split_cells(line: str) -> list[str]:
    cells = line.split("\t") if "\t" in line else line.strip().strip("|").split("|")
    return [clean_inline(c) for c in cells]


def _is_table_line(line: str) -> bool:
    return line.count("\t") >= 2 or (line.strip().startswith("|") and line.count("|") >= 3)


def _merge_continuations(blocks: list[Block]) -> list[Block]:
    """Join a paragraph split by a page break: it does not end a sentence and the
    next starts in lower case (or with a date)."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and not prev.is_table
            and not block.is_table
            and prev.lines
            and block.lines
            and not re.search(r"[.:;!?]$", prev.lines[-1])
            and _MARKER.match(block.lines[0]) is None
            and (block.lines[0][:1].islower() or re.match(r"\d{1,2}/\d{1,2}/\d{4}", block.lines[0]))
            and len(prev.text.split()) > 8
        ):
            marked = [*prev.markdown_lines[:-1], prev.markdown_lines[-1] + " " + block.markdown_lines[0]]
            prev.lines[-1] = prev.lines[-1] + " " + block.lines[0]
            prev.lines.extend(block.lines[1:])
            prev.marked = marked + block.markdown_lines[1:]
            continue
        out.append(block)
    return out


_LEAD_IN = re.compile(r"^[A-ZĐÀ-Ỹ][^:]*:$")
_ITEM = re.compile(r"^(?:[-+•*–]\s+|\d+(?:\.\d+)*[.)]\s|\(\d+\)|[a-zđ]\)\s|[IVX]+[.\-–]\s+\S)")


def _split_items(
    lines: list[str], marked: list[str] | None = None, where: list[str] | None = None
) -> list[Block]:
    """A list item or numbered clause on its own line starts a block of its own."""
    marked = marked if marked is not None and len(marked) == len(lines) else list(lines)
    where = where if where is not None and len(where) == len(lines) else [""] * len(lines)
    groups: list[list[int]] = []
    for k, line in enumerate(lines):
        lead_in = (
            k and _LEAD_IN.match(line) and len(line.split()) <= 10 and re.search(r"[.;:]$", lines[k - 1])
        )  # "UBND XÃ BẢO LÂM 2:" after a finished item
        if groups and not _ITEM.match(line) and not lead_in:
            groups[-1].append(k)
        else:
            groups.append([k])
    return [
        Block([lines[k] for k in g], marked=[marked[k] for k in g], where=_span(where[g[0]], where[g[-1]]))
        for g in groups
    ]


def _span(first: str, last: str) -> str:
    if first == last or not last:
        return first
    prefix = re.match(r"^(.*?)(\d+)$", first)
    end = re.match(r"^(.*?)(\d+)$", last)
    if prefix and end and prefix.group(1) == end.group(1):
        return f"{first}-{end.group(2)}"
    return f"{first} – {last}"


def read_text(text: str, where: str = "dòng") -> list[Block]:
    raw_lines = nfc(text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")).split("\n")
    blocks: list[Block] = []
    para: list[tuple[str, str, str]] = []  # (clean, marked, where)
    table: list[list[str]] = []
    table_from = ""

    def flush_para() -> None:
        nonlocal para
        if para:
            blocks.extend(_split_items([p[0] for p in para], [p[1] for p in para], [p[2] for p in para]))
        para = []

    def flush() -> None:
        nonlocal table
        flush_para()
        if table:
            blocks.append(Block([], table, where=table_from))
        table = []

    raw_lines, origin = _unfold_columns(raw_lines)
    for k, raw in enumerate(raw_lines):
        n = origin[k]
        if _is_table_line(raw):
            flush_para()
            cells = _split_cells(raw)
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                continue  # the |---|---| line of a Markdown table
            if not table:
                table_from = f"bảng ở {where} {n}"
            table.append(cells)
            continue
        if table and raw.strip():
            flush()
        if not raw.strip() or _is_rule(raw):
            flush_para()
            continue
        line = clean_inline(raw)
        if line:
            para.append((line, _mark_inline(raw), f"{where} {n}"))
    flush()
    return _merge_continuations(blocks)


_COLUMN_LINE = re.compile(r"^[^|]+\|[^|]*\|?\s*$")


def _unfold_columns(lines: list[str]) -> tuple[list[str], list[int]]:
    """A two-column header or signature copied from a web page arrives as lines
    "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI ... |": each run of such lines is put back
    as the left column's lines, a blank line, then the right column's. Returns the
    lines and, for each, its line number in the source."""
    out: list[str] = []
    origin: list[int] = []
    k = 0
    while k < len(lines):
        if not _COLUMN_LINE.match(lines[k]) or _is_table_line(lines[k]):
            out.append(lines[k])
            origin.append(k + 1)
            k += 1
            continue
        run = k
        while run < len(lines) and _COLUMN_LINE.match(lines[run]) and not _is_table_line(lines[run]):
            run += 1
        if run - k < 2:  # one line with a "|" in it is text, not a layout of two columns
            out.append(lines[k])
            origin.append(k + 1)
            k += 1
            continue
        cells = [[c.strip() for c in lines[j].rstrip().rstrip("|").split("|")] for j in range(k, run)]
        for col in range(max(len(c) for c in cells)):
            for j, row in enumerate(cells):
                if col < len(row) and row[col]:
                    out.append(row[col])
                    origin.append(k + j + 1)
            out.append("")
            origin.append(run)
        k = run
    return out, origin


# --- Word -------------------------------------------------------------------------------

_ROMAN = [
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
]
_VI_LETTERS = "abcdđeghiklmnopqrstuvxy"


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _format_number(n: int, fmt: str) -> str:
    if fmt in {"lowerLetter", "upperLetter"}:
        # Vietnamese documents letter their clauses a), b), c), d), đ), e): Word's
        # own letters skip "đ", so the clerk's typed letters are followed here
        letter = _VI_LETTERS[(n - 1) % len(_VI_LETTERS)]
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "bullet":
        return ""
    return str(n)


class _Numbering:
    """Word's automatic numbering, restored from numbering.xml: which number a
    numbered paragraph shows ("2.", "b)", "-")."""

    def __init__(self, document) -> None:
        from docx.oxml.ns import qn

        self.qn = qn
        self.levels: dict[str, dict[int, dict[str, str]]] = {}
        self.num_abstract: dict[str, str] = {}
        self.overrides: dict[str, dict[int, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.used: set[str] = set()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for absn in root.findall(qn("w:abstractNum")):
            aid = absn.get(qn("w:abstractNumId"))
            levels: dict[int, dict[str, str]] = {}
            for lvl in absn.findall(qn("w:lvl")):
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = {
                    "start": self._val(lvl, "w:start", "1"),
                    "fmt": self._val(lvl, "w:numFmt", "decimal"),
                    "text": self._val(lvl, "w:lvlText", "%1."),
                }
            self.levels[aid] = levels
        for num in root.findall(qn("w:num")):
            nid = num.get(qn("w:numId"))
            ref = num.find(qn("w:abstractNumId"))
            if ref is None:
                continue
            self.num_abstract[nid] = ref.get(qn("w:val"))
            for ov in num.findall(qn("w:lvlOverride")):
                start = ov.find(qn("w:startOverride"))
                if start is not None:
                    self.overrides.setdefault(nid, {})[int(ov.get(qn("w:ilvl"), "0"))] = int(
                        start.get(qn("w:val"))
                    )

    def _val(self, element, tag: str, default: str) -> str:
        child = element.find(self.qn(tag))
        return child.get(self.qn("w:val"), default) if child is not None else default

    def label(self, paragraph) -> str:
        """The number Word shows before ``paragraph`` ("" when it has none)."""
        num_pr = self._num_pr(paragraph)
        if num_pr is None:
            return ""
        nid, ilvl = num_pr
        aid = self.num_abstract.get(nid)
        levels = self.levels.get(aid or "")
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(aid or "", {})  # aid is set: levels were found under it
        if nid not in self.used:
            self.used.add(nid)
            for lvl, start in self.overrides.get(nid, {}).items():
                counters[lvl] = start - 1
        counters[ilvl] = counters.get(ilvl, int(levels[ilvl]["start"]) - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        level = levels[ilvl]
        if level["fmt"] == "bullet":
            return "-"
        text = level["text"]
        for k in range(ilvl + 1):
            fmt = levels.get(k, {}).get("fmt", "decimal")
            value = counters.get(k, int(levels.get(k, {}).get("start", "1")))
            text = text.replace(f"%{k + 1}", _format_number(value, fmt))
        return text.strip()

    def _num_pr(self, paragraph) -> tuple[str, int] | None:
        ppr = paragraph._p.pPr
        num_pr = ppr.numPr if ppr is not None else None
        style = paragraph.style
        while num_pr is None and style is not None:
            spr = style.element.pPr
            num_pr = spr.numPr if spr is not None else None
            style = style.base_style
        if num_pr is None or num_pr.numId is None:
            return None
        nid = str(num_pr.numId.val)
        if nid == "0":
            return None
        ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        return nid, int(ilvl)


def _marked_runs(paragraph) -> str:
    """A paragraph's text with bold and italic runs as Markdown."""
    out: list[str] = []
    for run in paragraph.runs:
        text = run.text.replace("*", "\\*")
        if not text.strip():
            out.append(text)
            continue
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        core = text.strip()
        if run.bold and run.italic:
            core = f"***{core}***"
        elif run.bold:
            core = f"**{core}**"
        elif run.italic:
            core = f"*{core}*"
        out.append(lead + core + trail)
    joined = "".join(out)
    # "**a** **b**" reads better as one span
    joined = re.sub(r"\*\*(\s*)\*\*", r"\1", joined)
    return "\n".join(" ".join(line.split()) for line in joined.split("\n"))


def _marked_lines(paragraph, text: str) -> list[str]:
    marked = _marked_runs(paragraph).split("\n")
    plain = text.split("\n")
    return marked if len(marked) == len(plain) else plain


_LAYOUT = re.compile(
    r"CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|Độc lập\s*-\s*Tự do|^Nơi nhận|^Số\s*:|^(TM|KT|TL|TUQ)\.\s", re.MULTILINE
)


def _cell_paragraphs(cell) -> list:
    return [p for p in cell.paragraphs if p.text.strip()]


def read_docx(path: Path) -> list[Block]:
    import docx  # python-docx; imported here so text imports need no Word support
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = _open_docx(path)
    numbering = _Numbering(document)
    blocks: list[Block] = []
    n_para = 0

    def paragraph_blocks(paras: list, where: str) -> list[Block]:
        lines: list[str] = []
        marked: list[str] = []
        for para in paras:
            label = numbering.label(para)
            style = (para.style.name if para.style is not None else "") or ""
            for k, (text, mark) in enumerate(
                zip(para.text.split("\n"), _marked_lines(para, para.text), strict=False)
            ):
                clean = clean_inline(text)
                if not clean or _is_rule(clean):
                    continue
                if k == 0 and label and not _MARKER.match(clean):
                    clean, mark = f"{label} {clean}", f"{label} {mark}"
                elif k == 0 and not label and style.startswith("List") and not _MARKER.match(clean):
                    clean, mark = "- " + clean, "- " + mark
                mark = _mark_inline(mark)
                lines.append(clean)
                marked.append(mark if clean_inline(mark) == clean else clean)
        return _split_items(lines, marked, [where] * len(lines)) if lines else []

    for child in _body_children(document.element.body):
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            n_para += 1
            boxed = [Paragraph(p, document) for p in _text_box_paragraphs(child)]
            if boxed:  # "Số: ..." or the motto typed in a text box anchored to this paragraph
                blocks.extend(paragraph_blocks(boxed, f"khung chữ ở đoạn {n_para}"))
            blocks.extend(paragraph_blocks([Paragraph(child, document)], f"đoạn {n_para}"))
        elif tag == "tbl":
            table = Table(child, document)
            n_para += 1
            text = "\n".join(c.text for row in table.rows for c in row.cells)
            if len(table.rows) <= 4 and len(table.columns) <= 3 and _LAYOUT.search(text):
                # the header (issuer | national motto) and the signature (Nơi nhận |
                # signer) are laid out in borderless tables: they are paragraphs
                seen: list = []  # the cell elements themselves: a merged cell repeats in every row it spans
                for row in table.rows:
                    for cell in row.cells:
                        if any(cell._tc is tc for tc in seen):
                            continue
                        seen.append(cell._tc)
                        blocks.extend(paragraph_blocks(_cell_paragraphs(cell), f"bảng ở đoạn {n_para}"))
                continue
            rows = []
            for row in table.rows:
                cells = []
                for cell in row.cells:
                    parts = [clean_inline(p.text) for p in cell.paragraphs]
                    cells.append("; ".join(p for p in parts if p))
                rows.append(cells)
            if rows:
                blocks.append(Block([], rows, where=f"bảng ở đoạn {n_para}"))
    del docx
    return _merge_continuations(blocks)


def _body_children(body):
    """The body's paragraphs and tables, with those inside content controls (w:sdt)."""
    for child in body.iterchildren():
        if child.tag.rsplit("}", 1)[-1] == "sdt":
            content = next((c for c in child.iterchildren() if c.tag.endswith("}sdtContent")), None)
            if content is not None:
                yield from _body_children(content)
            continue
        yield child


def _text_box_paragraphs(paragraph) -> list:
    """Paragraphs typed in text boxes inside ``paragraph``, once: Word also writes each
    box a second time as an old-style (VML) fallback, which is skipped."""
    out: list[Any] = []
    for box in paragraph.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}txbxContent"):
        if any(a.tag.endswith("}Fallback") for a in box.iterancestors()):
            continue
        out.extend(c for c in box.iterchildren() if c.tag.endswith("}p"))
    return out


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Word (.doc) and other OLE files


def _open_docx(path: Path):
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    data = path.read_bytes()[:8]
    if not data:
        raise ReadError("tệp rỗng (0 byte): mở văn bản gốc và lưu lại thành .docx.")
    if data.startswith(_OLE):
        raise ReadError(
            "đây là tệp Word cũ (.doc) mang đuôi .docx: đổi đuôi thành .doc rồi nhập lại "
            "(cần LibreOffice), hoặc mở bằng Word và lưu lại dạng .docx."
        )
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as err:
        raise ReadError(
            "không phải tệp .docx hợp lệ (có thể hỏng, hoặc là định dạng khác đổi đuôi): "
            "mở bằng Word hoặc LibreOffice và lưu lại dạng .docx."
        ) from err


def soffice() -> str | None:
    """LibreOffice's command, when installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_doc(path: Path) -> list[Block]:
    """An old Word file, converted to .docx by LibreOffice headless."""
    office = soffice()
    if office is None:
        raise ReadError(
            "tệp .doc (Word cũ) cần LibreOffice để chuyển đổi nhưng máy chưa cài: "
            "cài LibreOffice, hoặc mở tệp bằng Word và lưu lại dạng .docx."
        )
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "vanban.doc"
        source.write_bytes(path.read_bytes())
        try:
            subprocess.run(
                [
                    office,
                    f"-env:UserInstallation=file://{tmp}/profile",
                    "--headless",
                    "--convert-to",
                    "docx",
                    "--outdir",
                    tmp,
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=180,
            )
        except (subprocess.SubprocessError, OSError) as err:
            raise ReadError(
                "LibreOffice không chuyển được tệp .doc này sang .docx: mở bằng Word và lưu lại dạng .docx."
            ) from err
        converted = Path(tmp) / "vanban.docx"
        if not converted.is_file():
            raise ReadError(
                "LibreOffice không chuyển được tệp .doc này sang .docx: mở bằng Word và lưu lại dạng .docx."
            )
        return read_docx(converted)


# --- PDF --------------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$|^\s*Trang\s+\d+(?:\s*/\s*\d+)?\s*$", re.IGNORECASE
)
_STARTS_NEW = re.compile(
    r"^(?:[-+•*–]\s|\d+(?:\.\d+)*[.)]\s|\(\d+\)|[a-zđ]\)\s|[IVX]+[.\-–]\s|Nơi nhận|Kính gửi|Số\s*:|V/v\b|"
    r"(?:TM|KT|TL|TUQ)\.\s|PHỤ LỤC|Căn cứ|Thực hiện\b|Ngày\s+\d{1,2}[/\s]|Hôm nay\b|Trên đây\b)"
)


def _rejoin(lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Undo a PDF's hard wraps: a line that fills the width (or ends in the space
    the layout left) goes on in the next line, unless that starts an item."""
    widths = sorted(len(x.rstrip()) for x, _ in lines if x.strip())
    full = widths[int(len(widths) * 0.9)] if widths else 0
    out: list[tuple[str, int]] = []
    carry = False
    for raw, page in lines:
        line = raw.rstrip()
        if not line.strip():
            carry = False
            continue
        stripped = line.strip()
        if (
            carry
            and out
            and not _STARTS_NEW.match(stripped)
            and not (stripped.isupper() and not out[-1][0].isupper())
        ):
            glue = "" if out[-1][0].endswith("-") and stripped[:1].isdigit() else " "  # "2026-" / "2027"
            out[-1] = (out[-1][0] + glue + stripped, out[-1][1])
        else:
            out.append((stripped, page))
        filled = len(line) >= 0.8 * full
        ends = re.search(r"(?:[.!?]|\./\.|:)$", line) is not None
        carry = (filled or raw.endswith(" ")) and not ends and len(stripped) > 20
    return out


def _plumber_pages(path: Path) -> list[list[tuple[float, str | list[list[str]]]]] | None:
    """Each page's lines and ruled tables in reading order (pdfplumber finds the
    tables; their cells would otherwise come out one wrapped word group per line).
    None when pdfplumber is not installed."""
    try:
        import pdfplumber
    except ImportError:
        return None
    pages: list[list[tuple[float, str | list[list[str]]]]] = []
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            tables = page.find_tables()
            boxes = [t.bbox for t in tables]

            def outside(obj: dict, boxes: list = boxes) -> bool:
                return obj.get("object_type") != "char" or not any(
                    b[0] - 1 <= obj["x0"]
                    and obj["x1"] <= b[2] + 1
                    and b[1] - 1 <= obj["top"]
                    and obj["bottom"] <= b[3] + 1
                    for b in boxes
                )

            items: list[tuple[float, str | list[list[str]]]] = _unfold_pdf_columns(
                page.filter(outside).extract_text_lines(return_chars=True), float(page.width)
            )
            for table in tables:
                rows = [[" ".join((cell or "").split()) for cell in row] for row in table.extract()]
                items.append((table.bbox[1], rows))
            pages.append(sorted(items, key=lambda item: item[0]))
    return pages


_ENDS_COLUMNS = re.compile(
    r"^(?:THÔNG BÁO|KẾ HOẠCH|QUYẾT ĐỊNH|CÔNG VĂN|BÁO CÁO|KẾT LUẬN|CHƯƠNG TRÌNH|HƯỚNG DẪN|"
    r"TỜ TRÌNH|CHỈ THỊ|NGHỊ QUYẾT|BIÊN BẢN|GIẤY MỜI|Kính gửi)\b"
)
# points between two words that belong to two columns: a word space is 3-4, a justified
# line's widest seldom 20; the header's columns stand 60 and more apart
_COLUMN_GAP = 30.0


def _segments_of(line: dict) -> list[tuple[float, float, str]]:
    """A PDF line cut where a wide gap separates two columns: (x0, x1, text) each."""
    segments: list[list[dict]] = []
    for char in sorted(line["chars"], key=lambda c: c["x0"]):
        if segments and char["x0"] - segments[-1][-1]["x1"] > _COLUMN_GAP:
            segments.append([char])
        elif segments:
            segments[-1].append(char)
        else:
            segments.append([char])
    out = []
    for chars in segments:
        text = ""
        for k, char in enumerate(chars):
            if k and char["x0"] - chars[k - 1]["x1"] > 1.0 and not text.endswith(" "):
                text += " "
            text += char["text"]
        out.append((chars[0]["x0"], chars[-1]["x1"], " ".join(text.split())))
    return [x for x in out if x[2]]


def _unfold_pdf_columns(lines: list[dict], width: float) -> list[tuple[float, str | list[list[str]]]]:
    """Lines of a page, with the two-column header and signature (laid out in
    borderless tables) put back column by column: the left column's lines, then
    the right column's, as a reader reads them."""
    out: list[tuple[float, str | list[list[str]]]] = []
    k = 0
    while k < len(lines):
        segments = _segments_of(lines[k])
        if len(segments) < 2 or not (segments[0][1] < width / 2 < segments[1][0] + 0.1 * width):
            out.append((lines[k]["top"], lines[k]["text"]))
            k += 1
            continue
        left: list[str] = []
        right: list[str] = []
        top = lines[k]["top"]
        while k < len(lines):
            segments = _segments_of(lines[k])
            if len(segments) == 1 and (
                segments[0][0] < width / 2 - 2 < width / 2 + 2 < segments[0][1]
                or _ENDS_COLUMNS.match(segments[0][2])
            ):
                break  # a line across the page's middle, the kind heading, "Kính gửi": the columns ended
            if len(segments) >= 2:
                left.append(segments[0][2])
                right.append(" ".join(x[2] for x in segments[1:]))
            elif segments and segments[0][1] < 0.55 * width:
                left.append(segments[0][2])
            elif segments and segments[0][0] > 0.45 * width:
                right.append(segments[0][2])
            else:
                break  # a line across the page: the columns have ended
            k += 1
        out.extend((top, text) for text in left + right)
    return out


def _pdf_blocks(pages: list[list[tuple[float, str | list[list[str]]]]]) -> list[Block]:
    """Blocks from the pages' lines and tables; a table that runs on to the next
    page (same columns, at the top of it) is one table."""
    blocks: list[Block] = []
    lines: list[tuple[str, int]] = []

    def flush() -> None:
        for line, page in _rejoin(lines):
            clean = clean_inline(line)
            if clean and not _is_rule(clean):
                blocks.append(Block([clean], marked=[_mark_inline(line)], where=f"trang {page}"))
        lines.clear()

    for number, items in enumerate(pages, 1):
        for k, (_top, item) in enumerate(items):
            if isinstance(item, str):
                if not (_PAGE_NUMBER.match(item) and (k <= 1 or k >= len(items) - 2)):
                    lines.append((nfc(item), number))
                continue
            flush()
            rows = [[clean_inline(c) for c in row] for row in item]
            prev = blocks[-1] if blocks else None
            if k == 0 and prev is not None and prev.is_table and len(prev.rows[0]) == len(rows[0]):
                rows = rows[1:] if rows[0] == prev.rows[0] else rows  # a repeated header row once
                if rows and not rows[0][0] and len(prev.rows) > 1:
                    # a row the page break cut: its rest has no number of its own
                    prev.rows[-1] = [
                        " ".join(x for x in (a, b) if x) for a, b in zip(prev.rows[-1], rows[0], strict=True)
                    ]
                    rows = rows[1:]
                prev.rows.extend(rows)
            else:
                blocks.append(Block([], rows, where=f"bảng ở trang {number}"))
    flush()
    return blocks


def read_pdf(path: Path) -> list[Block]:
    """A PDF with a text layer: hard wraps rejoined, a paragraph per line; ruled
    tables read as tables when pdfplumber is installed (else pypdf, text only)."""
    try:
        pages = _plumber_pages(path)
    except Exception as err:
        raise ReadError(
            "không đọc được tệp PDF (hỏng hoặc có mật khẩu): xin bản .docx hoặc PDF khác."
        ) from err
    if pages is not None:
        if not any(isinstance(item, list) or item.strip() for items in pages for _t, item in items):
            raise ReadError(
                "tệp PDF không có lớp chữ (bản quét ảnh): cần nhận dạng chữ (OCR) hoặc xin bản .docx."
            )
        return _merge_continuations(_pdf_blocks(pages))
    return _read_pdf_text(path)


def _read_pdf_text(path: Path) -> list[Block]:
    """A PDF's text layer through pypdf: hard wraps rejoined, a paragraph per line."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as err:
        raise ReadError("nhập PDF cần gói pypdf: pip install pypdf.") from err
    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, OSError, ValueError, KeyError) as err:
        raise ReadError(
            "không đọc được tệp PDF (hỏng hoặc có mật khẩu): xin bản .docx hoặc PDF khác."
        ) from err
    lines: list[tuple[str, int]] = []
    for number, text in enumerate(pages, 1):
        page_lines = nfc(text).replace("\r", "").split("\n")
        for n, line in enumerate(page_lines):
            if _PAGE_NUMBER.match(line) and (n <= 1 or n >= len(page_lines) - 2):
                continue  # the page number printed at the top or foot
            lines.append((line, number))
    if not any(x.strip() for x, _ in lines):
        raise ReadError(
            "tệp PDF không có lớp chữ (bản quét ảnh): cần nhận dạng chữ (OCR) hoặc xin bản .docx."
        )
    blocks: list[Block] = []
    for line, page in _rejoin(lines):
        clean = clean_inline(line)
        if clean and not _is_rule(clean):
            blocks.append(Block([clean], marked=[_mark_inline(line)], where=f"trang {page}"))
    return _merge_continuations(blocks)


def read_file(path: Path) -> list[Block]:
    suffix = path.suffix.lower()
    if suffix == ".docx":
        if path.read_bytes()[:8].startswith(_OLE) and soffice() is not None:
            return read_doc(path)  # an old .doc renamed: LibreOffice reads it all the same
        return read_docx(path)
    if suffix == ".doc":
        return read_doc(path)
    if suffix == ".pdf":
        return read_pdf(path)
    try:
        return read_text(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as err:
        raise ReadError("tệp văn bản không phải mã UTF-8: lưu lại với mã UTF-8 (Unicode).") from err
