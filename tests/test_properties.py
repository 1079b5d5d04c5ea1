"""Property tests: whatever an editor (or an attacker) writes, the loaders answer with problems, not crashes."""

from __future__ import annotations

import calendar
import tempfile
from datetime import date, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from noticeboard.content.yamlio import YamlProblem, load_yaml
from noticeboard.model.deadlines import DeadlineError, parse_deadline
from noticeboard.pipeline import load_site

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NOTICE_DATE = date(2026, 4, 10)

# Words of the deadline grammar, so random text gets near enough to the grammar to reach its branches.
DEADLINE_WORDS = [
    "ngày",
    "tháng",
    "năm",
    "quý",
    "Quý",
    "quí",
    "Q",
    "H",
    "I",
    "II",
    "IV",
    "V",
    "hằng",
    "hàng",
    "mỗi",
    "6 tháng đầu năm",
    "cuối",
    "thường xuyên",
    "ngày làm việc",
    "sau",
    "kể từ",
    "trong",
    "thứ",
    "/",
    "-",
    ".",
    " ",
    "0",
    "1",
    "2",
    "12",
    "13",
    "25",
    "29",
    "31",
    "2026",
    "2027",
    "1899",
    "2100",
    "99999999",
]
deadline_text = st.one_of(
    st.text(max_size=40),
    st.lists(st.sampled_from(DEADLINE_WORDS), max_size=8).map("".join),
    st.lists(st.sampled_from(DEADLINE_WORDS), max_size=8).map(" ".join),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    deadline_text,
    st.dates(),
    st.datetimes(),
    st.binary(max_size=8),
)
MAPPING_KEYS = ["every", "by", "from", "until", "working_days", "after", "evry", 1, None]
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(MAPPING_KEYS), inner, max_size=4),
        st.fixed_dictionaries(
            {"every": st.sampled_from(["month", "quarter", "half-year", "year", "tuần", 3])},
            optional={"by": inner, "from": inner, "until": inner},
        ),
        st.fixed_dictionaries({"working_days": inner}, optional={"after": inner}),
    ),
    max_leaves=8,
)


