"""Search: folding on both sides, the markup Pagefind indexes, the built index, and the search page in chromium."""

from __future__ import annotations

import functools
import gzip
import hashlib
import http.server
import importlib
import itertools
import json
import re
import sys
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.exceptions import Abort

from conftest import REPO, build, make_project, notice, write_tree
from noticeboard import search
from noticeboard.search import markup, normalize
from noticeboard.search.normalize import d_folded_words, fold_query

TEMPLATES = Path(search.__file__).resolve().parent.parent / "templates" / "noticeboard"
sys.path.insert(0, str(REPO / "build_tools"))
gen_corpus = importlib.import_module("gen_corpus")

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
    assert (
        fold_query("Kết luận  số 45/TB-UBND của UBND xã Bát Tràng")
        == "ket luan so 45/tb-ubnd cua ubnd xa bat trang"
    )


def test_d_folded_words_only_words_with_d_stroke_once_each_in_order():
    assert d_folded_words("Đông đồng Bát Tràng", "đề án, Đông") == ["dong", "de"]
    assert d_folded_words("Không có chữ nào") == []


@given(st.text(alphabet=st.sampled_from("đĐdaáạ_1 ,.-\n\u0301\u00a0")))
def test_d_words_are_what_the_plain_regex_finds(text):
    assert normalize._d_words(text) == re.findall(r"\w*[đĐ]\w*", text)


def test_search_page_folds_like_python():
    page = (TEMPLATES / "search.html").read_text(encoding="utf-8")
    # the JavaScript twin of fold_query and the mark that starts the hidden folded words
    assert '.normalize("NFD").replace(/\\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase()' in page
    assert f'const MARK = "{markup.FOLD_MARK}"' in page
    # the task sections' anchor and the separators of the tasks meta, as markup.py writes them
    assert '["\\u205e", "\\u205d", "nb-nv-"]' in page
    assert (markup.TASK_SEP, markup.FIELD_SEP, markup.TASK_ANCHOR) == ("\u205e", "\u205d", "nb-nv-")


# -- markup ----------------------------------------------------------------------------------


def test_notice_block_indexes_content_folded_words_and_number():
    block = markup.notice_block(
        "<h1>Kết luận</h1><p>Khu vực phía đông &amp; Đảng ủy</p>",
        title="45/TB-UBND: Kết luận <b>",
        kind="Thông báo",
        date="10/04/2026",
        number="45/TB-UBND",
    )
    assert block.startswith("<div data-pagefind-body>")
    assert (
        f'<p hidden data-nb-fold>{markup.FOLD_MARK} <span data-pagefind-weight="10">45/TB-UBND</span> dong dang</p>'
        in block
    )
    assert '<span data-pagefind-meta="title">45/TB-UBND: Kết luận &lt;b&gt;</span>' in block
    assert '<span data-pagefind-meta="kind">Thông báo</span>' in block


def test_notice_block_without_number_or_d_has_no_hidden_tail():
    block = markup.notice_block("<p>Nội dung</p>", title="T", kind="Kế hoạch", date="01/01/2026")
    assert "data-nb-fold" not in block
    assert 'data-pagefind-meta="number"' not in block


def test_notice_block_gives_each_task_a_hidden_section_of_its_own():
    tasks = [
        markup.IndexedTask(
            "de-an", "Hoàn thành Đề án <vị trí>", "Đề án trình UBND", "overdue", "Phòng VH-XH"
        ),
        markup.IndexedTask("chua-den-ky", "Báo cáo năm", lead="Văn phòng"),  # its first period not begun
    ]
    block = markup.notice_block(
        "<p>Nội dung</p>", title="T", kind="Thông báo", date="01/01/2026", tasks=tasks
    )
    sections = (
        "<section hidden data-nb-index-tasks>"
        '<h2 id="nb-nv-de-an" data-pagefind-weight="2">Hoàn thành Đề án &lt;vị trí&gt;</h2>'
        f"<p>Sản phẩm: Đề án trình UBND</p><p>{markup.FOLD_MARK} de</p>"
        '<h2 id="nb-nv-chua-den-ky" data-pagefind-weight="2">Báo cáo năm</h2>'
        "</section>"
    )
    assert sections in block
    # after the notice's own text and folded words, before the metadata (which Pagefind does not index)
    assert block.index("<p>Nội dung</p>") < block.index(sections) < block.index("data-pagefind-meta")
    # status and lead ride along, never as indexed words; the title is the section's heading
    packed = markup.FIELD_SEP.join(("de-an", "overdue", "Phòng VH-XH")) + markup.TASK_SEP
    packed += markup.FIELD_SEP.join(("chua-den-ky", "", "Văn phòng"))
    assert f'<span data-pagefind-meta="tasks">{packed}</span>' in block
    assert (
        block.count("Phòng VH-XH") == 1
        and "overdue" not in block.split("<div hidden data-pagefind-ignore")[0]
    )
    assert "data-nb-index-tasks" not in markup.notice_block("<p>x</p>", title="T", kind="K", date="d")


