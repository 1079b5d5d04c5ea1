"""load → check → build, without MkDocs: used by the plugin, the CLI and tests."""

from __future__ import annotations

import gc
import os
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .content.cache import RecordCache
from .content.check import check_records, drop_invalid
from .content.load import load_content
from .content.records import ContentRecords
from .errors import Problems
from .model.build import build_site
from .model.site import Site

ENV_AS_OF = "NOTICEBOARD_AS_OF"
DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"


class AsOfError(ValueError):
    pass


def resolve_as_of(
    value: str | date | None,
    timezone: str = DEFAULT_TIMEZONE,
    environ: Mapping[str, str] | None = None,
    now: datetime | None = None,
) -> date:
    """The as-of date: ``NOTICEBOARD_AS_OF`` wins, then ``value``; "today" is taken in ``timezone``."""
    environ = os.environ if environ is None else environ
    raw: str | date | None = environ.get(ENV_AS_OF) or value or "today"
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = str(raw).strip()
    if text.lower() in ("today", "hom-nay", "hôm nay"):
        try:
            zone = ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError) as err:
            raise AsOfError(f"Múi giờ “{timezone}” không tồn tại; dùng ví dụ Asia/Ho_Chi_Minh.") from err
        moment = now.astimezone(zone) if now is not None else datetime.now(zone)
        return moment.date()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
    source = ENV_AS_OF if environ.get(ENV_AS_OF) else "as_of"
    raise AsOfError(
        f"{source} “{text}” không phải ngày hợp lệ; viết YYYY-MM-DD (ví dụ 2026-04-25) hoặc today."
    )


@dataclass
class LoadResult:
    records: ContentRecords
    problems: Problems
    site: Site
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage: load, check, model
    cache: RecordCache | None = None  # with ``parallel``: ``cache.write_pending()`` is the caller's


def load_site(
    content_dir: Path,
    as_of: date,
    due_soon_days: int = 7,
    *,
    parallel: bool = False,
    freeze: bool = False,
    cache_dir: Path | None = None,
    timezone: str = DEFAULT_TIMEZONE,
) -> LoadResult:
    """Read, check and build; ``problems`` holds every error and warning found.

    The site is built from the records without errors, so a caller that chooses
    to go on (non-strict) never publishes a half-read file.

    ``parallel``: the caller writes the record cache later (``result.cache.write_pending()``,
    once nothing reads the records), instead of this function before the checks.
    ``freeze``: leave the records and model to ``gc.freeze()`` (a build that keeps them to the end).
    ``cache_dir``: keep the files' records there between builds and parse only files whose bytes
    changed (:mod:`.content.cache`; same result).
    ``timezone``: the site's; a date-time in a date field is the day it falls on there.
    """
    problems = Problems()
    # Records and model hold no reference cycles: the collector would walk the growing heap
    # again and again for nothing (BENCHMARKS.md, "Figures behind the code").
    collecting = gc.isenabled()
    gc.disable()
    try:
        started = time.perf_counter()
        cache = RecordCache(cache_dir, salt=timezone) if cache_dir is not None else None
        records = load_content(content_dir, problems, parallel=parallel, cache=cache, timezone=timezone)
        loaded = time.perf_counter()
        check_records(records, problems)
        clean = drop_invalid(records, problems)
        checked = time.perf_counter()
        site = build_site(clean, as_of, due_soon_days, problems)
        built = time.perf_counter()
    finally:
        if freeze:
            gc.freeze()
        if collecting:
            gc.enable()
    timings = {"load": loaded - started, "check": checked - loaded, "model": built - checked}
    if cache is not None:
        timings["cached_files"] = cache.hits
    return LoadResult(records, problems, site, timings, cache)