@SETTINGS
@given(value=values, notice_date=st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_parse_deadline_raises_only_deadline_error(value: object, notice_date: date):
    try:
        deadline = parse_deadline(value, notice_date)
    except DeadlineError as err:
        assert str(err) and err.fix
    else:
        for occ in deadline.occurrences:
            assert occ.due >= notice_date or deadline.recurring


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
years = st.integers(min_value=2026, max_value=2099)


@SETTINGS
@given(d=st.dates(min_value=date(2026, 1, 1), max_value=date(2099, 12, 31)), form=st.integers(0, 4))
def test_day_resolves_to_that_day(d: date, form: int):
    text = [
        f"{d:%Y-%m-%d}",
        f"{d.day}/{d.month}/{d.year}",
        f"{d:%d/%m/%Y}",
        f"ngày {d.day} tháng {d.month} năm {d.year}",
        f"ngày {d.day}/{d.month}/{d.year}",
    ][form]
    deadline = parse_deadline(text, date(2026, 1, 1))
    assert deadline.kind == "day"
    assert [o.due for o in deadline.occurrences] == [d]
    assert parse_deadline(d, date(2026, 1, 1)).occurrences[-1].due == d  # an unquoted YAML date


@SETTINGS
@given(year=years, month=st.integers(1, 12), form=st.integers(0, 3))
def test_month_resolves_to_its_last_day(year: int, month: int, form: int):
    text = [f"{year}-{month:02d}", f"{month}/{year}", f"tháng {month}/{year}", f"tháng {month} năm {year}"][
        form
    ]
    deadline = parse_deadline(text, date(2026, 1, 1))
    assert deadline.kind == "month"
    assert [o.due for o in deadline.occurrences] == [_last_day(year, month)]


@SETTINGS
@given(year=years, quarter=st.integers(1, 4), form=st.integers(0, 3))
def test_quarter_resolves_to_its_last_day(year: int, quarter: int, form: int):
    text = [
        f"Q{quarter}/{year}",
        f"quý {ROMAN[quarter]}/{year}",
        f"Quý {quarter}/{year}",
        f"quý {ROMAN[quarter]} năm {year}",
    ][form]
    deadline = parse_deadline(text, date(2026, 1, 1))
    assert deadline.kind == "quarter"
    assert [o.due for o in deadline.occurrences] == [_last_day(year, quarter * 3)]


@SETTINGS
@given(year=years, as_int=st.booleans())
def test_year_resolves_to_31_december(year: int, as_int: bool):
    deadline = parse_deadline(year if as_int else f"năm {year}", date(2026, 1, 1))
    assert [o.due for o in deadline.occurrences] == [date(year, 12, 31)]


@SETTINGS
@given(d=st.dates(min_value=date(2026, 1, 1), max_value=date(2099, 12, 31)), days_before=st.integers(1, 400))
def test_due_before_the_notice_is_an_error(d: date, days_before: int):
    notice_date = date.fromordinal(d.toordinal() + days_before)
    try:
        parse_deadline(f"{d.day}/{d.month}/{d.year}", notice_date)
    except DeadlineError as err:
        assert "trước ngày ban hành" in str(err)
    else:
        raise AssertionError("a due before the notice date was accepted")


# --- YAML ------------------------------------------------------------------------------------
YAML_PIECES = [
    "a",
    "kind",
    "title",
    ":",
    ": ",
    "- ",
    "-",
    "  ",
    "    ",
    "\n",
    "\t",
    "'",
    '"',
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "<<: ",
    "!!str ",
    "!foo ",
    "? ",
    "|",
    ">",
    "#",
    "---",
    "...",
    "%YAML 1.1",
    "2026-02-31",
    "2026-04-10",
    "1e9",
    "0x1F",
    "~",
    "null",
    "yes",
    "Kết luận",
    "\ufeff",
    "\u2028",
    "\x85",
    "\x00",
    "\\",
]
yaml_text = st.one_of(st.text(max_size=200), st.lists(st.sampled_from(YAML_PIECES), max_size=40).map("".join))


@SETTINGS
@given(text=yaml_text, offset=st.integers(0, 50))
def test_load_yaml_raises_only_yaml_problem(text: str, offset: int):
    try:
        load_yaml(text, line_offset=offset)
    except YamlProblem as err:
        assert str(err)
        assert err.line >= 0


# --- the whole load stage ----------------------------------------------------------------------
UNITS = "units:\n  - id: ubnd-xa\n    name: UBND xã\n  - id: van-hoa-xa-hoi\n    name: Phòng VH-XH\n"
FRONT = "---\nkind: thong-bao\nissuer: ubnd-xa\ndate: 2026-04-10\ntitle: T\ntasks:\n  - id: a\n    title: B\n    lead: van-hoa-xa-hoi\n    due: "
notice_text = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(YAML_PIECES), max_size=60).map(
        lambda parts: "---\n" + "".join(parts) + "\n---\nBody\n"
    ),
    deadline_text.map(lambda due: FRONT + due + "\n---\n\nNội dung.\n"),
    st.binary(max_size=200),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notice=notice_text, report=st.one_of(yaml_text, st.binary(max_size=100)))
def test_load_site_never_raises(notice: str | bytes, report: str | bytes):
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp)
        (content / "units.yml").write_text(UNITS, encoding="utf-8")
        notice_path = content / "notices" / "2026" / "2026-04-10-thu.md"
        report_path = content / "progress" / "van-hoa-xa-hoi" / "2026-04-24.yml"
        for path, data in ((notice_path, notice), (report_path, report)):
            path.parent.mkdir(parents=True)
            path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass"))
        result = load_site(content, datetime(2026, 5, 1).date())
    for problem in result.problems.items:
        assert problem.path in (
            "notices/2026/2026-04-10-thu.md",
            "progress/van-hoa-xa-hoi/2026-04-24.yml",
            "units.yml",
        )
        assert problem.line >= 0
        assert problem.fix, problem.format()