def test_notice_block_folds_only_the_notice_own_text():
    # the task table and the summary are left out of the index: their "đ" words are not the notice's
    page = (
        "<p>Đê điều</p>"
        '<section class="nb-notice-summary"><p>Hoàn thành đúng hạn</p></section>'
        '<section class="nb-notice-tasks" id="nhiem-vu"><table><tr id="nv-a"><td>Đảng ủy</td></tr></table></section>'
    )
    block = markup.notice_block(page, title="T", kind="K", date="d")
    assert f"<p hidden data-nb-fold>{markup.FOLD_MARK} de dieu</p>" in block
    assert {".nb-notice-tasks", ".nb-notice-summary"} <= {
        s.strip() for s in search.pagefind.EXCLUDE_SELECTORS.split(",")
    }


def test_unit_block_indexes_names_only():
    block = markup.unit_block(
        name="Phòng Văn hoá - Xã hội",
        short="VH-XH",
        aliases=("Phòng VH-XH", "Phòng Văn hóa - Xã hội", "VH-XH"),
        parent="Ủy ban nhân dân xã",
    )
    assert block.startswith("<div hidden data-pagefind-body>") and block.endswith("</div></div>")
    assert block.count("<div") == block.count("</div>") == 2  # one element: the page's content goes after it
    assert (
        "<p>VH-XH. Phòng VH-XH. Trực thuộc Ủy ban nhân dân xã</p>" in block
    )  # the other placement is the same name


def test_header_link_and_home_box_placement():
    page = '<header class="md-header"><nav class="md-header__inner"><div class="md-header__title">X</div></nav></header><nav>2</nav>'
    assert markup.add_header_link(page, "<a>S</a>") == page.replace(
        "</nav></header>", "<a>S</a></nav></header>"
    )
    with_source = page.replace("</nav></header>", '<div class="md-header__source">git</div></nav></header>')
    assert '<a>S</a><div class="md-header__source">' in markup.add_header_link(with_source, "<a>S</a>")
    assert markup.add_header_link("<p>no header</p>", "<a>S</a>") == "<p>no header</p>"
    assert (
        markup.add_after_heading("<h1>Trang chủ</h1><p>x</p>", "<form></form>")
        == "<h1>Trang chủ</h1><form></form><p>x</p>"
    )
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


# -- bundles ---------------------------------------------------------------------------------


def _notices(*spec: tuple[str, int]) -> list[search.IndexedPage]:
    """(YYYY-MM, how many) -> notices on days 1, 2, ... of that month."""
    pages = []
    for month, count in spec:
        year, mon = map(int, month.split("-"))
        pages += [
            search.IndexedPage(f"thong-bao/{month}-{d:02d}-x/", date(year, mon, d))
            for d in range(1, count + 1)
        ]
    return pages


UNITS = [search.IndexedPage("don-vi/b/"), search.IndexedPage("don-vi/a/")]


def test_plan_small_site_is_one_bundle():
    [bundle] = search.plan_bundles(_notices(("2026-04", 3), ("2018-08", 1)) + UNITS)
    assert (bundle.key, bundle.label, bundle.notices, len(bundle.pages)) == ("", "năm 2018–2026", 4, 6)
    assert [p.url for p in bundle.pages][:2] == ["thong-bao/2026-04-03-x/", "thong-bao/2026-04-02-x/"]
    assert [p.url for p in bundle.pages][-2:] == ["don-vi/a/", "don-vi/b/"]  # units with the newest notices


