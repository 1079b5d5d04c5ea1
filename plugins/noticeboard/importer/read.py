"""Read a notice (.txt, .md, .docx) into blocks: paragraphs (with their lines)
and tables (rows of cells). Both readers give the same blocks for the same
document, so a .docx and its text import to the same draft."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..content.text import nfc


@dataclass
class Block:
    lines: list[str]                                  # a paragraph's lines, clean text
    rows: list[list[str]] = field(default_factory=list)  # a table's cells (lines empty)

    @property
    def is_table(self) -> bool:
        return bool(self.rows)

    @property
    def text(self) -> str:
        return " ".join(self.lines)


_MARKER = re.compile(
    r"^(?:[-+•*–]\s+|\d+(?:\.\d+)*[.)]\s*|\(\d+\)[.)]?\s*|[a-zđ][)]\s+|[IVX]+[.\-–]\s*)"
)
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
            prev is not None and not prev.is_table and not block.is_table and prev.lines and block.lines
            and not re.search(r"[.:;!?]$", prev.lines[-1])
            and _MARKER.match(block.lines[0]) is None
            and (block.lines[0][:1].islower() or re.match(r"\d{1,2}/\d{1,2}/\d{4}", block.lines[0]))
            and len(prev.text.split()) > 8
        ):
            prev.lines[-1] = prev.lines[-1] + " " + block.lines[0]
            prev.lines.extend(block.lines[1:])
            continue
        out.append(block)
    return out


def _split_items(lines: list[str]) -> list[Block]:
    """A list item or numbered clause on its own line starts a block of its own."""
    out: list[list[str]] = []
    for line in lines:
        if out and _ITEM.match(line):
            out.append([line])
        elif out:
            out[-1].append(line)
        else:
            out.append([line])
    return [Block(x) for x in out]


_ITEM = re.compile(r"^(?:[-+•*–]\s+|\d+(?:\.\d+)*[.)]\s|\(\d+\)|[a-zđ]\)\s)")


def read_text(text: str) -> list[Block]:
    raw_lines = nfc(text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")).split("\n")
    blocks: list[Block] = []
    para: list[str] = []
    table: list[list[str]] = []

    def flush() -> None:
        nonlocal para, table
        if para:
            blocks.extend(_split_items(para))
        if table:
            blocks.append(Block([], table))
        para, table = [], []

    for raw in raw_lines:
        if _is_table_line(raw):
            if para:
                blocks.extend(_split_items(para))
                para = []
            cells = _split_cells(raw)
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                continue  # the |---|---| line of a Markdown table
            table.append(cells)
            continue
        if table and raw.strip():
            flush()
        if not raw.strip() or _is_rule(raw):
            if para:
                blocks.extend(_split_items(para))
                para = []
            continue
        line = clean_inline(raw)
        if line:
            para.append(line)
    flush()
    return _merge_continuations(blocks)


def read_docx(path: Path) -> list[Block]:
    import docx  # python-docx; imported here so text imports need no Word support
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    blocks: list[Block] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, document)
            style = (para.style.name if para.style is not None else "") or ""
            lines = [clean_inline(x) for x in para.text.split("\n")]
            lines = [x for x in lines if x and not _is_rule(x)]
            if not lines:
                continue
            if style.startswith("List") and not _MARKER.match(lines[0]):
                lines[0] = "- " + lines[0]
            blocks.extend(_split_items(lines))
        elif tag == "tbl":
            table = Table(child, document)
            rows = []
            for row in table.rows:
                cells = []
                for cell in row.cells:
                    parts = [clean_inline(p.text) for p in cell.paragraphs]
                    cells.append("; ".join(p for p in parts if p))
                rows.append(cells)
            if rows:
                blocks.append(Block([], rows))
    return _merge_continuations(blocks)


def read_file(path: Path) -> list[Block]:
    if path.suffix.lower() == ".docx":
        return read_docx(path)
    return read_text(path.read_text(encoding="utf-8-sig"))
