"""Section 3: the deadline grammar and Vietnamese working days, row by row, at their boundaries."""

from __future__ import annotations

import sys
import unicodedata
from datetime import date

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from noticeboard.model import deadlines
from noticeboard.model.deadlines import (
    DeadlineError,
    Occurrence,
    format_date,
    parse_deadline,
    parse_period,
)
from noticeboard.model.workdays import (
    add_working_days,
    holiday_name,
    holidays_in_year,
    is_working_day,
    working_days_between,
)

D = date
APRIL_10 = D(2026, 4, 10)  # the notice date used unless a row says otherwise
JAN_2018 = D(2018, 1, 5)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# ---------------------------------------------------------------- single deadlines: every row of section 3


@pytest.mark.parametrize(
    ("value", "notice", "kind", "due", "label"),
    [
        # a day
        ("2026-04-25", APRIL_10, "day", D(2026, 4, 25), "25/04/2026"),
        ("25/4/2026", APRIL_10, "day", D(2026, 4, 25), "25/04/2026"),
        ("25/04/2026", APRIL_10, "day", D(2026, 4, 25), "25/04/2026"),
        ("ngày 25 tháng 4 năm 2026", APRIL_10, "day", D(2026, 4, 25), "25/04/2026"),
        ("ngày 25/4/2026", APRIL_10, "day", D(2026, 4, 25), "25/04/2026"),
        ("5/6/2026", APRIL_10, "day", D(2026, 6, 5), "05/06/2026"),
        (D(2026, 4, 25), APRIL_10, "day", D(2026, 4, 25), "25/04/2026"),  # YAML unquoted date
        # the notice date itself is a valid due
        ("10/4/2026", APRIL_10, "day", D(2026, 4, 10), "10/04/2026"),
        # within a month -> last day of the month
        ("2026-12", APRIL_10, "month", D(2026, 12, 31), "tháng 12/2026"),
        ("12/2018", JAN_2018, "month", D(2018, 12, 31), "tháng 12/2018"),
        ("tháng 12/2018", JAN_2018, "month", D(2018, 12, 31), "tháng 12/2018"),
        ("tháng 12 năm 2018", JAN_2018, "month", D(2018, 12, 31), "tháng 12/2018"),
        ("tháng 4/2026", APRIL_10, "month", D(2026, 4, 30), "tháng 04/2026"),
        ("tháng 2/2028", APRIL_10, "month", D(2028, 2, 29), "tháng 02/2028"),  # leap February
        ("2027-02", APRIL_10, "month", D(2027, 2, 28), "tháng 02/2027"),
        # within a quarter: roman or arabic, any case; every quarter's last day
        ("Q1/2027", APRIL_10, "quarter", D(2027, 3, 31), "quý I/2027"),
        ("quý I/2027", APRIL_10, "quarter", D(2027, 3, 31), "quý I/2027"),
        ("Quý 1/2027", APRIL_10, "quarter", D(2027, 3, 31), "quý I/2027"),
        ("Q2/2026", APRIL_10, "quarter", D(2026, 6, 30), "quý II/2026"),
        ("quý II/2026", APRIL_10, "quarter", D(2026, 6, 30), "quý II/2026"),
        ("QUÝ iii/2026", APRIL_10, "quarter", D(2026, 9, 30), "quý III/2026"),
        ("quý 3/2026", APRIL_10, "quarter", D(2026, 9, 30), "quý III/2026"),
        ("Quý IV/2026", APRIL_10, "quarter", D(2026, 12, 31), "quý IV/2026"),
        ("q4/2026", APRIL_10, "quarter", D(2026, 12, 31), "quý IV/2026"),
        ("quí II/2026", APRIL_10, "quarter", D(2026, 6, 30), "quý II/2026"),  # old tone placement
        ("quý II năm 2026", APRIL_10, "quarter", D(2026, 6, 30), "quý II/2026"),
        ("trong quý II/2026", APRIL_10, "quarter", D(2026, 6, 30), "quý II/2026"),
        # half year -> 30/6 or 31/12
        ("H1/2026", APRIL_10, "half", D(2026, 6, 30), "6 tháng đầu năm 2026"),
        ("6 tháng đầu năm 2026", APRIL_10, "half", D(2026, 6, 30), "6 tháng đầu năm 2026"),
        ("H2/2026", APRIL_10, "half", D(2026, 12, 31), "6 tháng cuối năm 2026"),
        ("6 tháng cuối năm 2026", APRIL_10, "half", D(2026, 12, 31), "6 tháng cuối năm 2026"),
        ("h2/2027", APRIL_10, "half", D(2027, 12, 31), "6 tháng cuối năm 2027"),
        # within a year -> 31/12
        ("2026", APRIL_10, "year", D(2026, 12, 31), "năm 2026"),
        ("năm 2026", APRIL_10, "year", D(2026, 12, 31), "năm 2026"),
        (2026, APRIL_10, "year", D(2026, 12, 31), "năm 2026"),  # YAML int
        ("Năm 2027", APRIL_10, "year", D(2027, 12, 31), "năm 2027"),
        # leap day
        ("29/2/2028", APRIL_10, "day", D(2028, 2, 29), "29/02/2028"),
    ],
)
def test_single_deadline(value: object, notice: date, kind: str, due: date, label: str) -> None:
    deadline = parse_deadline(value, notice)
    assert deadline.kind == kind
    assert deadline.label == label
    assert deadline.occurrences == (Occurrence(start=notice, due=due),)
    assert not deadline.recurring


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("25/4/2026", "25/4/2026"),
        ("  Q2/2026 \n", "Q2/2026"),
        (2026, "2026"),
        (D(2026, 4, 25), "2026-04-25"),
        (
            {"every": "quarter", "from": "Q3/2026", "until": 2027},
            "every: quarter, from: Q3/2026, until: 2027",
        ),
        ({"working_days": 10, "after": D(2026, 5, 20)}, "working_days: 10, after: 2026-05-20"),
        (nfd("quý II/2026"), "quý II/2026"),  # text is NFC
    ],
)
def test_text_is_the_value_as_written(value: object, text: str) -> None:
    deadline = parse_deadline(value, APRIL_10)
    assert deadline.text == text
    assert unicodedata.is_normalized("NFC", deadline.text)