def test_plan_one_bundle_per_year_newest_first_units_in_the_newest():
    pages = _notices(("2024-05", 3), ("2026-01", 3), ("2025-07", 3)) + UNITS
    bundles = search.plan_bundles(pages, max_notices=4)
    assert [(b.key, b.label, b.notices, len(b.pages)) for b in bundles] == [
        ("", "năm 2026", 3, 5),
        ("2025", "năm 2025", 3, 3),
        ("2024", "năm 2024", 3, 3),
    ]
    assert sorted(p.url for b in bundles for p in b.pages) == sorted(p.url for p in pages)  # each page once


def test_plan_packs_small_years_and_splits_large_ones():
    pages = _notices(("2026-03", 5), ("2026-09", 4), ("2025-02", 2), ("2024-06", 2), ("2023-01", 3))
    bundles = search.plan_bundles(pages, max_notices=4)
    assert [(b.key, b.label, b.notices) for b in bundles] == [
        ("", "tháng 9/2026", 3),  # 9 notices in 2026: three parts of 3, contiguous by date, newest first
        ("2026-2", "tháng 3–9/2026", 3),
        ("2026-1", "tháng 3/2026", 3),
        ("2024-2025", "năm 2024–2025", 4),  # whole years packed while they fit
        ("2023", "năm 2023", 3),
    ]
    days = [p.day for b in bundles for p in b.pages]
    assert days == sorted(days, reverse=True)


def test_plan_manifest_and_bad_input():
    bundles = search.plan_bundles(_notices(("2026-01", 2), ("2025-01", 1)) + UNITS, max_notices=2)
    assert search.bundles.manifest(bundles)["bundles"] == [
        {"path": "", "label": "năm 2026", "notices": 2, "pages": 4, "from": "2026-01-01", "to": "2026-01-02"},
        {
            "path": "2025/",
            "label": "năm 2025",
            "notices": 1,
            "pages": 1,
            "from": "2025-01-01",
            "to": "2025-01-01",
        },
    ]
    assert [b.pages for b in search.plan_bundles(UNITS)] == [tuple(sorted(UNITS, key=lambda p: p.url))]
    with pytest.raises(ValueError, match="chữ thường không dấu"):
        search.plan_bundles([search.IndexedPage("thong-bao/{a,b}/", date(2026, 1, 1))])
    with pytest.raises(ValueError, match="search_bundle_notices"):
        search.plan_bundles(UNITS, max_notices=0)


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
HIDDEN_TASKS = {  # each hidden notice gives a task whose title no published page holds
    "notices/2026/2026-04-02-mat.md": ("status: confidential", "bimatmat"),
    "notices/2026/2026-04-03-cam.md": ("publish_on: 2026-06-01", "bimatcam"),
    "notices/2026/2026-04-04-nhap.md": ("status: draft", "bimatnhap"),
}
FILES = {
    "notices/2026/2026-04-10-bat-trang.md": BAT_TRANG,
    "notices/2026/2026-03-02-thuy-loi.md": THUY_LOI,
    "notices/2026/2026-04-12-tiep-dan.md": OTHER,
    "notices/2026/2026-04-01-du-thao.md": DRAFT,
    **{
        path: notice(
            f"""
            kind: thong-bao
            issuer: ubnd-xa
            date: 2026-04-0{i + 2}
            {line}
            title: Văn bản chưa công bố
            tasks:
              - id: an
                title: Nhiệm vụ {word}
                lead: van-hoa-xa-hoi
                output: Sản phẩm {word}
                due: 25/4/2026
            """,
            "Nội dung.",
        )
        for i, (path, (line, word)) in enumerate(HIDDEN_TASKS.items())
    },
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(make_project(tmp_path_factory.mktemp("search"), FILES))


def _index_bytes(site: Path) -> bytes:
    return b"".join(
        gzip.decompress(p.read_bytes()) for p in sorted((site / "pagefind" / "index").glob("*.pf_index"))
    )


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


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
    everything = index + b"".join(
        gzip.decompress(p.read_bytes()) for p in (site / "pagefind" / "fragment").glob("*")
    )
    for _, word in HIDDEN_TASKS.values():  # nor a draft's, a confidential or an embargoed notice's task
        assert word.encode() not in everything


def _fragment(site: Path, url: str) -> dict:
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data[data.index(b"{") :])
        if fragment["url"] == url:
            return fragment
    raise AssertionError(url)


