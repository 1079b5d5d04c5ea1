"""Issue 23 (readers first): the pages and marks of CONTENT_FORMAT v1.1 §4, §6 and §8 in a built site.

The overview (tong-quan/ and the home block), don-vi/ in the contract's order, the summary blocks,
nhiem-vu/trang-thai/<status>/, linh-vuc/, the organization footer, no other hosts, Open Graph,
reports after the as-of date and empty sections. Browser checks are in test_readers_browser.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import build, make_project, notice

STATUSES = ("done_on_time", "done_late", "in_progress", "overdue", "ongoing", "cancelled")

MKDOCS = """\
site_name: Xã Thử Nghiệm
site_url: https://example.gov.vn/
docs_dir: content
theme:
  name: material
  language: vi
plugins:
  - search
  - noticeboard:
      as_of: 2026-05-01
      home_overview: {home}
      field_names: {{nong-nghiep-moi: Nông nghiệp mới}}
      organization:
        name: Ủy ban nhân dân xã Thử Nghiệm
        address: Thôn Đông, xã Thử Nghiệm, tỉnh Hà Tĩnh
        phone: "0239 3 123 456"
        email: ubnd@thunghiem.gov.vn
        contact: {{name: Nguyễn Văn An, title: Chánh Văn phòng, phone: "0912 345 678", email: an@thunghiem.gov.vn}}
"""

TASKS = """\
kind: thong-bao
number: 12/TB-UBND
issuer: ubnd-xa
date: 2026-03-01
title: Kết luận giao ban tháng 3
fields: [giao-duc, nong-nghiep-moi]
tasks:
  - {id: t1, title: Nhiệm vụ một của kinh tế, lead: kinh-te, due: 2026-03-20, ref: "1"}
  - {id: t2, title: Nhiệm vụ hai của kinh tế, lead: kinh-te, due: 2026-04-01, ref: "2"}
  - {id: t3, title: Nhiệm vụ của văn phòng quá hạn, lead: van-phong, due: 2026-04-10, ref: "3"}
  - {id: t4, title: Nhiệm vụ văn hoá quá hạn, lead: van-hoa-xa-hoi, due: 2026-04-15, ref: "4"}
  - {id: t5, title: Nhiệm vụ văn hoá đã xong, lead: van-hoa-xa-hoi, due: 2026-03-15, ref: "5"}
  - {id: t6, title: Nhiệm vụ văn phòng trong hạn, lead: van-phong, support: [kinh-te], due: 2026-05-20, ref: "6"}
  - {id: t7, title: Nhiệm vụ thường xuyên của xã, lead: ubnd-xa, ref: "7"}
