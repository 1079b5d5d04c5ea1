"""Non-HTML outputs read back by the tools people use: ICS (icalendar, vobject), Atom (feedparser),
JSON/CSV open data, JSON Schemas; golden files; browser freshness."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import feedparser
import icalendar
import pytest
import vobject

from conftest import REPO, build, make_project, notice
from noticeboard.pipeline import load_site
from noticeboard.render.exports import NOTICE_FIELDS, TASK_FIELDS, UNIT_FIELDS
from noticeboard.render.outputs import OutputContext, generate_outputs, output_paths
from test_site import HIDDEN, NOTICE, REPORTS

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "golden"
AS_OF = date(2026, 5, 1)

TRICKY_TITLE = "Dòng một\nEND:VEVENT\nBEGIN:VTODO\nSUMMARY:chèn, thêm; lệnh"
LONG_TITLE = (
    "Rà soát, thống kê, phân loại toàn bộ hồ sơ thủ tục hành chính lĩnh vực văn hoá, thể thao, du lịch, y tế, giáo dục "
    * 2
)
SPECIAL = notice(
    f"""
    kind: ke-hoach
    number: 12/KH-UBND
    issuer: ubnd-xa
    date: 2026-04-20
    title: Kế hoạch thử các ký tự đặc biệt
    tasks:
      - id: cong-thuc
        title: '=HYPERLINK("http://x.invalid","bấm")'
        lead: kinh-te
        output: "+84 912 000 000"
        ref: "-1"
        due: 15/5/2026
      - id: xuong-dong
        title: {json.dumps(TRICKY_TITLE, ensure_ascii=False)}
        lead: van-phong
        support: [kinh-te, van-hoa-xa-hoi]
        due: 2026-05-20
      - id: dai
        title: {json.dumps(LONG_TITLE.strip(), ensure_ascii=False)}
        lead: kinh-te
        supervisor: "@Chủ tịch"
        due: hằng tháng
    """
)
CONTENT = {
    "notices/2026/2026-04-10-vhxh.md": NOTICE,
    "notices/2026/2026-04-20-dac-biet.md": SPECIAL,
    **REPORTS,
    **HIDDEN,
}
HIDDEN_WORDS = (
    "NHÁP",
    "KHÔNG ĐƯỢC LỘ",
    "CHỜ CÔNG BỐ",
    "2026-04-12-ban-nhap",
    "2026-04-13-mat",
    "2026-04-14-cho-cong-bo",
)
OUTPUT_SUFFIXES = (".ics", ".xml", ".json", ".csv")


def outputs(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
        and p.suffix in OUTPUT_SUFFIXES
        and not p.relative_to(site).as_posix().startswith(("search/", "pagefind/"))
    }


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("outputs"), CONTENT, as_of=AS_OF.isoformat())


@pytest.fixture(scope="module")
def site(project) -> Path:
    return build(project)


@pytest.fixture(scope="module")
def model(project):
    return load_site(project / "content", AS_OF).site


def ics_events(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def event_for(data: bytes, gid: str) -> icalendar.Event:
    notice_id, task_id = gid.split("/")
    (event,) = [e for e in ics_events(data) if str(e["UID"]).startswith(f"{notice_id}.{task_id}.")]
    return event


# -- files and URLs ----------------------------------------------------------------------------


def test_every_output_exists(site, model):
    expected = {
        "lich/nhiem-vu.ics",
        "thong-bao/feed.xml",
        "du-lieu/nhiem-vu.json",
        "du-lieu/nhiem-vu.csv",
        "du-lieu/thong-bao.json",
        "du-lieu/don-vi.json",
        "du-lieu/index.html",
        *(f"du-lieu/schema/{n}.schema.json" for n in ("units", "notice", "report")),
        *(f"lich/don-vi/{u.id}.ics" for u in model.units),
        *(f"don-vi/{u.id}/feed.xml" for u in model.units),
        *(f"lich/thong-bao/{n.id}.ics" for n in model.notices),
    }
    missing = [p for p in sorted(expected) if not (site / p).is_file()]
    assert not missing


def test_output_paths_from_the_model_are_the_files_written(model):
    """The build settles a clash between an output file and a docs file before anything is written,
    from the paths the model names (render/outputs.output_paths): they must be exactly the files
    the generators make, for this project and for the demo."""
    demo = load_site(REPO / "content", AS_OF).site
    for site in (model, demo):
        made = generate_outputs(site, OutputContext("https://xa.example.vn/", "Xã"))
        assert output_paths(site) == sorted(made) and len(made) > 10


@pytest.mark.parametrize("word", HIDDEN_WORDS)
def test_hidden_notices_are_in_no_output(site, word):
    for path, data in outputs(site).items():
        assert word not in data.decode("utf-8"), f"{word} in {path}"
    assert not list(site.glob("lich/thong-bao/2026-04-1[234]-*.ics"))


# -- iCalendar ---------------------------------------------------------------------------------


def calendars(site: Path) -> dict[str, bytes]:
    return {k: v for k, v in outputs(site).items() if k.endswith(".ics")}


def expected_items(model, path: str) -> list:
    if path == "lich/nhiem-vu.ics":
        items = model.items
    elif path.startswith("lich/don-vi/"):
        unit = model.units_by_id[path.rsplit("/", 1)[1][:-4]]
        items = unit.led + unit.supported
    else:
        items = model.notices_by_id[path.rsplit("/", 1)[1][:-4]].items
    return [i for i in items if i.due is not None]


def test_ics_read_by_icalendar(site, model):
    for path, data in calendars(site).items():
        cal = icalendar.Calendar.from_ical(data)
        events = list(cal.walk("VEVENT"))
        items = expected_items(model, path)
        assert len(events) == len(items), path
        assert not list(cal.walk("VTODO")), path
        uids = [str(e["UID"]) for e in events]
        assert len(set(uids)) == len(uids), path
        for event in events:
            start, end = event.decoded("DTSTART"), event.decoded("DTEND")
            assert type(start) is date and type(end) is date, path
            assert end == start + timedelta(days=1)
            assert event.decoded("DTSTAMP") == event.decoded("LAST-MODIFIED")
        assert sorted(e.decoded("DTSTART") for e in events) == [e.decoded("DTSTART") for e in events], (
            "sorted by due"
        )
        assert sorted(i.due for i in items) == [e.decoded("DTSTART") for e in events]


def test_ics_read_by_vobject(site, model):
    for path, data in calendars(site).items():
        cal = vobject.readOne(data.decode("utf-8"))
        events = list(getattr(cal, "vevent_list", []))
        assert len(events) == len(expected_items(model, path)), path
        assert not hasattr(cal, "vtodo"), path
        for event in events:
            assert event.dtstart.params.get("VALUE") == ["DATE"]
            assert type(event.dtstart.value) is date
            assert event.dtend.value == event.dtstart.value + timedelta(days=1)


def test_ics_physical_lines(site):
    for path, data in calendars(site).items():
        assert data.endswith(b"\r\n"), path
        assert b"\n" not in data.replace(b"\r\n", b""), f"bare LF in {path}"
        assert b"\r" not in data.replace(b"\r\n", b""), f"bare CR in {path}"
        for line in data.split(b"\r\n"):
            assert len(line) <= 75, (path, line)
            line.decode("utf-8")  # a fold never splits a UTF-8 character


def test_ics_long_vietnamese_title_is_folded_and_intact(site):
    data = (site / "lich" / "nhiem-vu.ics").read_bytes()
    assert any(line.startswith(b" ") for line in data.split(b"\r\n")), "long lines are folded"
    event = ics_events(data)
    summaries = [str(e["SUMMARY"]) for e in event]
    assert any(LONG_TITLE.strip() in s for s in summaries)


def test_ics_editor_text_cannot_inject_properties(site):
    data = (site / "lich" / "nhiem-vu.ics").read_bytes()
    lines = data.decode("utf-8").split("\r\n")
    assert not any(line.startswith(("BEGIN:VTODO", "SUMMARY:chèn")) for line in lines)
    assert sum(line == "BEGIN:VEVENT" for line in lines) == sum(line == "END:VEVENT" for line in lines)
    event = event_for(data, "2026-04-20-dac-biet/xuong-dong")
    assert str(event["SUMMARY"]) == f"[Trong hạn] {TRICKY_TITLE} — VP"
    vevent = next(
        e for e in vobject.readOne(data.decode("utf-8")).vevent_list if e.uid.value == str(event["UID"])
    )
    assert vevent.summary.value == f"[Trong hạn] {TRICKY_TITLE} — VP"


def test_ics_summary_description_and_links(site):
    data = (site / "lich" / "nhiem-vu.ics").read_bytes()
    event = event_for(data, "2026-04-10-vhxh/lich-cong-tac")
    assert str(event["SUMMARY"]) == "[Quá hạn] Xây dựng lịch công tác tuần, tháng — VP"
    description = str(event["DESCRIPTION"])
    # the title is the SUMMARY's and a day's due the DTSTART's: not repeated (issue 20)
    assert "Xây dựng lịch công tác tuần, tháng" not in description and "Hạn:" not in description
    for text in (
        "Thông báo số 45/TB-UBND ngày 10/04/2026",
        "Chủ trì: Văn phòng HĐND và UBND xã",
        "Phối hợp: Phòng Văn hoá - Xã hội",
        "Chưa hoàn thành, quá hạn",
        "https://example.gov.vn/thong-bao/2026-04-10-vhxh/#nv-lich-cong-tac",
    ):
        assert text in description, text
    assert str(event["URL"]) == "https://example.gov.vn/thong-bao/2026-04-10-vhxh/#nv-lich-cong-tac"
    assert str(event["UID"]) == "2026-04-10-vhxh.lich-cong-tac.20260430@example.gov.vn"
    extended = event_for(data, "2026-04-10-vhxh/de-an-vtvl")
    assert extended.decoded("DTSTART") == date(2026, 5, 15)
    assert "Hạn: 15/05/2026 (gia hạn; hạn gốc 20/04/2026)" in str(extended["DESCRIPTION"])
    assert str(extended["UID"]).endswith(".20260420@example.gov.vn"), "the UID keeps the original due"


def test_ics_calendar_properties(site):
    text = (site / "lich" / "don-vi" / "van-hoa-xa-hoi.ics").read_bytes().decode("utf-8")
    unfolded = text.replace("\r\n ", "")
    for line in (
        "VERSION:2.0",
        "REFRESH-INTERVAL;VALUE=DURATION:PT12H",
        "X-PUBLISHED-TTL:PT12H",
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
        "NAME:Xã Thử Nghiệm — Hạn nhiệm vụ — VH-XH",
        "X-WR-CALNAME:Xã Thử Nghiệm — Hạn nhiệm vụ — VH-XH",
    ):
        assert line in unfolded.split("\r\n"), line


def test_unit_calendar_marks_supported_tasks(site):
    data = (site / "lich" / "don-vi" / "van-hoa-xa-hoi.ics").read_bytes()
    summaries = {str(e["UID"]).split(".")[1]: str(e["SUMMARY"]) for e in ics_events(data)}
    assert summaries["lich-cong-tac"].startswith("[Phối hợp] [Quá hạn] ")
    assert summaries["sap-nhap-thon"] == "[Đúng hạn] Tham mưu phương án sáp nhập thôn — VH-XH"
    assert "xuong-dong" in summaries and summaries["xuong-dong"].startswith("[Phối hợp]")
    assert "bao-cao-quy" not in summaries  # led by another unit, not supported


def test_recurring_task_has_one_event_per_started_occurrence(site, model):
    data = (site / "lich" / "nhiem-vu.ics").read_bytes()
    uids = sorted(str(e["UID"]) for e in ics_events(data) if ".dai." in str(e["UID"]))
    task = model.tasks_by_gid["2026-04-20-dac-biet/dai"]
    assert len(uids) == len(task.items) >= 1
    assert uids == sorted(
        f"2026-04-20-dac-biet.dai.{i.original_due:%Y%m%d}@example.gov.vn" for i in task.items
    )


# -- rebuilds ----------------------------------------------------------------------------------


def test_rebuild_is_byte_identical(site, tmp_path):
    again = build(make_project(tmp_path, CONTENT, as_of=AS_OF.isoformat()))
    first, second = outputs(site), outputs(again)
    assert first.keys() == second.keys()
    for path in first:
        assert first[path] == second[path], path


def test_a_report_moves_sequence_and_last_modified(tmp_path):
    base = build(make_project(tmp_path / "a", CONTENT, as_of=AS_OF.isoformat()))
    extra = {
        "progress/van-hoa-xa-hoi/2026-04-30.yml": """\
            by: van-hoa-xa-hoi
            updates:
              - task: 2026-04-10-vhxh/kiem-tra-cong-vu
                state: extended
                new_due: 20/5/2026
              - task: 2026-04-10-vhxh/sap-nhap-thon
                state: done
                done_on: 2026-04-23
                percent: 100
                note: Báo lại, không đổi gì
            """,
    }
    changed = build(make_project(tmp_path / "b", {**CONTENT, **extra}, as_of=AS_OF.isoformat()))
    before = (base / "lich" / "nhiem-vu.ics").read_bytes()
    after = (changed / "lich" / "nhiem-vu.ics").read_bytes()

    old, new = (
        event_for(before, "2026-04-10-vhxh/kiem-tra-cong-vu"),
        event_for(after, "2026-04-10-vhxh/kiem-tra-cong-vu"),
    )
    assert str(old["UID"]) == str(new["UID"])
    assert new.decoded("DTSTART") == date(2026, 5, 20) and old.decoded("DTSTART") == date(2026, 5, 5)
    assert int(new["SEQUENCE"]) == int(old["SEQUENCE"]) + 1
    assert new.decoded("LAST-MODIFIED") > old.decoded("LAST-MODIFIED")
    assert new.decoded("LAST-MODIFIED").date() == date(2026, 4, 30)

    # the same state reported again: newer LAST-MODIFIED, same SEQUENCE
    old, new = (
        event_for(before, "2026-04-10-vhxh/sap-nhap-thon"),
        event_for(after, "2026-04-10-vhxh/sap-nhap-thon"),
    )
    assert int(new["SEQUENCE"]) == int(old["SEQUENCE"])
    assert new.decoded("LAST-MODIFIED").date() == date(2026, 4, 30)

    # untouched tasks keep their events byte for byte
    untouched = "2026-04-10-vhxh/lich-cong-tac"
    assert event_for(before, untouched).to_ical() == event_for(after, untouched).to_ical()


def test_falling_overdue_is_a_change(tmp_path):
    content = {"notices/2026/2026-04-10-vhxh.md": NOTICE}
    before = build(make_project(tmp_path / "a", content, as_of="2026-05-05"))
    after = build(make_project(tmp_path / "b", content, as_of="2026-05-06"))
    old = event_for((before / "lich" / "nhiem-vu.ics").read_bytes(), "2026-04-10-vhxh/kiem-tra-cong-vu")
    new = event_for((after / "lich" / "nhiem-vu.ics").read_bytes(), "2026-04-10-vhxh/kiem-tra-cong-vu")
    assert str(old["SUMMARY"]).startswith("[Trong hạn]") and str(new["SUMMARY"]).startswith("[Quá hạn]")
    assert int(new["SEQUENCE"]) == int(old["SEQUENCE"]) + 1
    assert new.decoded("LAST-MODIFIED").date() == date(2026, 5, 6)


NO_URL_YML = """\
site_name: Xã Không Địa Chỉ
docs_dir: content
theme: {name: material, language: vi}
plugins:
  - search
  - noticeboard:
      as_of: 2026-05-01