def test_a_task_is_indexed_once_in_a_section_named_by_its_anchor(site):
    fragment = _fragment(site, "/thong-bao/2026-04-10-bat-trang/")
    tasks = [a for a in fragment["anchors"] if a["id"].startswith("nb-nv-")]
    assert [(a["element"], a["id"], a["text"]) for a in tasks] == [
        ("h2", "nb-nv-de-an", "Hoàn thành Đề án vị trí việc làm")
    ]
    content = fragment["content"]
    # the task table is left out: the title once, in its section, after the notice's own text
    assert content.count("Hoàn thành Đề án vị trí việc làm") == 1
    assert content.index("Giao Phòng Văn hoá") < content.index("Hoàn thành Đề án vị trí")
    assert "Chưa hoàn thành" not in content and "Trong hạn" not in content  # no status words
    assert "Phòng Văn hoá - Xã hội" not in content.split("Hoàn thành Đề án vị trí")[1]  # nor the lead
    assert fragment["meta"]["tasks"] == markup.FIELD_SEP.join(("de-an", "overdue", "Phòng Văn hoá - Xã hội"))
    page = (site / "thong-bao" / "2026-04-10-bat-trang" / "index.html").read_text(encoding="utf-8")
    assert page.count('id="nv-de-an"') == 1 and page.count('id="nb-nv-de-an"') == 1  # no id twice


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
    again = build(make_project(tmp_path, FILES))  # another folder, another run: the same bytes
    assert _digest(again / "pagefind") == _digest(site / "pagefind")


def test_small_site_is_one_bundle_with_a_manifest(site):
    data = json.loads((site / "pagefind" / "bundles.json").read_text(encoding="utf-8"))
    assert data == {
        "version": 1,
        "bundles": [
            {
                "path": "",
                "label": "năm 2026",
                "notices": 3,
                "pages": 7,
                "from": "2026-03-02",
                "to": "2026-04-12",
            },
        ],
    }  # 3 published notices and the 4 units; the draft is in no bundle
    assert not [
        p for p in (site / "pagefind").iterdir() if p.is_dir() and p.name not in ("fragment", "index")
    ]


def test_build_stops_with_a_plain_message_without_pagefind(tmp_path, monkeypatch, caplog):
    def missing() -> Path:
        raise search.PagefindError(search.pagefind.MISSING)

    monkeypatch.setattr(search, "find_pagefind", missing)
    with pytest.raises(Abort):  # MkDocs logs the PluginError's message, then aborts
        build(make_project(tmp_path, {"notices/2026/2026-04-12-tiep-dan.md": OTHER}))
    assert "không tìm thấy Pagefind" in caplog.text and "pip install 'pagefind[bin]'" in caplog.text
    assert not (tmp_path / "site" / "index.html").exists()


# -- in the browser --------------------------------------------------------------------------