"""

FILES = {
    "notices/2026/2026-03-01-giao-ban.md": notice(TASKS, "Toàn văn thông báo giao ban."),
    "notices/2026/2026-04-02-ban-nhap.md": notice("""\
        kind: thong-bao
        issuer: ubnd-xa
        date: 2026-04-02
        status: draft
        title: Bản nháp không được công bố
        fields: [linh-vuc-bi-mat]
        tasks:
          - {id: an, title: Nhiệm vụ bí mật, lead: kinh-te, due: 2026-04-05}
        """),
    "progress/van-hoa-xa-hoi/2026-04-20.yml": """\
        by: van-hoa-xa-hoi
        updates:
          - {task: 2026-03-01-giao-ban/t5, state: done, done_on: 2026-03-10}
        """,
    "progress/van-phong/2026-06-01.yml": """\
        by: van-phong
        updates:
          - {task: 2026-03-01-giao-ban/t6, state: in_progress, percent: 50, note: GHI CHU TUONG LAI}
        """,
}


def _site(tmp_path: Path, home: str = "true") -> Path:
    project = make_project(tmp_path, {**FILES, "mkdocs.yml": MKDOCS.format(home=home)})
    return build(project)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _site(tmp_path_factory.mktemp("readers"))


def _html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def _summary(html: str, kind: str) -> dict[str, int]:
    start = html.index(f'data-summary="{kind}"')
    block = html[start : html.index("</ul>", start)]
    return {s: int(n) for s, n in re.findall(r'data-count="([a-z_]+)">(\d+)<', block)}


def _export(site: Path) -> list[dict]:
    return json.loads((site / "du-lieu" / "nhiem-vu.json").read_text(encoding="utf-8"))


def test_units_page_lists_units_in_the_contract_order(site):
    """Overdue count descending, then on-time rate ascending, then units.yml order (the old page
    kept units.yml order: ubnd-xa, van-hoa-xa-hoi, van-phong, kinh-te)."""
    html = _html(site, "don-vi")
    order = re.findall(r'<tr data-unit="([^"]+)"', html)
    assert order == ["kinh-te", "van-phong", "van-hoa-xa-hoi", "ubnd-xa"]
    assert re.search(r'<tr data-unit="ubnd-xa"[^>]*class="nb-quiet"', html)  # nothing due: a quiet row
    assert not re.search(r'<tr data-unit="kinh-te"[^>]*class="nb-quiet"', html)


def test_overview_page_and_home_block_count_every_item(site):
    items = _export(site)
    expected = {s: sum(1 for i in items if i["status"] == s) for s in STATUSES}
    assert expected["overdue"] == 4 and expected["in_progress"] == 1
    for url in ("tong-quan", ""):
        html = (
            (site / url / "index.html").read_text(encoding="utf-8")
            if url
            else (site / "index.html").read_text(encoding="utf-8")
        )
        assert _summary(html, "site") == expected, url
        late = re.findall(r'<li data-unit="([^"]+)"><a href="[^"]*don-vi/\1/#qua-han"', html)
        assert late == ["kinh-te", "van-phong", "van-hoa-xa-hoi"], url


def test_home_overview_false_leaves_the_home_page_alone(tmp_path):
    site = _site(tmp_path, home="false")
    assert 'data-summary="site"' not in (site / "index.html").read_text(encoding="utf-8")
    assert 'data-summary="site"' in _html(site, "tong-quan")


def test_notice_summary_comes_before_the_body_and_overdue_tasks_first(site):
    html = _html(site, "thong-bao/2026-03-01-giao-ban")
    assert _summary(html, "notice") == {
        "done_on_time": 1,
        "done_late": 0,
        "in_progress": 1,
        "overdue": 4,
        "ongoing": 1,
        "cancelled": 0,
    }
    assert html.index('data-summary="notice"') < html.index('class="nb-doc-body"')
    assert 'href="#nhiem-vu"' in html and 'id="nhiem-vu"' in html
    table = html[html.index('class="nb-tasks nb-notice-task-table"') :]
    statuses = re.findall(r'<tr data-task="[^"]+" data-status="([a-z_]+)"', table)
    assert statuses[:4] == ["overdue"] * 4 and statuses[4:] == ["in_progress", "ongoing", "done_on_time"]
    # most overdue first: t1 (due 20/3) before t2 (1/4)
    ids = re.findall(r'<tr data-task="2026-03-01-giao-ban/(t\d)"', table)
    assert ids[:4] == ["t1", "t2", "t3", "t4"]


def test_unit_board_summary_counts_the_tasks_it_leads(site):
    html = _html(site, "don-vi/kinh-te")
    assert _summary(html, "unit") == {
        "done_on_time": 0,
        "done_late": 0,
        "in_progress": 0,
        "overdue": 2,
        "ongoing": 0,
        "cancelled": 0,
    }
    assert "Nhiệm vụ văn phòng trong hạn" in html  # supported: listed apart, not counted


def test_status_pages_list_exactly_their_items(site):
    items = _export(site)
    for status in STATUSES:
        html = _html(site, f"nhiem-vu/trang-thai/{status}")
        # one line per item (issue 20: a third of a table row's bytes), each opening the item's row
        # on its notice page
        found = sorted(re.findall(r'<li data-task="([^"]+)" data-status="([a-z_]+)"', html))
        assert found == sorted((i["id"], i["status"]) for i in items if i["status"] == status), status
        assert "<tr data-task=" not in html
        for gid, _ in found:
            notice, task = gid.split("/")
            assert f'href="../../../thong-bao/{notice}/#nv-{task}"' in html
    assert 'href="trang-thai/overdue/"' in _html(site, "nhiem-vu")


def test_field_pages_with_vietnamese_names_and_no_hidden_notice(site):
    html = _html(site, "linh-vuc")
    assert "Giáo dục" in html and "Nông nghiệp mới" in html  # built-in name, then the config's
    field = _html(site, "linh-vuc/giao-duc")
    assert "2026-03-01-giao-ban" in field and field.count('data-task="') == 7
    # each item on a line under its notice (issue 20), not in a table row of its own
    groups = re.findall(r'<li data-notice="([^"]+)">(.*?)\n</li>', field, re.S)
    assert groups and sum(g.count('<li data-task="') for _, g in groups) == 7
    for nid, group in groups:
        assert all(t.startswith(nid + "/") for t in re.findall(r'data-task="([^"]+)"', group))
    assert "<tr data-task=" not in field
    assert not (site / "linh-vuc" / "linh-vuc-bi-mat").exists()
    assert "Bản nháp" not in html


def test_every_page_has_the_organization_footer_and_no_theme_credit(site):
    pages = list(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if "md-footer" not in html:
            continue
        footer = html[html.index("data-organization") :]
        for text in (
            "Ủy ban nhân dân xã Thử Nghiệm",
            "Thôn Đông, xã Thử Nghiệm",
            "0239 3 123 456",
            "ubnd@thunghiem.gov.vn",
            "Nguyễn Văn An",
            "Chánh Văn phòng",
            "0912 345 678",
        ):
            assert text in footer, (page, text)
        assert "Made with" not in html, page


_EXTERNAL = re.compile(
    r'<(?:link|script|img|iframe|source)\b[^>]*\b(?:href|src)="(?:https?:)?//(?!example\.gov\.vn)', re.I
)


def test_no_page_loads_anything_from_another_host(site):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not _EXTERNAL.search(html), (page, _EXTERNAL.search(html).group(0))
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
    css = "".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*.css"))
    assert "@import url(http" not in css and "fonts.googleapis" not in css


def test_open_graph_and_description_of_a_notice(site):
    html = _html(site, "thong-bao/2026-03-01-giao-ban")
    assert '<meta property="og:title" content="12/TB-UBND: Kết luận giao ban tháng 3">' in html
    assert re.search(
        r'<meta property="og:description" content="Thông báo số 12/TB-UBND ngày 01/03/2026[^"]*">', html
    )
    assert '<meta property="og:url" content="https://example.gov.vn/thong-bao/2026-03-01-giao-ban/">' in html
    assert '<meta name="description" content="Thông báo số 12/TB-UBND' in html
    assert 'property="og:title"' in _html(site, "don-vi")


def test_a_report_after_the_as_of_date_is_shown_nowhere(site):
    for page in site.rglob("*.html"):
        assert "GHI CHU TUONG LAI" not in page.read_text(encoding="utf-8"), page
        assert "chưa áp dụng" not in page.read_text(encoding="utf-8"), page


def test_unit_short_names_are_expanded(site):
    html = _html(site, "nhiem-vu")
    assert '<abbr title="Phòng Kinh tế">KT</abbr>' in html
    assert 'data-support="kinh-te"' in html


def test_no_empty_tables(site):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for body in re.findall(r"<tbody>(.*?)</tbody>", html, re.S):
            assert "<tr" in body, page
        assert "Không có nhiệm vụ nào.</td>" not in html, page


def test_printed_pages_carry_the_organization_and_as_of_date(site):
    html = _html(site, "don-vi")
    head = re.search(r'<div class="nb-print-head">(.*?)</div>', html).group(1)
    assert "Ủy ban nhân dân xã Thử Nghiệm" in head and "01/05/2026" in head


def test_attachments_are_published_with_their_notice_only(tmp_path):
    pdf = b"%PDF-1.4 signed scan\n" + b"x" * 3000
    files = {
        "notices/2026/2026-03-01-giao-ban.md": notice(
            TASKS + "attachments: [2026-03-01-giao-ban-ban-ky.pdf]\n"
        ),
        "notices/2026/2026-04-02-ban-nhap.md": notice("""\
            kind: thong-bao
            issuer: ubnd-xa
            date: 2026-04-02
            status: draft
            title: Bản nháp
            attachments: [du-thao.docx]
            """),
    }
    project = make_project(tmp_path, files)
    (project / "content/notices/2026/2026-03-01-giao-ban-ban-ky.pdf").write_bytes(pdf)
    (project / "content/notices/2026/du-thao.docx").write_bytes(b"PK secret draft")
    site = build(project)
    published = site / "thong-bao/2026-03-01-giao-ban/2026-03-01-giao-ban-ban-ky.pdf"
    assert published.read_bytes() == pdf
    html = _html(site, "thong-bao/2026-03-01-giao-ban")
    assert (
        '<a href="2026-03-01-giao-ban-ban-ky.pdf" download>2026-03-01-giao-ban-ban-ky.pdf</a> <span class="nb-muted">(PDF, 3 KB)</span>'
        in html
    )
    everything = [p for p in site.rglob("*") if p.is_file()]
    assert not [p for p in everything if p.name == "du-thao.docx" or b"secret draft" in p.read_bytes()]


def test_a_missing_attachment_and_a_stray_file_are_errors(tmp_path):
    from noticeboard.content.load import load_content
    from noticeboard.errors import Problems

    project = make_project(
        tmp_path, {"notices/2026/2026-03-01-giao-ban.md": notice(TASKS + "attachments: [khong-co.pdf]\n")}
    )
    (project / "content/notices/2026/le-loi.pdf").write_bytes(b"%PDF")
    problems = Problems()
    load_content(project / "content", problems)
    found = sorted((p.path, p.message) for p in problems.errors)
    assert [f for f, _ in found] == ["notices/2026/2026-03-01-giao-ban.md", "notices/2026/le-loi.pdf"]
    assert "khong-co.pdf" in found[0][1] and ".md" in found[1][1]


def test_every_search_bundle_has_the_same_webassembly(tmp_path):
    """The search page fetches Pagefind's WebAssembly once, from the newest bundle, for every
    bundle it searches (search.html): that holds only while the files are the same."""
    files = {
        f"notices/{y}/{y}-03-01-tb-{y}.md": notice(f"""\
        kind: thong-bao
        issuer: ubnd-xa
        date: {y}-03-01
        title: Thông báo năm {y}
        """)
        for y in (2024, 2025, 2026)
    }
    project = make_project(tmp_path, files)
    yml = project / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8") + "      search_bundle_notices: 1\n", encoding="utf-8")
    site = build(project)
    wasm = sorted(site.glob("pagefind/**/wasm.*.pagefind"))
    assert len(wasm) == 3
    assert len({p.read_bytes() for p in wasm}) == 1
    assert "nativeFetch(new URL(name, ROOT))" in (site / "tim-kiem" / "index.html").read_text(
        encoding="utf-8"
    )


def test_footer_without_organization_and_a_site_override(tmp_path):
    project = make_project(tmp_path, {"notices/2026/2026-03-01-giao-ban.md": notice(TASKS)})
    site = build(project)
    footer = (site / "index.html").read_text(encoding="utf-8").split("data-organization", 1)[1]
    assert "Xã Thử Nghiệm" in footer.split("</div>", 1)[0]  # the site's name when organization is not set
    assert "fonts.googleapis" not in (site / "index.html").read_text(encoding="utf-8")
    # a site's own partials/copyright.html (theme.custom_dir) wins over the package's
    (project / "overrides/partials").mkdir(parents=True)
    (project / "overrides/partials/copyright.html").write_text(
        '<div class="md-copyright" data-organization>RIÊNG</div>', encoding="utf-8"
    )
    yml = project / "mkdocs.yml"
    yml.write_text(
        yml.read_text(encoding="utf-8").replace(
            "  name: material\n", "  name: material\n  custom_dir: overrides\n"
        ),
        encoding="utf-8",
    )
    site = build(project)
    assert "RIÊNG" in (site / "don-vi" / "index.html").read_text(encoding="utf-8")
