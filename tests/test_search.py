"""Search: folding on both sides, the markup Pagefind indexes, the built index, and the search page in chromium."""

from __future__ import annotations

import functools
import gzip
import hashlib
import http.server
import shutil
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from mkdocs.exceptions import Abort

from conftest import build, make_project, notice
from noticeboard import search
from noticeboard.search import markup
from noticeboard.search.normalize import d_folded_words, fold_query

TEMPLATES = Path(search.__file__).resolve().parent.parent / "templates" / "noticeboard"

# -- folding ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Bát Tràng", "bat trang"),
        ("hoàn thành", "hoan thanh"),
        ("hoá", "hóa"),
        ("Văn hoá - Xã hội", "văn hóa - xã hội"),
        ("thuỷ lợi", "thủy lợi"),
        ("Uỷ ban", "ủy ban"),
        ("Đảng ủy", "dang uy"),
        ("ĐÔNG ANH", "đông anh"),
        (unicodedata.normalize("NFD", "Bát Tràng"), "Bát Tràng"),  # NFD input (copied from a PDF)
        ("  45/TB-UBND \n", "45/tb-ubnd"),
    ],
)
def test_fold_query_treats_spellings_as_one(a, b):
    assert fold_query(a) == fold_query(b)


def test_fold_query_output():
    assert fold_query("Kết luận  số 45/TB-UBND của UBND xã Bát Tràng") == "ket luan so 45/tb-ubnd cua ubnd xa bat trang"


def test_d_folded_words_only_words_with_d_stroke_once_each_in_order():
    assert d_folded_words("Đông đồng Bát Tràng", "đề án, Đông") == ["dong", "de"]
    assert d_folded_words("Không có chữ nào") == []


def test_search_page_folds_like_python():
    page = (TEMPLATES / "search.html").read_text(encoding="utf-8")
    # the JavaScript twin of fold_query and the mark that starts the hidden folded words
    assert '.normalize("NFD").replace(/\\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase()' in page
    assert f'const MARK = "{markup.FOLD_MARK}"' in page


# -- markup ----------------------------------------------------------------------------------


def test_notice_block_indexes_content_folded_words_and_number():
    block = markup.notice_block(
        "<h1>Kết luận</h1><p>Khu vực phía đông &amp; Đảng ủy</p>",
        title="45/TB-UBND: Kết luận <b>", kind="Thông báo", date="10/04/2026", number="45/TB-UBND",
    )
    assert block.startswith("<div data-pagefind-body>")
    assert f'<p hidden data-nb-fold>{markup.FOLD_MARK} <span data-pagefind-weight="10">45/TB-UBND</span> dong dang</p>' in block
    assert '<span data-pagefind-meta="title">45/TB-UBND: Kết luận &lt;b&gt;</span>' in block
    assert '<span data-pagefind-meta="kind">Thông báo</span>' in block


def test_notice_block_without_number_or_d_has_no_hidden_tail():
    block = markup.notice_block("<p>Nội dung</p>", title="T", kind="Kế hoạch", date="01/01/2026")
    assert "data-nb-fold" not in block
    assert 'data-pagefind-meta="number"' not in block


def test_unit_block_indexes_names_only():
    block = markup.unit_block(
        "<table><tr><td>Việc của đơn vị</td></tr></table>",
        name="Phòng Văn hoá - Xã hội", short="VH-XH", aliases=("Phòng VH-XH", "Phòng Văn hóa - Xã hội", "VH-XH"),
        parent="Ủy ban nhân dân xã",
    )
    body, rest = block.split("</div></div>", 1)
    assert body.startswith("<div hidden data-pagefind-body>")
    assert "<p>VH-XH. Phòng VH-XH. Trực thuộc Ủy ban nhân dân xã</p>" in body  # the other placement is the same name
    assert "Việc của đơn vị" in rest and "Việc của đơn vị" not in body