@pytest.mark.parametrize(
    ("value", "due"),
    [
        # NFD input, stray spaces, case and tone placement all read the same
        (nfd("ngày 25 tháng 4 năm 2026"), D(2026, 4, 25)),
        (nfd("Quý II/2026"), D(2026, 6, 30)),
        (nfd("6 tháng cuối năm 2026"), D(2026, 12, 31)),
        (nfd("tháng 12/2026"), D(2026, 12, 31)),
        (nfd("năm 2026"), D(2026, 12, 31)),
        ("  QUÍ  iv / 2026 ", D(2026, 12, 31)),
        ("\t25 / 4 / 2026  ", D(2026, 4, 25)),
        ("25-4-2026", D(2026, 4, 25)),
        ("25.4.2026", D(2026, 4, 25)),
        ("6 thang dau nam 2026", D(2026, 6, 30)),  # typed without diacritics
        ("sáu tháng đầu năm 2026", D(2026, 6, 30)),
        ("2026-Q3", D(2026, 9, 30)),
    ],
)
def test_lenient_spelling(value: str, due: date) -> None:
    assert parse_deadline(value, APRIL_10).occurrences[-1].due == due


@pytest.mark.parametrize("value", [None, "", "   ", "thường xuyên", "Thường xuyên", nfd("THƯỜNG XUYÊN")])
def test_ongoing(value: object) -> None:
    deadline = parse_deadline(value, APRIL_10)
    assert deadline.kind == "ongoing"
    assert deadline.occurrences == ()
    assert deadline.label == "Thường xuyên"


# ---------------------------------------------------------------- recurring


def occ(start: tuple[int, int, int], due: tuple[int, int, int]) -> Occurrence:
    return Occurrence(D(*start), D(*due))


