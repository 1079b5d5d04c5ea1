"""Whole-site builds in tmp_path: pages, data marks, counts, history and leaks."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import build, make_project, notice

NOTICE = notice(
    """
    kind: thong-bao
    number: 45/TB-UBND
    issuer: ubnd-xa
    place: Bát Tràng
    date: 2026-04-10
    title: Kết luận làm việc với Phòng Văn hoá - Xã hội
    signer: {name: Nguyễn Xuân Giang, authority: "TL. CHỦ TỊCH", title: Chánh Văn phòng}
    recipients: [TT Đảng ủy - TT HĐND xã, "Các phòng, ban, đơn vị thuộc xã"]
    tasks:
      - id: sap-nhap-thon
        title: Tham mưu phương án sáp nhập thôn
        lead: van-hoa-xa-hoi
        support: [van-phong]
        output: Phương án sáp nhập thôn
        due: 25/4/2026
        ref: "1"
      - id: de-an-vtvl
        title: Hoàn thiện Đề án vị trí việc làm
        lead: van-hoa-xa-hoi
        due: 20/4/2026
        ref: "2"
      - id: lich-cong-tac
        title: Xây dựng lịch công tác tuần, tháng
        lead: van-phong
        support: [van-hoa-xa-hoi]
        due: 30/4/2026
      - id: kiem-tra-cong-vu
        title: Tổ chức kiểm tra công vụ
        lead: van-hoa-xa-hoi
        due: 5/5/2026
      - id: thuong-xuyen
        title: Theo dõi thường xuyên
        lead: kinh-te
        due: thường xuyên
      - id: bao-cao-quy
        title: Báo cáo kết quả hằng quý
        lead: kinh-te
        due: hằng quý
      - id: dung
        title: Việc được dừng
        lead: kinh-te
        due: 30/6/2026
    """,
    "## Nội dung\n\n1. Cơ bản thống nhất với báo cáo.\n\n<script>alert('x')</script><p onclick=\"x()\">Đoạn có HTML</p>",
)

REPORTS = {
    # lead: done on time
    "progress/van-hoa-xa-hoi/2026-04-24.yml": """\
        by: van-hoa-xa-hoi
        reference: 12/BC-VHXH
        updates:
          - task: 2026-04-10-vhxh/sap-nhap-thon
            state: done
            done_on: 2026-04-23
            note: Đã trình UBND xã phương án sáp nhập 3 thôn
          - task: 2026-04-10-vhxh/de-an-vtvl
            state: extended
            new_due: 15/5/2026
            note: Chờ hướng dẫn của Sở Nội vụ
        """,
    # lead: done late after the extension passed? no: done before the new due → on time
    "progress/van-hoa-xa-hoi/2026-04-28.yml": """\
        by: van-hoa-xa-hoi
        updates:
          - task: 2026-04-10-vhxh/kiem-tra-cong-vu
            state: in_progress
            percent: 40
        """,
    # supporting unit says done: only a note, state unchanged
    "progress/van-hoa-xa-hoi/2026-04-29.yml": """\
        by: van-hoa-xa-hoi
        updates:
          - task: 2026-04-10-vhxh/lich-cong-tac
            state: done
            done_on: 2026-04-29
            note: Phòng đã gửi lịch công tác của phòng
        """,
    "progress/kinh-te/2026-04-20.yml": """\
        by: kinh-te
        updates:
          - task: 2026-04-10-vhxh/dung
            state: cancelled
            note: Không còn phù hợp
        """,
}

HIDDEN = {
    "notices/2026/2026-04-12-ban-nhap.md": notice(
        """
        kind: ke-hoach
        issuer: ubnd-xa
        date: 2026-04-12
        title: BẢN NHÁP BÍ MẬT kế hoạch chưa duyệt
        status: draft
        tasks:
          - id: viec-nhap
            title: VIỆC NHÁP KHÔNG ĐƯỢC LỘ
            lead: kinh-te
            due: 30/4/2026
        """,
        "NỘI DUNG NHÁP KHÔNG ĐƯỢC LỘ",
    ),
    "notices/2026/2026-04-13-mat.md": notice(
        """
        kind: quyet-dinh
        issuer: ubnd-xa
        date: 2026-04-13
        title: VĂN BẢN MẬT KHÔNG ĐƯỢC LỘ
        status: confidential
        tasks:
          - id: viec-mat
            title: VIỆC MẬT KHÔNG ĐƯỢC LỘ
            lead: kinh-te
            due: 30/4/2026
        """
    ),
    "notices/2026/2026-04-14-cho-cong-bo.md": notice(
        """
        kind: thong-bao
        issuer: ubnd-xa
        date: 2026-04-14
        title: THÔNG BÁO CHỜ CÔNG BỐ
        publish_on: 2026-05-02
        tasks:
          - id: viec-cho
            title: VIỆC CHỜ CÔNG BỐ
            lead: kinh-te
            due: 30/5/2026
        """
    ),
}


class _Marks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tasks: list[dict[str, str]] = []
        self.units: dict[str, dict[str, str]] = {}
        self._unit: str | None = None
        self._count: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "data-task" in a:
            self.tasks.append(a)
        if "data-unit" in a and tag == "tr":
            self._unit = a["data-unit"]
            self.units[self._unit] = {}
        if "data-count" in a and self._unit:
            self._count = a["data-count"]

    def handle_data(self, data):
        if self._count and self._unit and data.strip():
            self.units[self._unit][self._count] = data.strip()
            self._count = None

    def handle_endtag(self, tag):
        if tag == "tr":
            self._unit = None


def marks(path: Path) -> _Marks:
    parser = _Marks()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("site")
    project = make_project(
        root, {"notices/2026/2026-04-10-vhxh.md": NOTICE, **REPORTS, **HIDDEN}, as_of="2026-05-01"
    )
    return build(project)


def statuses(site: Path, page: str) -> dict[str, str]:
    return {m["data-task"]: m["data-status"] for m in marks(site / page / "index.html").tasks}


def test_every_page_kind_exists(site):
    for page in (
        "thong-bao",
        "thong-bao/2026-04-10-vhxh",
        "nhiem-vu",
        "don-vi",
        "don-vi/van-hoa-xa-hoi",
        "lich",
        "lich/2026/05",
        "lich/2026/04",
    ):
        assert (site / page / "index.html").is_file(), page


def test_sources_are_not_copied(site):
    assert not (site / "units.yml").exists()
    assert not (site / "notices").exists()
    assert not (site / "progress").exists()


def test_register_statuses(site):
    s = statuses(site, "nhiem-vu")
    assert s["2026-04-10-vhxh/sap-nhap-thon"] == "done_on_time"
    assert s["2026-04-10-vhxh/de-an-vtvl"] == "in_progress"  # extended to 15/5: not overdue
    assert s["2026-04-10-vhxh/lich-cong-tac"] == "overdue"  # only the supporting unit said done
    assert s["2026-04-10-vhxh/kiem-tra-cong-vu"] == "in_progress"
    assert s["2026-04-10-vhxh/thuong-xuyen"] == "ongoing"
    assert s["2026-04-10-vhxh/dung"] == "cancelled"


def test_data_due_marks(site):
    tasks = marks(site / "nhiem-vu" / "index.html").tasks
    by_id = {}
    for t in tasks:
        by_id.setdefault(t["data-task"], []).append(t)
    assert by_id["2026-04-10-vhxh/de-an-vtvl"][0]["data-due"] == "2026-05-15"
    assert "data-due" not in by_id["2026-04-10-vhxh/thuong-xuyen"][0]
    # hằng quý from a notice of 10/4/2026: Q2 has started by 1/5/2026, Q3 and Q4 not yet
    assert [t["data-due"] for t in by_id["2026-04-10-vhxh/bao-cao-quy"]] == ["2026-06-30"]


def test_unit_counts(site):
    units = marks(site / "don-vi" / "index.html").units
    vhxh = units["van-hoa-xa-hoi"]
    assert vhxh["done_on_time"] == "1"
    assert vhxh["in_progress"] == "2"
    assert vhxh["overdue"] == "0"
    assert units["van-phong"]["overdue"] == "1"
    assert units["kinh-te"]["ongoing"] == "1"
    assert units["kinh-te"]["cancelled"] == "1"
    assert units["kinh-te"]["in_progress"] == "1"  # the quarterly report, Q2 occurrence
    assert set(units) == {"ubnd-xa", "van-hoa-xa-hoi", "van-phong", "kinh-te"}


def test_unit_board_separates_led_and_supported(site):
    html = (site / "don-vi" / "van-hoa-xa-hoi" / "index.html").read_text(encoding="utf-8")
    led = html.split('id="chu-tri"')[1].split('id="phoi-hop"')[0]
    supported = html.split('id="phoi-hop"')[1].split('id="bao-cao"')[0]
    assert "2026-04-10-vhxh/sap-nhap-thon" in led
    assert "2026-04-10-vhxh/lich-cong-tac" not in led
    assert "2026-04-10-vhxh/lich-cong-tac" in supported
    # led tasks fully (table rows), supported ones one line each, opening the row on the notice page
    assert '<tr data-task="2026-04-10-vhxh/sap-nhap-thon"' in led
    line = supported[supported.index('<li data-task="2026-04-10-vhxh/lich-cong-tac"') :].split("</li>")[0]
    assert 'href="../../thong-bao/2026-04-10-vhxh/#nv-lich-cong-tac"' in line and "<tr" not in supported
    history = html.split('id="bao-cao"')[1]
    assert "Đã trình UBND xã phương án sáp nhập 3 thôn" in history
    assert "24/04/2026" in history


def test_overdue_shows_days(site):
    html = (site / "lich" / "index.html").read_text(encoding="utf-8")
    assert "2026-04-10-vhxh/lich-cong-tac" in html
    assert "1 ngày" in html  # due 30/4, as of 1/5


def test_extension_keeps_original_due_visible(site):
    html = (site / "thong-bao" / "2026-04-10-vhxh" / "index.html").read_text(encoding="utf-8")
    assert "15/05/2026" in html and "20/04/2026" in html


def test_notice_page_has_official_header(site):
    html = (site / "thong-bao" / "2026-04-10-vhxh" / "index.html").read_text(encoding="utf-8")
    for text in (
        "45/TB-UBND",
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Bát Tràng, ngày 10 tháng 4 năm 2026",
        "TL. CHỦ TỊCH",
        "Nguyễn Xuân Giang",
        "Nơi nhận",
        "Các phòng, ban, đơn vị thuộc xã",
    ):
        assert text in html, text


def test_notice_body_is_sanitised(site):
    html = (site / "thong-bao" / "2026-04-10-vhxh" / "index.html").read_text(encoding="utf-8")
    body = html.split('class="nb-doc-body"')[1].split("</div>")[0]
    assert "Đoạn có HTML" in body
    assert "<script" not in body and "onclick" not in body


def test_every_status_page_states_the_as_of_date(site):
    for page in (
        "thong-bao",
        "thong-bao/2026-04-10-vhxh",
        "nhiem-vu",
        "don-vi",
        "don-vi/kinh-te",
        "lich",
        "lich/2026/05",
    ):
        html = (site / page / "index.html").read_text(encoding="utf-8")
        assert "Trạng thái tính đến ngày <strong>01/05/2026</strong>" in html, page


def test_month_grid_monday_first_today_marked(site):
    html = (site / "lich" / "2026" / "05" / "index.html").read_text(encoding="utf-8")
    head = html.split("<thead>")[1].split("</thead>")[0]
    assert head.index("T2") < head.index("CN")
    assert 'aria-current="date"' in html
    assert re.search(r'rel="prev" href="\.\./04/"', html)
    april = (site / "lich" / "2026" / "04" / "index.html").read_text(encoding="utf-8")
    assert "2026-04-10-vhxh/sap-nhap-thon" in april


def test_navigation_stays_small(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    nav = html.split('class="md-nav md-nav--primary"')[1].split("</nav>")[0]
    assert "2026-04-10-vhxh" not in nav
    for label in ("Thông báo", "Nhiệm vụ", "Đơn vị", "Lịch"):
        assert label in nav


@pytest.mark.parametrize(
    "word",
    [
        "NHÁP",
        "KHÔNG ĐƯỢC LỘ",
        "CHỜ CÔNG BỐ",
        "2026-04-12-ban-nhap",
        "2026-04-13-mat",
        "2026-04-14-cho-cong-bo",
    ],
)
def test_hidden_notices_leak_nowhere(site, word):
    """Every byte of every output file, gzip members (sitemap, Pagefind index) decompressed."""
    import contextlib
    import gzip
    import zlib

    from noticeboard.content.text import fold

    needles = {word.encode()}
    if len(word) > 10:  # search indexes keep words lower-cased and folded; short words collide with
        needles |= {word.lower().encode(), fold(word).encode()}  # visible ones ("nháp" in the data page)
    scanned = 0
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            with contextlib.suppress(OSError, EOFError, zlib.error):
                data = gzip.decompress(data)
        scanned += 1
        for needle in needles:
            assert needle not in data, f"{word} found in {path.relative_to(site)}"
    assert scanned > 50


def test_hidden_notices_count_nowhere(site):
    units = marks(site / "don-vi" / "index.html").units
    # kinh-te leads viec-nhap, viec-mat, viec-cho (all hidden): only the visible three count
    assert sum(int(v) for v in units["kinh-te"].values()) == 3


def test_search_index_holds_notice_text(site):
    # The site search is Pagefind's bundle (noticeboard.search); each fragment holds one page's text.
    import gzip

    fragments = [
        gzip.decompress(p.read_bytes()) for p in (site / "pagefind" / "fragment").glob("*.pf_fragment")
    ]
    text = " ".join(json.loads(f[f.index(b"{") :])["content"] for f in fragments)
    assert "Cơ bản thống nhất với báo cáo" in text


def test_embargo_lifts_on_its_date(tmp_path):
    project = make_project(tmp_path, HIDDEN, as_of="2026-05-02")
    site = build(project)
    assert (site / "thong-bao" / "2026-04-14-cho-cong-bo" / "index.html").exists()
    assert not (site / "thong-bao" / "2026-04-12-ban-nhap").exists()


def test_as_of_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("NOTICEBOARD_AS_OF", "2026-04-26")
    project = make_project(tmp_path, {"notices/2026/2026-04-10-vhxh.md": NOTICE}, as_of="2026-05-01")
    site = build(project)
    assert statuses(site, "nhiem-vu")["2026-04-10-vhxh/sap-nhap-thon"] == "overdue"
    assert "26/04/2026" in (site / "nhiem-vu" / "index.html").read_text(encoding="utf-8")


def test_bad_as_of_is_a_plain_error(tmp_path, caplog):
    from mkdocs.exceptions import Abort

    project = make_project(tmp_path, {}, as_of="'2026-13-01'")
    with pytest.raises(Abort):
        build(project)
    assert "2026-13-01" in caplog.text and "YYYY-MM-DD" in caplog.text