"""


def test_without_site_url(tmp_path):
    site = build(
        make_project(
            tmp_path, {"mkdocs.yml": NO_URL_YML, "notices/2026/2026-04-10-vhxh.md": NOTICE, **REPORTS}
        )
    )
    events = ics_events((site / "lich" / "nhiem-vu.ics").read_bytes())
    assert events and all(str(e["UID"]).endswith("@noticeboard") for e in events)
    assert all("URL" not in e for e in events)
    feed = feedparser.parse(
        (site / "thong-bao" / "feed.xml").read_bytes(),
        response_headers={
            "content-location": "https://mirror.example/thong-bao/feed.xml",
            "content-type": "application/atom+xml",
        },
    )
    assert feed.bozo == 0
    assert feed.entries[0].link == "https://mirror.example/thong-bao/2026-04-10-vhxh/"
    tasks = json.loads((site / "du-lieu" / "nhiem-vu.json").read_text(encoding="utf-8"))
    assert tasks[0]["url"].startswith("thong-bao/")
    html = (site / "don-vi" / "van-hoa-xa-hoi" / "index.html").read_text(encoding="utf-8")
    assert 'data-webcal href="../../lich/don-vi/van-hoa-xa-hoi.ics"' in html


# -- Atom --------------------------------------------------------------------------------------


def test_notice_feed(site, model):
    feed = feedparser.parse((site / "thong-bao" / "feed.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert [e.title for e in feed.entries] == [
        "12/KH-UBND: Kế hoạch thử các ký tự đặc biệt",
        "45/TB-UBND: Kết luận làm việc với Phòng Văn hoá - Xã hội",
    ]
    assert len(feed.entries) == len(model.notices)
    first = feed.entries[0]
    assert first.link == "https://example.gov.vn/thong-bao/2026-04-20-dac-biet/"
    assert first.id == "tag:example.gov.vn,2026-04-20:thong-bao/2026-04-20-dac-biet"
    assert first.updated == "2026-04-20T00:00:00+07:00"
    assert feed.feed.updated == "2026-04-20T00:00:00+07:00", "the newest entry, not the clock"
    assert "Kế hoạch số 12/KH-UBND ngày 20/04/2026" in first.summary
    content = first.content[0].value
    assert "=HYPERLINK" in content and "<li>" in content


def test_unit_feed(site):
    raw = (site / "don-vi" / "van-hoa-xa-hoi" / "feed.xml").read_bytes()
    feed = feedparser.parse(raw)
    assert feed.bozo == 0, feed.get("bozo_exception")
    titles = [e.title for e in feed.entries]
    updated = [e.updated for e in feed.entries]
    assert updated == sorted(updated, reverse=True)
    assert feed.feed.updated == updated[0] == "2026-05-01T00:00:00+07:00"  # lich-cong-tac fell overdue on 1/5
    assert "Nhiệm vụ mới (chủ trì): Tham mưu phương án sáp nhập thôn" in titles
    assert "Nhiệm vụ mới (phối hợp): Xây dựng lịch công tác tuần, tháng" in titles
    assert (
        "Báo cáo của VH-XH: Tham mưu phương án sáp nhập thôn — Đã hoàn thành, xong ngày 23/04/2026" in titles
    )
    assert "[Phối hợp] Quá hạn: Xây dựng lịch công tác tuần, tháng — VP" in titles
    ids = [e.id for e in feed.entries]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("tag:example.gov.vn,") for i in ids)


def test_feed_entry_count(site, model):
    unit = model.units_by_id["kinh-te"]
    feed = feedparser.parse((site / "don-vi" / "kinh-te" / "feed.xml").read_bytes())
    tasks = {i.gid for i in unit.led + unit.supported}
    reports = [h for gid in tasks for h in model.tasks_by_gid[gid].history if h.date <= model.as_of]
    overdue = [i for i in unit.led + unit.supported if i.status == "overdue"]
    assert len(feed.entries) == min(50, len(tasks) + len(reports) + len(overdue))


# -- open data ---------------------------------------------------------------------------------


def test_tasks_json(site, model):
    raw = (site / "du-lieu" / "nhiem-vu.json").read_text(encoding="utf-8")
    assert "\\u" not in raw and "Tham mưu phương án" in raw  # ensure_ascii=False
    rows = json.loads(raw)
    assert len(rows) == len(model.items)
    for row in rows:
        assert tuple(row) == TASK_FIELDS
        assert isinstance(row["support"], list)
        for key in ("due", "done_on", "original_due"):
            assert row[key] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", row[key]), (key, row[key])
        assert row["as_of"] == "2026-05-01"
        assert row["url"].startswith("https://example.gov.vn/thong-bao/")
    assert [(r["id"], r["occurrence"]) for r in rows] == sorted((r["id"], r["occurrence"]) for r in rows)
    by_id = {r["id"]: r for r in rows}
    assert by_id["2026-04-10-vhxh/sap-nhap-thon"]["status"] == "done_on_time"
    assert by_id["2026-04-10-vhxh/sap-nhap-thon"]["done_on"] == "2026-04-23"
    assert by_id["2026-04-10-vhxh/sap-nhap-thon"]["support"] == ["van-phong"]
    assert by_id["2026-04-10-vhxh/de-an-vtvl"]["due"] == "2026-05-15"
    assert by_id["2026-04-10-vhxh/de-an-vtvl"]["original_due"] == "2026-04-20"
    assert by_id["2026-04-10-vhxh/de-an-vtvl"]["extended"] is True
    assert by_id["2026-04-10-vhxh/lich-cong-tac"]["days_overdue"] == 1
    assert by_id["2026-04-10-vhxh/thuong-xuyen"]["due"] is None
    assert by_id["2026-04-10-vhxh/thuong-xuyen"]["status"] == "ongoing"
    assert by_id["2026-04-10-vhxh/kiem-tra-cong-vu"]["percent"] == 40
    for item in model.items:
        row = next(r for r in rows if r["id"] == item.gid and r["occurrence"] == item.index)
        assert row["status"] == item.status and row["lead"] == item.task.lead.id


def test_tasks_csv(site):
    raw = (site / "du-lieu" / "nhiem-vu.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "").replace(TRICKY_TITLE, "")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert tuple(rows[0]) == TASK_FIELDS
    data = json.loads((site / "du-lieu" / "nhiem-vu.json").read_text(encoding="utf-8"))
    assert len(rows) == len(data)
    by_id = {r["id"]: r for r in rows}
    assert by_id["2026-04-10-vhxh/sap-nhap-thon"]["title"] == "Tham mưu phương án sáp nhập thôn"
    assert by_id["2026-04-10-vhxh/thuong-xuyen"]["due"] == ""
    assert by_id["2026-04-10-vhxh/de-an-vtvl"]["extended"] == "true"
    assert by_id["2026-04-20-dac-biet/xuong-dong"]["support"] == "kinh-te; van-hoa-xa-hoi"
    assert by_id["2026-04-20-dac-biet/xuong-dong"]["title"] == TRICKY_TITLE
    special = by_id["2026-04-20-dac-biet/cong-thuc"]
    assert special["title"] == "'" + '=HYPERLINK("http://x.invalid","bấm")'
    assert special["output"] == "'+84 912 000 000"
    assert special["ref"] == "'-1"
    assert by_id["2026-04-20-dac-biet/dai"]["supervisor"] == "'@Chủ tịch"
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


def test_notices_json(site, model):
    rows = json.loads((site / "du-lieu" / "thong-bao.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in rows] == ["2026-04-20-dac-biet", "2026-04-10-vhxh"]
    for row in rows:
        assert tuple(row) == NOTICE_FIELDS
    vhxh = rows[1]
    assert vhxh["kind"] == "thong-bao" and vhxh["kind_label"] == "Thông báo"
    assert vhxh["number"] == "45/TB-UBND" and vhxh["issuer"] == "ubnd-xa" and vhxh["place"] == "Bát Tràng"
    assert vhxh["signer"] == {
        "name": "Nguyễn Xuân Giang",
        "authority": "TL. CHỦ TỊCH",
        "title": "Chánh Văn phòng",
    }
    assert vhxh["recipients"][1] == "Các phòng, ban, đơn vị thuộc xã"
    assert vhxh["task_count"] == len(model.notices_by_id["2026-04-10-vhxh"].tasks)
    assert vhxh["url"] == "https://example.gov.vn/thong-bao/2026-04-10-vhxh/"


def test_units_json(site, model):
    rows = json.loads((site / "du-lieu" / "don-vi.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in rows] == sorted(u.id for u in model.units)
    for row in rows:
        assert tuple(row) == UNIT_FIELDS
        unit = model.units_by_id[row["id"]]
        assert row["counts"] == {s: unit.counts[s] for s in row["counts"]}
        assert sum(row["counts"].values()) == len(unit.led)
        assert row["due_total"] == unit.due_total
    vhxh = next(r for r in rows if r["id"] == "van-hoa-xa-hoi")
    assert vhxh["parent"] == "ubnd-xa" and vhxh["short"] == "VH-XH"
    assert vhxh["counts"]["done_on_time"] == 1
    assert vhxh["on_time_rate"] == round(model.units_by_id["van-hoa-xa-hoi"].on_time_rate, 4)
    assert vhxh["calendar"] == "https://example.gov.vn/lich/don-vi/van-hoa-xa-hoi.ics"
    assert next(r for r in rows if r["id"] == "ubnd-xa")["on_time_rate"] is None


def test_data_page_documents_every_field_and_links_files(site):
    html = (site / "du-lieu" / "index.html").read_text(encoding="utf-8")
    for field in {*TASK_FIELDS, *NOTICE_FIELDS, *UNIT_FIELDS}:
        assert f"<dt><code>{field}</code></dt>" in html, field
    for href in (
        "nhiem-vu.json",
        "nhiem-vu.csv",
        "thong-bao.json",
        "don-vi.json",
        "schema/notice.schema.json",
        "schema/units.schema.json",
        "schema/report.schema.json",
        "../lich/nhiem-vu.ics",
        "../thong-bao/feed.xml",
        "../lich/don-vi/kinh-te.ics",
        "../don-vi/kinh-te/feed.xml",
    ):
        assert f'href="{href}"' in html, href
    assert "Sở hữu trí tuệ" in html  # the licence note


def test_unit_and_calendar_pages_offer_subscription(site):
    unit = (site / "don-vi" / "kinh-te" / "index.html").read_text(encoding="utf-8")
    assert 'id="theo-doi-lich"' in unit
    # the test site has a site_url, so the subscribe link is written as webcal:// at build time
    assert 'data-webcal href="webcal://example.gov.vn/lich/don-vi/kinh-te.ics"' in unit
    assert 'href="../../lich/don-vi/kinh-te.ics"' in unit  # and the plain download next to it
    assert 'href="feed.xml"' in unit or 'href="../../don-vi/kinh-te/feed.xml"' in unit
    calendar = (site / "lich" / "index.html").read_text(encoding="utf-8")
    assert 'data-webcal href="webcal://example.gov.vn/lich/nhiem-vu.ics"' in calendar


# -- JSON Schema -------------------------------------------------------------------------------

jsonschema = pytest.importorskip("jsonschema")
SCHEMA_DIR = REPO / "plugins" / "noticeboard" / "schema"


def validator(name: str):
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_published_schemas_are_the_package_ones(site):
    for name in ("units", "notice", "report"):
        published = json.loads(
            (site / "du-lieu" / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
        )
        assert published.pop("$id") == f"https://example.gov.vn/du-lieu/schema/{name}.schema.json"
        assert published == json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


def test_schemas_accept_the_demo_content():
    content = REPO / "content"
    if not (content / "units.yml").is_file():
        pytest.skip("content/units.yml is missing: the demo content is being written")
    from noticeboard.render.schemas import check_content_schemas

    problems = check_content_schemas(content)
    assert not problems, "\n".join(p.format() for p in problems)
    assert list((content / "notices").rglob("*.md")), "the check saw notices"


def test_schemas_accept_the_test_content(project):
    from noticeboard.render.schemas import check_content_schemas

    assert check_content_schemas(project / "content") == []


@pytest.mark.parametrize(
    ("name", "data", "where"),
    [
        ("units", {"units": [{"id": "Kinh_Te", "name": "KT"}]}, ["units", 0, "id"]),
        ("units", {"units": [{"id": "kt"}]}, ["units", 0]),
        ("units", {"units": [{"id": "kt", "name": "KT", "colour": "red"}]}, ["units", 0]),
        ("notice", {"kind": "thong-bao", "issuer": "x", "date": "2026-04-10"}, []),
        ("notice", {"kind": "chi-thi", "issuer": "x", "date": "2026-04-10", "title": "T"}, ["kind"]),
        ("notice", {"kind": "thong-bao", "issuer": "x", "date": "10.4.2026", "title": "T"}, ["date"]),
        (
            "notice",
            {
                "kind": "other",
                "issuer": "x",
                "date": "2026-04-10",
                "title": "T",
                "tasks": [{"id": "a", "title": "A", "lead": ["x", "y"]}],
            },
            ["tasks", 0, "lead"],
        ),
        (
            "notice",
            {
                "kind": "other",
                "issuer": "x",
                "date": "2026-04-10",
                "title": "T",
                "tasks": [{"id": "a", "title": "A", "lead": "x", "due": {"every": "fortnight"}}],
            },
            ["tasks", 0, "due"],
        ),
        (
            "notice",
            {
                "kind": "other",
                "issuer": "x",
                "date": "2026-04-10",
                "title": "T",
                "tasks": [{"id": "a", "title": "A", "lead": "x", "due": True}],
            },
            ["tasks", 0, "due"],
        ),
        ("report", {"by": "kt", "updates": [{"task": "n/a", "state": "done"}]}, ["updates", 0]),
        ("report", {"by": "kt", "updates": [{"task": "n/a", "state": "extended"}]}, ["updates", 0]),
        (
            "report",
            {"by": "kt", "updates": [{"task": "n-a", "state": "in_progress"}]},
            ["updates", 0, "task"],
        ),
        (
            "report",
            {"by": "kt", "updates": [{"task": "n/a", "state": "in_progress", "percent": 120}]},
            ["updates", 0, "percent"],
        ),
        ("report", {"by": "kt", "updates": []}, ["updates"]),
    ],
)
def test_schemas_reject_bad_examples(name, data, where):
    errors = list(validator(name).iter_errors(data))
    assert errors
    assert where in [list(e.absolute_path) for e in errors]


@pytest.mark.parametrize(
    "due",
    [
        "2026-04-25",
        "25/4/2026",
        "quý II/2026",
        "hằng quý",
        "thường xuyên",
        2026,
        None,
        {"every": "quarter", "from": "Q3/2026", "until": "Q2/2027"},
        {"every": "month", "by": 25},
        {"working_days": 10, "after": "2026-05-20"},
    ],
)
def test_deadline_forms_match_exactly_one_branch(due):
    data = {
        "kind": "other",
        "issuer": "x",
        "date": "2026-04-10",
        "title": "T",
        "tasks": [{"id": "a", "title": "A", "lead": "x", "due": due}],
    }
    assert not list(validator("notice").iter_errors(data))


def test_validate_schema_flag_reports_what_builtin_checks_do_not(tmp_path, capsys):
    from noticeboard.cli import main

    bad = notice(
        """
        kind: thong-bao
        issuer: ubnd-xa
        date: 2026-04-10
        place: 12
        title: Thông báo
        tasks:
          - id: a
            title: Việc A
            lead: kinh-te
            due: 30/4/2026
            typo_key: x
        """
    )
    project = make_project(tmp_path, {"notices/2026/2026-04-10-x.md": bad})
    assert main(["validate", str(project), "--as-of", "2026-05-01"]) == 1  # the unknown key
    plain = capsys.readouterr().err
    assert "Lược đồ" not in plain
    assert main(["validate", str(project), "--as-of", "2026-05-01", "--schema"]) == 1
    out = capsys.readouterr().err
    lines = [line for line in out.splitlines() if line.startswith("Lỗi:")]
    # `place: 12` was the schema's alone; since issue 19 the built-in check refuses a number where text
    # is expected (it says to quote it), so the line is reported once, by the built-in check.
    assert [line for line in lines if ":5:" in line] == [
        line
        for line in lines
        if line.startswith("Lỗi: notices/2026/2026-04-10-x.md:5: “place: 12”") and "dấu nháy" in line
    ], out
    assert sum(":5:" in line for line in lines) == 1, out
    assert sum("typo_key" in line for line in lines) == 1, (
        "the unknown key is reported once, by the built-in check"
    )


# -- golden files ------------------------------------------------------------------------------

GOLDEN_NOTICE = notice(
    """
    kind: thong-bao
    number: 7/TB-UBND
    issuer: ubnd-xa
    place: Xã Mẫu
    date: 2026-03-02
    title: Thông báo kết luận giao ban tháng 3
    signer: {name: Trần Văn A, authority: "KT. CHỦ TỊCH", title: Phó Chủ tịch}
    tasks:
      - id: bao-cao-dan-so
        title: Báo cáo số liệu dân số, sáp nhập thôn
        lead: van-hoa-xa-hoi
        support: [van-phong, kinh-te]
        output: Báo cáo
        due: 20/3/2026
        ref: "1"
      - id: cap-nhat-phan-mem
        title: Cập nhật phần mềm một cửa
        lead: van-phong
        due: tháng 4/2026
      - id: bao-cao-quy
        title: Báo cáo kết quả hằng quý
        lead: kinh-te
        due: hằng quý
      - id: theo-doi
        title: Theo dõi thường xuyên
        lead: kinh-te
    """
)
GOLDEN_REPORTS = {
    "progress/van-hoa-xa-hoi/2026-03-18.yml": """\
        by: van-hoa-xa-hoi
        reference: 3/BC-VHXH
        updates:
          - task: 2026-03-02-giao-ban/bao-cao-dan-so
            state: done
            done_on: 2026-03-18
            note: Đã gửi báo cáo
        """,
    "progress/kinh-te/2026-04-02.yml": """\
        by: kinh-te
        updates:
          - task: 2026-03-02-giao-ban/bao-cao-dan-so
            state: in_progress
            note: Đã cung cấp số liệu hộ kinh doanh
          - task: 2026-03-02-giao-ban/bao-cao-quy
            state: done
            done_on: 2026-04-02
        """,
}
GOLDEN_FILES = (
    "lich/nhiem-vu.ics",
    "lich/don-vi/kinh-te.ics",
    "lich/thong-bao/2026-03-02-giao-ban.ics",
    "thong-bao/feed.xml",
    "don-vi/kinh-te/feed.xml",
    "du-lieu/nhiem-vu.json",
    "du-lieu/nhiem-vu.csv",
    "du-lieu/thong-bao.json",
    "du-lieu/don-vi.json",
)


def test_golden_files(tmp_path):
    site = build(
        make_project(
            tmp_path,
            {"notices/2026/2026-03-02-giao-ban.md": GOLDEN_NOTICE, **GOLDEN_REPORTS},
            as_of="2026-04-15",
        )
    )
    if os.environ.get("NOTICEBOARD_UPDATE_GOLDEN") == "1":
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel in GOLDEN_FILES:
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_bytes((site / rel).read_bytes())
    missing = [rel for rel in GOLDEN_FILES if not (GOLDEN / rel).is_file()]
    assert not missing, "run with NOTICEBOARD_UPDATE_GOLDEN=1 to write the golden files"
    for rel in GOLDEN_FILES:
        assert (site / rel).read_bytes() == (GOLDEN / rel).read_bytes(), (
            f"{rel} differs from tests/fixtures/golden/{rel}; if the change is intended, "
            "rerun with NOTICEBOARD_UPDATE_GOLDEN=1 and review the diff"
        )


# -- freshness in the browser ------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

OLD_NOTICE = notice(
    """
    kind: thong-bao
    issuer: ubnd-xa
    date: 2020-01-02
    title: Thông báo cũ
    tasks:
      - id: con-han
        title: Việc còn trong hạn khi dựng trang
        lead: kinh-te
        due: 10/1/2020
      - id: thuong-xuyen
        title: Việc thường xuyên
        lead: kinh-te
    """
)


@pytest.mark.slow
def test_stale_statuses_are_updated_in_the_browser(tmp_path):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing")
    playwright = pytest.importorskip("playwright.sync_api")
    import functools
    import http.server
    import threading

    site = build(make_project(tmp_path, {"notices/2020/2020-01-02-cu.md": OLD_NOTICE}, as_of="2020-01-05"))

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with playwright.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/nhiem-vu/")
            page.wait_for_selector(".nb-asof-stale", timeout=10_000)
            note = page.inner_text(".nb-asof")
            today = page.evaluate(
                "new Intl.DateTimeFormat('en-CA', {timeZone: 'Asia/Ho_Chi_Minh'}).format(new Date())"
            )
            age = (date.fromisoformat(today) - date(2020, 1, 5)).days
            # the as-of date said once, with the page's age and what the browser re-marked (issue 23)
            assert note.startswith("Trạng thái tính đến ngày 05/01/2020.")
            assert f"Trang được lập cách đây {age} ngày" in note
            row = page.locator('tr[data-task="2020-01-02-cu/con-han"]').first
            assert row.get_attribute("data-status") == "overdue"
            overdue_days = (date.fromisoformat(today) - date(2020, 1, 10)).days
            assert row.locator(".nb-badge").inner_text() == f"Chưa hoàn thành, quá hạn · {overdue_days} ngày"
            assert "nb-s-overdue" in (row.locator(".nb-badge").get_attribute("class") or "")
            ongoing = page.locator('tr[data-task="2020-01-02-cu/thuong-xuyen"]').first
            assert ongoing.get_attribute("data-status") == "ongoing"
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/don-vi/kinh-te/")
            # site_url is set, so the build already wrote the absolute webcal:// link
            href = page.locator("a[data-webcal]").first.get_attribute("href") or ""
            assert href == "webcal://example.gov.vn/lich/don-vi/kinh-te.ics", href
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
