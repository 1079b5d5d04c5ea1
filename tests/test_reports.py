"""Periodic reports (CONTENT_FORMAT §7): the counting rules at several report dates, the pages,
the .docx/.xlsx documents (read back through LibreOffice), bao-cao.json and the progress charts."""

from __future__ import annotations

import importlib
import json
import re
import sys
import zipfile
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import build, make_project, notice, require_tool
from noticeboard.model.build import build_site
from noticeboard.model.reports import build_reports, period_of, site_periods
from noticeboard.pipeline import load_site

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "build_tools"))

AS_OF = "2026-09-15"

# One notice of January with a task per rule, a recurring task from February, and three
# hidden notices whose tasks would change every count if they leaked.
FILES = {
    "notices/2026/2026-01-10-a.md": notice("""
        kind: thong-bao
        issuer: ubnd-xa
        date: 2026-01-10
        title: Giao nhiệm vụ quý I
        tasks:
          - {id: t1, title: Xong đúng hạn, lead: van-hoa-xa-hoi, due: 2026-02-20}
          - {id: t2, title: Xong muộn báo sau kỳ, lead: van-phong, due: 2026-03-15}
          - {id: t3, title: Gia hạn sau kỳ, lead: kinh-te, due: 2026-03-31}
          - {id: t4, title: Thường xuyên, lead: van-hoa-xa-hoi, due: thường xuyên}
          - {id: t5, title: Dừng thực hiện, lead: kinh-te, due: 2026-06-30}
          - {id: t6, title: Phối hợp báo xong, lead: van-phong, support: [kinh-te], due: 2026-02-10}
        """),
    "notices/2026/2026-02-01-b.md": notice("""
        kind: ke-hoach
        issuer: ubnd-xa
        date: 2026-02-01
        title: Báo cáo hằng tháng
        tasks:
          - {id: r1, title: Báo cáo tháng, lead: van-phong, due: hằng tháng}
        """),
    "notices/2026/2026-03-01-nhap.md": notice("""
        kind: thong-bao
        issuer: ubnd-xa
        date: 2026-03-01
        status: draft
        title: BẢN NHÁP KHÔNG ĐƯỢC LỘ
        tasks:
          - {id: x, title: NHIEMVUNHAP, lead: kinh-te, due: 2026-03-10}
        """),
    "notices/2026/2026-03-02-mat.md": notice("""
        kind: thong-bao
        issuer: ubnd-xa
        date: 2026-03-02
        status: confidential
        title: VĂN BẢN MẬT KHÔNG ĐƯỢC LỘ
        tasks:
          - {id: x, title: NHIEMVUMAT, lead: kinh-te, due: 2026-03-10}
        """),
    "notices/2026/2026-03-03-hoan.md": notice("""
        kind: thong-bao
        issuer: ubnd-xa
        date: 2026-03-03
        publish_on: 2026-12-01
        title: CHƯA ĐẾN NGÀY CÔNG BỐ
        tasks:
          - {id: x, title: NHIEMVUHOAN, lead: kinh-te, due: 2026-03-10}
        """),
    "progress/van-hoa-xa-hoi/2026-02-19.yml": """\
        by: van-hoa-xa-hoi
        updates:
          - {task: 2026-01-10-a/t1, state: done, done_on: 2026-02-18}
        """,
    "progress/van-phong/2026-04-10.yml": """\
        by: van-phong
        updates:
          - {task: 2026-01-10-a/t2, state: done, done_on: 2026-04-05}
        """,
    "progress/kinh-te/2026-04-05.yml": """\
        by: kinh-te
        updates:
          - {task: 2026-01-10-a/t3, state: extended, new_due: 2026-05-31}
        """,
    "progress/kinh-te/2026-05-01.yml": """\
        by: kinh-te
        updates:
          - {task: 2026-01-10-a/t5, state: cancelled, note: Không còn cần thiết}
        """,
    "progress/kinh-te/2026-02-05.yml": """\
        by: kinh-te
        updates:
          - {task: 2026-01-10-a/t6, state: done, done_on: 2026-02-05, note: Đơn vị phối hợp đã xong phần việc}
        """,
    "progress/van-phong/2026-02-27.yml": """\
        by: van-phong
        updates:
          - {task: 2026-02-01-b/r1, state: done, done_on: 2026-02-27}
        """,
}

