"""The periodic reports as files: ``bao-cao/<period>/bao-cao-<period>.docx`` (a document to sign,
Nghị định 30/2020), ``.xlsx`` (the two tables) and ``du-lieu/bao-cao.json`` (every period's three
blocks), with its JSON Schema. No MkDocs import.

A site has some sixty periods after five years, so the documents are made for speed: python-docx
lays out the document (styles, header, paragraphs) and each table goes in as one piece of XML;
openpyxl writes in its write-only mode. Zip members carry the as-of date, not the clock, so two
builds of the same content give the same bytes.
"""

from __future__ import annotations

import functools
import io
import json
import re
import unicodedata
import zipfile
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from ..model.reports import Block, OverdueItem, PeriodReport, Reports, published_periods, reports_for
from ..model.site import Site
from ..model.status import LABELS, STATUSES
from .outputs import OutputContext, register
from .report_pages import document_name, report_title
from .rows import _e, format_date
from .schemas import PUBLISHED, published_schema

SCHEMA_NAME = "bao-cao"
DOC_OVERDUE_LIMIT = 500  # rows of the appendix; the web page and JSON count all overdue items
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


def report_file_paths(site: Site) -> list[str]:
    """What :func:`generate_report_files` writes for ``site``."""
    keys = [period.key for period in published_periods(site)]  # named before the figures are counted
    return [
        *(document_name(k, ext) for k in keys for ext in ("docx", "xlsx")),
        "du-lieu/bao-cao.json",
        PUBLISHED.format(name=SCHEMA_NAME),
    ]


@register(report_file_paths)
def generate_report_files(site: Site, ctx: OutputContext) -> dict[str, str | bytes]:
    """Every period's .docx and .xlsx, ``du-lieu/bao-cao.json`` and its published schema."""
    reports = reports_for(site)
    issuer = issuing_body(site, ctx)
    place = _place(site)
    out: dict[str, str | bytes] = {}
    cells: dict[tuple[str, int, date], str] = {}
    for report in reports.periods:
        key = report.period.key
        out[document_name(key, "docx")] = report_docx(report, issuer, place, site.as_of, cells)
        out[document_name(key, "xlsx")] = report_xlsx(report, site.as_of)
    out["du-lieu/bao-cao.json"] = report_json(reports, ctx)
    out[PUBLISHED.format(name=SCHEMA_NAME)] = published_schema(SCHEMA_NAME, ctx)
    return out


def issuing_body(site: Site, ctx: OutputContext) -> str:
    """The cơ quan of the header: the ``organization`` option's name, else the unit that issued
    the most published notices (the first in units.yml on a tie)."""
    name = (ctx.organization or {}).get("name")
    if isinstance(name, str) and name.strip():
        return name.strip()
    issued = Counter(n.issuer.id for n in site.notices)
    ranked = sorted(site.units, key=lambda u: -issued.get(u.id, 0))
    return ranked[0].name if ranked and issued else _site_name(ctx)


PLACE_WORDS = {"xã", "phường", "thị", "huyện", "quận", "tỉnh", "thành"}


def document_symbol(issuer: str) -> str:
    """The issuer's part of a ký hiệu ("Ủy ban nhân dân xã Hòa Phú" gives "UBND"): initials of the
    words before the place, tone marks dropped (Đ stays)."""
    letters: list[str] = []
    for word in issuer.split():
        if word.lower() in PLACE_WORDS and letters:
            break
        if word[:1].isalpha():
            letters.append(word[0].upper())
    folded = unicodedata.normalize("NFD", "".join(letters).replace("Đ", "\x00"))
    return "".join(ch for ch in folded if not unicodedata.combining(ch)).replace("\x00", "Đ")


def _site_name(ctx: OutputContext) -> str:
    return ctx.site_name or "Cơ quan"


def _place(site: Site) -> str:
    places = Counter(n.place for n in site.notices if n.place)
    return places.most_common(1)[0][0] if places else ""