def test_header_link_and_home_box_placement():
    page = '<header class="md-header"><nav class="md-header__inner"><div class="md-header__title">X</div></nav></header><nav>2</nav>'
    assert markup.add_header_link(page, "<a>S</a>") == page.replace("</nav></header>", "<a>S</a></nav></header>")
    with_source = page.replace("</nav></header>", '<div class="md-header__source">git</div></nav></header>')
    assert '<a>S</a><div class="md-header__source">' in markup.add_header_link(with_source, "<a>S</a>")
    assert markup.add_header_link("<p>no header</p>", "<a>S</a>") == "<p>no header</p>"
    assert markup.add_after_heading("<h1>Trang chủ</h1><p>x</p>", "<form></form>") == "<h1>Trang chủ</h1><form></form><p>x</p>"
    assert markup.add_after_heading("<p>x</p>", "<form></form>") == "<form></form><p>x</p>"


def test_missing_pagefind_is_a_plain_error(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_pagefind_bin(name, *args, **kwargs):
        if name == "pagefind_bin":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pagefind_bin)
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(search.PagefindError, match=r"pip install 'pagefind\[bin\]'"):
        search.find_pagefind()


# -- whole-site build ------------------------------------------------------------------------

BAT_TRANG = notice(
    """
    kind: thong-bao
    number: 45/TB-UBND
    issuer: ubnd-xa
    place: Bát Tràng
    date: 2026-04-10
    title: Kết luận làm việc với Phòng Văn hoá - Xã hội xã Bát Tràng
    tasks:
      - id: de-an
        title: Hoàn thành Đề án vị trí việc làm
        lead: van-hoa-xa-hoi
        due: 25/4/2026
    """,
    "Giao Phòng Văn hoá - Xã hội hoàn thành đề án trước ngày 25/4. Khu vực phía đông xã.",
)
THUY_LOI = notice(
    """
    kind: ke-hoach
    number: 12/KH-UBND
    issuer: ubnd-xa
    date: 2026-03-02
    title: Kế hoạch công tác thủy lợi và văn hóa cơ sở
    """,
    "Tu bổ công trình thuỷ lợi nội đồng; thôn Dong Anh làm trước.",
)
OTHER = notice(
    """
    kind: thong-bao
    number: 46/TB-UBND
    issuer: kinh-te
    date: 2026-04-12
    title: Thông báo lịch tiếp công dân
    """,
    "Lịch tiếp công dân tháng 4 tại trụ sở.",
)
DRAFT = notice(
    """
    kind: thong-bao
    issuer: ubnd-xa
    date: 2026-04-01
    status: draft
    title: Dự thảo chưa công bố
    """,
    "Từ khoá bimatduthao chỉ có trong dự thảo.",
)
FILES = {
    "notices/2026/2026-04-10-bat-trang.md": BAT_TRANG,
    "notices/2026/2026-03-02-thuy-loi.md": THUY_LOI,
    "notices/2026/2026-04-12-tiep-dan.md": OTHER,
    "notices/2026/2026-04-01-du-thao.md": DRAFT,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(make_project(tmp_path_factory.mktemp("search"), FILES))


def _index_bytes(site: Path) -> bytes:
    return b"".join(gzip.decompress(p.read_bytes()) for p in sorted((site / "pagefind" / "index").glob("*.pf_index")))


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_writes_pagefind_and_not_the_theme_index(site):
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert not (site / "search" / "search_index.json").exists()
    assert (site / "tim-kiem" / "index.html").is_file()


def test_index_holds_folded_text_and_the_notice_number(site):
    index = _index_bytes(site)
    assert b"45tbubnd" in index  # Pagefind keeps "45/TB-UBND" as one word, punctuation dropped
    assert b"trang" in index and b"hoan" in index  # its own folding of tone marks
    assert b"dong" in index  # "đông" folded by us: Pagefind leaves "đ" alone
    assert b"bimatduthao" not in index  # a draft is in no index


def test_pages_carry_the_marks(site):
    notice_html = (site / "thong-bao" / "2026-04-10-bat-trang" / "index.html").read_text(encoding="utf-8")
    assert notice_html.count("data-pagefind-body") == 1
    assert '<span data-pagefind-weight="10">45/TB-UBND</span>' in notice_html
    assert "data-nb-fold>¶" in notice_html
    unit_html = (site / "don-vi" / "van-hoa-xa-hoi" / "index.html").read_text(encoding="utf-8")
    assert "<div hidden data-pagefind-body><h1>Phòng Văn hoá - Xã hội</h1>" in unit_html
    for page in ("thong-bao", "nhiem-vu", "lich", "tim-kiem"):
        assert "data-pagefind-body" not in (site / page / "index.html").read_text(encoding="utf-8"), page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'action="tim-kiem/"' in home and 'name="q"' in home
    assert 'href="../../tim-kiem/" class="md-header__button' in notice_html


def test_index_is_deterministic(site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    before = _digest(copy / "pagefind")
    search.run_pagefind(copy)
    assert _digest(copy / "pagefind") == before


def test_build_stops_with_a_plain_message_without_pagefind(tmp_path, monkeypatch, caplog):
    def missing() -> Path:
        raise search.PagefindError(search.pagefind.MISSING)

    monkeypatch.setattr(search, "find_pagefind", missing)
    with pytest.raises(Abort):  # MkDocs logs the PluginError's message, then aborts
        build(make_project(tmp_path, {"notices/2026/2026-04-12-tiep-dan.md": OTHER}))
    assert "không tìm thấy Pagefind" in caplog.text and "pip install 'pagefind[bin]'" in caplog.text
    assert not (tmp_path / "site" / "index.html").exists()


# -- in the browser --------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def browser_page(site) -> Iterator[tuple[object, str]]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium): browser search tests need it")
    sync_api = pytest.importorskip("playwright.sync_api")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 390, "height": 844})
            yield page, f"http://127.0.0.1:{server.server_address[1]}/"
            browser.close()
    finally:
        server.shutdown()
        server.server_close()


