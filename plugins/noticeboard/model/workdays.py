"""Vietnamese working days (CONTENT_FORMAT section 3, "working days").

A working day is a Monday to Friday that is not a Vietnamese public holiday as
listed by the ``holidays`` package (``holidays.country_holidays("VN")``): New
Year, lunar Tết (several days around it), Hùng Kings, 30/4, 1/5, 2/9 (and the
day next to it), the observed days the package adds when a holiday falls on a
weekend, and the government's announced swapped days off.

Saturdays the government turns into working days to make up for a swapped day
off are *not* counted as working days: the content format says "skip Saturdays,
Sundays and public holidays", and editors count that way.

Pure functions, no MkDocs import.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import holidays

_YEARS: dict[int, dict[date, str]] = {}


@cache
def _vietnam_class() -> Callable[..., Any]:
    """``holidays``' class for Vietnam, read from its own module file.

    ``holidays.country_holidays("VN")`` first imports ``holidays.countries``, whose ``__init__``
    imports all ~280 countries (a measurable share of the load stage: BENCHMARKS.md, "Figures
    behind the code"). The
    Vietnam module imports only the package's calendars and groups, so it is loaded alone, under
    a private name. Any surprise (another layout of the package, a relative import) and the
    registry's own call is used: same class, same tables (tests/test_deadlines.py compares them).
    """
    make: Callable[..., Any] = lambda **kwargs: holidays.country_holidays("VN", **kwargs)  # noqa: E731
    loaded = sys.modules.get("holidays.countries.vietnam")
    try:
        if loaded is None:
            path = Path(holidays.__file__).parent / "countries" / "vietnam.py"
            spec = importlib.util.spec_from_file_location("_noticeboard_holidays_vietnam", path)
            if spec is not None and spec.loader is not None and path.is_file():
                loaded = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(loaded)
        country = getattr(loaded, "Vietnam", None)
        if isinstance(country, type) and issubclass(country, holidays.HolidayBase):
            make = country
    except Exception:  # any failure: the registry's path below
        pass
    return make


def holidays_in_year(year: int) -> dict[date, str]:
    """Public holidays of Vietnam in ``year``: date -> name (English, as the package gives it)."""
    found = _YEARS.get(year)
    if found is None:
        table = _vietnam_class()(years=year)
        found = _YEARS[year] = {day: str(name) for day, name in table.items() if day.year == year}
    return found


def tables(years: Iterable[int]) -> dict[int, dict[date, str]]:
    """:func:`holidays_in_year` of each year, to be kept (content/cache.py) and given to :func:`preload`."""
    return {year: holidays_in_year(year) for year in years}


def preload(known: Mapping[int, Mapping[date, str]]) -> None:
    """Take tables made by :func:`tables` (by the same version of the ``holidays`` package)."""
    for year, table in known.items():
        _YEARS.setdefault(year, dict(table))


def holiday_name(day: date) -> str | None:
    """The holiday's name if ``day`` is a Vietnamese public holiday, else None."""
    return holidays_in_year(day.year).get(day)


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a public holiday."""
    return day.weekday() < 5 and day not in holidays_in_year(day.year)


def add_working_days(after: date, count: int) -> date:
    """The ``count``-th working day strictly after ``after`` (``count`` >= 1).

    ``add_working_days(date(2026, 5, 20), 1)`` is 21/05/2026, the next working day.
    """
    if count < 1:
        raise ValueError(f"count must be at least 1, got {count}")
    day = after
    left = count
    while left:
        day += timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day


def working_days_between(after: date, until: date) -> int:
    """How many working days lie in (after, until]; 0 when ``until <= after``."""
    total = 0
    day = after + timedelta(days=1)
    while day <= until:
        total += is_working_day(day)
        day += timedelta(days=1)
    return total
