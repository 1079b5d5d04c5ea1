"""`mkdocs serve --dirty`: a rebuild redoes only the pages an edit changed (incremental.py) and
leaves the site a clean build of the same content would make, byte for byte."""

from __future__ import annotations

import gc
import hashlib
import importlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from conftest import REPO, build
from noticeboard import incremental

sys.path.insert(0, str(REPO / "build_tools"))
gen_corpus = importlib.import_module("gen_corpus")


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _corpus(root: Path) -> Path:
    """30 notices in several Pagefind bundles (12 notices each at most)."""
    gen_corpus.generate(
        root,
        notices=30,
        tasks_per_notice=4,
        units=8,
        reports=20,
        seed=5,
        start_year=2024,
        years=3,
        mkdocs=True,
    )
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "      search_bundle_notices: 12\n", encoding="utf-8"
    )
    return root


class Serve:
    """Builds the way `mkdocs serve --dirty` does: one plugin instance, the same site folder."""

    def __init__(self, project: Path, dirty: bool = True) -> None:
        self.project, self.site, self.dirty = project, project / "serve-site", dirty
        self.config = self._config()
        self.plugin = self.config.plugins["noticeboard"]
        self.config.plugins.on_startup(command="serve", dirty=dirty)

    def _config(self):  # type: ignore[no-untyped-def]
        return load_config(str(self.project / "mkdocs.yml"), site_dir=str(self.site))

    def build(self) -> tuple[int, int]:
        """A rebuild (serve reloads the config each time); returns (pages kept, pages written) of
        noticeboard's pages, seen from the files' modification times."""
        config = self._config()
        assert config.plugins["noticeboard"] is self.plugin  # kept across builds, as serve does
        before = {p: p.stat().st_mtime_ns for p in self.site.rglob("*.html")} if self.site.is_dir() else {}
        mkdocs_build(config, dirty=self.dirty)
        ours = [self.site / spec.url / "index.html" for spec in self.plugin.specs.values()]
        written = [p for p in ours if before.get(p) != p.stat().st_mtime_ns]
        return len(ours) - len(written), len(written)

    def close(self) -> None:
        self.config.plugins.on_shutdown()


def _clean_build(project: Path, tmp_path: Path, serve: Serve) -> Path:
    """A plain `mkdocs build` of a copy of the project. MkDocs keeps one instance of the plugin per
    process, so the serve session's record is set aside meanwhile (a real serve session runs no
    other build in its process)."""
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    shutil.copytree(project, clean, ignore=shutil.ignore_patterns("serve-site", "site", ".cache"))
    plugin = serve.plugin
    session = plugin.command, plugin.dirty, plugin.previous
    try:
        return build(clean, strict=False)
    finally:
        plugin.command, plugin.dirty, plugin.previous = session


def _assert_same_site(serve_site: Path, clean_site: Path) -> None:
    served, clean = _digest(serve_site), _digest(clean_site)
    assert sorted(set(served) - set(clean)) == []  # nothing stale left behind
    assert sorted(set(clean) - set(served)) == []
    assert [path for path in clean if served[path] != clean[path]] == []


def _reports(project: Path) -> list[Path]:
    return sorted((project / "content" / "progress").rglob("*.yml"))


def _edit_note(report: Path, suffix: str) -> None:
    text = report.read_text(encoding="utf-8")
    edited = re.sub(r"(?m)^(\s*note: )(.*)$", lambda m: f"{m.group(1)}{m.group(2)} {suffix}", text, count=1)
    assert edited != text
    report.write_text(edited, encoding="utf-8")