@pytest.mark.parametrize(
    ("value", "notice", "expected"),
    [
        # words; from = notice date (10/4/2026), until = end of 2026
        (
            "hằng quý",
            APRIL_10,
            [
                occ((2026, 4, 1), (2026, 6, 30)),
                occ((2026, 7, 1), (2026, 9, 30)),
                occ((2026, 10, 1), (2026, 12, 31)),
            ],
        ),
        (
            "hàng quý",
            APRIL_10,
            [
                occ((2026, 4, 1), (2026, 6, 30)),
                occ((2026, 7, 1), (2026, 9, 30)),
                occ((2026, 10, 1), (2026, 12, 31)),
            ],
        ),
        ("6 tháng", APRIL_10, [occ((2026, 1, 1), (2026, 6, 30)), occ((2026, 7, 1), (2026, 12, 31))]),
        ("6 tháng", D(2026, 7, 1), [occ((2026, 7, 1), (2026, 12, 31))]),
        ("hằng năm", APRIL_10, [occ((2026, 1, 1), (2026, 12, 31))]),
        ("hàng năm", D(2026, 12, 31), [occ((2026, 1, 1), (2026, 12, 31))]),
        (
            "hằng tháng",
            D(2026, 10, 31),
            [
                occ((2026, 10, 1), (2026, 10, 31)),
                occ((2026, 11, 1), (2026, 11, 30)),
                occ((2026, 12, 1), (2026, 12, 31)),
            ],
        ),
        (
            "hàng tháng",
            D(2026, 11, 2),
            [occ((2026, 11, 1), (2026, 11, 30)), occ((2026, 12, 1), (2026, 12, 31))],
        ),
        # Quý I hằng năm: in a February notice that year's Q1 counts ...
        ("Quý I hằng năm", D(2026, 2, 1), [occ((2026, 1, 1), (2026, 3, 31))]),
        # ... in a May notice it is skipped, and the first occurrence is next year's
        ("Quý I hằng năm", D(2026, 5, 15), [occ((2027, 1, 1), (2027, 3, 31))]),
        (nfd("quý I hằng năm"), D(2026, 2, 1), [occ((2026, 1, 1), (2026, 3, 31))]),
        ("tháng 3 hằng năm", D(2026, 2, 1), [occ((2026, 1, 1), (2026, 3, 31))]),
        ("ngày 25 hằng tháng", D(2026, 11, 26), [occ((2026, 12, 1), (2026, 12, 25))]),
        ("tháng thứ 2 hằng quý", D(2026, 9, 1), [occ((2026, 10, 1), (2026, 11, 30))]),
        # mappings across years
        (
            {"every": "quarter", "from": "Q3/2026", "until": "Q2/2027"},
            APRIL_10,
            [
                occ((2026, 7, 1), (2026, 9, 30)),
                occ((2026, 10, 1), (2026, 12, 31)),
                occ((2027, 1, 1), (2027, 3, 31)),
                occ((2027, 4, 1), (2027, 6, 30)),
            ],
        ),
        (
            {"every": "year", "by": "Q1", "from": 2026, "until": 2028},
            D(2026, 5, 15),
            [occ((2027, 1, 1), (2027, 3, 31)), occ((2028, 1, 1), (2028, 3, 31))],
        ),
        (
            {"every": "year", "by": "H1", "until": 2027},
            APRIL_10,
            [occ((2026, 1, 1), (2026, 6, 30)), occ((2027, 1, 1), (2027, 6, 30))],
        ),
        ({"every": "year", "by": "6 tháng cuối năm"}, APRIL_10, [occ((2026, 1, 1), (2026, 12, 31))]),
        (
            {"every": "year", "by": "M9", "until": 2027},
            APRIL_10,
            [occ((2026, 1, 1), (2026, 9, 30)), occ((2027, 1, 1), (2027, 9, 30))],
        ),
        ({"every": "year", "by": "tháng 6"}, APRIL_10, [occ((2026, 1, 1), (2026, 6, 30))]),
        (
            {"every": "year", "by": 2, "until": 2028},
            APRIL_10,
            [occ((2027, 1, 1), (2027, 2, 28)), occ((2028, 1, 1), (2028, 2, 29))],
        ),
        (
            {"every": "half-year", "by": "Q2", "until": "2026"},
            APRIL_10,
            [occ((2026, 1, 1), (2026, 6, 30)), occ((2026, 7, 1), (2026, 12, 31))],
        ),
        ({"every": "half-year", "by": "Q1", "until": "2026"}, APRIL_10, [occ((2026, 7, 1), (2026, 9, 30))]),
        (
            {"every": "half-year", "by": 5, "until": "2026"},
            APRIL_10,
            [occ((2026, 1, 1), (2026, 5, 31)), occ((2026, 7, 1), (2026, 11, 30))],
        ),
        (
            {"every": "quarter", "by": 1, "from": D(2026, 8, 1), "until": 2026},
            APRIL_10,
            [occ((2026, 10, 1), (2026, 10, 31))],
        ),
        (
            {"every": "quarter", "by": "tháng 3", "from": "Q3/2026", "until": "Q3/2026"},
            APRIL_10,
            [occ((2026, 7, 1), (2026, 9, 30))],
        ),
        # every month by day 31, clamped to short months (and the 2028 leap day)
        (
            {"every": "month", "by": 31, "from": "2028-01", "until": "tháng 4/2028"},
            APRIL_10,
            [
                occ((2028, 1, 1), (2028, 1, 31)),
                occ((2028, 2, 1), (2028, 2, 29)),
                occ((2028, 3, 1), (2028, 3, 31)),
                occ((2028, 4, 1), (2028, 4, 30)),
            ],
        ),
        (
            {"every": "month", "by": "ngày 15", "from": D(2026, 5, 15), "until": "2026-07"},
            APRIL_10,
            [
                occ((2026, 5, 1), (2026, 5, 15)),
                occ((2026, 6, 1), (2026, 6, 15)),
                occ((2026, 7, 1), (2026, 7, 15)),
            ],
        ),
        # from a day: the period holding that day counts when its due is on or after it
        (
            {"every": "month", "from": "16/5/2026", "until": "6/2026"},
            APRIL_10,
            [occ((2026, 5, 1), (2026, 5, 31)), occ((2026, 6, 1), (2026, 6, 30))],
        ),
        # a from before the notice date: dues before the notice are left out
        (
            {"every": "quarter", "from": "2026", "until": "2026"},
            APRIL_10,
            [
                occ((2026, 4, 1), (2026, 6, 30)),
                occ((2026, 7, 1), (2026, 9, 30)),
                occ((2026, 10, 1), (2026, 12, 31)),
            ],
        ),
        # until given as a period with a due beyond it: that period is left out
        ({"every": "year", "from": 2026, "until": "H1/2027"}, APRIL_10, [occ((2026, 1, 1), (2026, 12, 31))]),
        # a from in a later year with no until: until the end of that year
        (
            {"every": "half-year", "from": 2027},
            APRIL_10,
            [occ((2027, 1, 1), (2027, 6, 30)), occ((2027, 7, 1), (2027, 12, 31))],
        ),
        # every aliases
        ({"every": "quý", "until": "2026"}, D(2026, 10, 1), [occ((2026, 10, 1), (2026, 12, 31))]),
        ({"every": "Half", "until": "2026"}, D(2026, 10, 1), [occ((2026, 7, 1), (2026, 12, 31))]),
    ],
)
def test_recurring(value: object, notice: date, expected: list[Occurrence]) -> None:
    deadline = parse_deadline(value, notice)
    assert deadline.kind == "recurring"
    assert deadline.recurring
    assert list(deadline.occurrences) == expected