S = ("done_on_time", "done_late", "in_progress", "overdue", "ongoing", "cancelled")


def c(**kw: int) -> dict[str, int]:
    return {s: kw.get(s, 0) for s in S}


# period: (assigned per unit, due per unit, overdue list as [(task id, due, days overdue)])
EXPECTED = {
    # January: only t1..t6 assigned; nothing due by 31/01.
    "2026-01": (
        {
            "van-hoa-xa-hoi": c(in_progress=1, ongoing=1),
            "van-phong": c(in_progress=2),
            "kinh-te": c(in_progress=2),
        },
        {},
        [],
    ),
    # February: t1 done on time (report 19/02); t6 overdue (the supporting unit's "done" changes nothing);
    # r1's February occurrence done on time; a recurring task is assigned per occurrence due in the month.
    "2026-02": (
        {"van-phong": c(done_on_time=1)},
        {"van-hoa-xa-hoi": c(done_on_time=1), "van-phong": c(done_on_time=1, overdue=1)},
        [("2026-01-10-a/t6", "2026-02-10", 18)],
    ),
    # Q1 at 31/03: t2 still overdue (its "done" report is dated 10/04, after R); t3 due 31/03 = R, in
    # progress (the extension is dated 05/04, after R); r1: February done, March due today.
    "2026-q1": (
        {
            "van-hoa-xa-hoi": c(done_on_time=1, ongoing=1),
            "van-phong": c(overdue=2, done_on_time=1, in_progress=1),
            "kinh-te": c(in_progress=2),
        },
        {
            "van-hoa-xa-hoi": c(done_on_time=1),
            "van-phong": c(overdue=2, done_on_time=1, in_progress=1),
            "kinh-te": c(in_progress=1),
        },
        [("2026-01-10-a/t6", "2026-02-10", 49), ("2026-01-10-a/t2", "2026-03-15", 16)],
    ),
    # Q2 at 30/06: t2 done late; t3's due moved to 31/05 and is overdue in Q2 (no longer in Q1's
    # list of dues); t5 cancelled; r1's April and May overdue, June due today.
    "2026-q2": (
        {"van-phong": c(overdue=2, in_progress=1)},
        {"kinh-te": c(overdue=1, cancelled=1), "van-phong": c(overdue=2, in_progress=1)},
        [
            ("2026-01-10-a/t6", "2026-02-10", 140),
            ("2026-02-01-b/r1", "2026-03-31", 91),
            ("2026-02-01-b/r1", "2026-04-30", 61),
            ("2026-01-10-a/t3", "2026-05-31", 30),
            ("2026-02-01-b/r1", "2026-05-31", 30),
        ],
    ),
    # The current quarter stops at the as-of date: July and August occurrences overdue, September's
    # has started and is in progress; October's has not started and is not counted.
    "2026-q3": (
        {"van-phong": c(overdue=2, in_progress=1)},
        {"van-phong": c(overdue=2)},
        [
            ("2026-01-10-a/t6", "2026-02-10", 217),
            ("2026-02-01-b/r1", "2026-03-31", 168),
            ("2026-02-01-b/r1", "2026-04-30", 138),
            ("2026-01-10-a/t3", "2026-05-31", 107),
            ("2026-02-01-b/r1", "2026-05-31", 107),
            ("2026-02-01-b/r1", "2026-06-30", 77),
            ("2026-02-01-b/r1", "2026-07-31", 46),
            ("2026-02-01-b/r1", "2026-08-31", 15),
        ],
    ),
    # The year at 15/09: every task assigned this year, t2 late, t3 overdue at its extended due.
    "2026": (
        {
            "van-hoa-xa-hoi": c(done_on_time=1, ongoing=1),
            "van-phong": c(done_late=1, overdue=7, done_on_time=1, in_progress=1),
            "kinh-te": c(overdue=1, cancelled=1),
        },
        {
            "van-hoa-xa-hoi": c(done_on_time=1),
            "van-phong": c(done_late=1, overdue=7, done_on_time=1),
            "kinh-te": c(overdue=1, cancelled=1),
        },
        None,  # same list as Q3 (same report date)
    ),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("reports"), FILES, as_of=AS_OF)


