"""Deadline grammar (CONTENT_FORMAT section 3). Pure functions, no MkDocs import.

    parse_deadline(value, notice_date) -> Deadline      # raises DeadlineError
    parse_period(value) -> (start, end)                 # one single period, raises DeadlineError
    format_date(d) -> "dd/mm/yyyy"

``value`` is what PyYAML's SafeLoader gives for ``due:`` / ``new_due:``: a
``str``, an ``int`` (``due: 2026``), a ``datetime.date`` (``due: 2026-04-25``
unquoted), a mapping, or None. Booleans, floats and lists are errors.

Text is read leniently: NFC/NFD, upper/lower case, both tone-mark placements
("quý"/"quí", "hoá"/"hóa") and even text typed without diacritics are accepted,
as are extra spaces and spaces around "/". Dates may use "/", "-" or "." in the
day/month/year forms. A leading "trong" ("trong quý II/2026") is ignored.

Single deadlines (one occurrence, start = the notice date, due = inclusive last day):

=========  ==============================================================  =================
kind       written                                                         due
=========  ==============================================================  =================
day        ``2026-04-25``, ``25/4/2026``, ``25/04/2026``, ``ngày 25/4/2026``  that day
           ``ngày 25 tháng 4 năm 2026``
month      ``2026-12``, ``12/2018``, ``tháng 12/2018``, ``tháng 12 năm 2018``   last day of month
quarter    ``Q1/2026``, ``quý I/2026``, ``Quý 1/2026``, ``quý I năm 2026``      31/3, 30/6, 30/9, 31/12
half       ``H1/2026``, ``6 tháng đầu năm 2026``, ``nửa đầu năm 2026``;       30/6 or 31/12
           ``H2/2026``, ``6 tháng cuối năm 2026``
year       ``2026`` (text or YAML int), ``năm 2026``                          31/12
=========  ==============================================================  =================

Years must lie in 1900..2099.

Recurring (kind ``recurring``), as a mapping::

    {every: month | quarter | half-year | year, by: <part>, from: <period>, until: <period>}

``every`` also accepts ``half``, ``half_year``, ``halfyear`` and the Vietnamese
``tháng``, ``quý``, ``6 tháng``, ``năm``. ``by`` is optional and names the part
of each period the work is due in (due = last day of that part):

* every year: a quarter ``Q1``..``Q4`` / ``quý I``..``quý IV``, a half ``H1``/``H2``
  / ``6 tháng đầu năm`` / ``6 tháng cuối năm``, or a month ``M3``, ``T3``,
  ``3``, ``tháng 3``;
* every half-year: ``Q1``/``Q2`` (first/second quarter of the half) or a month
  1..6 of the half;
* every quarter: a month 1..3 of the quarter;
* every month: a day of the month 1..31 (``25``, ``ngày 25``), clamped to the
  month's last day.

``from``/``until`` are periods in the single grammar (``from`` counts from the
period's first day, ``until`` to its last day). Occurrences: one per period,
``start`` = first day of the whole period (1/1 for ``{every: year, by: Q1}``),
``due`` as above; occurrences due before ``from`` or before the notice date are
skipped, and those due after ``until`` are left out. ``from`` defaults to the
notice date. ``until`` defaults to the end of the notice's year (or of the
``from`` year if later) -- and, when that would leave no occurrence at all
(``Quý I hằng năm`` in a notice of May), to the first occurrence after it. An
``until`` before ``from``, no occurrence, or more than 400 occurrences is an error.

Recurring, as words: ``hằng tháng``, ``hằng quý``, ``6 tháng`` (every half-year;
also ``6 tháng một lần``, ``hằng 6 tháng``), ``hằng năm``; ``hàng`` and
``mỗi`` are accepted for ``hằng``. A part may precede ``hằng tháng/quý/năm``:
``Quý I hằng năm`` = ``{every: year, by: Q1}``, ``tháng 3 hằng năm``,
``ngày 25 hằng tháng``, ``tháng thứ 2 hằng quý``.

Working days (kind ``working_days``): ``{working_days: 10, after: 2026-05-20}``
(``after`` is a day, default the notice date) or ``10 ngày làm việc sau 20/5/2026``
(also ``sau ngày``, ``kể từ ngày``, ``kể từ``; a leading ``trong``; without a
date = after the notice date). Due = the N-th working day strictly after
``after`` (see ``workdays``), N in 1..365.

Ongoing (kind ``ongoing``, no occurrence): None, an empty string, ``thường xuyên``.

Errors (``DeadlineError``) quote the text as written and carry a ``fix``: unknown
text, impossible dates (31/2/2026, month 13, quarter V), a due before the notice
date, unknown mapping keys (with a "did you mean"), wrong types.
"""

