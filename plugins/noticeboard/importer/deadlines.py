"""Deadline phrases clerks write ("xong trước ngày 25/4/2026", "trong Quý III/2026",
"hằng quý", "10 ngày làm việc kể từ ngày ký") turned into `due:` values of the
grammar in CONTENT_FORMAT section 3."""

from __future__ import annotations

import calendar
import re
import unicodedata
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
    """
    src = text.replace("*", "")
    if bare:
        src = " ".join(src.split()).strip(" .;,")
    low = _fold_spaces(src)
    if len(low) != len(src):
        src = low
    found: list[Due] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def add(due: Due) -> None:
        if free(due.start, due.stop):
            taken.append((due.start, due.stop))
            found.append(due)

    for m in _WORKING.finditer(low):
        n = int(m[1])
        anchor = m["anchor"].strip()
        dm = re.match(_D, anchor.replace("ngày ", "", 1))
        if dm and (dd := day_due(int(dm[1]), int(dm[2]), int(dm[3]))):
            after: Any = dd[2]
        elif _ANCHOR_NOTICE.match(anchor) and notice_date is not None:
            after = notice_date
        else:
            add(
                Due(
                    None,
                    None,
                    None,
                    m.start(),
                    m.end(),
                    src[m.start() : m.end()],
                    problem=f"“{src[m.start() : m.end()].strip()}”: không rõ mốc tính ngày làm việc",
                )
            )
            continue
        after_text = after.isoformat() if isinstance(after, date) else str(after)
        add(
            Due(
                {"working_days": n, "after": after},
                f"wd:{n}@{after_text}",
                None,
                m.start(),
                m.end(),
                src[m.start() : m.end()],
            )
        )
    for m in _QUARTER_YEARLY.finditer(low):
        q = ROMAN[m[1]]
        add(
            Due(
                {"every": "year", "by": f"Q{q}"},
                f"every:year,by:Q{q}",
                None,
                m.start(),
                m.end(),
                src[m.start() : m.end()],
            )
        )
    for m in _ONGOING.finditer(low):
        add(Due(None, None, None, m.start(), m.end(), src[m.start() : m.end()]))
    day_re = _BARE_DAY if bare else _DAY
    for m in day_re.finditer(low):
        g = [x for x in m.groups() if x is not None]
        d, mo, y = (int(g[2]), int(g[1]), int(g[0])) if len(g[0]) == 4 else (int(g[0]), int(g[1]), int(g[2]))
        dd = day_due(d, mo, y)
        if dd:
            add(Due(dd[0], dd[1], dd[2], m.start(), m.end(), src[m.start() : m.end()]))
    for m in _HALF.finditer(low):
        h = (1 if m[1] == "đầu" else 2) if m[1] else int(m[3])
        y = int(m[2] or m[4])
        add(
            Due(
                f"H{h}/{y}",
                f"H{h}/{y}",
                date(y, 6, 30) if h == 1 else date(y, 12, 31),
                m.start(),
                m.end(),
                src[m.start() : m.end()],
            )
        )
    for m in _QUARTER.finditer(low):
        q = ROMAN[m[1] or m[2]]
        y = int(m[3])
        add(Due(f"Q{q}/{y}", f"Q{q}/{y}", _last_day(y, 3 * q), m.start(), m.end(), src[m.start() : m.end()]))
    for m in _MONTH.finditer(low):
        mo, y = (int(m[1]), int(m[2])) if m[1] else (int(m[3]), int(m[4])) if m[3] else (int(m[6]), int(m[5]))
        if 1 <= mo <= 12:
            add(
                Due(
                    f"{mo}/{y}",
                    f"{y}-{mo:02d}",
                    _last_day(y, mo),
                    m.start(),
                    m.end(),
                    src[m.start() : m.end()],
                )
            )
    for m in _YEAR.finditer(low):
        y = int(m[1] or m[2])
        add(Due(str(y), str(y), date(y, 12, 31), m.start(), m.end(), src[m.start() : m.end()]))
    for m in _EVERY.finditer(low):
        word = m[1] or m[3]
        every: str | None
        if word:
            every = _PERIOD[word]
        else:
            months = int(m[2]) if m[2] else 6
            every = {1: "month", 3: "quarter", 6: "half-year", 12: "year"}.get(months)
            if every is None:
                continue
        add(Due({"every": every}, f"every:{every}", None, m.start(), m.end(), src[m.start() : m.end()]))
    found.sort(key=lambda d: d.start)
    return found


def due_from_phrase(text: str, notice_date: date | str | None = None, bare: bool = True) -> Due | None:
    """The first deadline in a short phrase (a table cell, a "Thời gian:" line)."""
    found = find_deadlines(text, notice_date, bare=bare) or find_deadlines(text, notice_date, bare=False)
    return found[0] if found else None