@pytest.fixture(scope="module")
def reports(project: Path):
    result = load_site(project / "content", date.fromisoformat(AS_OF))
    assert not result.problems.errors, result.problems.report()
    return build_reports(result.site)


@pytest.fixture(scope="module")
def site_dir(project: Path) -> Path:
    return build(project)


def _by_unit(block) -> dict[str, dict[str, int]]:
    return {row.unit.id: row.counts for row in block.rows}


@pytest.mark.parametrize("key", list(EXPECTED))
def test_counts_at_report_date(reports, key: str) -> None:
    assigned, due, overdue = EXPECTED[key]
    report = reports.by_key[key]
    assert _by_unit(report.assigned) == assigned
    assert _by_unit(report.due) == due
    for block in (report.assigned, report.due):
        assert block.total.counts == {s: sum(row.counts[s] for row in block.rows) for s in S}
    if overdue is not None:
        assert [(o.gid, o.due.isoformat(), o.days_overdue) for o in report.overdue] == overdue
        assert report.overdue_total == len(overdue)


def test_periods_published(reports) -> None:
    keys = [r.period.key for r in reports.periods]
    # The first published notice is of January 2026 (the hidden ones start no period); months of
    # the as-of year and the one before, only those started by 15/09/2026.
    assert keys == [
        "2026",
        "2026-h1",
        "2026-q1",
        "2026-01",
        "2026-02",
        "2026-03",
        "2026-q2",
        "2026-04",
        "2026-05",
        "2026-06",
        "2026-h2",
        "2026-q3",
        "2026-07",
        "2026-08",
        "2026-09",
    ]
    assert reports.by_key["2026-09"].report_date == date(2026, 9, 15)
    assert reports.by_key["2026-h1"].report_date == date(2026, 6, 30)


def test_output_paths_are_named_without_counting(project: Path) -> None:
    """The parent names every output file before it forks the worker: the reports' figures are
    counted where they are rendered, not in the parent (issue 20: ~0.5 s of a five-year build)."""
    from noticeboard.model import reports as model_reports
    from noticeboard.render.outputs import output_paths
    from noticeboard.render.pages import Renderer, make_environment

    site = load_site(project / "content", date.fromisoformat(AS_OF)).site
    paths = output_paths(site)
    assert site not in model_reports._BUILT
    # the home page's overview (rendered by the parent) needs the 12 months' progress only
    overview = Renderer(site, make_environment()).render_overview("")
    assert 'data-progress="*"' in overview and 'href="bao-cao/' in overview
    assert site not in model_reports._BUILT
    keys = [r.period.key for r in model_reports.reports_for(site).periods]
    assert [p for p in paths if p.endswith(".docx")] == sorted(f"bao-cao/{k}/bao-cao-{k}.docx" for k in keys)


def test_site_periods_grammar() -> None:
    periods = site_periods(date(2024, 11, 3), date(2026, 2, 1))
    keys = {p.key for p in periods}
    assert {"2024", "2024-h2", "2024-q4", "2025", "2025-h1", "2025-q4", "2026", "2026-h1", "2026-q1"} <= keys
    assert "2024-h1" not in keys and "2024-q3" not in keys and "2026-q2" not in keys
    months = sorted(k for k in keys if re.fullmatch(r"\d{4}-\d{2}", k))
    assert months == [f"2025-{m:02d}" for m in range(1, 13)] + [
        "2026-01",
        "2026-02",
    ]  # not 2024's: two years only
    assert period_of("half", date(2026, 7, 1)).label == "6 tháng cuối năm 2026"
    assert period_of("quarter", date(2026, 5, 5)).label == "Quý II/2026"
    assert period_of("month", date(2026, 2, 28)).end == date(2026, 2, 28)