def test_dirty_rebuilds_only_what_an_edit_changed_and_equal_a_clean_build(tmp_path):
    project = _corpus(tmp_path / "project")
    serve = Serve(project)
    try:
        kept, made = serve.build()
        assert kept == 0 and made == len(serve.plugin.specs)  # the first build makes everything

        kept, made = serve.build()  # nothing changed: nothing made, every search bundle kept
        assert made == 0 and kept == len(serve.plugin.specs)
        assert serve.plugin.timings["kept_bundles"] == len(serve.plugin.bundles) > 2
        _assert_same_site(serve.site, _clean_build(project, tmp_path, serve))

        # One progress report's note: its notice's page and its unit's board, one search bundle.
        report = next(r for r in _reports(project) if "note:" in r.read_text(encoding="utf-8"))
        _edit_note(report, "(đã sửa lần 1)")
        kept, made = serve.build()
        assert 1 <= made <= 6 and kept > 50
        assert serve.plugin.timings["kept_bundles"] == len(serve.plugin.bundles) - 1
        _assert_same_site(serve.site, _clean_build(project, tmp_path, serve))
        pages = [p for p in serve.site.rglob("*.html") if "(đã sửa lần 1)" in p.read_text(encoding="utf-8")]
        assert any("/thong-bao/" in str(p) for p in pages)

        # A notice removed: its page and files go (and its reports' tasks no longer exist: errors).
        removed = sorted((project / "content" / "notices").rglob("*.md"))[3]
        removed.unlink()
        kept, made = serve.build()
        assert kept > 0
        _assert_same_site(serve.site, _clean_build(project, tmp_path, serve))

        # A page of the docs folder is in every page's navigation: everything is made again.
        index = project / "content" / "index.md"
        index.write_text(index.read_text(encoding="utf-8") + "\nMột đoạn mới.\n", encoding="utf-8")
        kept, made = serve.build()
        assert kept == 0
        _assert_same_site(serve.site, _clean_build(project, tmp_path, serve))
    finally:
        serve.close()
    assert serve.plugin.previous is None and not serve.plugin.dirty  # the next session starts clean


def test_a_failed_build_makes_the_next_one_start_from_nothing(tmp_path, monkeypatch):
    """A rebuild that fails half way has written some pages: the next one trusts nothing. Here the
    notice page of an edited report is written with the edit, its unit's page fails, the edit is
    undone; keeping the notice page by its old digest would publish the undone edit."""
    from noticeboard import search

    project = _corpus(tmp_path / "project")
    serve = Serve(project)
    try:
        serve.build()
        report = next(r for r in _reports(project) if "note:" in r.read_text(encoding="utf-8"))
        before = report.read_text(encoding="utf-8")
        _edit_note(report, "(bản nháp bị bỏ)")
        add_link, seen = search.add_header_link, []

        def fails_on_the_second_page(page_html: str, link_html: str) -> str:
            if "(bản nháp bị bỏ)" in page_html:
                seen.append(page_html)
                if len(seen) == 2:
                    raise RuntimeError("hỏng giữa chừng")
            return add_link(page_html, link_html)

        monkeypatch.setattr(search, "add_header_link", fails_on_the_second_page)
        with pytest.raises(Exception, match="hỏng giữa chừng"):
            serve.build()
        monkeypatch.undo()
        written = [
            p for p in serve.site.rglob("*.html") if "(bản nháp bị bỏ)" in p.read_text(encoding="utf-8")
        ]
        assert len(written) == 1  # the notice's page, with the edit
        assert serve.plugin.previous is None
        report.write_text(before, encoding="utf-8")
        kept, made = serve.build()
        assert kept == 0 and made == len(serve.plugin.specs)
        _assert_same_site(serve.site, _clean_build(project, tmp_path, serve))
    finally:
        serve.close()


def test_serve_rebuilds_do_not_pile_up_in_memory(tmp_path):
    """Each rebuild's pages and model are freed when the next one starts. They hold reference
    cycles and the load freezes every live object: before, every rebuild's garbage was frozen with
    the next model and outlived it (~280 MB a rebuild at five-year size)."""
    from mkdocs.structure.pages import Page

    project = _corpus(tmp_path / "project")
    serve = Serve(project, dirty=False)
    try:
        serve.build()
        per_build = len(serve.plugin.specs)
        for _ in range(3):
            serve.build()
        alive = sum(1 for o in gc.get_objects() if isinstance(o, Page))  # no collection first
        assert per_build <= alive < 2 * per_build
    finally:
        serve.close()


def test_build_record_keeps_only_pages_still_there(tmp_path):
    site = tmp_path / "site"
    page = site / "a" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("x", encoding="utf-8")
    record = incremental.Build(str(site), env="e", pages={str(page): "d1"}, indexed={"a/": "<p>x</p>"})
    assert record.kept(str(page), "d1", "a/", indexed=True)
    assert not record.kept(str(page), "d2", "a/", indexed=True)  # other inputs
    assert not record.kept(str(page), "d1", "b/", indexed=True)  # its indexed HTML unknown
    assert not record.same_site(str(site), "other env")
    (site / "feed.xml").write_text("f", encoding="utf-8")
    record.outputs = {"feed.xml"}
    assert record.remove_stale({str(page)}) == ["feed.xml"]
    assert record.remove_stale(set()) == ["a/index.html"]
    assert not (site / "a").exists() and site.is_dir()  # emptied folders go, the site stays
    assert not record.kept(str(page), "d1", "a/", indexed=True)  # the file is gone
    assert incremental.digest("ab", "c") != incremental.digest("a", "bc")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