class _Logged(http.server.SimpleHTTPRequestHandler):
    """Serves the site quietly and notes every path asked for (the server's ``requested`` list)."""

    def do_GET(self) -> None:
        self.server.requested.append(self.path.split("?")[0])  # type: ignore[attr-defined]
        super().do_GET()

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[tuple[str, list[str]]]:
    """The site on 127.0.0.1 (like build_tools/search_bytes.py): base URL and the paths requested."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Logged, directory=str(site))
    )
    server.requested = []  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", server.requested  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser_page(site, browser) -> Iterator[tuple[object, str]]:
    with serve(site) as (base, _):
        yield browser.new_page(viewport={"width": 390, "height": 844}), base  # type: ignore[attr-defined]


def results(browser_page, query: str) -> list[str]:
    """Open tim-kiem/?q=... and return the result URLs shown, without any click."""
    page, base = browser_page
    page.goto(base + "tim-kiem/?q=" + quote(query))
    page.wait_for_selector("body[data-nb-search-done]", timeout=10_000)
    return page.eval_on_selector_all(
        "[data-nb-search-results] li > a", "els => els.map(a => new URL(a.href).pathname)"
    )


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
    assert (
        page.eval_on_selector_all(
            "[data-nb-search-results] li > a", "els => els.map(a => new URL(a.href).pathname)"
        )[0]
        == THUY
    )


# -- a site of several bundles ------------------------------------------------------------------

# The generated commune, three years of 13-15 notices, bundles of at most 15: one bundle a year.
# One 2024 notice holds words no other notice has.
OLD_ONLY = notice(
    """
    kind: ke-hoach
    number: 7/KH-UBND
    issuer: ubnd-xa
    date: 2024-03-15
    title: Kế hoạch nạo vét kênh Bắc Hưng Hải
    """,
    "Nạo vét kênh Bắc Hưng Hải đoạn qua thôn Giếng Đá trước mùa mưa.",
)
OLD_URL = "/thong-bao/2024-03-15-nao-vet-kenh/"


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("archive")
    gen_corpus.generate(
        root,
        notices=40,
        tasks_per_notice=3,
        units=8,
        reports=30,
        seed=1,
        start_year=2024,
        years=3,
        mkdocs=True,
    )
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "      search_bundle_notices: 15\n", encoding="utf-8"
    )
    write_tree(root / "content", {"notices/2024/2024-03-15-nao-vet-kenh.md": OLD_ONLY})
    return build(root)


def _bundle_dirs(site: Path) -> dict[str, Path]:
    bundles = json.loads((site / "pagefind" / "bundles.json").read_text(encoding="utf-8"))["bundles"]
    return {b["path"]: site / "pagefind" / b["path"] for b in bundles}


def _urls(bundle: Path) -> list[str]:
    urls = []
    for fragment in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        urls.append(json.loads(data[data.index(b"{") :])["url"])
    return urls


def test_archive_manifest_lists_bundles_newest_first(archive):
    data = json.loads((archive / "pagefind" / "bundles.json").read_text(encoding="utf-8"))
    bundles = data["bundles"]
    assert [(b["path"], b["label"]) for b in bundles] == [
        ("", "năm 2026"),
        ("2025/", "năm 2025"),
        ("2024/", "năm 2024"),
    ]
    assert all(b["notices"] <= 15 for b in bundles)
    assert [b["pages"] - b["notices"] for b in bundles] == [8, 0, 0]  # the 8 units go with the newest
    for newer, older in itertools.pairwise(bundles):
        assert older["to"] < newer["from"]
    for b in bundles:
        assert (archive / "pagefind" / b["path"] / "pagefind-entry.json").is_file()
    assert (archive / "pagefind" / "pagefind.js").is_file()


def test_archive_every_indexed_page_in_exactly_one_bundle(archive):
    indexed = sorted(
        "/" + p.parent.relative_to(archive).as_posix() + "/"
        for p in archive.glob("thong-bao/*/index.html")
        if "data-pagefind-body" in p.read_text(encoding="utf-8")
    )
    units = sorted(
        "/" + p.parent.relative_to(archive).as_posix() + "/" for p in archive.glob("don-vi/*/index.html")
    )
    in_bundles = {path: _urls(folder) for path, folder in _bundle_dirs(archive).items()}
    found = sorted(url for urls in in_bundles.values() for url in urls)
    assert found == sorted(indexed + units)  # no page twice, none missing; large units' year pages left out
    assert OLD_URL in in_bundles["2024/"]
    for path, urls in in_bundles.items():
        notices = [u for u in urls if u.startswith("/thong-bao/")]
        assert notices and all(u.startswith(f"/thong-bao/{path[:4] or '2026'}-") for u in notices), path


def test_archive_index_chunks_are_small(archive):
    # Each word of a query costs the chunk that holds it. Pagefind's default closes a chunk at 20,000
    # positions of unaccented words only: one 60-69 KB chunk per bundle here (90-190 KB on the
    # 1,000-notice corpus). At INDEX_CHUNK_POSITIONS it is 11-14 chunks of at most ~13 KB.
    assert search.pagefind.INDEX_CHUNK_POSITIONS == 1000
    for path, folder in _bundle_dirs(archive).items():
        sizes = [p.stat().st_size for p in (folder / "index").glob("*.pf_index")]
        assert len(sizes) >= 5, path
        assert max(sizes) < 20_000, path


def _open(browser, base: str, query: str):
    """A cold browser (no cache) on tim-kiem/?q=..., once the search has stopped."""
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(base + "tim-kiem/?q=" + quote(query))
    page.wait_for_selector("body[data-nb-search-done]", timeout=15_000)
    return page


def _shown(page) -> list[str]:
    return page.eval_on_selector_all(
        "[data-nb-search-results] li > a", "els => els.map(a => new URL(a.href).pathname)"
    )


def _pages_shown(page) -> list[str]:
    """The pages found, without the tasks shown as results of their own (li.nb-search-task)."""
    return page.eval_on_selector_all(
        "[data-nb-search-results] li:not(.nb-search-task) > a",
        "els => els.map(a => new URL(a.href).pathname)",
    )


@pytest.mark.slow
def test_archive_a_word_only_in_an_old_notice_is_found(archive, browser):
    with serve(archive) as (base, requested):
        page = _open(browser, base, "nao vet")
        assert _shown(page) == [OLD_URL]  # searched on into 2025 and 2024 by itself
        assert page.inner_text("[data-nb-search-status]") == "Tìm thấy 1 kết quả cho “nao vet”."
        assert page.inner_text(".nb-search-group h2") == "Năm 2024: 1 kết quả"
        assert page.locator("[data-nb-search-older]").is_hidden()
        assert any(p.startswith("/pagefind/2024/index/") for p in requested)
        assert requested.count("/pagefind/pagefind.js") == 1
        assert not any(p.endswith("/pagefind.js") and p != "/pagefind/pagefind.js" for p in requested)


@pytest.mark.slow
def test_archive_common_word_answers_from_the_newest_bundle_alone(archive, browser):
    with serve(archive) as (base, requested):
        page = _open(browser, base, "UBND")
        shown = _pages_shown(page)
        assert len(shown) == 10
        assert all(u.startswith(("/thong-bao/2026-", "/don-vi/")) for u in shown)
        assert not any(p.startswith(("/pagefind/2025/", "/pagefind/2024/")) for p in requested)
        assert re.fullmatch(
            r"Tìm thấy \d+ kết quả cho “UBND” trong thông báo năm 2026(; \d+ nhiệm vụ khớp trong các kết quả đang hiện)?\.",
            page.inner_text("[data-nb-search-status]"),
        )
        older = page.locator("[data-nb-search-older]")
        assert older.inner_text() == "Tìm tiếp trong thông báo cũ hơn (năm 2025)"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390

        older.click()
        page.wait_for_selector('[data-nb-bundle="2025/"] li', timeout=15_000)
        page.wait_for_selector("body[data-nb-search-done]", timeout=15_000)
        assert any(p.startswith("/pagefind/2025/") for p in requested)
        assert not any(p.startswith("/pagefind/2024/") for p in requested)  # 10 more shown: stops there
        assert [h.inner_text().split(":")[0] for h in page.locator(".nb-search-group h2").all()] == [
            "Năm 2026",
            "Năm 2025",
        ]
        assert older.inner_text() == "Tìm tiếp trong thông báo cũ hơn (năm 2024)"


@pytest.mark.slow
def test_archive_first_results_show_after_five_fragments_then_the_page_of_ten(archive, browser):
    # Each result shown costs its fragment: the first five go on screen before the other five are fetched.
    with serve(archive) as (base, requested):
        page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        page.add_init_script("""new MutationObserver((_, obs) => {
            if (!document.body || !document.body.dataset.nbSearchShown) return;
            window.nbFirst = {shown: document.querySelectorAll("[data-nb-search-results] li:not(.nb-search-task)").length,
                              fragments: performance.getEntriesByType("resource").filter((e) => e.name.includes("/fragment/")).length};
            obs.disconnect();
        }).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-nb-search-shown"]});""")
        page.goto(base + "tim-kiem/?q=UBND")
        page.wait_for_selector("body[data-nb-search-done]", timeout=15_000)
        assert page.evaluate("window.nbFirst") == {"shown": 5, "fragments": 5}
        assert len(_pages_shown(page)) == 10
        assert len([p for p in requested if p.startswith("/pagefind/fragment/")]) == 10
        assert page.locator("[data-nb-search-more]").first.is_visible()  # more than ten: the button is back
        page.locator("[data-nb-search-more]").first.click()
        page.wait_for_function(
            "document.querySelectorAll('[data-nb-search-results] li:not(.nb-search-task)').length >= 15"
        )


