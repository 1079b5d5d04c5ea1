"""The fast RFC 5545 writer (folding and events) gives icalendar's bytes exactly."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar.parser.string import _foldline

from noticeboard.render.ics import fold_line

TEXT = st.text(alphabet=st.sampled_from(list("aăâđêôơưàáảãạằắẳẵặỹ😀\\^,;: x")), max_size=400)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_fold_line_matches_icalendar(text):
    if text:
        assert fold_line(text.encode("utf-8")) == _foldline(text).encode("utf-8")


def test_fold_line_limits_and_characters():
    folded = fold_line(("Hạn nhiệm vụ đến hạn " * 20).encode("utf-8"))
    for line in folded.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # never a split character


def test_event_bytes_match_icalendar_components():
    """The fast writer and icalendar's Event agree on every event of the demo, both roles."""
    from datetime import date

    from conftest import REPO
    from noticeboard.pipeline import load_site
    from noticeboard.render import ics
    from noticeboard.render.outputs import OutputContext

    site = load_site(REPO / "content", date(2026, 11, 21)).site
    for ctx in (OutputContext("https://example.gov.vn/", "Xã"), OutputContext("", "Xã")):
        host = ics.site_host(ctx)
        items = [i for i in site.items if i.due is not None]
        assert len(items) > 20
        tails: dict[int, bytes] = {}  # shared between the two roles, as render_calendar does
        for item in items:
            for supported in (False, True):
                fast = ics.event_bytes(item, ctx, host, supported)
                assert fast == ics.component_bytes(ics.render_event(item, ctx, host, supported)), item.gid
                assert ics.event_bytes(item, ctx, host, supported, tails) == fast
        assert len(tails) == len(items)


ESCAPED = st.text(alphabet=st.sampled_from(list("aăđ\\;,\r\nNn x")), max_size=60)


@settings(max_examples=300, deadline=None)
@given(ESCAPED)
def test_text_escaping_is_icalendars(text):
    from icalendar.parser.string import _escape_char

    from noticeboard.render import ics

    assert ics._text(text) == _escape_char(text)


PLAIN = st.text(alphabet=st.sampled_from(list("aăâđêôơưàáảãạ ()[]—-/.:0123456789")), min_size=1, max_size=120)


@settings(max_examples=200, deadline=None)
@given(PLAIN, PLAIN, st.booleans())
def test_calendar_head_is_icalendars_for_plain_text(name, description, with_url):
    from noticeboard.render import ics
    from noticeboard.render.outputs import OutputContext

    ctx = OutputContext("https://example.gov.vn/xa/" if with_url else "", "Xã")
    assert ics.calendar_head(name, description, ctx, "lich/don-vi/kt.ics") == ics.reference_calendar_head(
        name, description, ctx, "lich/don-vi/kt.ics"
    )


def test_calendar_names_with_commas_and_line_breaks_read_back_whole():
    """A unit or notice name with a comma, semicolon or line break: escaped as TEXT and read back
    whole (icalendar's own writer leaves NAME unescaped, and a line break there stopped the build)."""
    from icalendar import Calendar

    from noticeboard.render import ics
    from noticeboard.render.outputs import OutputContext

    name, description = "Thông báo 12/TB\nUBND; Phòng A, B", "Kết luận: làm rõ, báo cáo; xử lý\\ngay"
    data = ics.render_calendar(
        name, description, [], OutputContext("https://example.gov.vn/", "Xã"), "lich/a.ics"
    )
    cal = Calendar.from_ical(data)
    assert str(cal["DESCRIPTION"]) == description
    for key, value in (("NAME", name), ("X-WR-CALNAME", name), ("X-WR-CALDESC", description)):
        raw = str(cal[key])  # icalendar reads these untyped: unescaped here as RFC 5545 TEXT
        assert re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], raw) == value
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_a_notice_number_with_a_line_break_builds(tmp_path):
    """Was a traceback from icalendar's writer (the notice calendar's NAME holds the number)."""
    from icalendar import Calendar

    from conftest import build, make_project, notice

    text = notice(
        'kind: thong-bao\nnumber: "12/TB\\nUBND"\nissuer: ubnd-xa\ndate: 2026-04-10\ntitle: Thử số hiệu\n'
        "tasks:\n  - id: viec-a\n    title: Việc A\n    lead: van-phong\n    due: 25/4/2026\n"
    )
    site = build(make_project(tmp_path, {"notices/2026/2026-04-10-so.md": text}))
    cal = Calendar.from_ical((site / "lich" / "thong-bao" / "2026-04-10-so.ics").read_bytes())
    assert str(cal["X-WR-CALNAME"]).endswith("12/TB\\nUBND")
    assert len(cal.walk("VEVENT")) == 1