@pytest.mark.slow
def test_mkdocs_serve_dirty_shows_an_edited_report(tmp_path):
    """The demo under `mkdocs serve --dirty`: saving a report changes the served notice page."""
    project = tmp_path / "demo"
    shutil.copytree(REPO / "content", project / "content")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("as_of: today", "as_of: 2026-06-15"), encoding="utf-8")
    assert "as_of: 2026-06-15" in (project / "mkdocs.yml").read_text(encoding="utf-8")
    report = next(r for r in _reports(project) if "note:" in r.read_text(encoding="utf-8"))
    notice_id = re.search(r"(?m)^\s*- task: ([^/\s]+)/", report.read_text(encoding="utf-8")).group(1)  # type: ignore[union-attr]
    port = _free_port()
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    try:
        url = f"http://127.0.0.1:{port}/thong-bao/{notice_id}/"
        deadline = time.monotonic() + 120
        page = ""
        while time.monotonic() < deadline and server.poll() is None:
            try:
                page = _get(url)
                break
            except OSError:
                time.sleep(0.5)
        assert page, Path(log.name).read_text(encoding="utf-8")[-2000:]
        assert "Đã xem lại qua máy chủ" not in page
        _edit_note(report, "Đã xem lại qua máy chủ")
        while time.monotonic() < deadline and "Đã xem lại qua máy chủ" not in page:
            time.sleep(0.5)
            try:
                page = _get(url)
            except OSError:  # the server answers between rebuilds
                continue
        assert "Đã xem lại qua máy chủ" in page
        output = Path(log.name).read_text(encoding="utf-8")
        assert re.search(r"noticeboard: \d+/\d+ trang không đổi", output), output[-2000:]
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_index_run_keeps_the_bundles_whose_pages_hand_over_the_same_content(tmp_path):
    """Pagefind runs again only for a bundle whose pages changed; a bundle the plan dropped goes;
    the index equals the one a full build makes of the same pages."""
    from noticeboard.search import Bundle, IndexedPage, IndexRun

    def plan(*years: int) -> list[Bundle]:
        return [
            Bundle(
                key="" if i == 0 else str(year),
                label=f"năm {year}",
                pages=tuple(IndexedPage(f"thong-bao/{year}-{n}/", date(year, 1, n)) for n in (2, 1)),
            )
            for i, year in enumerate(years)
        ]

    def page(url: str, text: str) -> str:
        return f"<div data-pagefind-body><h1>Thông báo {url}</h1><p>{text}</p></div>"

    def index(
        site: Path, bundles: list[Bundle], pages: dict[str, str], previous: dict[str, str] | None
    ) -> IndexRun:
        run = IndexRun(site, bundles, previous=previous, order=list(pages))
        for url, html in pages.items():
            run.add_page(url, html)
        run.finish()
        return run

    first = {p.url: page(p.url, "Kế hoạch chuyển đổi số") for b in plan(2026, 2025, 2024) for p in b.pages}
    site = tmp_path / "site"
    run = index(site, plan(2026, 2025, 2024), first, previous={})
    assert run.kept == [] and (site / "pagefind" / "2024" / "pagefind-entry.json").is_file()

    second = {url: html for url, html in first.items() if not url.startswith("thong-bao/2024")}
    second["thong-bao/2025-1/"] = page("thong-bao/2025-1/", "Đề án đường giao thông nông thôn")
    again = index(site, plan(2026, 2025), second, previous=run.digests)
    assert again.kept == [""]  # the newest bundle: same pages, same index
    assert not (site / "pagefind" / "2024").exists()
    full = index(tmp_path / "full", plan(2026, 2025), second, previous=None)
    assert full.kept == [] and full.pages == 4
    assert _digest(site / "pagefind") == _digest(tmp_path / "full" / "pagefind")