@pytest.mark.parametrize(
    ("value", "notice", "label"),
    [
        ("hằng quý", APRIL_10, "hằng quý (3 kỳ, 30/06/2026–31/12/2026)"),
        ("Quý I hằng năm", D(2026, 5, 15), "quý I hằng năm (1 kỳ, 31/03/2027)"),
        ("6 tháng", APRIL_10, "mỗi 6 tháng (2 kỳ, 30/06/2026–31/12/2026)"),
        (
            {"every": "month", "by": 25, "until": "5/2026"},
            APRIL_10,
            "ngày 25 hằng tháng (2 kỳ, 25/04/2026–25/05/2026)",
        ),
        (
            {"every": "year", "by": "H2", "until": 2027},
            APRIL_10,
            "6 tháng cuối năm hằng năm (2 kỳ, 31/12/2026–31/12/2027)",
        ),
    ],
)
def test_recurring_label(value: object, notice: date, label: str) -> None:
    assert parse_deadline(value, notice).label == label


# ---------------------------------------------------------------- working days


@pytest.mark.parametrize(
    ("value", "notice", "due", "label"),
    [
        # 20/5/2026 is a Wednesday: 21, 22, 25, 26, 27, 28, 29/5, 1, 2, 3/6 -> the 10th is 03/06/2026
        (
            {"working_days": 10, "after": D(2026, 5, 20)},
            APRIL_10,
            D(2026, 6, 3),
            "10 ngày làm việc sau 20/05/2026 (03/06/2026)",
        ),
        (
            "10 ngày làm việc sau 20/5/2026",
            APRIL_10,
            D(2026, 6, 3),
            "10 ngày làm việc sau 20/05/2026 (03/06/2026)",
        ),
        (
            "10 ngày làm việc sau ngày 20/5/2026",
            APRIL_10,
            D(2026, 6, 3),
            "10 ngày làm việc sau 20/05/2026 (03/06/2026)",
        ),
        (
            "10 ngày làm việc kể từ ngày 20/5/2026",
            APRIL_10,
            D(2026, 6, 3),
            "10 ngày làm việc sau 20/05/2026 (03/06/2026)",
        ),
        (
            "trong 10 ngày làm việc kể từ ngày 20 tháng 5 năm 2026",
            APRIL_10,
            D(2026, 6, 3),
            "10 ngày làm việc sau 20/05/2026 (03/06/2026)",
        ),
        (
            nfd("10 NGÀY LÀM VIỆC SAU 2026-05-20"),
            APRIL_10,
            D(2026, 6, 3),
            "10 ngày làm việc sau 20/05/2026 (03/06/2026)",
        ),
        (
            {"working_days": "10", "after": "20/5/2026"},
            APRIL_10,
            D(2026, 6, 3),
            "10 ngày làm việc sau 20/05/2026 (03/06/2026)",
        ),
        # after omitted -> the notice date (Fri 10/4/2026): 13, 14, 15/4
        ({"working_days": 3}, APRIL_10, D(2026, 4, 15), "3 ngày làm việc sau 10/04/2026 (15/04/2026)"),
        ("3 ngày làm việc", APRIL_10, D(2026, 4, 15), "3 ngày làm việc sau 10/04/2026 (15/04/2026)"),
        # 30/4 (Thu) and 1/5/2026 (Fri) are holidays: after Tue 28/4 -> 29/4, 4/5, 5/5
        (
            "3 ngày làm việc sau 28/4/2026",
            APRIL_10,
            D(2026, 5, 5),
            "3 ngày làm việc sau 28/04/2026 (05/05/2026)",
        ),
        # Tết 2027 (holidays 4/2 Thu .. 10/2 Wed): after Mon 1/2/2027 -> 2/2, 3/2, 11/2, 12/2, 15/2
        (
            {"working_days": 5, "after": "1/2/2027"},
            APRIL_10,
            D(2027, 2, 15),
            "5 ngày làm việc sau 01/02/2027 (15/02/2027)",
        ),
    ],
)
def test_working_days_deadline(value: object, notice: date, due: date, label: str) -> None:
    deadline = parse_deadline(value, notice)
    assert deadline.kind == "working_days"
    assert deadline.occurrences == (Occurrence(notice, due),)
    assert deadline.label == label


