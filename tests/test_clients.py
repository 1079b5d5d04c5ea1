"""What strict real clients make of our outputs: libical (Evolution, KDE) reads every calendar, the
sitemap passes the sitemaps.org schema, robots.txt names it, LibreOffice reads the CSV's dates
and texts back as they are, feed readers get absolute links."""

from __future__ import annotations

import csv
import ctypes
import ctypes.util
import io
import logging
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from conftest import FIXTURES, MKDOCS_YML, REPO, build, make_project, notice

AS_OF = "2026-11-21"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

NOTICE = notice(
    """
    kind: thong-bao
    number: 012/TB-UBND
    issuer: ubnd-xa
    date: 2026-04-10
    title: Kết luận giao ban
    tasks:
      - id: sap-nhap-thon
        title: Tham mưu phương án sáp nhập thôn
        lead: van-hoa-xa-hoi
        support: [van-phong]
        due: 10/5/2026
        ref: "01"
      - id: bao-cao-quy
        title: Báo cáo quý
        lead: van-phong
        due: quý II/2026
        ref: "1.10"
    """
)


def _missing(what: str, hint: str) -> None:
    """A tool the test needs is missing: a skip on a developer's machine, a failure in CI."""
    message = f"{what} is missing ({hint})"
    if IN_CI:
        pytest.fail(message + "; CI=true needs every tool")
    pytest.skip(message)


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "site"
    env = {**os.environ, "NOTICEBOARD_AS_OF": AS_OF, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("NOTICEBOARD_SITE_URL", None)
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


@pytest.fixture(scope="module")
def small_site(tmp_path_factory) -> Path:
    return build(
        make_project(tmp_path_factory.mktemp("small"), {"notices/2026/2026-04-10-giao-ban.md": NOTICE})
    )


# -- calendars: libical ---------------------------------------------------------------------------
class Libical:
    """libical's parser and its iTIP/RFC restriction check, through ctypes (Debian: libical3)."""

    def __init__(self) -> None:
        name = ctypes.util.find_library("ical")
        if name is None:
            _missing("libical", "apt-get install libical3")
        lib = ctypes.CDLL(name)
        lib.icalparser_parse_string.restype = ctypes.c_void_p
        lib.icalparser_parse_string.argtypes = [ctypes.c_char_p]
        for fn in (
            "icalrestriction_check",
            "icalcomponent_count_errors",
            "icalcomponent_isa",
            "icalcomponent_free",
        ):
            getattr(lib, fn).argtypes = [ctypes.c_void_p]
        lib.icalcomponent_count_components.argtypes = [ctypes.c_void_p, ctypes.c_int]
        lib.icalcomponent_as_ical_string.restype = ctypes.c_char_p
        lib.icalcomponent_as_ical_string.argtypes = [ctypes.c_void_p]
        lib.icalcomponent_kind_to_string.restype = ctypes.c_char_p
        lib.icalcomponent_kind_to_string.argtypes = [ctypes.c_int]
        self.lib = lib

    def problems(self, data: bytes) -> list[str]:
        """What libical finds wrong in one calendar file (nothing: an empty list)."""
        lib = self.lib
        comp = lib.icalparser_parse_string(data)
        if not comp:
            return ["libical parsed nothing"]
        try:
            found = []
            kind = lib.icalcomponent_kind_to_string(lib.icalcomponent_isa(comp)).decode()
            if kind != "VCALENDAR":
                found.append(f"top component is {kind}")
            if lib.icalcomponent_count_components(comp, 1) == 0:  # 1: ICAL_ANY_COMPONENT
                found.append("no component (RFC 5545 wants at least one)")
            if not lib.icalrestriction_check(comp) or lib.icalcomponent_count_errors(comp):
                text = lib.icalcomponent_as_ical_string(comp).decode()
                found += [line for line in text.splitlines() if line.startswith("X-LIC-ERROR")] or [
                    "restrictions"
                ]
            return found
        finally:
            lib.icalcomponent_free(comp)


@pytest.fixture(scope="module")
def libical() -> Libical:
    return Libical()


@pytest.mark.slow  # needs libical (a system library), like every test of a system tool
def test_libical_accepts_every_calendar_of_the_demo(demo_site, libical):
    calendars = sorted(demo_site.glob("lich/**/*.ics"))
    assert len(calendars) > 20
    bad = {str(p.relative_to(demo_site)): libical.problems(p.read_bytes()) for p in calendars}
    assert {k: v for k, v in bad.items() if v} == {}


@pytest.mark.slow  # needs libical (a system library), like every test of a system tool
def test_a_unit_without_deadlines_has_a_valid_calendar(small_site, libical):
    """kinh-te has no task: its calendar exists (a subscriber keeps the URL) and is valid RFC 5545."""
    from icalendar import Calendar

    data = (small_site / "lich" / "don-vi" / "kinh-te.ics").read_bytes()
    assert libical.problems(data) == []
    cal = Calendar.from_ical(data)
    assert [c.name for c in cal.subcomponents] == ["VTIMEZONE"]
    assert cal.subcomponents[0]["TZID"] == cal["X-WR-TIMEZONE"] == "Asia/Ho_Chi_Minh"
    assert "METHOD" not in cal


def test_lead_and_supporting_copies_have_their_own_uid(demo_site):
    """A client subscribed to two calendars keeps one event per UID: one UID, one content."""
    from icalendar import Calendar

    seen: dict[str, tuple[str, str]] = {}
    supporting = 0
    for path in sorted(demo_site.glob("lich/**/*.ics")):
        for event in Calendar.from_ical(path.read_bytes()).walk("VEVENT"):
            uid, this = str(event["UID"]), (str(event["SUMMARY"]), str(event["DESCRIPTION"]))
            assert seen.setdefault(uid, this) == this, (uid, path.name)
            supporting += uid.split("@")[0].endswith(".phoi-hop")
    assert supporting, "the demo has supporting units' copies"


def test_vtimezone_spans_only_published_notices(tmp_path):
    """A hidden notice is no byte of any output: not even the first year of the calendars' VTIMEZONE."""
    draft = NOTICE.replace("2026-04-10", "2024-03-01").replace(
        "kind: thong-bao", "kind: thong-bao\nstatus: draft"
    )
    site = build(
        make_project(
            tmp_path,
            {"notices/2026/2026-04-10-giao-ban.md": NOTICE, "notices/2024/2024-03-01-nhap.md": draft},
        )
    )
    for path in site.glob("lich/**/*.ics"):
        text = path.read_text(encoding="utf-8")
        assert "DTSTART:20260101T000000" in text and "2024" not in text, path.name


def test_vtimezone_follows_a_zone_with_summer_time():
    from icalendar import Calendar

    from noticeboard.render.ics import timezone_component

    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//VI\r\n"
        + timezone_component("Europe/Berlin", 2026, 2026)
        + b"END:VCALENDAR\r\n"
    )
    zone = Calendar.from_ical(data).walk("VTIMEZONE")[0]
    onsets = [
        (c.name, c["DTSTART"].dt, c["TZOFFSETTO"].td.total_seconds() / 3600) for c in zone.subcomponents
    ]
    assert onsets == [
        ("STANDARD", datetime(2026, 1, 1), 1),
        ("DAYLIGHT", datetime(2026, 3, 29, 2), 2),
        ("STANDARD", datetime(2026, 10, 25, 3), 1),
    ]