# -- .docx ------------------------------------------------------------------------------------

COUNT_COLUMNS = ("TT", "Đơn vị chủ trì", "Tổng số", *(LABELS[s] for s in STATUSES))
# Widths in twentieths of a point, on A4 with 30 mm and 15 mm side margins (~9,070 in all).
COUNT_WIDTHS = (520, 2150, 800, *([933] * len(STATUSES)))
OVERDUE_COLUMNS = ("TT", "Nhiệm vụ", "Văn bản giao", "Đơn vị chủ trì", "Hạn", "Số ngày quá hạn")
OVERDUE_WIDTHS = (520, 3200, 1400, 1800, 1300, 850)


CELL_STYLES = {
    "left": "NbCell",
    "right": "NbNum",
    "center": "NbCenter",
    "head": "NbHead",
}  # styles of _docx_base()


@functools.lru_cache(maxsize=8192)  # counts and dates repeat across rows and periods
def _cell(text: str, width: int, *, bold: bool = False, align: str = "left", header: bool = False) -> str:
    """A table cell; the look comes from the paragraph styles, so each cell is short XML (an
    appendix has thousands)."""
    shade = '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/></w:tcPr>' if header else ""
    run = "<w:r><w:rPr><w:b/></w:rPr>" if bold and not header else "<w:r>"
    return (
        f'<w:tc>{shade}<w:p><w:pPr><w:pStyle w:val="{CELL_STYLES["head" if header else align]}"/></w:pPr>'
        f'{run}<w:t xml:space="preserve">{_e(text)}</w:t></w:r></w:p></w:tc>'
    )


def _overdue_rows_xml(shown: list[OverdueItem], cache: dict[tuple[str, int, date], str]) -> str:
    """The appendix's rows; ``cache`` keeps each item's cells for the build (an item is listed in
    many periods' appendices)."""
    w = OVERDUE_WIDTHS
    out = []
    for i, o in enumerate(shown, start=1):
        key = (o.item.gid, o.item.index, o.due)
        cells = cache.get(key)
        if cells is None:
            task = o.item.task
            cells = cache[key] = (
                _cell(task.title, w[1])
                + _cell(task.notice.number or format_date(task.notice.date), w[2])
                + _cell(task.lead.name, w[3])
                + _cell(format_date(o.due), w[4], align="right")
            )
        out.append(
            f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{_cell(str(i), w[0], align='center')}{cells}"
            f"{_cell(str(o.days_overdue), w[5], align='right')}</w:tr>"
        )
    return "".join(out)


def _table_xml(
    header: tuple[str, ...],
    rows: list[tuple[list[str], bool]],
    widths: tuple[int, ...],
    numeric_from: int,
    body: str = "",
) -> str:
    """A bordered table whose header repeats on every page; ``rows`` are (cells, bold)."""
    border = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    head = "".join(
        _cell(text, w, bold=True, align="center", header=True) for text, w in zip(header, widths, strict=True)
    )
    out = [
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblBorders>{border}</w:tblBorders>'
        f'<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>',
        f"<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>{head}</w:tr>",
    ]
    for cells, bold in rows:
        tds = "".join(
            _cell(
                text, w, bold=bold, align="right" if i >= numeric_from else ("center" if i == 0 else "left")
            )
            for i, (text, w) in enumerate(zip(cells, widths, strict=True))
        )
        out.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{tds}</w:tr>")
    out.append(body)
    out.append("</w:tbl>")
    return "".join(out)


def _count_rows(block: Block) -> list[tuple[list[str], bool]]:
    rows = [
        (
            [
                str(i),
                row.unit.name if row.unit else "",
                str(row.total),
                *(str(row.counts[s]) for s in STATUSES),
            ],
            False,
        )
        for i, row in enumerate(block.rows, start=1)
    ]
    total = block.total
    rows.append((["", "Tổng cộng", str(total.total), *(str(total.counts[s]) for s in STATUSES)], True))
    return rows


