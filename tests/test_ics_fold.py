"""The fast RFC 5545 writer (folding and events) gives icalendar's bytes exactly."""

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
        for item in items:
            for supported in (False, True):
                fast = ics.event_bytes(item, ctx, host, supported)
                assert fast == ics.component_bytes(ics.render_event(item, ctx, host, supported)), item.gid