@pytest.mark.parametrize(
    ("after", "count", "due"),
    [
        (D(2026, 5, 20), 1, D(2026, 5, 21)),  # strictly after
        (D(2026, 5, 22), 1, D(2026, 5, 25)),  # Friday -> Monday
        (D(2026, 5, 23), 1, D(2026, 5, 25)),  # from a Saturday
        # Hùng Kings 26/4/2026 is a Sunday, observed Monday 27/4: after Fri 24/4 -> Tue 28/4
        (D(2026, 4, 24), 1, D(2026, 4, 28)),
        # 30/4 Thu, 1/5 Fri holidays, 2-3/5 weekend: after 29/4 -> 4/5
        (D(2026, 4, 29), 1, D(2026, 5, 4)),
        (D(2026, 4, 30), 1, D(2026, 5, 4)),  # counting from a holiday
        (D(2026, 4, 28), 3, D(2026, 5, 5)),
        # 2/9/2026: 31/8 (swapped day off), 1/9 and 2/9 are holidays; after Thu 27/8 -> 28/8, 3/9, 4/9
        (D(2026, 8, 27), 3, D(2026, 9, 4)),
        (D(2026, 8, 28), 1, D(2026, 9, 3)),
        # 2027: 30/4 Fri, 1/5 Sat observed Mon 3/5: after Thu 29/4 -> Tue 4/5
        (D(2027, 4, 29), 1, D(2027, 5, 4)),
        # 2/9/2027 Thu and 3/9 Fri: after Wed 1/9 -> Mon 6/9
        (D(2027, 9, 1), 1, D(2027, 9, 6)),
        # Tết 2027 per the holidays package: 4/2 (29 Tết) .. 10/2 (mùng 5), Thu to Wed.
        # after Fri 29/1/2027: 1/2 (1), 2/2 (2), 3/2 (3), [4-10/2 off], 11/2 (4), 12/2 (5),
        # 15/2 (6), 16/2 (7), 17/2 (8), 18/2 (9), 19/2 (10)
        (D(2027, 1, 29), 10, D(2027, 2, 19)),
        (D(2027, 2, 3), 1, D(2027, 2, 11)),
        # Tết 2026: 16/2 Mon .. 20/2 Fri; after Fri 13/2/2026 -> Mon 23/2
        (D(2026, 2, 13), 1, D(2026, 2, 23)),
        # New Year 1/1/2027 (Fri): after 31/12/2026 (Thu) -> Mon 4/1/2027
        (D(2026, 12, 31), 1, D(2027, 1, 4)),
    ],
)
def test_add_working_days(after: date, count: int, due: date) -> None:
    assert add_working_days(after, count) == due
    assert working_days_between(after, due) == count


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 4, 30), False),
        (D(2026, 5, 1), False),
        (D(2026, 9, 2), False),
        (D(2027, 2, 4), False),
        (D(2027, 2, 10), False),
        (D(2027, 2, 11), True),
        (D(2026, 5, 2), False),  # Saturday
        (D(2026, 5, 3), False),  # Sunday
        (D(2026, 5, 4), True),
    ],
)
def test_is_working_day(day: date, working: bool) -> None:
    assert is_working_day(day) is working


def test_holiday_table_has_lunar_tet_2027() -> None:
    table = holidays_in_year(2027)
    tet = [D(2027, 2, d) for d in range(4, 11)]
    assert all(day in table for day in tet)
    assert D(2027, 2, 3) not in table and D(2027, 2, 11) not in table
    assert holiday_name(D(2027, 2, 6)) == table[D(2027, 2, 6)]
    assert holiday_name(D(2027, 2, 11)) is None