def results(browser_page, query: str) -> list[str]:
    """Open tim-kiem/?q=... and return the result URLs shown, without any click."""
    page, base = browser_page
    page.goto(base + "tim-kiem/?q=" + quote(query))
    page.wait_for_selector("body[data-nb-search-done]", timeout=10_000)
    return page.eval_on_selector_all("[data-nb-search-results] li a", "els => els.map(a => new URL(a.href).pathname)")


BAT = "/thong-bao/2026-04-10-bat-trang/"
THUY = "/thong-bao/2026-03-02-thuy-loi/"
TIEP_DAN = "/thong-bao/2026-04-12-tiep-dan/"


@pytest.mark.slow
def test_with_and_without_diacritics(browser_page):
    with_marks = results(browser_page, "bát tràng")
    assert BAT in with_marks
    assert results(browser_page, "bat trang") == with_marks
    assert results(browser_page, "hoan thanh")[0] == BAT


@pytest.mark.slow
def test_tone_mark_placement_and_d_stroke(browser_page):
    hoa = results(browser_page, "hoá")
    assert {BAT, THUY} <= set(hoa)  # "Văn hoá" in one, "văn hóa" in the other
    assert results(browser_page, "hóa") == hoa
    assert results(browser_page, "thuỷ lợi") == results(browser_page, "thủy lợi") == [THUY]
    assert BAT in results(browser_page, "phia dong")  # "phía đông"
    assert THUY in results(browser_page, "Đông Anh")  # the text has "Dong Anh": folded on the query side too


@pytest.mark.slow
def test_notice_number_finds_its_notice_first(browser_page):
    found = results(browser_page, "45/TB-UBND")
    assert found[0] == BAT
    assert TIEP_DAN not in found[:1]
    assert results(browser_page, "46/tb-ubnd")[0] == TIEP_DAN


@pytest.mark.slow
def test_link_shows_results_on_load_on_a_phone(browser_page):
    page, _ = browser_page
    assert results(browser_page, "Bát Tràng")
    assert page.input_value("#nb-q") == "Bát Tràng"
    assert "Tìm thấy" in page.inner_text("[data-nb-search-status]")
    first = page.locator("[data-nb-search-results] li").first
    assert first.is_visible()
    assert "<mark>" in first.inner_html()  # the excerpt marks the words found
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.slow
def test_home_search_box_opens_results(browser_page):
    page, base = browser_page
    page.goto(base)
    page.fill("input[name=q]", "thuy loi")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("body[data-nb-search-done]", timeout=10_000)
    assert page.url.startswith(base + "tim-kiem/?q=thuy")
    assert page.eval_on_selector_all("[data-nb-search-results] li a", "els => els.map(a => new URL(a.href).pathname)")[0] == THUY