from __future__ import annotations

import calendar
import difflib
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from .workdays import add_working_days


class DeadlineError(ValueError):
    """A deadline that cannot be read. ``str(err)`` is a plain Vietnamese message
    quoting the text; ``err.fix`` says how to write it instead."""

    def __init__(self, message: str, fix: str = "") -> None:
        super().__init__(message)
        self.fix = fix


@dataclass(frozen=True)
class Occurrence:
    start: date  # first day of the period; the occurrence counts once as_of >= start
    due: date  # inclusive last day


@dataclass(frozen=True)
class Deadline:
    kind: str  # day | month | quarter | half | year | recurring | working_days | ongoing
    text: str  # as the editor wrote it (str() of the YAML value, or a compact form of a mapping)
    label: str  # Vietnamese display, dates as dd/mm/yyyy
    occurrences: tuple[Occurrence, ...]  # empty for ongoing; one for single deadlines

    @property
    def recurring(self) -> bool:
        return self.kind == "recurring"


MIN_YEAR = 1900
MAX_YEAR = 2099
MAX_OCCURRENCES = 400
MAX_WORKING_DAYS = 365

FIX_ANY = (
    "Viết một ngày (`25/4/2026`), một tháng (`tháng 12/2026`), một quý (`quý II/2026`), "
    "6 tháng (`6 tháng đầu năm 2026`), một năm (`năm 2026`), định kỳ (`hằng quý`), "
    "số ngày làm việc (`10 ngày làm việc sau 20/5/2026`) hoặc `thường xuyên`."
)
FIX_PERIOD = "Viết một ngày (`25/4/2026`), tháng (`tháng 12/2026`), quý (`quý II/2026`), 6 tháng (`H1/2026`) hoặc năm (`2026`)."
FIX_RECURRING = "Ví dụ: `{every: quarter, from: Q3/2026, until: Q2/2027}` hoặc `{every: year, by: Q1}`."
FIX_WORKING = "Ví dụ: `{working_days: 10, after: 2026-05-20}` hoặc `10 ngày làm việc sau 20/5/2026`."

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
ROMAN_OUT = {1: "I", 2: "II", 3: "III", 4: "IV"}

RECURRING_KEYS = ("every", "by", "from", "until")
WORKING_KEYS = ("working_days", "after")

# every -> (months per period, Vietnamese label)
EVERY = {
    "month": (1, "hằng tháng"),
    "quarter": (3, "hằng quý"),
    "half-year": (6, "mỗi 6 tháng"),
    "year": (12, "hằng năm"),
}
EVERY_ALIASES = {
    "month": "month",
    "monthly": "month",
    "thang": "month",
    "quarter": "quarter",
    "quarterly": "quarter",
    "quy": "quarter",
    "qui": "quarter",
    "half-year": "half-year",
    "half": "half-year",
    "half_year": "half-year",
    "halfyear": "half-year",
    "half year": "half-year",
    "6 thang": "half-year",
    "sau thang": "half-year",
    "nua nam": "half-year",
    "year": "year",
    "yearly": "year",
    "annual": "year",
    "nam": "year",
}


# ---------------------------------------------------------------- small helpers