def _site_at(records, r: date):
    """The model built afresh at ``r`` from the reports dated on or before ``r`` only: what the
    report of a period must agree with (another code path than the spans)."""
    from dataclasses import replace

    kept = [rep for rep in records.reports if rep.date <= r]
    return build_site(replace(records, reports=kept), r)


def _assert_agrees(reports, records) -> None:
    for report in reports.periods:
        period, r = report.period, report.report_date
        at_r = _site_at(records, r)
        assigned: dict[str, dict[str, int]] = {}
        due: dict[str, dict[str, int]] = {}
        overdue = []
        for item in at_r.items:
            task = item.task
            recurring = task.deadline is not None and task.deadline.recurring
            when = item.original_due if recurring else task.notice.date
            if when is not None and period.start <= when <= period.end:
                assigned.setdefault(task.lead.id, dict.fromkeys(S, 0))[item.status] += 1
            if item.due is not None and period.start <= item.due <= min(period.end, r):
                due.setdefault(task.lead.id, dict.fromkeys(S, 0))[item.status] += 1
            if item.status == "overdue":
                overdue.append((item.gid, item.index, item.days_overdue))
        assert _by_unit(report.assigned) == assigned, period.key
        assert _by_unit(report.due) == due, period.key
        assert report.overdue_total == len(overdue), period.key
        shown = {(o.gid, o.item.index, o.days_overdue) for o in report.overdue}
        assert shown <= set(overdue), period.key


def test_reports_agree_with_model_rebuilt_at_each_report_date(project: Path) -> None:
    result = load_site(project / "content", date.fromisoformat(AS_OF))
    _assert_agrees(build_reports(result.site), result.records)


@pytest.mark.slow
def test_reports_agree_on_generated_corpus(tmp_path: Path) -> None:
    """Two years of a generated commune (recurring tasks, extensions, reports after the as-of
    date): every block and overdue count of every period equals the model rebuilt at its date."""
    gen_corpus = importlib.import_module("gen_corpus")
    gen_corpus.generate(tmp_path, notices=150, units=10, reports=600, years=2, start_year=2025)
    result = load_site(tmp_path / "content", date(2026, 10, 20))
    assert not result.problems.errors
    reports = build_reports(result.site, overdue_limit=10**6)
    assert sum(r.overdue_total for r in reports.periods) > 100  # the check has something to compare
    _assert_agrees(reports, result.records)


# -- pages ----------------------------------------------------------------------------------


