"""Hostile and broken input: every case is reported with file, line and a plain message, never a crash.

Each folder under ``tests/fixtures/invalid/`` is a small content tree (``units.yml``,
``notices/...``, ``progress/...``) with an ``expected.yml``::

    about: what the case is
    errors:                       # each must be reported (others may be too)
      - file: notices/2026/2026-04-10-vhxh.md
        line: 6                   # 0 = the whole file
        message: [fragment, ...]  # each must appear in the formatted problem

Folders under ``tests/fixtures/valid/`` are inputs that must NOT fail (BOM, CRLF, NFD text...);
their ``expected.yml`` may list ``pages: {<built page>: [text that must appear, in NFC]}``.

Each case goes through ``load_site`` (fast) and through a real ``python -m mkdocs build --strict``
in a subprocess (marked slow: about 1.5 s each, run two at a time). Cases too big to commit (a
50 MB file, lists nested 100,000 deep) are written at run time into ``tmp_path``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import unicodedata
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import FIXTURES, MKDOCS_YML, UNITS_YML
from noticeboard.errors import Problem
from noticeboard.pipeline import load_site

AS_OF = date(2026, 5, 1)
INVALID = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())
VALID = sorted(p for p in (FIXTURES / "valid").iterdir() if p.is_dir())
BUILD_TIMEOUT = 120


def _expected(case: Path) -> dict[str, Any]:
    return yaml.safe_load((case / "expected.yml").read_text(encoding="utf-8"))


def _where(file: str, line: int) -> str:
    return f"{file}:{line}: " if line else f"{file}: "


def _missing(expected: list[dict[str, Any]], reported: list[str]) -> list[dict[str, Any]]:
    """Expected problems that no reported line carries (right file, right line, every fragment)."""
    return [
        want
        for want in expected
        if not any(
            _where(want["file"], want["line"]) in text and all(f in text for f in want["message"])
            for text in reported
        )
    ]


def _formatted(problems: list[Problem]) -> list[str]:
    return [p.format() for p in problems]


def make_project(case: Path, dest: Path) -> Path:
    """A MkDocs project around a copy of the case (without expected.yml)."""
    content = dest / "content"
    shutil.copytree(case, content, ignore=shutil.ignore_patterns("expected.yml"))
    if not (content / "index.md").exists():
        (content / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    (dest / "mkdocs.yml").write_text(MKDOCS_YML.format(as_of=AS_OF.isoformat()), encoding="utf-8")
    return dest


def strict_build(project: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NOTICEBOARD_AS_OF", "SOURCE_DATE_EPOCH")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=BUILD_TIMEOUT,
        check=False,
    )


def assert_strict_build_fails(proc: subprocess.CompletedProcess[str], errors: list[dict[str, Any]]) -> None:
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, f"strict build passed:\n{output}"
    assert "Traceback" not in output, output
    missing = _missing(errors, output.splitlines())
    assert not missing, f"not reported: {missing}\n--- output ---\n{output}"


class _Builds:
    """Strict builds of every selected case, started together on first use (two CPUs → half the wait)."""

    def __init__(self, root: Path, cases: list[Path]) -> None:
        self.root = root
        self.cases = cases
        self.pool: ThreadPoolExecutor | None = None
        self.futures: dict[Path, Future[subprocess.CompletedProcess[str]]] = {}

    def _one(self, case: Path) -> subprocess.CompletedProcess[str]:
        return strict_build(make_project(case, self.root / case.parent.name / case.name))

    def result(self, case: Path) -> subprocess.CompletedProcess[str]:
        if self.pool is None:
            self.pool = ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2))
            for c in self.cases:
                self.futures[c] = self.pool.submit(self._one, c)
        if case not in self.futures:
            self.futures[case] = self.pool.submit(self._one, case)
        return self.futures[case].result()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


@pytest.fixture(scope="session")
def strict_builds(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    selected = [
        item.callspec.params["case"]
        for item in request.session.items
        if getattr(item, "originalname", "") in ("test_strict_build_reports", "test_strict_build_passes")
        and hasattr(item, "callspec")
    ]
    builds = _Builds(tmp_path_factory.mktemp("strict"), selected)
    yield builds
    builds.close()


def test_corpus_is_big_enough():
    assert len(INVALID) >= 30
    assert {"bom", "crlf", "nfd"} <= {p.name for p in VALID}
    for case in INVALID:
        errors = _expected(case)["errors"]
        assert errors, f"{case.name}: expected.yml names no error"
        for want in errors:
            assert set(want) == {"file", "line", "message"}, case.name
            assert (case / want["file"]).exists() or want["file"] == "units.yml", (
                f"{case.name}: {want['file']}"
            )


# --- (a) load_site -----------------------------------------------------------------------
@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_load_site_reports(case: Path):
    result = load_site(case, AS_OF)
    errors = result.problems.errors
    assert errors, "broken input must be reported"
    missing = _missing(_expected(case)["errors"], _formatted(errors))
    assert not missing, f"not reported: {missing}\ngot: {_formatted(errors)}"
    assert all(p.fix for p in errors), "every error says how to fix it"
    # nothing from a file with an error is published
    bad = {p.path for p in errors}
    assert not any(n.source_path in bad for n in result.site.notices)


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.name)
def test_load_site_accepts(case: Path):
    result = load_site(case, AS_OF)
    assert _formatted(result.problems.errors) == []
    assert result.site.notices or not (case / "notices").is_dir()


# --- (b) mkdocs build --strict in a subprocess ---------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_strict_build_reports(case: Path, strict_builds: _Builds):
    assert_strict_build_fails(strict_builds.result(case), _expected(case)["errors"])


@pytest.mark.slow
@pytest.mark.parametrize("case", VALID, ids=lambda p: p.name)
def test_strict_build_passes(case: Path, strict_builds: _Builds):
    proc = strict_builds.result(case)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "Traceback" not in output
    site = strict_builds.root / "valid" / case.name / "site"
    assert_pages(site, _expected(case).get("pages") or {})


def assert_pages(site: Path, pages: dict[str, list[str]]) -> None:
    for page, texts in pages.items():
        html = (site / page).read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", html), f"{page} is not NFC"
        for text in texts:
            assert text in html, f"{text!r} not in {page}"


def test_nfd_input_is_published_as_nfc(tmp_path: Path):
    """Not slow: one in-process strict build of the NFD case, so every run checks the output."""
    from conftest import build

    case = FIXTURES / "valid" / "nfd"
    site = build(make_project(case, tmp_path))
    assert_pages(site, _expected(case)["pages"])
    for html in site.rglob("*.html"):
        assert unicodedata.is_normalized("NFC", html.read_text(encoding="utf-8")), html


# --- generated at run time: too big to commit ------------------------------------------------
NOTICE_HEAD = "---\nkind: thong-bao\nissuer: ubnd-xa\ndate: 2026-04-10\ntitle: Rất dài\n---\n\n"


@pytest.fixture(scope="module")
def huge_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    case = tmp_path_factory.mktemp("huge")
    (case / "units.yml").write_text(UNITS_YML, encoding="utf-8")
    path = case / "notices" / "2026" / "2026-04-10-rat-dai.md"
    path.parent.mkdir(parents=True)
    line = "Nội dung lặp lại của một văn bản dán từ Excel. " * 20 + "\n"
    with path.open("w", encoding="utf-8") as f:
        f.write(NOTICE_HEAD)
        chunk = line * 1000
        while f.tell() < 50 * 1024 * 1024:
            f.write(chunk)
    return case


HUGE_ERROR = [{"file": "notices/2026/2026-04-10-rat-dai.md", "line": 0, "message": ["quá lớn"]}]


def test_50_mb_file_is_refused(huge_case: Path):
    errors = load_site(huge_case, AS_OF).problems.errors
    assert not _missing(HUGE_ERROR, _formatted(errors)), _formatted(errors)


def test_50_mb_file_strict_build(huge_case: Path, tmp_path: Path):
    """Not slow: the size is checked before reading, so this is the quick real-subprocess check."""
    assert_strict_build_fails(strict_build(make_project(huge_case, tmp_path)), HUGE_ERROR)


DEEP_REPORT = "by: van-hoa-xa-hoi\nupdates: " + "[" * 100_000 + "]" * 100_000 + "\n"


def test_nesting_100000_deep_is_refused_without_crash(tmp_path: Path):
    """libyaml's composer recursed in C and killed the process (SIGSEGV): run it in a child."""
    case = tmp_path / "content"
    (case / "progress" / "van-hoa-xa-hoi").mkdir(parents=True)
    (case / "units.yml").write_text(UNITS_YML, encoding="utf-8")
    (case / "progress" / "van-hoa-xa-hoi" / "2026-04-24.yml").write_text(DEEP_REPORT, encoding="utf-8")
    code = (
        "import sys; from datetime import date; from pathlib import Path; from noticeboard.pipeline import load_site\n"
        "r = load_site(Path(sys.argv[1]), date(2026, 5, 1))\n"
        "print('\\n'.join(p.format() for p in r.problems.errors))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(case)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, f"crashed with {proc.returncode}: {proc.stderr[-2000:]}"
    want = [{"file": "progress/van-hoa-xa-hoi/2026-04-24.yml", "line": 2, "message": ["lồng nhau"]}]
    assert not _missing(want, proc.stdout.splitlines()), proc.stdout