def format_date(d: date) -> str:
    """``date(2026, 4, 5)`` -> ``"05/04/2026"``."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


@lru_cache(maxsize=4096)  # the same few hundred deadline texts recur across 10,000 tasks
def _fold(text: str) -> str:
    """Matching key: NFC, no diacritics (so both tone placements and NFD agree), lower case, tidy spaces."""
    text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    text = re.sub(r"\s+", " ", text.casefold()).strip()
    return re.sub(r" ?([/\-.:]) ?", r"\1", text)


def _shown(value: object) -> str:
    """The value as the editor wrote it, for messages and ``Deadline.text``."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).strip()
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, Mapping):
        return ", ".join(f"{_shown(k)}: {_shown(v)}" for k, v in value.items())
    if value is None:
        return ""
    return str(value)


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


def _month_start(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def _month_end(index: int) -> date:
    return _last_day(index // 12, index % 12 + 1)


def _year(raw: str, digits: str) -> int:
    year = int(digits)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DeadlineError(
            f"“{raw}”: năm {year} nằm ngoài khoảng {MIN_YEAR}–{MAX_YEAR}.", "Kiểm tra lại năm, ví dụ `2026`."
        )
    return year


def _month(raw: str, digits: str) -> int:
    month = int(digits)
    if not 1 <= month <= 12:
        raise DeadlineError(f"“{raw}”: không có tháng {month}.", "Tháng từ 1 đến 12, ví dụ `tháng 12/2026`.")
    return month


def _day(raw: str, year: int, month: int, day_digits: str) -> date:
    day = int(day_digits)
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DeadlineError(
            f"“{raw}” không phải ngày có thật: tháng {month}/{year} chỉ có {last} ngày.",
            f"Viết một ngày có thật, ví dụ `{last}/{month}/{year}` (ngày cuối tháng).",
        )
    return date(year, month, day)


def _ordinal(raw: str, token: str, what: str, highest: int, fix: str) -> int:
    """A roman or arabic number 1..highest (quarters, halves)."""
    number = int(token) if token.isdigit() else ROMAN.get(token, 0)
    if token.isdigit() or token in ROMAN:
        if 1 <= number <= highest:
            return number
        raise DeadlineError(f"“{raw}”: không có {what} {token.upper()}.", fix)
    raise DeadlineError(f"Không hiểu {what} “{raw}”.", fix)


# ---------------------------------------------------------------- single periods


@dataclass(frozen=True)
class _Period:
    kind: str
    start: date
    end: date
    label: str


_Y = r"(\d{4})"
_QTOKEN = r"([ivx]+|\d+)"
_SEP = r"[/\-.]"

_FIX_QUARTER = "Quý từ I đến IV, ví dụ `quý II/2026` hoặc `Q2/2026`."
_FIX_HALF = "Viết `H1/2026` (6 tháng đầu năm) hoặc `H2/2026` (6 tháng cuối năm)."


def _day_period(d: date) -> _Period:
    return _Period("day", d, d, format_date(d))


def _month_period(year: int, month: int) -> _Period:
    return _Period("month", date(year, month, 1), _last_day(year, month), f"tháng {month:02d}/{year}")


def _quarter_period(year: int, quarter: int) -> _Period:
    first = 3 * quarter - 2
    return _Period(
        "quarter", date(year, first, 1), _last_day(year, first + 2), f"quý {ROMAN_OUT[quarter]}/{year}"
    )


def _half_period(year: int, half: int) -> _Period:
    if half == 1:
        return _Period("half", date(year, 1, 1), date(year, 6, 30), f"6 tháng đầu năm {year}")
    return _Period("half", date(year, 7, 1), date(year, 12, 31), f"6 tháng cuối năm {year}")


def _year_period(year: int) -> _Period:
    return _Period("year", date(year, 1, 1), date(year, 12, 31), f"năm {year}")


def _resolve_day_text(raw: str, key: str) -> date | None:
    """A day written as text, or None if ``key`` is not a day form."""
    if m := re.fullmatch(rf"{_Y}-(\d{{1,2}})-(\d{{1,2}})", key):
        year, month = _year(raw, m[1]), _month(raw, m[2])
        return _day(raw, year, month, m[3])
    if m := re.fullmatch(rf"(?:ngay )?(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}{_Y}", key):
        year, month = _year(raw, m[3]), _month(raw, m[2])
        return _day(raw, year, month, m[1])
    if m := re.fullmatch(rf"(?:ngay )?(\d{{1,2}}) thang (\d{{1,2}}) nam {_Y}", key):
        year, month = _year(raw, m[3]), _month(raw, m[2])
        return _day(raw, year, month, m[1])
    return None


@lru_cache(maxsize=4096)  # pure in ``raw``; errors are raised again, never cached
def _resolve_period_text(raw: str) -> _Period | None:
    """A single period written as text, or None if it is not one (errors for impossible ones)."""
    key = _fold(raw)
    key = key.removeprefix("trong ").removeprefix("han ")
    if (day := _resolve_day_text(raw, key)) is not None:
        return _day_period(day)
    if m := re.fullmatch(rf"{_Y}-(\d{{1,2}})", key):
        return _month_period(_year(raw, m[1]), _month(raw, m[2]))
    if m := re.fullmatch(rf"(?:thang )?(\d{{1,2}}){_SEP}{_Y}|thang (\d{{1,2}}) nam {_Y}", key):
        month, year = (m[1], m[2]) if m[1] else (m[3], m[4])
        return _month_period(_year(raw, year), _month(raw, month))
    if m := re.fullmatch(rf"(?:q|quy|qui) ?{_QTOKEN}(?:{_SEP}| nam ){_Y}", key):
        year = _year(raw, m[2])
        return _quarter_period(year, _ordinal(raw, m[1], "quý", 4, _FIX_QUARTER))
    if m := re.fullmatch(rf"{_Y}-?q(\d)", key):
        year = _year(raw, m[1])
        return _quarter_period(year, _ordinal(raw, m[2], "quý", 4, _FIX_QUARTER))
    if m := re.fullmatch(rf"h ?(\d+){_SEP}{_Y}", key):
        year = _year(raw, m[2])
        return _half_period(year, _ordinal(raw, m[1], "nửa năm", 2, _FIX_HALF))
    if m := re.fullmatch(rf"(?:(?:6|sau) thang|nua) (dau|cuoi) nam {_Y}", key):
        return _half_period(_year(raw, m[2]), 1 if m[1] == "dau" else 2)
    if m := re.fullmatch(rf"(?:nam )?{_Y}", key):
        return _year_period(_year(raw, m[1]))
    return None


def _resolve_period(value: object, what: str = "Thời hạn") -> _Period:
    """One single period from a YAML scalar (str, int year, date)."""
    if isinstance(value, bool) or value is None:
        raise DeadlineError(f"{what} “{_shown(value)}” không phải ngày hay kỳ hạn.", FIX_PERIOD)
    if isinstance(value, datetime):
        return _day_period(value.date())
    if isinstance(value, date):
        if not MIN_YEAR <= value.year <= MAX_YEAR:
            _year(_shown(value), str(value.year))
        return _day_period(value)
    if isinstance(value, int):
        return _year_period(_year(str(value), str(value)))
    if isinstance(value, str):
        period = _resolve_period_text(value)
        if period is None:
            raise DeadlineError(f"Không hiểu “{_shown(value)}” là ngày hay kỳ hạn nào.", FIX_PERIOD)
        return period
    raise DeadlineError(
        f"{what} “{_shown(value)}” phải là một ngày hay kỳ hạn, không phải {_type_name(value)}.", FIX_PERIOD
    )


def parse_period(value: object) -> tuple[date, date]:
    """(first day, last day) of one period in the single grammar: day, month, quarter, half, year."""
    period = _resolve_period(value)
    return period.start, period.end


def _type_name(value: object) -> str:
    if isinstance(value, bool):
        return "đúng/sai (yes/no)"
    if isinstance(value, float):
        return "số thập phân"
    if isinstance(value, list | tuple):
        return "danh sách"
    if isinstance(value, Mapping):
        return "các dòng khoá: giá trị"
    return type(value).__name__


# ---------------------------------------------------------------- recurring


@dataclass(frozen=True)
class _Rule:
    every: str  # key of EVERY
    due_in: Callable[[int], date]  # first month index of a period -> due date
    label: str


def _resolve_every(value: object, raw: str) -> str:
    key = _fold(str(value)) if isinstance(value, str) else ""
    if key in EVERY_ALIASES:
        return EVERY_ALIASES[key]
    hint = difflib.get_close_matches(key, list(EVERY), n=1)
    more = f" Có phải “{hint[0]}”?" if hint else ""
    raise DeadlineError(
        f"Trong “{raw}”: “every: {_shown(value)}” không phải chu kỳ đã biết.{more}",
        "Viết `every:` là `month`, `quarter`, `half-year` hoặc `year`.",
    )


def _by_number(value: object, prefixes: str) -> int | None:
    """An int, or digits with an optional prefix from ``prefixes`` (a regex alternation)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and (m := re.fullmatch(rf"(?:(?:{prefixes}) ?)?(\d+)", _fold(value))):
        return int(m[1])
    return None


def _resolve_by(every: str, value: object, raw: str) -> tuple[Callable[[int], date], str]:
    """(first month index -> due, label) for a ``by`` part of ``every``."""
    shown = _shown(value)
    months = EVERY[every][0]
    bad = DeadlineError(
        f"Trong “{raw}”: không hiểu kỳ “{shown}” với chu kỳ {EVERY[every][1]}.", _BY_FIX[every]
    )

    def out_of_range(what: str, highest: int) -> DeadlineError:
        return DeadlineError(
            f"Trong “{raw}”: “{shown}” — {what} phải từ 1 đến {highest} với chu kỳ {EVERY[every][1]}.",
            _BY_FIX[every],
        )

    def ends_month(offset: int) -> Callable[[int], date]:
        return lambda first: _month_end(first + offset - 1)

    if every == "month":
        day = _by_number(value, "ngay|d")
        if day is None:
            raise bad
        if not 1 <= day <= 31:
            raise out_of_range("ngày", 31)
        return (lambda first: _month_start(first).replace(day=min(day, _month_end(first).day))), f"ngày {day}"

    key = _fold(value) if isinstance(value, str) else ""
    if every in {"year", "half-year"} and (m := re.fullmatch(rf"(?:q|quy|qui) ?{_QTOKEN}", key)):
        highest = months // 3
        number = int(m[1]) if m[1].isdigit() else ROMAN.get(m[1], 0)
        if not 1 <= number <= highest:
            raise out_of_range("quý", highest)
        label = f"quý {ROMAN_OUT[number]}" if every == "year" else f"quý thứ {number}"
        return ends_month(3 * number), label
    if every == "year":
        half = None
        if m := re.fullmatch(r"h ?(\d+)", key):
            half = int(m[1])
            if half not in (1, 2):
                raise out_of_range("nửa năm (H)", 2)
        elif m := re.fullmatch(r"(?:(?:6|sau) thang|nua) (dau|cuoi)(?: nam)?", key):
            half = 1 if m[1] == "dau" else 2
        if half is not None:
            return ends_month(6 * half), "6 tháng đầu năm" if half == 1 else "6 tháng cuối năm"
    month = _by_number(value, "thang thu|thang|m|t")
    if month is None:
        raise bad
    if not 1 <= month <= months:
        raise out_of_range("tháng", months)
    label = f"tháng {month}" if every == "year" else f"tháng thứ {month}"
    return ends_month(month), label


_BY_FIX = {
    "month": "Với `every: month`, `by` là ngày trong tháng, ví dụ `by: 25` (tháng ngắn hơn thì lấy ngày cuối tháng).",
    "quarter": "Với `every: quarter`, `by` là tháng thứ 1, 2 hoặc 3 của quý, ví dụ `by: 1`.",
    "half-year": "Với `every: half-year`, `by` là `Q1`/`Q2` (quý đầu/cuối của 6 tháng) hoặc tháng 1..6, ví dụ `by: 3`.",
    "year": "Với `every: year`, `by` là quý (`Q1`..`Q4`), nửa năm (`H1`, `H2`) hoặc tháng (`M3`, `tháng 3`).",
}


def _make_rule(every: str, by: object, raw: str) -> _Rule:
    if by is None or (isinstance(by, str) and not by.strip()):
        months = EVERY[every][0]
        return _Rule(every, lambda first: _month_end(first + months - 1), EVERY[every][1])
    due_in, by_label = _resolve_by(every, by, raw)
    return _Rule(every, due_in, f"{by_label} {EVERY[every][1]}")


def _candidates(rule: _Rule, lower: date) -> Iterator[Occurrence]:
    """Every occurrence from the period containing ``lower`` on (unbounded)."""
    months = EVERY[rule.every][0]
    first = _month_index(lower) // months * months
    while first // 12 <= MAX_YEAR:
        yield Occurrence(_month_start(first), rule.due_in(first))
        first += months


def _occurrences(
    rule: _Rule, raw: str, notice_date: date, start: date | None, until: date | None
) -> tuple[Occurrence, ...]:
    from_date = start or notice_date
    lower = max(from_date, notice_date)
    if until is not None and until < from_date:
        raise DeadlineError(
            f"Trong “{raw}”: “until” ({format_date(until)}) trước “from” ({format_date(from_date)}).",
            "Đổi `until` thành một kỳ sau `from`, ví dụ `from: Q3/2026, until: Q2/2027`.",
        )
    end = until or date(max(notice_date.year, from_date.year), 12, 31)
    found: list[Occurrence] = []
    for occ in _candidates(rule, from_date):
        if occ.start > end and (found or until is not None):
            break
        if occ.due < lower:
            continue
        if occ.due > end:
            if until is not None:
                continue
            if found:
                break
        found.append(occ)  # without an explicit until, the first one after the notice's year still counts
        if len(found) > MAX_OCCURRENCES:
            raise DeadlineError(
                f"“{raw}” sinh ra hơn {MAX_OCCURRENCES} kỳ hạn.",
                "Rút ngắn khoảng `from`–`until`, ví dụ `until: 2030`.",
            )
    if not found:
        raise DeadlineError(
            f"“{raw}” không có kỳ hạn nào từ {format_date(lower)} đến {format_date(end)}.",
            "Kiểm tra `from`/`until`: kỳ hạn phải từ ngày ban hành trở đi.",
        )
    return tuple(found)


def _recurring(rule: _Rule, text: str, notice_date: date, start: date | None, until: date | None) -> Deadline:
    occ = _occurrences(rule, text, notice_date, start, until)
    span = (
        format_date(occ[0].due) if len(occ) == 1 else f"{format_date(occ[0].due)}–{format_date(occ[-1].due)}"
    )
    return Deadline("recurring", text, f"{rule.label} ({len(occ)} kỳ, {span})", occ)


def _suggest(key: str, allowed: tuple[str, ...]) -> str:
    hint = difflib.get_close_matches(key, allowed, n=1, cutoff=0.5)
    return f" Có phải “{hint[0]}”?" if hint else ""


def _from_mapping(value: Mapping[object, object], notice_date: date) -> Deadline:
    text = _shown(value)
    keys = {str(k).strip(): v for k, v in value.items()}
    allowed: tuple[str, ...]
    if "working_days" in keys:
        kind, allowed, fix = "working_days", WORKING_KEYS, FIX_WORKING
    elif "every" in keys:
        kind, allowed, fix = "recurring", RECURRING_KEYS, FIX_RECURRING
    else:
        kind, allowed, fix = "", RECURRING_KEYS + WORKING_KEYS, f"{FIX_RECURRING} {FIX_WORKING}"
    for key in keys:
        if key not in allowed:
            raise DeadlineError(
                f"Trong “{text}”: khoá “{key}” không dùng được trong thời hạn.{_suggest(key, allowed)}", fix
            )
    if kind == "working_days":
        count = _working_count(keys["working_days"], text)
        after = keys.get("after")
        after_day = notice_date if after is None else _after_day(after, text)
        return _working_days(text, count, after_day, notice_date)
    if kind != "recurring":
        raise DeadlineError(f"Trong “{text}”: thiếu khoá “every” (hoặc “working_days”).", fix)
    every = _resolve_every(keys["every"], text)
    rule = _make_rule(every, keys.get("by"), text)
    start = _bound(keys, "from", text)
    until = _bound(keys, "until", text)
    return _recurring(rule, text, notice_date, start, until)


def _bound(keys: dict[str, object], name: str, text: str) -> date | None:
    if keys.get(name) is None:
        return None
    try:
        period = _resolve_period(keys[name], f"“{name}”")
    except DeadlineError as err:
        raise DeadlineError(f"Trong “{text}”, {name}: {err}", err.fix) from None
    return period.start if name == "from" else period.end


# ---------------------------------------------------------------- working days


def _working_count(value: object, text: str) -> int:
    count = value if isinstance(value, int) and not isinstance(value, bool) else None
    if isinstance(value, str) and value.strip().isdigit():
        count = int(value.strip())
    if count is None:
        raise DeadlineError(
            f"Trong “{text}”: “working_days: {_shown(value)}” phải là một số ngày.", FIX_WORKING
        )
    if not 1 <= count <= MAX_WORKING_DAYS:
        raise DeadlineError(
            f"Trong “{text}”: số ngày làm việc {count} phải từ 1 đến {MAX_WORKING_DAYS}.", FIX_WORKING
        )
    return count


def _after_day(value: object, text: str) -> date:
    try:
        period = _resolve_period(value, "“after”")
    except DeadlineError as err:
        raise DeadlineError(f"Trong “{text}”, after: {err}", err.fix) from None
    if period.kind != "day":
        raise DeadlineError(
            f"Trong “{text}”: “after: {_shown(value)}” phải là một ngày cụ thể.", "Ví dụ `after: 2026-05-20`."
        )
    return period.start


def _working_days(text: str, count: int, after: date, notice_date: date) -> Deadline:
    due = add_working_days(after, count)
    _check_not_before(text, due, notice_date)
    label = f"{count} ngày làm việc sau {format_date(after)} ({format_date(due)})"
    return Deadline("working_days", text, label, (Occurrence(min(notice_date, due), due),))


# ---------------------------------------------------------------- words


_EVERY_WORD = {"thang": "month", "quy": "quarter", "qui": "quarter", "nam": "year"}


_ONGOING_WORDS = frozenset({"thuong xuyen", "lien tuc", "thuong xuyen, lien tuc"})
_HALF_WORDS = re.compile(
    r"(?:dinh ky )?(?:(?:hang|moi) )?(?:6|sau) thang(?: (?:mot|1) lan)?|(?:hang|moi) nua nam"
)
_EVERY_WORDS = re.compile(r"(?:dinh ky )?(?:(.+?),? )?(?:hang|moi) (thang|quy|qui|nam)")
_WORKING_WORDS = re.compile(r"(?:trong )?(\d+) ngay lam viec(?: (?:sau|ke tu)(?: ngay)? (.+))?")


@lru_cache(maxsize=4096)
def _is_words(key: str) -> bool:
    """Whether :func:`_from_words` reads ``key`` (pure in ``key``: most deadlines are periods)."""
    return key in _ONGOING_WORDS or any(p.fullmatch(key) for p in (_HALF_WORDS, _EVERY_WORDS, _WORKING_WORDS))


def _from_words(raw: str, key: str, notice_date: date) -> Deadline | None:
    """Recurring, working-day and ongoing phrases; None if ``key`` is none of them."""
    if key in _ONGOING_WORDS:
        return Deadline("ongoing", raw, "Thường xuyên", ())
    if _HALF_WORDS.fullmatch(key):
        return _recurring(_make_rule("half-year", None, raw), raw, notice_date, None, None)
    if m := _EVERY_WORDS.fullmatch(key):
        every = _EVERY_WORD[m[2]]
        return _recurring(_make_rule(every, m[1], raw), raw, notice_date, None, None)
    if m := _WORKING_WORDS.fullmatch(key):
        count = _working_count(int(m[1]), raw)
        after = notice_date if m[2] is None else _resolve_day_text(raw, m[2])
        if after is None:
            raise DeadlineError(f"Không hiểu ngày bắt đầu tính trong “{raw}”.", FIX_WORKING)
        return _working_days(raw, count, after, notice_date)
    return None


# ---------------------------------------------------------------- entry point


def _check_not_before(text: str, due: date, notice_date: date) -> None:
    if due < notice_date:
        raise DeadlineError(
            f"Hạn “{text}” ({format_date(due)}) trước ngày ban hành {format_date(notice_date)}.",
            f"Kiểm tra lại ngày, tháng, năm: hạn phải từ {format_date(notice_date)} trở đi.",
        )


# The two commonest spellings of a day, read without folding the text or trying the grammar's
# other forms; anything else (other separators, "Ngày", spaces, non-ASCII digits) takes the full
# path. tests/test_deadlines.py checks both paths agree.
_FAST_DMY = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_FAST_DAY_WORDS = re.compile(r"ngày ([0-9]{1,2}) tháng ([0-9]{1,2}) năm ([0-9]{4})")


def _fast_day(value: str, notice_date: date) -> Deadline | None:
    """``25/4/2026`` or ``ngày 25 tháng 4 năm 2026`` exactly as written; None for anything else."""
    m = _FAST_DMY.fullmatch(value) or _FAST_DAY_WORDS.fullmatch(value)
    if m is None:
        return None
    due = _day(value, _year(value, m[3]), _month(value, m[2]), m[1])
    _check_not_before(value, due, notice_date)
    return Deadline("day", value, format_date(due), (Occurrence(min(notice_date, due), due),))


def parse_deadline(value: object, notice_date: date) -> Deadline:
    """Read a ``due``/``new_due`` value of a notice dated ``notice_date`` (see the module docstring)."""
    if isinstance(value, str | int | date) and not isinstance(value, bool):
        if type(value) is str and (fast := _fast_day(value, notice_date)) is not None:
            return fast
        return _parse_scalar_deadline(value, notice_date)  # Deadline is frozen: sharing one is safe
    return _parse_deadline(value, notice_date)


@lru_cache(maxsize=8192, typed=True)
def _parse_scalar_deadline(value: str | int | date, notice_date: date) -> Deadline:
    return _parse_deadline(value, notice_date)


def _parse_deadline(value: object, notice_date: date) -> Deadline:
    text = _shown(value)
    if value is None or (isinstance(value, str) and not text):
        return Deadline("ongoing", "", "Thường xuyên", ())
    if isinstance(value, Mapping):
        return _from_mapping(value, notice_date)
    if isinstance(value, bool | float | list | tuple) or not isinstance(value, str | int | date):
        raise DeadlineError(f"Thời hạn “{text}” không đọc được: đây là {_type_name(value)}.", FIX_ANY)
    if isinstance(value, str):
        key = _fold(text)
        words = _from_words(text, key, notice_date) if _is_words(key) else None
        if words is not None:
            return words
        period = _resolve_period_text(text)
        if period is None:
            raise DeadlineError(f"Không hiểu thời hạn “{text}”.", FIX_ANY)
    else:
        period = _resolve_period(value)
    _check_not_before(text, period.end, notice_date)
    return Deadline(period.kind, text, period.label, (Occurrence(min(notice_date, period.end), period.end),))