# -- sitemap and robots.txt -------------------------------------------------------------------------
def _sitemap_schema():
    etree = pytest.importorskip("lxml.etree")
    return etree, etree.XMLSchema(etree.parse(str(FIXTURES / "schemas" / "sitemap.xsd")))


def test_demo_sitemap_is_valid_and_lists_every_page(demo_site):
    etree, schema = _sitemap_schema()
    doc = etree.parse(str(demo_site / "sitemap.xml"))
    assert schema.validate(doc), schema.error_log
    locs = {e.text for e in doc.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    pages = {p.relative_to(demo_site).parent.as_posix() for p in demo_site.glob("**/index.html")}
    pages -= {p for p in pages if p.startswith("pagefind")}
    assert {"https://example.gov.vn/" + (p + "/" if p != "." else "") for p in pages} <= locs
    robots = (demo_site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots and "Sitemap: https://example.gov.vn/sitemap.xml" in robots.splitlines()


def test_the_schema_refuses_the_empty_sitemap_mkdocs_wrote():
    etree, schema = _sitemap_schema()
    empty = b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n</urlset>'
    assert not schema.validate(etree.fromstring(empty))


def test_without_site_url_no_sitemap_and_a_plain_warning(tmp_path, caplog):
    project = make_project(tmp_path, {"notices/2026/2026-04-10-giao-ban.md": NOTICE})
    without = re.sub(r"(?m)^site_url:.*\n", "", MKDOCS_YML)
    assert without != MKDOCS_YML
    (project / "mkdocs.yml").write_text(without.format(as_of="2026-05-01"), encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.noticeboard"):
        site = build(
            project
        )  # strict: the warning does not fail a build (the contract keeps site_url optional)
    assert not (site / "sitemap.xml").exists() and not (site / "sitemap.xml.gz").exists()
    assert (site / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nAllow: /\n"
    assert any("site_url" in r.getMessage() and r.getMessage().startswith("Cảnh báo") for r in caplog.records)


def test_a_sites_own_robots_txt_wins(tmp_path):
    own = "User-agent: *\nDisallow: /du-lieu/\n"
    site = build(make_project(tmp_path, {"notices/2026/2026-04-10-giao-ban.md": NOTICE, "robots.txt": own}))
    assert (site / "robots.txt").read_text(encoding="utf-8") == own


# -- feeds -------------------------------------------------------------------------------------------
def test_demo_feeds_link_absolutely(demo_site):
    import feedparser

    feeds = [demo_site / "thong-bao" / "feed.xml", *sorted(demo_site.glob("don-vi/*/feed.xml"))]
    links = []
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())  # no base URL given: only absolute links resolve
        assert not parsed.bozo, (path, parsed.bozo_exception)
        links += [link.href for entry in parsed.entries for link in entry.links]
    assert links and all(href.startswith("https://example.gov.vn/") for href in links)


# -- CSV read back by LibreOffice ----------------------------------------------------------------------
def _soffice_xlsx(csv_path: Path, out: Path, language: int) -> Path:
    soffice = shutil.which("soffice")
    if soffice is None:
        _missing("soffice", "apt-get install libreoffice-calc")
    # comma, double quote, UTF-8 (76), from line 1, standard columns, locale, quoted not forced to
    # text, special numbers (dates) detected: what a clerk's spreadsheet does on opening the file
    infilter = f"CSV:44,34,76,1,,{language},false,true"
    profile = (out / "profile").as_uri()
    proc = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            f"--infilter={infilter}",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(csv_path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    result = out / (csv_path.stem + ".xlsx")
    assert result.is_file(), proc.stdout + proc.stderr
    return result


@pytest.mark.slow
@pytest.mark.parametrize("language", [1033, 1066])  # en-US (month first), vi-VN (day first)
def test_libreoffice_reads_the_csv_dates_and_texts_as_written(small_site, tmp_path, language):
    openpyxl = pytest.importorskip("openpyxl")
    source = small_site / "du-lieu" / "nhiem-vu.csv"
    rows = list(csv.DictReader(io.StringIO(source.read_text(encoding="utf-8-sig"))))
    sheet = openpyxl.load_workbook(_soffice_xlsx(source, tmp_path, language), data_only=True).active
    header = [c.value for c in sheet[1]]
    read = [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    assert len(read) == len(rows) == 2
    by_id = {r["id"]: r for r in read}
    day = by_id["2026-04-10-giao-ban/sap-nhap-thon"]
    assert day["due"] == day["deadline"] == datetime(2026, 5, 10)  # not 5 October
    assert day["notice_date"] == datetime(2026, 4, 10)
    assert day["ref"] == "01"
    assert day["notice_number"] == "012/TB-UBND"
    quarter = by_id["2026-04-10-giao-ban/bao-cao-quy"]
    assert quarter["ref"] == "1.10"
    assert quarter["due"] == datetime(2026, 6, 30) and isinstance(quarter["deadline"], str)
    written = {r["id"]: r for r in rows}["2026-04-10-giao-ban/sap-nhap-thon"]
    assert written["deadline"] == written["due"] == "2026-05-10" and written["ref"] == '="01"'


def test_csv_cells_a_spreadsheet_would_change_are_kept_as_text():
    from noticeboard.render.exports import csv_cell

    assert [csv_cell(v) for v in ("01", "1.10", "12/2018", "2,5", "007")] == [
        '="01"',
        '="1.10"',
        '="12/2018"',
        '="2,5"',
        '="007"',
    ]
    assert [csv_cell(v) for v in ("1", "45/TB-UBND", "2026-05-10", "0", 7, "-1", "Quý II")] == [
        "1",
        "45/TB-UBND",
        "2026-05-10",
        "0",
        "7",
        "'-1",
        "Quý II",
    ]