def test_holiday_tables_are_the_registrys(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Vietnam class loaded from its module file gives holidays.country_holidays("VN")'s
    tables, names included; a package laid out otherwise falls back to the registry's call."""
    import holidays

    from noticeboard.model import workdays

    workdays._vietnam_class.cache_clear()
    monkeypatch.setattr(workdays, "_YEARS", {})
    assert workdays._vietnam_class().__name__ == "Vietnam"  # the direct path ran, not the fallback
    years = range(1995, 2046)
    ours = {year: holidays_in_year(year) for year in years}
    theirs = holidays.country_holidays("VN", years=years)
    for year in years:
        expected = {day: str(name) for day, name in theirs.items() if day.year == year}
        assert ours[year] == expected, year
    workdays._vietnam_class.cache_clear()
    monkeypatch.setattr(workdays, "_YEARS", {})
    monkeypatch.setattr(holidays, "__file__", "/nowhere/holidays/__init__.py")
    if "holidays.countries.vietnam" in sys.modules:
        monkeypatch.delitem(sys.modules, "holidays.countries.vietnam")
    try:
        assert holidays_in_year(2027) == ours[2027]
        assert workdays._vietnam_class().__name__ == "<lambda>"
    finally:
        workdays._vietnam_class.cache_clear()  # the next caller finds the class again


def test_add_working_days_rejects_zero() -> None:
    with pytest.raises(ValueError):
        add_working_days(D(2026, 5, 20), 0)


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("value", "notice", "quoted", "says"),
    [
        ("31/2/2026", APRIL_10, "31/2/2026", "không phải ngày có thật"),
        ("29/2/2026", APRIL_10, "29/2/2026", "chỉ có 28 ngày"),
        ("31/4/2026", APRIL_10, "31/4/2026", "chỉ có 30 ngày"),
        ("2026-02-30", APRIL_10, "2026-02-30", "không phải ngày có thật"),
        ("ngày 32 tháng 5 năm 2026", APRIL_10, "ngày 32 tháng 5 năm 2026", "không phải ngày có thật"),
        ("13/2026", APRIL_10, "13/2026", "không có tháng 13"),
        ("tháng 0/2026", APRIL_10, "tháng 0/2026", "không có tháng 0"),
        ("2026-13", APRIL_10, "2026-13", "không có tháng 13"),
        ("25/13/2026", APRIL_10, "25/13/2026", "không có tháng 13"),
        ("quý V/2026", APRIL_10, "quý V/2026", "không có quý V"),
        ("Q5/2026", APRIL_10, "Q5/2026", "không có quý 5"),
        ("Q0/2026", APRIL_10, "Q0/2026", "không có quý 0"),
        ("H3/2026", APRIL_10, "H3/2026", "không có nửa năm 3"),
        ("năm 3026", APRIL_10, "năm 3026", "ngoài khoảng"),
        # a due before the notice date
        ("25/3/2026", APRIL_10, "25/3/2026", "trước ngày ban hành 10/04/2026"),
        ("9/4/2026", APRIL_10, "9/4/2026", "trước ngày ban hành 10/04/2026"),
        ("tháng 3/2026", APRIL_10, "tháng 3/2026", "trước ngày ban hành"),
        ("Q1/2026", APRIL_10, "Q1/2026", "trước ngày ban hành"),
        ("2025", APRIL_10, "2025", "trước ngày ban hành"),
        ("12/2018", APRIL_10, "12/2018", "(31/12/2018) trước ngày ban hành 10/04/2026"),
        ("1 ngày làm việc sau 1/1/2026", APRIL_10, "1 ngày làm việc sau 1/1/2026", "trước ngày ban hành"),
        # unknown text
        ("sớm", APRIL_10, "sớm", "Không hiểu thời hạn"),
        ("trước 25/4", APRIL_10, "trước 25/4", "Không hiểu thời hạn"),
        ("25/4", APRIL_10, "25/4", "Không hiểu thời hạn"),
        ("abc hằng tháng", APRIL_10, "abc hằng tháng", "không hiểu kỳ"),
        (
            "10 ngày làm việc sau tuần tới",
            APRIL_10,
            "10 ngày làm việc sau tuần tới",
            "Không hiểu ngày bắt đầu",
        ),
        ("0 ngày làm việc", APRIL_10, "0 ngày làm việc", "từ 1 đến 365"),
        ("400 ngày làm việc", APRIL_10, "400 ngày làm việc", "từ 1 đến 365"),
        # wrong types
        (True, APRIL_10, "True", "đúng/sai"),
        (1.5, APRIL_10, "1.5", "số thập phân"),
        (["25/4/2026"], APRIL_10, "['25/4/2026']", "danh sách"),
        (26, APRIL_10, "26", "ngoài khoảng"),
        # mappings: unknown keys with a suggestion
        ({"every": "quarter", "unitl": 2027}, APRIL_10, "every: quarter, unitl: 2027", "Có phải “until”?"),
        ({"evry": "year"}, APRIL_10, "evry: year", "Có phải “every”?"),
        (
            {"working_days": 5, "afer": "1/6/2026"},
            APRIL_10,
            "working_days: 5, afer: 1/6/2026",
            "Có phải “after”?",
        ),
        ({"by": "Q1"}, APRIL_10, "by: Q1", "thiếu khoá “every”"),
        ({"every": "yaer"}, APRIL_10, "every: yaer", "Có phải “year”?"),
        ({"every": 3}, APRIL_10, "every: 3", "không phải chu kỳ"),
        # by out of range for its period
        ({"every": "quarter", "by": 4}, APRIL_10, "every: quarter, by: 4", "tháng phải từ 1 đến 3"),
        ({"every": "half-year", "by": "Q3"}, APRIL_10, "every: half-year, by: Q3", "quý phải từ 1 đến 2"),
        ({"every": "half-year", "by": 7}, APRIL_10, "every: half-year, by: 7", "tháng phải từ 1 đến 6"),
        ({"every": "year", "by": "Q5"}, APRIL_10, "every: year, by: Q5", "quý phải từ 1 đến 4"),
        ({"every": "year", "by": "H3"}, APRIL_10, "every: year, by: H3", "từ 1 đến 2"),
        ({"every": "year", "by": 13}, APRIL_10, "every: year, by: 13", "tháng phải từ 1 đến 12"),
        ({"every": "month", "by": 32}, APRIL_10, "every: month, by: 32", "ngày phải từ 1 đến 31"),
        ({"every": "month", "by": "cuối"}, APRIL_10, "every: month, by: cuối", "không hiểu kỳ"),
        # from/until
        (
            {"every": "year", "from": 2027, "until": 2026},
            APRIL_10,
            "every: year, from: 2027, until: 2026",
            "trước “from”",
        ),
        (
            {"every": "year", "by": "Q1", "until": 2026},
            D(2026, 5, 15),
            "every: year, by: Q1, until: 2026",
            "không có kỳ hạn nào",
        ),
        (
            {"every": "month", "from": 2026, "until": 2060},
            APRIL_10,
            "every: month, from: 2026, until: 2060",
            "hơn 400 kỳ hạn",
        ),
        ({"every": "year", "from": "Q5/2026"}, APRIL_10, "Q5/2026", "không có quý 5"),
        ({"every": "year", "until": True}, APRIL_10, "True", "không phải ngày hay kỳ hạn"),
        ({"every": "year", "until": "sau này"}, APRIL_10, "sau này", "Không hiểu"),
        # working days mapping
        ({"working_days": 0}, APRIL_10, "working_days: 0", "từ 1 đến 365"),
        ({"working_days": True}, APRIL_10, "working_days: True", "phải là một số ngày"),
        ({"working_days": "mười"}, APRIL_10, "working_days: mười", "phải là một số ngày"),
        ({"working_days": 5, "after": "tháng 5/2026"}, APRIL_10, "after: tháng 5/2026", "một ngày cụ thể"),
        ({"working_days": 5, "after": "31/2/2026"}, APRIL_10, "31/2/2026", "không phải ngày có thật"),
    ],
)
def test_errors_quote_the_text(value: object, notice: date, quoted: str, says: str) -> None:
    with pytest.raises(DeadlineError) as caught:
        parse_deadline(value, notice)
    message = str(caught.value)
    assert f"“{quoted}" in message
    assert says in message
    assert caught.value.fix  # always says how to write it