@pytest.mark.slow
def test_archive_words_no_page_holds_give_marked_approximate_results(archive, browser):
    # No notice says "thuỷ lợi": each bundle answers with shorter words ("thu"), as one index did;
    # the page shows the newest bundle's answer at once, marked, and searches every bundle for real ones.
    with serve(archive) as (base, requested):
        page = _open(browser, base, "thuỷ lợi")
        assert page.inner_text("[data-nb-search-status]") == "Không có trang nào chứa đủ các từ “thuỷ lợi”."
        assert page.inner_text(".nb-search-group h2").startswith("Kết quả gần đúng (năm 2026): ")
        assert _shown(page)
        assert page.locator(".nb-search-group").count() == 1
        assert any(p.startswith("/pagefind/2024/") for p in requested)


# -- tasks as results of their own (Pagefind sub-results) -------------------------------------------


def _task_cards(page) -> list[dict]:
    return page.eval_on_selector_all(
        "[data-nb-search-results] li.nb-search-task",
        "els => els.map(li => ({task: li.dataset.task, status: li.dataset.status,"
        " href: li.querySelector('a').getAttribute('href'), text: li.innerText,"
        " marked: [...li.querySelectorAll('a mark')].map(m => m.textContent)}))",
    )


@pytest.mark.slow
@pytest.mark.parametrize("width", [390, 1280])
def test_a_task_is_a_result_that_opens_its_highlighted_row(site, browser, width):
    with serve(site) as (base, _):
        page = browser.new_context(viewport={"width": width, "height": 844}).new_page()
        page.goto(base + "tim-kiem/?q=" + quote("de an vi tri"))
        page.wait_for_selector("body[data-nb-search-done]", timeout=10_000)
        cards = _task_cards(page)
        assert [(c["task"], c["status"], c["href"]) for c in cards] == [
            ("2026-04-10-bat-trang/de-an", "overdue", "/thong-bao/2026-04-10-bat-trang/#nv-de-an")
        ]
        assert cards[0]["marked"] == ["Đề", "án", "vị", "trí"]  # its own words, found folded
        assert (
            "Chưa hoàn thành, quá hạn" in cards[0]["text"]
            and "Chủ trì: Phòng Văn hoá - Xã hội" in cards[0]["text"]
        )
        assert "Kết luận làm việc với Phòng Văn hoá - Xã hội xã Bát Tràng" in cards[0]["text"]  # its notice
        task = page.locator("li.nb-search-task").first
        badge = task.locator(".nb-badge.nb-s-overdue")
        assert badge.is_visible() and badge.inner_text() == "Chưa hoàn thành, quá hạn"
        # the task comes just before its notice, which stays a result of its own
        assert _shown(page)[:2] == [BAT, BAT]
        assert page.eval_on_selector_all(
            "[data-nb-search-results] li", "els => els.slice(0, 2).map(li => li.className)"
        ) == ["nb-search-task", ""]
        assert page.locator("[data-nb-search-asof]").is_visible()  # statuses say their date
        assert "1 nhiệm vụ khớp" in page.inner_text("[data-nb-search-status]")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        task.locator("a").first.click()
        page.wait_for_url("**/thong-bao/2026-04-10-bat-trang/#nv-de-an")
        row = page.locator("#nv-de-an")
        assert page.evaluate("document.querySelector(':target').id") == "nv-de-an"
        assert row.get_attribute("data-status") == "overdue"
        assert page.evaluate("getComputedStyle(document.querySelector(':target')).outlineStyle") == "solid"
        box = row.bounding_box()
        assert box and 0 <= box["y"] < 844


@pytest.mark.slow
@pytest.mark.parametrize(
    "query",
    [
        "phia dong",  # only in the notice's own text
        "quá hạn",  # a status: never a task's own words
        "Phòng Văn hoá",  # the lead (and in the notice's body)
        "đề án phía đông",  # one word in the task, one only in the notice
        "dề án vì trí",  # marks the task's words do not have: "vì" is not "vị"
    ],
)
def test_no_task_result_unless_its_own_words_hold_the_query(browser_page, query):
    page, _ = browser_page
    shown = results(browser_page, query)
    assert not _task_cards(page), query
    if query in ("phia dong", "đề án phía đông"):
        assert shown == [BAT]  # the notice itself is found