def _summary(block: Block, what: str) -> str:
    t = block.total.counts
    done, not_done = t["done_on_time"] + t["done_late"], t["in_progress"] + t["overdue"]
    return (
        f"{what}: {block.total.total} nhiệm vụ; đã hoàn thành {done} (đúng hạn {t['done_on_time']}, "
        f"quá hạn {t['done_late']}); chưa hoàn thành {not_done} (trong hạn {t['in_progress']}, "
        f"quá hạn {t['overdue']}); thường xuyên {t['ongoing']}; dừng thực hiện {t['cancelled']}."
    )


def report_docx(
    report: PeriodReport,
    issuer: str,
    place: str,
    as_of: date,
    cache: dict[tuple[str, int, date], str] | None = None,
) -> bytes:
    """The report as a document a clerk can sign: header of Nghị định 30/2020, title, the two
    tables, the signature block, and the overdue list as an appendix (``cache``: rows already
    written for other periods of the same build)."""
    period, r = report.period, report.report_date
    short = document_symbol(issuer)
    parts = [
        _header_xml(issuer, f"Số: …/BC-{short}", place, as_of),
        _p(""),
        _p("BÁO CÁO", bold=True, center=True, size=28),
        _p(f"Kết quả thực hiện nhiệm vụ {period.label[0].lower()}{period.label[1:]}", bold=True, center=True),
        _p(
            f"Kỳ báo cáo từ ngày {format_date(period.start)} đến ngày {format_date(period.end)}; số liệu tính đến ngày "
            f"{format_date(r)}, chỉ với các báo cáo tiến độ gửi đến ngày đó. Trạng thái theo mẫu chung: hoàn thành đúng "
            "hạn, hoàn thành quá hạn, chưa hoàn thành trong hạn, chưa hoàn thành quá hạn.",
            italic=True,
        ),
    ]
    sections = (
        ("I. NHIỆM VỤ GIAO TRONG KỲ", report.assigned, "giao trong kỳ"),
        ("II. NHIỆM VỤ ĐẾN HẠN TRONG KỲ", report.due, "đến hạn trong kỳ"),
    )
    for heading, block, what in sections:
        parts.append(_p(heading, bold=True, keep_next=True))
        parts.append(
            _p(
                _summary(block, f"Nhiệm vụ {what}") if block.rows else f"Không có nhiệm vụ {what}.",
                keep_next=True,
            )
        )
        parts.append(_table_xml(COUNT_COLUMNS, _count_rows(block), COUNT_WIDTHS, 2))
    parts.append(_p("III. NHIỆM VỤ QUÁ HẠN", bold=True, keep_next=True))
    parts.append(
        _p(
            f"Tại ngày {format_date(r)} có {report.overdue_total} nhiệm vụ chưa hoàn thành đã quá hạn"
            + (" (danh sách tại Phụ lục kèm theo)." if report.overdue_total else ".")
        )
    )
    parts.append(_p(""))
    parts.append(_signature_xml())
    if report.overdue_total:
        shown = report.overdue[:DOC_OVERDUE_LIMIT]
        parts += [
            _p("PHỤ LỤC", bold=True, center=True, page_break=True),
            _p(f"Danh sách nhiệm vụ quá hạn tại ngày {format_date(r)}", bold=True, center=True),
            _p(
                f"(Kèm theo Báo cáo số …/BC-{short} ngày … tháng … năm {as_of.year})",
                italic=True,
                center=True,
                keep_next=True,
            ),
            _table_xml(
                OVERDUE_COLUMNS,
                [],
                OVERDUE_WIDTHS,
                5,
                _overdue_rows_xml(shown, {} if cache is None else cache),
            ),
        ]
        if report.overdue_total > len(shown):
            parts.append(
                _p(
                    f"Danh sách gồm {len(shown)} nhiệm vụ quá hạn lâu nhất trong tổng số {report.overdue_total}.",
                    italic=True,
                )
            )
    _, prefix, suffix = _docx_base()
    base, changing = _static_zip("docx", as_of)
    document = prefix + "".join(parts) + suffix
    core = _core_xml(changing["docProps/core.xml"], report_title(period.label), issuer, as_of)
    return _zip({"word/document.xml": document.encode(), "docProps/core.xml": core}, as_of, base)