def test_error_fix_gives_an_example() -> None:
    with pytest.raises(DeadlineError) as caught:
        parse_deadline("31/2/2026", APRIL_10)
    assert "28/2/2026" in caught.value.fix
    with pytest.raises(DeadlineError) as caught:
        parse_deadline("sớm", APRIL_10)
    assert "25/4/2026" in caught.value.fix and "thường xuyên" in caught.value.fix


def test_error_keeps_nfd_text_readable() -> None:
    with pytest.raises(DeadlineError) as caught:
        parse_deadline(nfd("quý V/2026"), APRIL_10)
    assert "“quý V/2026”" in str(caught.value)


# ---------------------------------------------------------------- YAML as the loader gives it


@pytest.mark.parametrize(
    ("line", "kind", "dues"),
    [
        ("due: 2026-04-25", "day", [D(2026, 4, 25)]),
        ("due: 25/4/2026", "day", [D(2026, 4, 25)]),
        ("due: 2026", "year", [D(2026, 12, 31)]),
        ("due: 2026-12", "month", [D(2026, 12, 31)]),
        ("due: Q3/2026", "quarter", [D(2026, 9, 30)]),
        ("due: quý II/2026", "quarter", [D(2026, 6, 30)]),
        ("due: thường xuyên", "ongoing", []),
        ("due:", "ongoing", []),
        (
            "due: {every: quarter, from: Q3/2026, until: Q2/2027}",
            "recurring",
            [D(2026, 9, 30), D(2026, 12, 31), D(2027, 3, 31), D(2027, 6, 30)],
        ),
        (
            "due: {every: year, by: Q1, from: 2027, until: 2028}",
            "recurring",
            [D(2027, 3, 31), D(2028, 3, 31)],
        ),
        ("due: {working_days: 10, after: 2026-05-20}", "working_days", [D(2026, 6, 3)]),
    ],
)
def test_yaml_values(line: str, kind: str, dues: list[date]) -> None:
    value = yaml.safe_load(line)["due"]
    deadline = parse_deadline(value, APRIL_10)
    assert deadline.kind == kind
    assert [o.due for o in deadline.occurrences] == dues


