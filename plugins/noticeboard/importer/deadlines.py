"""Deadline phrases clerks write ("xong trước ngày 25/4/2026", "trong Quý III/2026",
"hằng quý", "10 ngày làm việc kể từ ngày ký") turned into `due:` values of the
grammar in CONTENT_FORMAT section 3."""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True)
class Due:
    """One deadline found in a text. ``value`` is what goes after `due:`
    (a string or a mapping); ``key`` a normalised form for comparisons;
    ``end`` the last day (None for ongoing or an unknown anchor)."""

    value: Any
    key: str | None
    end: date | None
    start: int = 0  # character span in the searched text
    stop: int = 0
    phrase: str = ""
    problem: str = ""  # set when the phrase is a deadline that cannot be written in the grammar

    @property
    def ongoing(self) -> bool:
        return self.key is None and not self.problem


def _last_day(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def day_due(d: int, m: int, y: int) -> tuple[str, str, date] | None:
    try:
        day = date(y, m, d)
    except ValueError:
        return None
    return f"{d}/{m}/{y}", day.isoformat(), day


def due_key(value: Any) -> str | None:
    """Normalise a `due:` value (as written in a draft or a gold file) for comparison."""
    if value is None:
        return None
    if isinstance(value, dict):
        if "working_days" in value:
            return f"wd:{value['working_days']}@{value.get('after')}"
        parts = [f"every:{value.get('every')}"]
        if value.get("by"):
            parts.append(f"by:{value['by']}")
        return ",".join(parts)
    if isinstance(value, date):
        return value.isoformat()
    found = find_deadlines(str(value), None, bare=True)
    if len(found) == 1:
        return found[0].key
    return str(value).strip()


# --- phrase patterns (on NFC lower-case text) ------------------------------------------
_D = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
_DLONG = r"(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
_TRIGGER = (
    r"(?:(?:hoàn\s+thành|xong|thực\s+hiện|gửi|báo\s+cáo|nộp|trình|kết\s+thúc|hạn)\s+)?"
    r"(?:trước|chậm\s+nhất(?:\s+là)?(?:\s+vào)?|đến\s+hết|hạn\s+chót|trong|đến|hạn|vào)\s+(?:ngày\s+)?"
)
_WORKING = re.compile(
    r"(\d{1,3})\s+ngày\s+làm\s+việc,?\s*(?P<rel>kể\s+từ|sau\s+khi|sau|từ)\s*(?P<anchor>[^.;]{0,80})"
)
_DAY = re.compile(_TRIGGER + r"(?:" + _D + r"|" + _DLONG + r")")
_BARE_DAY = re.compile(r"^(?:ngày\s+)?(?:" + _D + r"|" + _DLONG + r"|(\d{4})-(\d{2})-(\d{2}))$")
_HALF = re.compile(r"(?:06|6)\s+tháng\s+(đầu|cuối)\s+năm\s+(\d{4})|\bh([12])\s*/\s*(\d{4})")
_QUARTER_YEARLY = re.compile(r"quý\s+(iv|i{1,3}|[1-4])\s+(?:hằng|hàng)\s+năm")
_QUARTER = re.compile(r"(?:\bquý\s+(iv|i{1,3}|[1-4])|\bq([1-4]))\s*(?:/|\s+năm\s+|\s+)(\d{4})")
_MONTH = re.compile(
    r"(?<![\d/])tháng\s+(\d{1,2})\s*(?:/|\s+năm\s+)(\d{4})|^(\d{1,2})/(\d{4})$|^(\d{4})-(\d{2})$"
)
_YEAR = re.compile(
    r"(?:(?:trong|hoàn\s+thành|xong|đến\s+hết|hết|cuối)\s+)+năm\s+(\d{4})(?!\s*-\s*\d)|^(?:năm\s+)?(\d{4})$"
)
_ONGOING = re.compile(r"thường\s+xuyên(?:\s+(?:hằng|hàng)\s+(?:năm|tháng|quý))?|liên\s+tục")
_EVERY = re.compile(
    r"(?:hằng|hàng)\s+(tháng|quý|năm)|định\s+kỳ\s+(?:0?(\d{1,2})\s+tháng\s*/\s*lần|(?:hằng|hàng)\s+(tháng|quý|năm)|(?:0?6)\s+tháng)"
)
_ANCHOR_NOTICE = re.compile(
    r"^(?:ngày\s+)?(?:ký|ban\s+hành|có\s+(?:thông\s+báo|văn\s+bản|kế\s+hoạch|quyết\s+định)|nhận\s+được|"
    r"thông\s+báo|văn\s+bản\s+này)"
)
_PERIOD = {"tháng": "month", "quý": "quarter", "năm": "year"}


def _fold_spaces(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower().replace("\u00a0", " ")


def find_deadlines(text: str, notice_date: date | str | None, bare: bool = False) -> list[Due]:
    """Every deadline phrase in ``text``, in order of position.

    ``bare`` accepts values with no trigger word ("Quý I/2026", "2026"), as in a
    table's time column; in running text a trigger ("trước ngày", "trong") is needed
    so that the dates of cited documents are not taken for deadlines.
    ``notice_date`` anchors working days; a string is a placeholder for an unknown date.

    The phrase kinds are tried in :data:`_FINDERS`' order; a phrase overlapping one found
    earlier is dropped ("10 ngày làm việc kể từ ngày 25/4/2026" is working days, not a day).
    """
    src = text.replace("*", "")
    if bare:
        src = " ".join(src.split()).strip(" .;,")
    low = _fold_spaces(src)
    if len(low) != len(src):
        src = low
    found: list[Due] = []
    for pattern, make in _FINDERS:
        if pattern is _DAY and bare:
            pattern = _BARE_DAY
        for m in pattern.finditer(low):
            due = make(m, src, notice_date)
            if due is not None and all(due.stop <= f.start or due.start >= f.stop for f in found):
                found.append(due)
    found.sort(key=lambda d: d.start)
    return found


def _due(value: Any, key: str | None, end: date | None, m: re.Match[str], src: str, problem: str = "") -> Due:
    """A :class:`Due` spanning the match ``m`` (its phrase as written in ``src``)."""
    return Due(value, key, end, m.start(), m.end(), src[m.start() : m.end()], problem=problem)


def _working_days(m: re.Match[str], src: str, notice_date: date | str | None) -> Due:
    """ "10 ngày làm việc kể từ ngày ký": counted from a written day or from the notice's date."""
    n = int(m[1])
    anchor = m["anchor"].strip()
    dm = re.match(_D, anchor.replace("ngày ", "", 1))
    after: Any
    if dm and (dd := day_due(int(dm[1]), int(dm[2]), int(dm[3]))):
        after = dd[2]
    elif _ANCHOR_NOTICE.match(anchor) and notice_date is not None:
        after = notice_date
    else:
        phrase = src[m.start() : m.end()].strip()
        return _due(None, None, None, m, src, problem=f"“{phrase}”: không rõ mốc tính ngày làm việc")
    after_text = after.isoformat() if isinstance(after, date) else str(after)
    return _due({"working_days": n, "after": after}, f"wd:{n}@{after_text}", None, m, src)


def _quarter_yearly(m: re.Match[str], src: str, notice_date: date | str | None) -> Due:
    q = ROMAN[m[1]]
    return _due({"every": "year", "by": f"Q{q}"}, f"every:year,by:Q{q}", None, m, src)


def _ongoing(m: re.Match[str], src: str, notice_date: date | str | None) -> Due:
    return _due(None, None, None, m, src)


def _day(m: re.Match[str], src: str, notice_date: date | str | None) -> Due | None:
    g = [x for x in m.groups() if x is not None]
    d, mo, y = (int(g[2]), int(g[1]), int(g[0])) if len(g[0]) == 4 else (int(g[0]), int(g[1]), int(g[2]))
    dd = day_due(d, mo, y)
    return _due(dd[0], dd[1], dd[2], m, src) if dd else None


def _half(m: re.Match[str], src: str, notice_date: date | str | None) -> Due:
    h = (1 if m[1] == "đầu" else 2) if m[1] else int(m[3])
    y = int(m[2] or m[4])
    return _due(f"H{h}/{y}", f"H{h}/{y}", date(y, 6, 30) if h == 1 else date(y, 12, 31), m, src)


def _quarter(m: re.Match[str], src: str, notice_date: date | str | None) -> Due:
    q = ROMAN[m[1] or m[2]]
    y = int(m[3])
    return _due(f"Q{q}/{y}", f"Q{q}/{y}", _last_day(y, 3 * q), m, src)


def _month(m: re.Match[str], src: str, notice_date: date | str | None) -> Due | None:
    mo, y = (int(m[1]), int(m[2])) if m[1] else (int(m[3]), int(m[4])) if m[3] else (int(m[6]), int(m[5]))
    if not 1 <= mo <= 12:
        return None
    return _due(f"{mo}/{y}", f"{y}-{mo:02d}", _last_day(y, mo), m, src)


def _year(m: re.Match[str], src: str, notice_date: date | str | None) -> Due:
    y = int(m[1] or m[2])
    return _due(str(y), str(y), date(y, 12, 31), m, src)


def _every(m: re.Match[str], src: str, notice_date: date | str | None) -> Due | None:
    word = m[1] or m[3]
    if word:
        every: str | None = _PERIOD[word]
    else:
        months = int(m[2]) if m[2] else 6
        every = {1: "month", 3: "quarter", 6: "half-year", 12: "year"}.get(months)
        if every is None:
            return None
    return _due({"every": every}, f"every:{every}", None, m, src)


# In priority order: a phrase claims its span before the kinds after it (_DAY: _BARE_DAY when bare).
_FINDERS: tuple[
    tuple[re.Pattern[str], Callable[[re.Match[str], str, date | str | None], Due | None]], ...
] = (
    (_WORKING, _working_days),
    (_QUARTER_YEARLY, _quarter_yearly),
    (_ONGOING, _ongoing),
    (_DAY, _day),
    (_HALF, _half),
    (_QUARTER, _quarter),
    (_MONTH, _month),
    (_YEAR, _year),
    (_EVERY, _every),
)


def due_from_phrase(text: str, notice_date: date | str | None = None, bare: bool = True) -> Due | None:
    """The first deadline in a short phrase (a table cell, a "Thời gian:" line)."""
    found = find_deadlines(text, notice_date, bare=bare) or find_deadlines(text, notice_date, bare=False)
    return found[0] if found else None
