"""The repo's own demo portal builds --strict with MkDocs and with ProperDocs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from conftest import REPO

AS_OF = "2026-11-21"


def _run(cmd: list[str], out: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NOTICEBOARD_AS_OF": AS_OF, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [*cmd, "-d", str(out)], cwd=REPO, env=env, capture_output=True, text=True, timeout=300
    )


def _notices() -> list[Path]:
    return sorted((REPO / "content" / "notices").glob("*/*.md"))


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory) -> Path:
    if not _notices():
        pytest.skip("the demo content is not in content/notices yet")
    out = tmp_path_factory.mktemp("demo") / "site"
    proc = _run([sys.executable, "-m", "mkdocs", "build", "--strict"], out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


def test_demo_builds_with_every_notice(demo_site):
    for path in _notices():
        assert (demo_site / "thong-bao" / path.stem / "index.html").is_file(), path.stem


def test_demo_has_every_page_kind(demo_site):
    for page in (
        "index.html",
        "thong-bao/index.html",
        "nhiem-vu/index.html",
        "don-vi/index.html",
        "lich/index.html",
        "lich/2026/11/index.html",
        "huong-dan-bien-tap/index.html",
    ):
        assert (demo_site / page).is_file(), page


def test_demo_search_index_has_no_source_files(demo_site):
    # The site search is Pagefind's bundle (noticeboard.search); each fragment names one indexed page.
    import gzip

    locations = set()
    for fragment in (demo_site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        locations.add(json.loads(data[data.index(b"{") :])["url"].lstrip("/"))
    assert locations
    assert not any(loc.startswith(("notices/", "progress/")) for loc in locations)


def test_plugin_is_registered_for_mkdocs_and_properdocs():
    for group in ("mkdocs.plugins", "properdocs.plugins"):
        names = {ep.name: ep.value for ep in entry_points(group=group)}
        assert names.get("noticeboard") == "noticeboard.plugin:NoticeboardPlugin", group


def test_demo_builds_with_properdocs(tmp_path):
    pytest.importorskip("properdocs")
    if not _notices():
        pytest.skip("the demo content is not in content/notices yet")
    out = tmp_path / "site"
    proc = _run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml"], out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for path in _notices():
        assert (out / "thong-bao" / path.stem / "index.html").is_file()
    assert (out / "don-vi" / "index.html").is_file()