@pytest.mark.parametrize("line", ["due: yes", "due: 1.5", "due: [25/4/2026]", "due: 2026-04-25 10:00:00.5"])
def test_yaml_wrong_types(line: str) -> None:
    value = yaml.safe_load(line)["due"]
    if line.endswith("10:00:00.5"):
        # a timestamp is read as its day
        assert parse_deadline(value, APRIL_10).occurrences[0].due == D(2026, 4, 25)
        return
    with pytest.raises(DeadlineError):
        parse_deadline(value, APRIL_10)


# ---------------------------------------------------------------- helpers


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("25/4/2026", D(2026, 4, 25), D(2026, 4, 25)),
        (D(2026, 4, 25), D(2026, 4, 25), D(2026, 4, 25)),
        ("2026-02", D(2026, 2, 1), D(2026, 2, 28)),
        ("Q1/2026", D(2026, 1, 1), D(2026, 3, 31)),
        ("quý II/2026", D(2026, 4, 1), D(2026, 6, 30)),
        ("Q3/2026", D(2026, 7, 1), D(2026, 9, 30)),
        ("quý IV/2026", D(2026, 10, 1), D(2026, 12, 31)),
        ("H1/2026", D(2026, 1, 1), D(2026, 6, 30)),
        ("6 tháng cuối năm 2026", D(2026, 7, 1), D(2026, 12, 31)),
        (2027, D(2027, 1, 1), D(2027, 12, 31)),
        ("năm 2027", D(2027, 1, 1), D(2027, 12, 31)),
    ],
)
def test_parse_period(value: object, start: date, end: date) -> None:
    assert parse_period(value) == (start, end)


@pytest.mark.parametrize("value", ["thường xuyên", "hằng quý", "31/2/2026", None, True, {"every": "year"}])
def test_parse_period_rejects(value: object) -> None:
    with pytest.raises(DeadlineError):
        parse_period(value)


@pytest.mark.parametrize(
    ("day", "text"),
    [(D(2026, 4, 5), "05/04/2026"), (D(2026, 12, 31), "31/12/2026"), (D(1999, 1, 1), "01/01/1999")],
)
def test_format_date(day: date, text: str) -> None:
    assert format_date(day) == text


# The fast paths of parse_deadline (the commonest day spellings, and the check that a text is no
# recurring/working-day phrase) give exactly what the full grammar gives: value, or message and fix.
_NUMBERS = st.sampled_from(
    ["0", "1", "01", "9", "12", "13", "29", "30", "31", "32", "99", "1899", "1900", "2026", "2099", "2100"]
)
_DAY_TEXTS = st.one_of(
    st.tuples(_NUMBERS, _NUMBERS, _NUMBERS).map(lambda p: f"{p[0]}/{p[1]}/{p[2]}"),
    st.tuples(_NUMBERS, _NUMBERS, _NUMBERS).map(lambda p: f"ngày {p[0]} tháng {p[1]} năm {p[2]}"),
    st.tuples(
        st.sampled_from(["", " ", "Ngày ", "ngay ", "ngày  ", nfd("ngày ")]),
        _NUMBERS,
        st.sampled_from(["/", "-", ".", " tháng "]),
        _NUMBERS,
        st.sampled_from(["/", " năm ", "-"]),
        _NUMBERS,
    ).map("".join),
    st.sampled_from(
        [
            "hằng quý",
            "Quý I hằng năm",
            "6 tháng",
            "10 ngày làm việc sau 20/5/2026",
            "thường xuyên",
            "tháng 12/2026",
            "quý II/2026",
            "Q2/2026",
            "H1/2026",
            "năm 2026",
            "2026",
            "2026-12",
            "12/2026",
            "6 tháng đầu năm 2026",
        ]
    ),
)


def _outcome(parse, value: object, notice: date) -> object:
    try:
        return parse(value, notice)
    except DeadlineError as err:
        return ("error", str(err), err.fix)


@settings(max_examples=400, deadline=None)
@given(_DAY_TEXTS, st.dates(min_value=D(1900, 1, 1), max_value=D(2099, 12, 31)))
def test_fast_deadline_paths_equal_the_full_grammar(value: str, notice: date) -> None:
    assert _outcome(parse_deadline, value, notice) == _outcome(deadlines._parse_deadline, value, notice)
    key = deadlines._fold(value)
    if not deadlines._is_words(key):
        assert deadlines._from_words(value.strip(), key, notice) is None
