"""Issue 23, point 3: a document signed later leaves its day blank ("ngày   tháng 4 năm 2026").

``date_left_blank: day`` (or ``day-month``) says so: the notice page shows the date as the document
reads, with the blank marked for screen readers, and says honestly which day the portal counts from;
every date computation still uses ``date``. The loader's error for a wrong value is in
tests/fixtures/invalid/date-left-blank-wrong, the importer's key in tests/test_importer.py.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import build, make_project, notice

BLANK = '<span class="nb-doc-blank" role="img" aria-label="chưa ghi {}">&emsp;&emsp;&ensp;</span>'


def _front(date_left_blank: str) -> str:
    # A task due "10 working days after signing": counted from ``date`` whatever the page shows.
    return f"""\
        kind: ke-hoach
        issuer: ubnd-xa
        place: Bắc Thanh Miện
        date: 2026-02-02
        {date_left_blank}
        title: Kế hoạch đối thoại năm 2026
        tasks:
          - id: bao-cao
            title: Báo cáo kết quả
            lead: van-phong
            due: {{working_days: 10, after: 2026-02-02}}
        """


def _notice_page(site: Path, notice_id: str) -> tuple[str, str]:
    html = (site / "thong-bao" / notice_id / "index.html").read_text(encoding="utf-8")
    header = html[html.index('<p class="nb-doc-date">') :]
    meta = html[html.index("<dt>Ngày ban hành</dt>") :]
    return header[: header.index("</p>")], meta[: meta.index("</div>")]


def test_a_blank_day_or_month_reads_as_the_document_and_counts_from_date(tmp_path: Path) -> None:
    project = make_project(
        tmp_path,
        {
            "notices/2026/2026-02-02-trong-ngay.md": notice(_front("date_left_blank: day")),
            "notices/2026/2026-02-02-trong-thang.md": notice(_front("date_left_blank: day-month")),
            "notices/2026/2026-02-02-du-ngay.md": notice(_front("")),
        },
    )
    site = build(project)

    header, meta = _notice_page(site, "2026-02-02-trong-ngay")
    assert (
        header
        == f'<p class="nb-doc-date"><em>Bắc Thanh Miện, ngày {BLANK.format("ngày")} tháng 02 năm 2026</em>'
    )
    assert "tháng 2/2026 (văn bản để trống ngày; cổng tính từ" in meta
    assert '<time datetime="2026-02-02">02/02/2026</time>)' in meta

    header, meta = _notice_page(site, "2026-02-02-trong-thang")
    assert header == (
        f'<p class="nb-doc-date"><em>Bắc Thanh Miện, ngày {BLANK.format("ngày")} tháng '
        f"{BLANK.format('tháng')} năm 2026</em>"
    )
    assert "năm 2026 (văn bản để trống ngày, tháng; cổng tính từ" in meta

    header, meta = _notice_page(site, "2026-02-02-du-ngay")
    assert header == '<p class="nb-doc-date"><em>Bắc Thanh Miện, ngày 02 tháng 02 năm 2026</em>'
    assert "nb-doc-blank" not in meta and "để trống" not in meta

    # the same notice date and the same deadline in the open data, blank or not
    data = json.loads((site / "du-lieu" / "nhiem-vu.json").read_text(encoding="utf-8"))
    rows = data if isinstance(data, list) else next(v for v in data.values() if isinstance(v, list))
    rows = [row for row in rows if row["id"].endswith("/bao-cao")]
    assert len(rows) == 3
    assert {(row["notice_date"], row["due"]) for row in rows} == {("2026-02-02", "2026-02-23")}


def test_lists_descriptions_and_calendars_say_the_month_not_a_day_the_document_lacks(
    tmp_path: Path,
) -> None:
    project = make_project(
        tmp_path, {"notices/2026/2026-02-02-trong-ngay.md": notice(_front("date_left_blank: day"))}
    )
    site = build(project)
    invented = "02/02/2026"
    listing = (site / "thong-bao" / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="2026-02-02">tháng 2/2026</time>' in listing
    page = (site / "thong-bao" / "2026-02-02-trong-ngay" / "index.html").read_text(encoding="utf-8")
    description = page[page.index('<meta name="description"') :]
    description = description[: description.index(">")]
    assert "tháng 2/2026 của" in description and invented not in description
    board = (site / "don-vi" / "van-phong" / "index.html").read_text(encoding="utf-8")
    calendar = (site / "lich" / "thong-bao" / "2026-02-02-trong-ngay.ics").read_text(encoding="utf-8")
    for text in (board, calendar.replace("\r\n ", "")):
        assert "Kế hoạch tháng 2/2026" in text
        assert f"ngày {invented}" not in text
