"""Reproducible builds: same content + same as-of date → the same bytes, on any day, in any timezone.

Builds run as real ``python -m mkdocs build --strict`` subprocesses under a faked clock
(``datetime.now``/``utcnow``/``today`` and ``time.time`` replaced before MkDocs is imported),
so a build "on another day" is really one.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from conftest import MKDOCS_YML, REPO, UNITS_YML, notice, write_tree
from noticeboard import reproducible
from noticeboard.pipeline import resolve_as_of

# Runs MkDocs with the clock stopped at FAKE_NOW (seconds since 1970, UTC).
FAKE_CLOCK = """\
import datetime as _dt, os, sys, time
_NOW = float(os.environ["FAKE_NOW"])
class _FakeDatetime(_dt.datetime):
    @classmethod
    def now(cls, tz=None):
        return _dt.datetime.fromtimestamp(_NOW, tz) if tz else _dt.datetime.fromtimestamp(_NOW)
    @classmethod
    def utcnow(cls):
        return _dt.datetime.fromtimestamp(_NOW, _dt.timezone.utc).replace(tzinfo=None)
    @classmethod
    def today(cls):
        return cls.now()
_dt.datetime = _FakeDatetime
time.time = lambda: _NOW
from mkdocs.__main__ import cli
sys.exit(cli(["build", "--strict", "--site-dir", sys.argv[1]]))
"""

NOTICE = notice(
    """
    kind: thong-bao
    number: 45/TB-UBND
    issuer: ubnd-xa
    date: 2026-04-10
    title: Kết luận làm việc với Phòng Văn hoá - Xã hội
    tasks:
      - id: sap-nhap-thon
        title: Tham mưu phương án sáp nhập thôn
        lead: van-hoa-xa-hoi
        support: [van-phong]
        due: 25/4/2026
      - id: bao-cao-quy
        title: Báo cáo hằng quý
        lead: kinh-te
        due: hằng quý
      - id: lich
        title: Lịch công tác
        lead: van-phong
        due: 10 ngày làm việc sau 20/4/2026
    """
)
REPORT = """\
by: van-hoa-xa-hoi
updates:
  - task: 2026-04-10-vhxh/sap-nhap-thon
    state: done
    done_on: 2026-04-23