class ReportPage(HTMLParser):
    """The marks of a report page: each block's rows and the overdue list's items."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: dict[str, dict[str, dict[str, int]]] = {}
        self.overdue: list[dict[str, str]] = []
        self.empty_notes = 0
        self._block = ""
        self._unit = ""
        self._count = ""
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("data-report") in ("assigned", "due"):
            self._block = a["data-report"] or ""
            self.blocks[self._block] = {}
        elif a.get("data-report") == "overdue":
            self._block = "overdue"
        if "data-unit" in a and self._block in ("assigned", "due"):
            self._unit = a["data-unit"] or ""
            self.blocks[self._block][self._unit] = {}
        if "data-count" in a and self._unit:
            self._count, self._text = a["data-count"] or "", ""
        if "data-task" in a and self._block == "overdue":
            self.overdue.append({k: v or "" for k, v in a.items()})
        if a.get("class") == "nb-report-empty":
            self.empty_notes += 1

    def handle_data(self, data: str) -> None:
        if self._count:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._count:
            self.blocks[self._block][self._unit][self._count] = int(self._text)
            self._count = ""
        if tag == "tr":
            self._unit = ""


def read_page(site_dir: Path, key: str) -> ReportPage:
    parser = ReportPage()
    parser.feed((site_dir / "bao-cao" / key / "index.html").read_text(encoding="utf-8"))
    return parser


def _total(per_unit: dict[str, dict[str, int]]) -> dict[str, int]:
    return {s: sum(counts[s] for counts in per_unit.values()) for s in S}


@pytest.mark.parametrize("key", list(EXPECTED))
def test_page_marks(site_dir: Path, key: str) -> None:
    assigned, due, overdue = EXPECTED[key]
    page = read_page(site_dir, key)
    for name, expected in (("assigned", assigned), ("due", due)):
        rows = page.blocks[name]
        assert rows.pop("*") == _total(expected), name
        assert rows == expected, name
    if overdue is not None:
        got = [
            (li["data-task"], li["data-due"], int(li["data-days-overdue"]), li["data-status"])
            for li in page.overdue
        ]
        assert got == [(*o, "overdue") for o in overdue]


def test_empty_block_says_so(site_dir: Path) -> None:
    page = read_page(site_dir, "2026-01")  # nothing due in January
    html = (site_dir / "bao-cao" / "2026-01" / "index.html").read_text(encoding="utf-8")
    assert page.blocks["due"] == {"*": dict.fromkeys(S, 0)}
    assert "Không có nhiệm vụ</strong> đến hạn trong kỳ" in html
    assert "Không có nhiệm vụ quá hạn</strong>" in html


def test_index_and_unit_board_link_the_reports(site_dir: Path) -> None:
    index = (site_dir / "bao-cao" / "index.html").read_text(encoding="utf-8")
    for key in EXPECTED:
        assert f'href="{key}/"' in index
        assert f'href="{key}/bao-cao-{key}.docx"' in index
    board = (site_dir / "don-vi" / "van-phong" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../bao-cao/2026-09/"' in board and 'href="../../bao-cao/2026-q3/"' in board


def test_progress_chart_and_table(site_dir: Path, reports) -> None:
    """Each unit board: two SVG charts with their title and the table of the 12 month ends."""
    html = (site_dir / "don-vi" / "van-phong" / "index.html").read_text(encoding="utf-8")
    block = html[html.index('data-progress="van-phong"') :]
    assert block.count('<svg class="nb-chart') == 2 and 'role="img"' in block
    rows = re.findall(r'<tr data-month="(\d{4}-\d{2})" data-report-date="([\d-]+)">(.*?)</tr>', block)
    assert [r[0] for r in rows] == [f"2025-{m:02d}" for m in (10, 11, 12)] + [
        f"2026-{m:02d}" for m in range(1, 10)
    ]
    june = {r[0]: r[2] for r in rows}["2026-06"]
    # At 30/06: due = t2 (late) + r1 Feb (on time) + t6, r1 Mar/Apr/May (overdue) + r1 Jun (due that day).
    cells = re.findall(r'data-label="([^"]+)">([^<]+)<', june)
    assert dict(cells) == {"Đến hạn": "7", "Đúng hạn": "1", "Tỉ lệ đúng hạn": "14%", "Quá hạn": "4"}
    points = reports.progress["van-phong"]
    assert [p.overdue for p in points][-4:] == [4, 5, 6, 7]
    assert reports.progress["*"][-1].overdue == sum(
        reports.progress[u][-1].overdue for u in ("van-phong", "kinh-te", "van-hoa-xa-hoi", "ubnd-xa")
    )


def test_chart_svg_is_well_formed_and_scaled() -> None:
    import xml.etree.ElementTree as ET

    from noticeboard.model.reports import ProgressPoint, progress_dates
    from noticeboard.render.chart import nice_top, overdue_svg, rate_svg

    months = progress_dates(date(2026, 12, 5))
    points = [
        ProgressPoint(m, m.end, on_time=i, due=0 if i == 3 else 10, overdue=3 * i)
        for i, m in enumerate(months)
    ]
    ns = {"s": "http://www.w3.org/2000/svg"}
    rate = ET.fromstring(rate_svg(points, "x"))
    assert len(rate.findall("s:circle", ns)) == 11  # the month without due tasks has no point
    assert len(rate.findall("s:polyline", ns)) == 2  # and breaks the line
    bars = ET.fromstring(overdue_svg(points, "y")).findall("s:rect", ns)
    assert len(bars) == 11  # a month with 0 overdue draws no bar
    assert max(float(b.get("height") or 0) for b in bars) <= 170
    assert [nice_top(v) for v in (0, 3, 7, 12, 33, 101)] == [1, 5, 10, 20, 50, 200]


# -- hidden notices ---------------------------------------------------------------------------

SECRETS = (
    "NHIEMVUNHAP",
    "NHIEMVUMAT",
    "NHIEMVUHOAN",
    "KHÔNG ĐƯỢC LỘ",
    "CHƯA ĐẾN NGÀY",
    "2026-03-01-nhap",
    "2026-03-02-mat",
    "2026-03-03-hoan",
)


def test_hidden_notices_reach_no_report_file(site_dir: Path) -> None:
    checked = 0
    for path in [
        *site_dir.glob("bao-cao/**/*"),
        site_dir / "du-lieu" / "bao-cao.json",
        *site_dir.glob("don-vi/**/index.html"),
    ]:
        if path.is_dir():
            continue
        if path.suffix in (".docx", ".xlsx"):
            with zipfile.ZipFile(path) as archive:
                texts = [archive.read(name).decode("utf-8", "replace") for name in archive.namelist()]
        else:
            texts = [path.read_text(encoding="utf-8")]
        for text in texts:
            for secret in SECRETS:
                assert secret not in text, (path, secret)
        checked += 1
    assert checked > 40


# -- open data --------------------------------------------------------------------------------


def test_bao_cao_json_validates_and_matches(site_dir: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    data = json.loads((site_dir / "du-lieu" / "bao-cao.json").read_text(encoding="utf-8"))
    schema = json.loads((site_dir / "du-lieu" / "schema" / "bao-cao.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)
    by_key = {p["period"]: p for p in data["periods"]}
    for key, (assigned, due, overdue) in EXPECTED.items():
        for name, expected in (("assigned", assigned), ("due", due)):
            block = by_key[key][name]
            assert {row["unit"]: row["counts"] for row in block["rows"]} == expected
            assert block["total"]["counts"] == _total(expected)
        if overdue is not None:
            assert [
                (i["id"], i["due"], i["days_overdue"]) for i in by_key[key]["overdue"]["items"]
            ] == overdue
    data_page = (site_dir / "du-lieu" / "index.html").read_text(encoding="utf-8")
    assert 'href="bao-cao.json"' in data_page and "schema/bao-cao.schema.json" in data_page
    for field in ("report_date", "assigned", "due", "overdue", "days_overdue", "on_time_rate", "progress"):
        assert f"<code>{field}</code>" in data_page, field


# -- documents, read back by LibreOffice ---------------------------------------------------------


def _soffice(tmp_path: Path, target: str, source: Path) -> Path:
    import subprocess

    soffice = require_tool("soffice")
    profile = tmp_path / "lo-profile"  # our own profile: another soffice may be running
    out = tmp_path / "lo-out"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return out


def test_docx_and_xlsx_are_the_same_report(site_dir: Path) -> None:
    """Read with python-docx and openpyxl: tables with the official columns, numbers as numbers."""
    import docx
    import openpyxl

    key = "2026-q2"
    assigned, due, overdue = EXPECTED[key]
    document = docx.Document(str(site_dir / "bao-cao" / key / f"bao-cao-{key}.docx"))
    tables = document.tables
    header = [c.text for c in tables[1].rows[0].cells]
    assert header[3:7] == [
        "Hoàn thành đúng hạn",
        "Hoàn thành quá hạn",
        "Chưa hoàn thành, trong hạn",
        "Chưa hoàn thành, quá hạn",
    ]
    totals = [c.text for c in tables[2].rows[-1].cells]  # the due block's total row
    assert totals[1] == "Tổng cộng" and [int(x) for x in totals[3:]] == [_total(due)[s] for s in S]
    appendix = [[c.text for c in row.cells] for row in tables[-1].rows[1:]]
    assert [(r[4], int(r[5])) for r in appendix] == [(f"{d[8:]}/{d[5:7]}/{d[:4]}", n) for _, d, n in overdue]
    assert document.core_properties.created.date() == date(2026, 9, 15)

    book = openpyxl.load_workbook(site_dir / "bao-cao" / key / f"bao-cao-{key}.xlsx")
    assert book.sheetnames == ["Giao trong kỳ", "Đến hạn trong kỳ"]
    for sheet, expected in zip(book.worksheets, (assigned, due), strict=True):
        assert sheet.freeze_panes == "A2"
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0][2:] == (
            "Tổng số",
            "Hoàn thành đúng hạn",
            "Hoàn thành quá hạn",
            "Chưa hoàn thành, trong hạn",
            "Chưa hoàn thành, quá hạn",
            "Thường xuyên",
            "Dừng thực hiện",
        )
        assert {r[0]: dict(zip(S, r[3:], strict=True)) for r in rows[1:-1]} == expected
        assert rows[-1][:2] == ("*", "Tổng cộng") and all(isinstance(v, int) for r in rows[1:] for v in r[2:])
        assert sheet.column_dimensions["B"].width >= 40


def test_shipped_skeletons_are_what_the_libraries_make() -> None:
    """documents/bao-cao.docx and .xlsx are python-docx's and openpyxl's output, member for member
    (after a change to their making or a new library version: ``write_skeletons()``)."""
    from noticeboard.render.report_files import SKELETONS, make_docx_skeleton, make_xlsx_skeleton

    for name, make in (("bao-cao.docx", make_docx_skeleton), ("bao-cao.xlsx", make_xlsx_skeleton)):
        with zipfile.ZipFile(SKELETONS / name) as archive:
            shipped = {member: archive.read(member) for member in archive.namelist()}
        assert shipped == make(), f"{name}: run noticeboard.render.report_files.write_skeletons()"


def test_documents_are_byte_identical_between_builds(site_dir: Path, tmp_path: Path) -> None:
    from noticeboard.render.report_files import report_docx, report_xlsx

    key = "2026-q1"
    result = load_site(site_dir.parent / "content", date.fromisoformat(AS_OF))
    report = build_reports(result.site).by_key[key]
    assert (
        report_xlsx(report, result.site.as_of)
        == (site_dir / "bao-cao" / key / f"bao-cao-{key}.xlsx").read_bytes()
    )
    docx_bytes = report_docx(report, "Ủy ban nhân dân xã", "", result.site.as_of)
    assert docx_bytes == (site_dir / "bao-cao" / key / f"bao-cao-{key}.docx").read_bytes()


@pytest.mark.slow
def test_docx_through_libreoffice(site_dir: Path, tmp_path: Path) -> None:
    import subprocess

    key = "2026-q2"
    out = _soffice(tmp_path, "pdf", site_dir / "bao-cao" / key / f"bao-cao-{key}.docx")
    pdftotext = require_tool("pdftotext")
    text = subprocess.run(
        [pdftotext, "-layout", str(out / f"bao-cao-{key}.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for line in (
        "ỦY BAN NHÂN DÂN XÃ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: …/BC-UBND",
        "ngày 15 tháng 9 năm 2026",
        "BÁO CÁO",
        "Kết quả thực hiện nhiệm vụ quý II/2026",
        "I. NHIỆM VỤ GIAO TRONG KỲ",
        "II. NHIỆM VỤ ĐẾN HẠN TRONG KỲ",
        "Nơi nhận:",
        "PHỤ LỤC",
        "Phối hợp báo xong",
        "Gia hạn sau kỳ",
    ):
        assert line in text, line
    # The due block's total row, as LibreOffice lays it out: "Tổng cộng", the total and the six statuses.
    total = _total(EXPECTED[key][1])
    numbers = [sum(total.values()), *total.values()]
    assert re.search(r"Tổng cộng\s+" + r"\s+".join(map(str, numbers)) + r"\b", text), text
    assert "10/02/2026" in text  # a due date on one line in the appendix


@pytest.mark.slow
def test_xlsx_through_libreoffice(site_dir: Path, tmp_path: Path) -> None:
    import csv

    key = "2026-q2"
    assigned, due, _ = EXPECTED[key]
    out = _soffice(
        tmp_path,
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
        site_dir / "bao-cao" / key / f"bao-cao-{key}.xlsx",
    )
    for sheet, expected in (("Giao trong kỳ", assigned), ("Đến hạn trong kỳ", due)):
        with (out / f"bao-cao-{key}-{sheet}.csv").open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        assert rows[0][:3] == ["Mã đơn vị", "Đơn vị chủ trì", "Tổng số"]
        assert {r[0]: dict(zip(S, map(int, r[3:]), strict=True)) for r in rows[1:-1]} == expected
        assert rows[-1][:2] == ["*", "Tổng cộng"] and [int(x) for x in rows[-1][3:]] == list(
            _total(expected).values()
        )


# -- print --------------------------------------------------------------------------------------


@pytest.mark.slow
def test_report_page_prints_on_a4(site_dir: Path, tmp_path: Path) -> None:
    """In chromium's print layout the tables fit an A4 page's width and the PDF is A4."""
    import functools
    import http.server
    import threading

    from conftest import CHROMIUM, CHROMIUM_ARGS

    require_tool(CHROMIUM)
    sync_api = pytest.importorskip("playwright.sync_api")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/bao-cao/2026-q2/")
            page.emulate_media(media="print")
            pdf = tmp_path / "report.pdf"
            page.pdf(path=str(pdf), format="A4")
            # A4 minus chromium's default 1 cm margins, in CSS pixels.
            page.set_viewport_size({"width": round((210 - 20) / 25.4 * 96), "height": 1000})
            widths = page.evaluate("""() => [...document.querySelectorAll('table, svg, ol')].map(
                e => Math.ceil(e.getBoundingClientRect().right))""")
            hidden = page.evaluate("""() => ['.md-header', '.md-tabs', '.md-sidebar', '.md-search'].map(
                s => [...document.querySelectorAll(s)].every(e => getComputedStyle(e).display === 'none'))""")
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    assert widths and max(widths) <= round(190 / 25.4 * 96), widths
    assert all(hidden), hidden
    pypdf = pytest.importorskip("pypdf")
    box = pypdf.PdfReader(str(pdf)).pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 1.5 and abs(float(box.height) - 841.9) < 1.5  # A4 in points


def test_organization_names_the_issuing_body(tmp_path: Path) -> None:
    """With the `organization` option (CONTENT_FORMAT §4) the .docx header names it, in capitals."""
    import docx

    project = make_project(tmp_path, FILES, as_of=AS_OF)
    yml = project / "mkdocs.yml"
    yml.write_text(
        yml.read_text(encoding="utf-8") + "      organization:\n        name: Ủy ban nhân dân xã Hòa Phú\n"
        "        address: Thôn Đông, xã Hòa Phú\n",
        encoding="utf-8",
    )
    site = build(project)
    header = docx.Document(str(site / "bao-cao" / "2026-q1" / "bao-cao-2026-q1.docx")).tables[0]
    left, right = (cell.text for cell in header.rows[0].cells)
    assert left.splitlines() == ["ỦY BAN NHÂN DÂN XÃ HÒA PHÚ", "Số: …/BC-UBND"]
    assert right.splitlines()[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert right.splitlines()[2].endswith("ngày 15 tháng 9 năm 2026")


def test_progress_block_without_a_unit_is_the_whole_site(project: Path) -> None:
    """What the overview includes: noticeboard/_progress.html with no `unit` shows every lead unit."""
    from noticeboard.render.pages import Renderer, make_environment

    result = load_site(project / "content", date.fromisoformat(AS_OF))
    env = make_environment()
    Renderer(result.site, env)
    html = env.get_template("noticeboard/_progress.html").render(
        as_of=result.site.as_of, url=lambda target: target
    )
    assert 'data-progress="*"' in html and html.count('<svg class="nb-chart') == 2
    june = re.search(r'<tr data-month="2026-06"[^>]*>(.*?)</tr>', html)
    assert june is not None
    # At 30/06 overdue: van-phong 4 (t6, r1 March-May) + kinh-te 1 (t3 at its extended due).
    assert dict(re.findall(r'data-label="([^"]+)">([^<]+)<', june.group(1)))["Quá hạn"] == "5"
    assert 'href="bao-cao/2026-09/"' in html and 'href="bao-cao/2026-q3/"' in html
