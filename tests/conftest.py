"""Shared helpers: write a content tree into tmp_path and build it through MkDocs."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

# In CI every tool the suite needs is installed (.ci/run); a skip there means a missing tool that
# would otherwise pass unseen, so with CI=true a skip is reported as a failure with its reason.
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_tool(name: str, hint: str = "apt-get install it; .ci/run does") -> str:
    """The path of the program `name`, or a skip (a failure in CI) that says how to install it."""
    import shutil

    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is missing ({hint})")
    return path


def _fail_skip_in_ci(report: pytest.TestReport | pytest.CollectReport) -> None:
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped in CI (CI=true), where every tool must be installed: {reason}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    _fail_skip_in_ci(outcome.get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Iterator[None]:
    outcome = yield
    _fail_skip_in_ci(outcome.get_result())


MKDOCS_YML = """\
site_name: Xã Thử Nghiệm
site_url: https://example.gov.vn/
docs_dir: content
theme:
  name: material
  language: vi
plugins:
  - search
  - noticeboard:
      as_of: {as_of}
      due_soon_days: 7
"""

UNITS_YML = """\
units:
  - id: ubnd-xa
    name: Ủy ban nhân dân xã
    short: UBND xã
  - id: van-hoa-xa-hoi
    name: Phòng Văn hoá - Xã hội
    short: VH-XH
    parent: ubnd-xa
    aliases: [Phòng VH-XH]
  - id: van-phong
    name: Văn phòng HĐND và UBND xã
    short: VP
    parent: ubnd-xa
  - id: kinh-te
    name: Phòng Kinh tế
    short: KT
    parent: ubnd-xa
"""


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def notice(front: str, body: str = "Nội dung thông báo.") -> str:
    return "---\n" + textwrap.dedent(front).strip() + "\n---\n\n" + body + "\n"


def make_project(
    tmp_path: Path, files: dict[str, str], as_of: str = "2026-05-01", units: str = UNITS_YML
) -> Path:
    tree = {
        "mkdocs.yml": MKDOCS_YML.format(as_of=as_of),
        "content/units.yml": units,
        "content/index.md": "# Trang chủ\n",
    }
    tree.update({k if k.startswith(("content/", "mkdocs")) else f"content/{k}": v for k, v in files.items()})
    return write_tree(tmp_path, tree)


def build(project: Path, strict: bool = True) -> Path:
    """Build with MkDocs' own API (load_config + build), like `mkdocs build`."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    site_dir = project / "site"
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=strict)
    try:
        config.plugins.on_startup(command="build", dirty=False)
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    return site_dir


@pytest.fixture(autouse=True)
def _no_env_as_of(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOTICEBOARD_AS_OF", raising=False)


# -- browser tests: Debian chromium through Playwright (never a downloaded browser) --------------
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One chromium per test module; skipped with the reason when chromium or Playwright is missing."""
    require_tool(CHROMIUM, "apt-get install chromium; .ci/run does it")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[browser]')"
    )
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