"""


def fake_clock_build(project: Path, site: Path, now: datetime, tz: str = "UTC", **env: str) -> None:
    environ = {k: v for k, v in os.environ.items() if k not in ("NOTICEBOARD_AS_OF", "SOURCE_DATE_EPOCH")}
    environ.update(NO_MKDOCS_2_WARNING="1", TZ=tz, FAKE_NOW=str(now.timestamp()), **env)
    proc = subprocess.run(
        [sys.executable, "-c", FAKE_CLOCK, str(site)],
        cwd=project,
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def small_project(root: Path, as_of: str) -> Path:
    return write_tree(
        root,
        {
            "mkdocs.yml": MKDOCS_YML.format(as_of=as_of),
            "content/units.yml": UNITS_YML,
            "content/index.md": "# Trang chủ\n",
            "content/notices/2026/2026-04-10-vhxh.md": NOTICE,
            "content/progress/van-hoa-xa-hoi/2026-04-24.yml": REPORT,
        },
    )


def differences(a: Path, b: Path) -> list[str]:
    """Every file that is missing on one side or differs in a single byte."""
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    diff = sorted(files_a ^ files_b)
    diff += [rel for rel in sorted(files_a & files_b) if not filecmp.cmp(a / rel, b / rel, shallow=False)]
    return diff


# Two days apart, one of them in the evening UTC (already the next day in Việt Nam).
DAY_ONE = datetime(2026, 5, 3, 9, 0, tzinfo=UTC)
DAY_TWO = datetime(2026, 7, 19, 23, 30, tzinfo=UTC)


def test_same_content_and_as_of_give_the_same_bytes(tmp_path: Path):
    project = small_project(tmp_path / "p", "2026-05-01")
    fake_clock_build(project, tmp_path / "one", DAY_ONE)
    fake_clock_build(project, tmp_path / "two", DAY_TWO, tz="Asia/Ho_Chi_Minh")
    files = [p for p in (tmp_path / "one").rglob("*") if p.is_file()]
    names = {p.relative_to(tmp_path / "one").as_posix() for p in files}
    assert {
        "sitemap.xml",
        "sitemap.xml.gz",
        "du-lieu/nhiem-vu.json",
        "lich/nhiem-vu.ics",
        "thong-bao/feed.xml",
    } <= names
    assert differences(tmp_path / "one", tmp_path / "two") == []
    # the sitemap is dated from the as-of date (pinned at 00:00 UTC of that day), not the clock
    sitemap = (tmp_path / "one" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2026-05-01</lastmod>" in sitemap
    assert "2026-05-03" not in sitemap and "2026-07-" not in sitemap

    other = small_project(tmp_path / "q", "2026-05-02")
    fake_clock_build(other, tmp_path / "three", DAY_ONE)
    changed = differences(tmp_path / "one", tmp_path / "three")
    assert "sitemap.xml" in changed and "nhiem-vu/index.html" in changed


def test_user_source_date_epoch_wins(tmp_path: Path):
    project = small_project(tmp_path / "p", "2026-05-01")
    epoch = str(int(datetime(2030, 1, 2, 12, tzinfo=UTC).timestamp()))
    fake_clock_build(project, tmp_path / "site", DAY_ONE, SOURCE_DATE_EPOCH=epoch)
    assert "<lastmod>2030-01-02</lastmod>" in (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.slow
def test_demo_portal_is_reproducible(tmp_path: Path):
    project = tmp_path / "demo"
    shutil.copytree(REPO / "content", project / "content")
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    env = {"NOTICEBOARD_AS_OF": "2026-05-01"}
    fake_clock_build(project, tmp_path / "one", DAY_ONE, **env)
    fake_clock_build(project, tmp_path / "two", DAY_TWO, tz="America/New_York", **env)
    assert differences(tmp_path / "one", tmp_path / "two") == []


# --- "today" is the date in Việt Nam ----------------------------------------------------------
def test_today_is_taken_in_ho_chi_minh_city():
    late_evening_utc = datetime(2026, 4, 25, 23, 30, tzinfo=UTC)
    assert resolve_as_of("today", "Asia/Ho_Chi_Minh", environ={}, now=late_evening_utc) == date(2026, 4, 26)
    assert resolve_as_of("today", "UTC", environ={}, now=late_evening_utc) == date(2026, 4, 25)


def test_today_in_a_utc_process_at_23_30(tmp_path: Path):
    project = small_project(tmp_path / "p", "today")
    fake_clock_build(project, tmp_path / "site", datetime(2026, 4, 25, 23, 30, tzinfo=UTC), tz="UTC")
    page = (tmp_path / "site" / "nhiem-vu" / "index.html").read_text(encoding="utf-8")
    assert 'data-as-of="2026-04-26"' in page


# --- the helper itself ----------------------------------------------------------------------
def test_pin_uses_as_of_midnight_utc_and_unpins():
    env: dict[str, str] = {}
    value = reproducible.pin_build_date(date(2026, 5, 1), env)
    assert value == env["SOURCE_DATE_EPOCH"] == str(int(datetime(2026, 5, 1, 0, tzinfo=UTC).timestamp()))
    # a later build in the same process (mkdocs serve) moves its own value
    assert reproducible.pin_build_date(date(2026, 5, 2), env) != value
    reproducible.unpin_build_date(env)
    assert env == {}


def test_pin_keeps_a_value_the_user_set():
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    assert reproducible.pin_build_date(date(2026, 5, 1), env) is None
    reproducible.unpin_build_date(env)
    assert env == {"SOURCE_DATE_EPOCH": "1700000000"}