BASE_TITLE, BASE_AUTHOR = "nb-title", "nb-author"


def make_docx_skeleton() -> dict[str, bytes]:
    """python-docx's document with A4 pages, Nghị định 30's margins, Times New Roman 13 pt and the
    table cells' styles, as zip members: what ``documents/bao-cao.docx`` holds."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin, section.top_margin, section.bottom_margin = (
        Mm(30),
        Mm(15),
        Mm(20),
        Mm(20),
    )
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(13)
    normal.paragraph_format.space_after = Pt(3)
    for name, align in (
        ("NbCell", WD_ALIGN_PARAGRAPH.LEFT),
        ("NbNum", WD_ALIGN_PARAGRAPH.RIGHT),
        ("NbCenter", WD_ALIGN_PARAGRAPH.CENTER),
        ("NbHead", WD_ALIGN_PARAGRAPH.CENTER),
    ):
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.size = Pt(9.5 if name == "NbHead" else 11)
        style.font.bold = name == "NbHead" or None
        style.paragraph_format.alignment = align
        style.paragraph_format.space_before = style.paragraph_format.space_after = Pt(1)
    props = doc.core_properties
    props.title, props.author, props.last_modified_by, props.comments = (
        BASE_TITLE,
        BASE_AUTHOR,
        BASE_AUTHOR,
        "",
    )
    props.created = props.modified = datetime(2000, 1, 1)
    members = _members(doc.save)
    members.pop("docProps/thumbnail.jpeg", None)  # the template's picture of an empty page
    rels = members["_rels/.rels"].decode()
    members["_rels/.rels"] = re.sub(r"<Relationship [^>]*thumbnail\.jpeg\"/>", "", rels).encode()
    return members


@functools.cache
def _docx_base() -> tuple[dict[str, bytes], str, str]:
    """The skeleton's members and its document.xml cut where the body's content goes."""
    members = _read_zip(SKELETONS / "bao-cao.docx")
    xml = members["word/document.xml"].decode()
    cut = xml.index("<w:body>") + len("<w:body>")
    return members, xml[:cut], xml[xml.index("<w:sectPr", cut) :]


# python-docx and openpyxl make the documents' skeletons; the package ships what they made (an
# import of both and a styles sheet of ~0.8 MB parsed cost ~0.4 s of every build), and
# tests/test_reports.py checks that the shipped files are what the libraries make today.
SKELETONS = Path(__file__).resolve().parent.parent / "documents"
SKELETON_DATE = date(2000, 1, 1)


def write_skeletons() -> None:
    """Write ``documents/bao-cao.docx`` and ``.xlsx`` again (after a change to their making)."""
    SKELETONS.mkdir(exist_ok=True)
    (SKELETONS / "bao-cao.docx").write_bytes(_zip(dict(make_docx_skeleton()), SKELETON_DATE))
    (SKELETONS / "bao-cao.xlsx").write_bytes(_zip(dict(make_xlsx_skeleton()), SKELETON_DATE))


def _read_zip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _members(save: Any) -> dict[str, bytes]:
    buffer = io.BytesIO()
    save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _core_xml(base: bytes, title: str, author: str, as_of: date) -> bytes:
    stamp = f"{as_of.isoformat()}T00:00:00Z"
    text = base.decode().replace(BASE_TITLE, xml_escape(title)).replace(BASE_AUTHOR, xml_escape(author))
    # openpyxl stamps "modified" with the clock when it saves, whatever the properties say.
    return re.sub(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*", lambda m: m.group(1) + stamp, text).encode()


def _zip(members: dict[str, bytes | str], when: date, base: bytes = b"") -> bytes:
    """``base`` (an archive) with ``members`` added, each dated ``when`` (zipfile would stamp the
    clock's time). The base's members are copied as they are, not compressed again."""
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    out = io.BytesIO(base)
    with zipfile.ZipFile(out, "a" if base else "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            member = zipfile.ZipInfo(name, date_time=stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o600 << 16
            # Level 1: a long appendix compresses about three times faster, the file ~10 % larger.
            archive.writestr(member, data, compresslevel=1 if base else None)
    return out.getvalue()


@functools.cache
def _static_zip(kind: str, when: date) -> tuple[bytes, dict[str, bytes]]:
    """The members that every report shares, compressed once (python-docx's styles alone are
    ~0.8 MB of XML), and the members each report rewrites."""
    members = _docx_base()[0] if kind == "docx" else _xlsx_base()[0]
    changing = (
        {"word/document.xml", "docProps/core.xml"}
        if kind == "docx"
        else {"docProps/core.xml"} | {sheet[0] for sheet in _xlsx_base()[1]}
    )
    first = {name: data for name, data in members.items() if name == "[Content_Types].xml"}
    rest = {name: data for name, data in members.items() if name not in changing and name not in first}
    return _zip({**first, **rest}, when), {name: members[name] for name in changing}


def _p(
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    center: bool = False,
    size: int = 0,
    page_break: bool = False,
    keep_next: bool = False,
) -> str:
    """A paragraph of one run (sizes in half points, 0: the style's); ``keep_next``: on the page of
    what follows (a heading and its table)."""
    props = (
        ("<w:b/>" if bold else "")
        + ("<w:i/>" if italic else "")
        + (f'<w:sz w:val="{size}"/>' if size else "")
    )
    ppr = (
        ("<w:keepNext/>" if keep_next else "")
        + ("<w:pageBreakBefore/>" if page_break else "")
        + ('<w:jc w:val="center"/>' if center else '<w:jc w:val="both"/>')
    )
    run = (
        f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{xml_escape(text)}</w:t></w:r>' if text else ""
    )
    return f"<w:p><w:pPr>{ppr}</w:pPr>{run}</w:p>"


def _header_xml(issuer: str, number: str, place: str, as_of: date) -> str:
    """Nghị định 30/2020, Phụ lục I: cơ quan and số on the left, quốc hiệu and địa danh, ngày on the right."""
    from .pages import official_date

    def p(
        text: str, *, bold: bool = False, italic: bool = False, underline: bool = False, size: int = 26
    ) -> str:
        props = (
            ("<w:b/>" if bold else "")
            + ("<w:i/>" if italic else "")
            + ('<w:u w:val="single"/>' if underline else "")
        )
        return (
            f'<w:p><w:pPr><w:spacing w:before="0" w:after="0"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr>{props}'
            f'<w:sz w:val="{size}"/></w:rPr><w:t xml:space="preserve">{xml_escape(text)}</w:t></w:r></w:p>'
        )

    dated = f"{place + ', ' if place else '……, '}{official_date(as_of)}"
    left = p(issuer.upper(), bold=True, underline=True) + p(number)
    right = p(MOTTO[0], bold=True, size=24) + p(MOTTO[1], bold=True, underline=True) + p(dated, italic=True)
    none = "".join(
        f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="9070" w:type="dxa"/><w:tblBorders>{none}</w:tblBorders>'
        '<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid><w:gridCol w:w="3600"/><w:gridCol w:w="5470"/></w:tblGrid>'
        f'<w:tr><w:tc><w:tcPr><w:tcW w:w="3600" w:type="dxa"/></w:tcPr>{left}</w:tc>'
        f'<w:tc><w:tcPr><w:tcW w:w="5470" w:type="dxa"/></w:tcPr>{right}</w:tc></w:tr></w:tbl>'
    )


def _signature_xml() -> str:
    """Nơi nhận on the left; the signer's title, signature and name left to fill in on the right."""

    def p(
        text: str, *, bold: bool = False, italic: bool = False, center: bool = False, size: int = 26
    ) -> str:
        props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
        jc = '<w:jc w:val="center"/>' if center else ""
        return (
            f'<w:p><w:pPr><w:spacing w:before="0" w:after="0"/>{jc}</w:pPr><w:r><w:rPr>{props}<w:sz w:val="{size}"/>'
            f'</w:rPr><w:t xml:space="preserve">{xml_escape(text)}</w:t></w:r></w:p>'
        )

    left = p("Nơi nhận:", bold=True, italic=True, size=24) + p("- ……;", size=22) + p("- Lưu: VT.", size=22)
    right = (
        p("CHỨC VỤ CỦA NGƯỜI KÝ", bold=True, center=True)
        + p("(Ký, ghi rõ họ tên, đóng dấu)", italic=True, center=True)
        + p("")
        + p("")
        + p("")
        + p("Họ và tên", bold=True, center=True)
    )
    none = "".join(
        f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="9070" w:type="dxa"/><w:tblBorders>{none}</w:tblBorders>'
        '<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid><w:gridCol w:w="4535"/><w:gridCol w:w="4535"/></w:tblGrid>'
        f'<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="4535" w:type="dxa"/></w:tcPr>{left}</w:tc>'
        f'<w:tc><w:tcPr><w:tcW w:w="4535" w:type="dxa"/></w:tcPr>{right}</w:tc></w:tr></w:tbl>'
    )


# -- .xlsx ------------------------------------------------------------------------------------

SHEETS = (("assigned", "Giao trong kỳ"), ("due", "Đến hạn trong kỳ"))
XLSX_HEADER = ("Mã đơn vị", "Đơn vị chủ trì", "Tổng số", *(LABELS[s] for s in STATUSES))
XLSX_WIDTHS = (26, 44, 10, *([16] * len(STATUSES)))


def report_xlsx(report: PeriodReport, as_of: date) -> bytes:
    """One sheet per table: a frozen header row, a row per lead unit (id and name), the total
    row (id ``*``); counts are numbers."""
    _, sheets = _xlsx_base()
    base, changing = _static_zip("xlsx", as_of)
    out: dict[str, bytes | str] = {}
    for (key, _), (path, prefix, suffix, header_style, total_style) in zip(SHEETS, sheets, strict=True):
        block: Block = getattr(report, key)
        rows = [
            [
                row.unit.id if row.unit else "",
                row.unit.name if row.unit else "",
                row.total,
                *(row.counts[s] for s in STATUSES),
            ]
            for row in block.rows
        ]
        total = ["*", "Tổng cộng", block.total.total, *(block.total.counts[s] for s in STATUSES)]
        xml = [_xlsx_row(1, list(XLSX_HEADER), header_style)]
        xml += [_xlsx_row(i, values, "") for i, values in enumerate(rows, start=2)]
        xml.append(_xlsx_row(len(rows) + 2, total, total_style))
        last = f"{_column(len(XLSX_HEADER))}{len(rows) + 2}"
        out[path] = (
            re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="A1:{last}"/>', prefix)
            + "".join(xml)
            + suffix
        )
    out["docProps/core.xml"] = _core_xml(
        changing["docProps/core.xml"], report_title(report.period.label), "noticeboard", as_of
    )
    return _zip(out, as_of, base)


@functools.cache
def _column(n: int) -> str:
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _xlsx_row(r: int, values: list[Any], style: str) -> str:
    cells = []
    for i, value in enumerate(values, start=1):
        ref = f"{_column(i)}{r}"
        if isinstance(value, int):
            cells.append(f'<c r="{ref}"{style} t="n"><v>{value}</v></c>')
        else:
            cells.append(f'<c r="{ref}"{style} t="inlineStr"><is><t>{xml_escape(str(value))}</t></is></c>')
    return f'<row r="{r}">{"".join(cells)}</row>'


def make_xlsx_skeleton() -> dict[str, bytes]:
    """openpyxl's workbook with the two sheets (header bold and wrapped, frozen; column widths), as
    zip members: what ``documents/bao-cao.xlsx`` holds."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    for _, title in SHEETS:
        ws = wb.create_sheet(title)
        ws.freeze_panes = "A2"
        for i, width in enumerate(XLSX_WIDTHS, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.append(list(XLSX_HEADER))
        for cell in ws[1]:
            cell.font, cell.alignment = Font(bold=True), Alignment(wrap_text=True, vertical="top")
        ws.append(["*", "Tổng cộng", 0])
        for cell in ws[2]:
            cell.font = Font(bold=True)
    wb.properties.title, wb.properties.creator = BASE_TITLE, BASE_AUTHOR
    wb.properties.created = wb.properties.modified = datetime(2000, 1, 1)
    members = _members(wb.save)
    members["docProps/core.xml"] = _core_xml(
        members["docProps/core.xml"], BASE_TITLE, BASE_AUTHOR, SKELETON_DATE
    )
    return members


@functools.cache
def _xlsx_base() -> tuple[dict[str, bytes], list[tuple[str, str, str, str, str]]]:
    """The skeleton's members and each sheet's XML cut where its rows go, with the header's and
    the total's styles."""
    members = _read_zip(SKELETONS / "bao-cao.xlsx")
    sheets = []
    for i in range(1, len(SHEETS) + 1):
        path = f"xl/worksheets/sheet{i}.xml"
        xml = members[path].decode()
        start, end = xml.index("<sheetData>") + len("<sheetData>"), xml.index("</sheetData>")
        styles = re.findall(r'<c r="A([12])"( s="\d+")?', xml[start:end])
        style = dict(styles)
        sheets.append((path, xml[:start], xml[end:], style.get("1", ""), style.get("2", "")))
    return members, sheets


# -- du-lieu/bao-cao.json ---------------------------------------------------------------------


def _block_json(block: Block) -> dict[str, Any]:
    rows = [
        {
            "unit": row.unit_id,
            "name": row.unit.name if row.unit else "",
            "total": row.total,
            "counts": row.counts,
        }
        for row in block.rows
    ]
    total = {"unit": "*", "name": "Tổng cộng", "total": block.total.total, "counts": block.total.counts}
    return {"rows": rows, "total": total}


def report_json(reports: Reports, ctx: OutputContext) -> str:
    """Every period's three blocks and the 12 months' progress (fields documented on du-lieu/)."""
    periods = []
    for report in reports.periods:
        p = report.period
        periods.append(
            {
                "period": p.key,
                "kind": p.kind,
                "label": p.label,
                "start": p.start.isoformat(),
                "end": p.end.isoformat(),
                "report_date": report.report_date.isoformat(),
                "url": ctx.absolute(p.url),
                "docx": ctx.absolute(document_name(p.key, "docx")),
                "xlsx": ctx.absolute(document_name(p.key, "xlsx")),
                "assigned": _block_json(report.assigned),
                "due": _block_json(report.due),
                "overdue": {
                    "total": report.overdue_total,
                    "complete": not report.overdue_cut,
                    "items": [
                        {
                            "id": o.item.gid,
                            "occurrence": o.item.index,
                            "lead": o.item.task.lead.id,
                            "due": o.due.isoformat(),
                            "days_overdue": o.days_overdue,
                        }
                        for o in report.overdue
                    ],
                },
            }
        )
    progress = {
        scope: [
            {
                "month": pt.period.key,
                "report_date": pt.report_date.isoformat(),
                "due": pt.due,
                "on_time": pt.on_time,
                "on_time_rate": None if pt.rate is None else round(pt.rate, 4),
                "overdue": pt.overdue,
            }
            for pt in points
        ]
        for scope, points in reports.progress.items()
    }
    data = {
        "as_of": reports.as_of.isoformat(),
        "statuses": list(STATUSES),
        "periods": periods,
        "progress": progress,
    }
    # One line: at five-year size the file is megabytes, and json's indenting encoder is the slow one.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
