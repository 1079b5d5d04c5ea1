"""Work on the second core: pages and outputs made ahead in a forked child, Pagefind runs started
while the site is still being written. The site must be byte-identical to a one-process build."""

from __future__ import annotations

import hashlib
import importlib
import json
import logging
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from conftest import REPO, build, write_tree
from noticeboard import cores as cores_module
from noticeboard import plugin as plugin_module
from noticeboard.cores import can_fork, cores
from noticeboard.pipeline import load_site
from noticeboard.render.pages import PageSpec
from noticeboard.render.worker import Job, Worker, WorkerError, write_files
from noticeboard.search import Bundle, IndexedPage, IndexRun, indexed_pages, plan_bundles, run_pagefind
from noticeboard.search import pagefind as pagefind_module

sys.path.insert(0, str(REPO / "build_tools"))
gen_corpus = importlib.import_module("gen_corpus")

needs_fork = pytest.mark.skipif(not hasattr(os, "fork") or cores() < 2, reason="needs fork and a second core")
ALONE = "NOTICEBOARD_TEST_ALONE"


def ran_alone(request: pytest.FixtureRequest) -> bool:
    """The build forks only a single-threaded process, and an earlier test (the browser suite's
    Playwright) may have left threads in this one: then the test runs again, by itself, in a new
    pytest process, and True says it passed there."""
    if threading.active_count() == 1 or os.environ.get(ALONE):
        return False
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", request.node.nodeid],
        cwd=REPO,
        env={**os.environ, ALONE: "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    return True


def _page(i: int) -> str:
    return "<p>" + "x" * (i * 1000) + "</p>"  # some larger than a pipe's buffer


def _job(site_dir: Path, render: Callable[[PageSpec], str] | None = None) -> Job:
    specs = [PageSpec(f"p{i}/index.md", f"p{i}/", f"P{i}", "t.html", {"i": i}) for i in range(50)]
    return Job(
        specs,
        render or (lambda spec: _page(spec.context["i"])),
        lambda: {"lich/a.ics": "BEGIN:VCALENDAR", "du-lieu/b.csv": b"\xef\xbb\xbfid"},
        str(site_dir),
    )


@pytest.mark.parametrize("parallel", [False, pytest.param(True, marks=needs_fork)])
def test_worker_gives_each_page_in_order_and_writes_the_outputs(tmp_path, parallel, request):
    threads = threading.active_count()  # an earlier test's (Playwright) may remain
    if parallel and ran_alone(request):
        return
    worker = Worker(_job(tmp_path / "site"), parallel=parallel)
    assert worker.parallel is parallel
    for i in (0, 1, 7, 8, 30, 49):  # pages MkDocs skips (kept, or not asked for) are passed over
        assert worker.page(f"p{i}/index.md") == _page(i)
    assert worker.outputs() == ["du-lieu/b.csv", "lich/a.ics"]
    assert (tmp_path / "site" / "lich" / "a.ics").read_text(encoding="utf-8") == "BEGIN:VCALENDAR"
    worker.close()
    assert threading.active_count() == threads and not multiprocessing.active_children()
    assert worker._folder is None or not Path(worker._folder).exists()  # the hand-over folder is removed


@pytest.mark.parametrize("parallel", [False, pytest.param(True, marks=needs_fork)])
def test_a_failing_job_is_an_error_with_its_cause(tmp_path, parallel, request):
    threads = threading.active_count()  # an earlier test's (Playwright) may remain
    if parallel and ran_alone(request):
        return

    def render(spec: PageSpec) -> str:
        if spec.context["i"] == 20:
            raise ValueError("mẫu trang hỏng")
        return _page(spec.context["i"])

    worker = Worker(_job(tmp_path, render), parallel=parallel)
    assert worker.page("p0/index.md") == _page(0)
    with pytest.raises((WorkerError, ValueError), match="mẫu trang hỏng") as raised:
        worker.page("p20/index.md")
    if parallel:
        assert "Traceback" in str(raised.value) and "in render" in str(raised.value)  # where it failed
    worker.close()
    assert threading.active_count() == threads and not multiprocessing.active_children()


@needs_fork
@pytest.mark.parametrize("how", ["exit", "kill"])
def test_a_worker_that_dies_is_an_error_with_its_cause_not_a_hang(tmp_path, how, request):
    threads = threading.active_count()  # an earlier test's (Playwright) may remain
    if ran_alone(request):
        return

    def render(spec: PageSpec) -> str:
        if spec.context["i"] == 20:
            if how == "exit":
                os._exit(3)
            os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
        return _page(spec.context["i"])

    worker = Worker(_job(tmp_path, render), parallel=True)
    assert worker.page("p0/index.md") == _page(0)
    with pytest.raises(WorkerError, match="mã thoát 3" if how == "exit" else "SIGKILL"):
        worker.page("p20/index.md")
    worker.close()
    assert threading.active_count() == threads and not multiprocessing.active_children()


@needs_fork
def test_a_failed_builds_worker_is_stopped_at_once(tmp_path, request):
    """The build failed while the worker still renders: close() does not wait for it to finish."""
    threads = threading.active_count()  # an earlier test's (Playwright) may remain
    if ran_alone(request):
        return

    def slow(spec: PageSpec) -> str:
        time.sleep(1)
        return ""

    worker = Worker(_job(tmp_path, slow), parallel=True)
    started = time.monotonic()
    worker.close()
    assert time.monotonic() - started < 5  # 50 pages at 1 s each
    assert threading.active_count() == threads and not multiprocessing.active_children()


def test_no_fork_beside_other_threads():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()  # e.g. mkdocs serve's server threads: fork could deadlock the child
    finally:
        stop.set()
        thread.join()


def test_write_files(tmp_path):
    assert write_files(tmp_path, {"lich/b.ics": "BEGIN:VCALENDAR", "du-lieu/a.csv": b"\xef\xbb\xbfid"}) == [
        "du-lieu/a.csv",
        "lich/b.ics",
    ]
    assert (tmp_path / "du-lieu" / "a.csv").read_bytes() == b"\xef\xbb\xbfid"
    assert (tmp_path / "lich" / "b.ics").read_text(encoding="utf-8") == "BEGIN:VCALENDAR"


# -- Pagefind runs while the site is written ---------------------------------------------------

FAKE_PAGEFIND = """#!{python}
import json, os, pathlib, sys
config = json.loads(pathlib.Path("pagefind.json").read_text())
out = pathlib.Path(config["output_path"])
out.mkdir(parents=True, exist_ok=True)
(out / "glob.txt").write_text(config["glob"])
pages = config["glob"].strip("{{}}").split(",")
(out / "present.txt").write_text(str(sum((pathlib.Path(config["site"]) / page).is_file() for page in pages)))
with open({log!r}, "a") as log:
    log.write(out.name + "\\n")
with open({log!r} + ".threads", "a") as log:
    log.write(out.name + ":" + os.environ.get("RAYON_NUM_THREADS", "all") + "\\n")
if "broken" in config["glob"]:
    print("Error: cannot read page")
    sys.exit(1)
print("Indexed", config["glob"].count("index.html"), "pages")
"""


@pytest.fixture
def fake_pagefind(tmp_path) -> tuple[Path, Path]:
    binary, log = tmp_path / "pagefind", tmp_path / "runs.log"
    binary.write_text(FAKE_PAGEFIND.format(python=sys.executable, log=str(log)), encoding="utf-8")
    binary.chmod(0o755)
    return binary, log


def _bundles(*years: int, broken: str = "") -> list[Bundle]:
    """Newest first, like plan_bundles; two notices a year."""
    bundles = []
    for i, year in enumerate(years):
        pages = tuple(
            IndexedPage(f"thong-bao/{year}-{n}{broken if i == len(years) - 1 else ''}/", date(year, 1, n))
            for n in (2, 1)
        )
        bundles.append(Bundle(key="" if i == 0 else str(year), label=f"năm {year}", pages=pages))
    return bundles


def _runs(log: Path) -> list[str]:
    return log.read_text().split() if log.exists() else []


def test_index_run_starts_the_oldest_bundle_once_its_pages_are_in(tmp_path, fake_pagefind):
    binary, log = fake_pagefind
    site = tmp_path / "site"
    bundles = _bundles(2026, 2025, 2024)
    run = IndexRun(site, bundles, executable=binary)
    run.add_page("thong-bao/2024-1/", "<div data-pagefind-body>Một</div>")
    run.add_page("thong-bao/khac/", "<p>not an indexed page</p>")
    time.sleep(0.3)
    assert _runs(log) == []  # 2024 still lacks a page
    run.add_page("thong-bao/2024-2/", "<div data-pagefind-body>Hai</div>")
    deadline = time.monotonic() + 10
    while not run.spans and time.monotonic() < deadline:  # started and done while the site is still rendered
        time.sleep(0.05)
    assert _runs(log) == ["2024"] and [key for key, _, _ in run.spans] == ["2024"]
    page = (run._pages / "thong-bao" / "2024-2" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="vi">' in page and "<body><div data-pagefind-body>Hai</div></body>" in page
    assert not (run._pages / "thong-bao" / "khac").exists()
    stats = run.finish()  # 2025 and 2026 were never reported written: they run now
    runs = _runs(log)  # 2025 and the newest (pagefind/ itself) start together at the end
    assert runs[0] == "2024" and sorted(runs[1:]) == ["2025", "pagefind"]
    assert stats.pages == 6 and stats.bundles == 3
    manifest = json.loads((site / "pagefind" / "bundles.json").read_text(encoding="utf-8"))
    assert [b["path"] for b in manifest["bundles"]] == ["", "2025/", "2024/"]  # search order
    assert (
        site / "pagefind" / "2024" / "glob.txt"
    ).read_text() == "{thong-bao/2024-2/index.html,thong-bao/2024-1/index.html}"
    assert not run._tmp.exists() and not (site / ".noticeboard-index").exists()
    assert sorted(p.name for p in site.iterdir()) == ["pagefind"]


def test_index_run_beside_the_build_gives_only_the_last_bundle_its_threads(tmp_path, fake_pagefind):
    """Bundles run one at a time with one thread while pages are written; the last one starts
    about when they all are, and the build then waits for it: it keeps Pagefind's threads."""
    binary, log = fake_pagefind
    site = tmp_path / "site"
    bundles = _bundles(2026, 2025, 2024)
    run = IndexRun(site, bundles, executable=binary)
    for bundle in reversed(bundles):  # oldest first, as MkDocs writes them
        for page in bundle.pages:
            run.add_page(page.url, f"<div data-pagefind-body>{page.url}</div>")
    deadline = time.monotonic() + 20
    while len(run.spans) < 3 and time.monotonic() < deadline:  # all three run beside the build
        time.sleep(0.05)
    assert [key for key, _, _ in run.spans] == ["2024", "2025", ""]
    stats = run.finish()
    assert stats.pages == 6
    threads = Path(str(log) + ".threads").read_text().split()
    assert threads == ["2024:1", "2025:1", "pagefind:all"]


@pytest.fixture
def memory(tmp_path, monkeypatch) -> Path:
    """A stand-in for /dev/shm."""
    folder = tmp_path / "shm"
    folder.mkdir()
    monkeypatch.setattr(pagefind_module, "MEMORY_STAGING", folder)
    return folder


def _add_all(run: IndexRun, bundles: list[Bundle]) -> None:
    for bundle in bundles:
        for page in bundle.pages:
            run.add_page(page.url, f"<div data-pagefind-body>{page.url}</div>")


def test_index_run_hands_pages_over_in_memory_when_there_is_room(tmp_path, fake_pagefind, memory):
    site = tmp_path / "site"
    bundles = _bundles(2026, 2025, 2024)
    stale = memory / "noticeboard-index-999999999-abc"  # a killed build's: no such process
    (stale / "thong-bao").mkdir(parents=True)
    alive = memory / f"noticeboard-index-{os.getppid()}-abc"  # a build still running
    alive.mkdir()
    run = IndexRun(site, bundles, executable=fake_pagefind[0])
    assert run._pages.parent == memory and run._pages.name.startswith(f"noticeboard-index-{os.getpid()}-")
    assert not stale.exists() and alive.exists()
    _add_all(run, bundles)
    assert not (site / ".noticeboard-index").exists()
    stats = run.finish()
    assert stats.pages == 6
    assert [(site / "pagefind" / key / "present.txt").read_text() for key in ("2024", "2025")] == ["2", "2"]
    assert sorted(p.name for p in memory.iterdir()) == [alive.name]  # ours removed at the end


def test_index_run_uses_the_site_folder_when_memory_is_short(tmp_path, fake_pagefind, memory, monkeypatch):
    monkeypatch.setattr(pagefind_module, "PAGE_ROOM", 1 << 50)  # no machine has that much
    site = tmp_path / "site"
    bundles = _bundles(2026, 2025)
    run = IndexRun(site, bundles, executable=fake_pagefind[0])
    assert run._pages == site / ".noticeboard-index"
    _add_all(run, bundles)
    run.finish()
    assert (site / "pagefind" / "2025" / "present.txt").read_text() == "2"
    assert list(memory.iterdir()) == [] and not run._pages.exists()


def test_index_run_moves_to_the_site_folder_when_memory_fills_up(
    tmp_path, fake_pagefind, memory, monkeypatch
):
    """A container's /dev/shm is 64 MB: a write that fails there moves what was handed over."""
    written = []
    real_write = pagefind_module._write_page

    def write(root: Path, url: str, page: str) -> None:
        if root.parent == memory and len(written) == 3:
            raise OSError(28, "No space left on device")
        real_write(root, url, page)
        written.append(url)

    monkeypatch.setattr(pagefind_module, "_write_page", write)
    site = tmp_path / "site"
    bundles = _bundles(2026, 2025, 2024)
    run = IndexRun(site, bundles, executable=fake_pagefind[0])
    _add_all(run, bundles)
    assert run._pages == site / ".noticeboard-index" and len(written) == 6
    assert sorted(p.parent.name for p in run._pages.rglob("index.html")) == sorted(
        p.url.split("/")[1] for b in bundles for p in b.pages
    )
    run.finish()
    for key in ("", "2025", "2024"):
        assert (site / "pagefind" / key / "present.txt").read_text() == "2"
    assert list(memory.iterdir()) == [] and not run._pages.exists()


def test_index_run_starts_all_bundles_left_at_once_at_the_end(tmp_path):
    """Beside the build one run at a time; what is left when the build is done runs at once."""
    binary, log = tmp_path / "pagefind", tmp_path / "runs.log"
    binary.write_text(SLOW_PAGEFIND.format(python=sys.executable, log=str(log)), encoding="utf-8")
    binary.chmod(0o755)
    run = IndexRun(tmp_path / "site", _bundles(2026, 2025, 2024), executable=binary)
    run.finish()
    events = log.read_text().split()
    assert sorted(events[:3]) == ["start:2024", "start:2025", "start:pagefind"], (
        events
    )  # no run ended before all began
    assert len(run.spans) == 3


SLOW_PAGEFIND = """#!{python}
import json, pathlib, time
out = pathlib.Path(json.loads(pathlib.Path("pagefind.json").read_text())["output_path"])
out.mkdir(parents=True, exist_ok=True)
def note(text):
    with open({log!r}, "a") as log:
        log.write(text + "\\n")
note("start:" + out.name)
time.sleep(1)
note("end:" + out.name)
print("Indexed 2 pages")
"""


def test_index_run_failure_names_pagefinds_message(tmp_path, fake_pagefind):
    binary, _ = fake_pagefind
    run = IndexRun(tmp_path / "site", _bundles(2026, 2025, broken="-broken"), executable=binary)
    with pytest.raises(Exception, match="Pagefind lỗi khi tạo chỉ mục tìm kiếm:\nError: cannot read page"):
        run.finish()
    assert not run._tmp.exists()


# -- whole builds: two cores or one, the same bytes ----------------------------------------------


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _corpus(root: Path, parallel: bool) -> Path:
    gen_corpus.generate(
        root,
        notices=30,
        tasks_per_notice=4,
        units=8,
        reports=20,
        seed=3,
        start_year=2024,
        years=3,
        mkdocs=True,
    )
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + f"      search_bundle_notices: 12\n      parallel: {str(parallel).lower()}\n",
        encoding="utf-8",
    )
    return root


@needs_fork
def test_parallel_build_is_byte_identical_to_one_process(tmp_path, monkeypatch, request):
    threads = threading.active_count()  # an earlier test's (Playwright) may remain
    if ran_alone(request):
        return
    used: list[bool] = []

    class Spy(Worker):
        def __init__(self, job, *, parallel):  # type: ignore[no-untyped-def]
            super().__init__(job, parallel=parallel)
            used.append(self.parallel)

    monkeypatch.setattr(plugin_module, "Worker", Spy)
    one = build(_corpus(tmp_path / "one", parallel=False))
    two = build(_corpus(tmp_path / "two", parallel=True))
    assert used == [False, True]
    assert len(json.loads((two / "pagefind" / "bundles.json").read_text(encoding="utf-8"))["bundles"]) > 1
    assert _digest(one) == _digest(two)
    assert (
        threading.active_count() == threads and not multiprocessing.active_children()
    )  # the worker has ended


@pytest.mark.parametrize("staging", ["site", "memory"])
def _link_everywhere(root: Path) -> list[Path]:
    notices = sorted((root / "content" / "notices").rglob("*.md"))
    for path in notices:
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text + "\n\nXem [phụ lục](phu-luc-khong-co.md) và [mục](#muc-khong-co).\n", encoding="utf-8"
        )
    return notices


def _link_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The broken-link warnings, and the anchor checks MkDocs makes after all pages (INFO)."""
    return [r.getMessage() for r in caplog.records if "khong-co" in r.getMessage()]


@needs_fork
def test_warnings_of_notices_are_the_same_with_a_worker_and_strict_fails_on_them(tmp_path, caplog, request):
    """MkDocs converts every notice's Markdown in the build's own process: a broken link in a
    notice gives the same warnings, in the same order, with or without the worker, and --strict
    fails on one in the newest notice alone."""
    if ran_alone(request):
        return
    warned = {}
    for parallel in (False, True):
        root = _corpus(tmp_path / str(parallel), parallel=parallel)
        _link_everywhere(root)
        caplog.clear()
        with caplog.at_level(logging.INFO):
            build(root, strict=False)
        warned[parallel] = _link_warnings(caplog)
    assert sum("#muc-khong-co" in m for m in warned[False]) >= 25 and warned[True] == warned[False]
    root = _corpus(tmp_path / "strict", parallel=True)
    newest = max((root / "content" / "notices").rglob("*.md"))
    newest.write_text(
        newest.read_text(encoding="utf-8") + "\n\n[phụ lục](phu-luc-khong-co.md)\n", encoding="utf-8"
    )
    with pytest.raises(Abort):
        build(root, strict=True)


def test_a_hook_on_page_markdown_sees_every_notices_markdown(tmp_path, request):
    """A hook (or plugin) on page_markdown sees every notice's real Markdown, with the worker on."""
    if ran_alone(request):
        return
    root = _corpus(tmp_path, parallel=True)
    seen = tmp_path / "seen.txt"
    (root / "hooks.py").write_text(
        "def on_page_markdown(markdown, page, config, files):\n"
        f"    with open({str(seen)!r}, 'a', encoding='utf-8') as out:\n"
        "        out.write(page.file.src_uri + ' ' + str(len(markdown)) + '\\n')\n"
        "    return markdown\n",
        encoding="utf-8",
    )
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - hooks.py\n", encoding="utf-8")
    build(root)
    lengths = dict(line.split() for line in seen.read_text(encoding="utf-8").splitlines())
    notices = {
        uri: int(n) for uri, n in lengths.items() if uri.startswith("thong-bao/") and uri.count("/") == 2
    }
    assert len(notices) >= 25 and all(n > 500 for n in notices.values()), notices


@pytest.mark.parametrize("staging", ["site", "memory"])
def test_index_made_during_the_build_is_pagefinds_index_of_the_built_site(tmp_path, monkeypatch, staging):
    """Pagefind is handed each page's content while MkDocs still renders; run over the finished
    site instead, it makes the same index: byte for byte when the pages were handed over in the
    site's folder. Pagefind numbers pages in the order the file system lists them, so pages handed
    over in memory (tmpfs lists them as written; ext4 by a hash of the name) give the same pages
    and fragments, numbered in another order."""
    memory = pagefind_module.MEMORY_STAGING
    if staging == "site":
        monkeypatch.setattr(pagefind_module, "MEMORY_STAGING", None)
    elif memory is None or not memory.is_dir():
        pytest.skip("no /dev/shm on this machine")
    used: list[Path] = []
    choose = IndexRun._staging_folder
    monkeypatch.setattr(IndexRun, "_staging_folder", lambda run: used.append(choose(run)) or used[-1])
    root = _corpus(tmp_path / "corpus", parallel=True)
    site = build(root)
    assert len(used) == 1 and (used[0].parent == memory) == (staging == "memory") and not used[0].exists()
    shipped = _digest(site / "pagefind")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    as_of = date.fromisoformat(config.split("as_of: ")[1].split()[0])
    model = load_site(root / "content", as_of, 7).site
    bundles = plan_bundles(indexed_pages(model), 12)
    assert len(bundles) > 2
    copy = tmp_path / "copy"
    shutil.copytree(site, copy)
    run_pagefind(copy, bundles)  # over the built pages, theme and all
    made = _digest(copy / "pagefind")
    if staging == "site":
        assert made == shipped
        return
    for digest in (made, shipped):  # what stays: fragments, page counts, the manifest
        for name in [n for n in digest if "/index/" in n or n.startswith("index/") or n.endswith(".pf_meta")]:
            del digest[name]
        for name in [n for n in digest if n.endswith("pagefind-entry.json")]:
            entry = json.loads(
                ((copy if digest is made else site) / "pagefind" / name).read_text(encoding="utf-8")
            )
            digest[name] = [(lang, data["page_count"]) for lang, data in entry["languages"].items()]
    assert made == shipped


@needs_fork
def test_a_template_error_in_the_child_stops_the_build_plainly(tmp_path, caplog, request):
    threads = threading.active_count()  # an earlier test's (Playwright) may remain
    if ran_alone(request):
        return
    root = _corpus(tmp_path, parallel=True)
    write_tree(root, {"overrides/noticeboard/month.html": "{{ no_such_function() }}\n"})
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  name: material\n", "  name: material\n  custom_dir: overrides\n"
        ),
        encoding="utf-8",
    )
    assert "custom_dir: overrides" in config.read_text(encoding="utf-8")
    with pytest.raises(Abort):
        build(root)
    assert "tiến trình phụ" in caplog.text and "no_such_function" in caplog.text
    assert "Traceback" not in caplog.text.split("tiến trình phụ")[0]  # MkDocs' own output stays plain
    assert (
        threading.active_count() == threads and not multiprocessing.active_children()
    )  # the worker has ended


@needs_fork
def test_a_site_notice_template_gets_the_real_body(tmp_path, request):
    """Our notice page is made ahead with a mark for its body; a site's own template that tests or
    filters the body is rendered once the body exists."""
    if ran_alone(request):
        return
    root = _corpus(tmp_path, parallel=True)
    write_tree(
        root,
        {
            "overrides/noticeboard/notice.html": "<p>{% if body_html %}có nội dung{% endif %}</p>{{ body_html | length }}\n",
            "content/notices/2026/2026-06-01-trong.md": "---\nkind: thong-bao\nissuer: ubnd-xa\ndate: 2026-06-01\ntitle: Không có nội dung\n---\n",
        },
    )
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  name: material\n", "  name: material\n  custom_dir: overrides\n"
        ),
        encoding="utf-8",
    )
    site = build(root)
    empty = (site / "thong-bao" / "2026-06-01-trong" / "index.html").read_text(encoding="utf-8")
    assert "<p></p>0" in empty
    some = next(p for p in sorted(site.glob("thong-bao/20*/index.html")) if "2026-06-01-trong" not in str(p))
    text = some.read_text(encoding="utf-8")
    assert "<p>có nội dung</p>" in text and "\x00" not in text


@pytest.mark.parametrize("parallel", [False, pytest.param(True, marks=needs_fork)])
def test_an_output_wins_over_a_docs_file_of_the_same_name(tmp_path, caplog, monkeypatch, parallel, request):
    """The calendars and open data are written while MkDocs copies the docs folder's files: a
    stale copy left in content/ is taken out of the build's files first (on_files), with a warning."""
    if parallel and ran_alone(request):
        return
    root = _corpus(tmp_path, parallel=parallel)
    write_tree(root, {"content/du-lieu/nhiem-vu.csv": "cũ\n", "content/lich/nhiem-vu.ics": "cũ\n"})
    site = build(root, strict=False)
    assert (site / "du-lieu" / "nhiem-vu.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (site / "lich" / "nhiem-vu.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    assert "du-lieu/nhiem-vu.csv trùng với tệp được tạo tự động" in caplog.text
    assert "lich/nhiem-vu.ics trùng với tệp được tạo tự động" in caplog.text


def test_only_a_command_line_build_leaves_its_objects_to_the_exit(tmp_path, monkeypatch):
    """`mkdocs build` from the command line does not free the model and pages one by one before it
    exits (cores.keep_until_exit); a build through MkDocs' API (tests, other programs, serve) frees
    them, and the collector is left unfrozen."""
    import gc
    import types

    assert not cores_module.exits_after_build()  # pytest is the main program here
    for argv0 in ("/usr/local/bin/mkdocs", "properdocs"):
        monkeypatch.setattr(sys, "argv", [argv0, "build"])
        assert cores_module.exits_after_build()
    monkeypatch.setattr(sys, "argv", ["/usr/bin/python3", "-m", "pytest"])
    monkeypatch.setitem(
        sys.modules, "__main__", types.SimpleNamespace(__spec__=types.SimpleNamespace(name="mkdocs.__main__"))
    )
    assert cores_module.exits_after_build()
    monkeypatch.undo()

    project = tmp_path / "api"
    shutil.copytree(REPO / "content", project / "content")
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    build(project)
    assert gc.get_freeze_count() == 0  # nothing kept: the in-process build's objects can be freed

    cli = tmp_path / "cli"
    shutil.copytree(REPO / "content", cli / "content")
    shutil.copy(REPO / "mkdocs.yml", cli / "mkdocs.yml")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-v", "-d", str(cli / "site")],
        cwd=cli,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "left to the operating system at exit" in proc.stderr
    assert (cli / "site" / "index.html").is_file()
    broken = cli / "content" / "notices" / "2026" / "2026-12-01-hong.md"
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_text("---\nkind: thong-bao\n---\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(cli / "site")],
        cwd=cli,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert proc.returncode == 1 and "2026-12-01-hong.md" in proc.stderr  # a failed build still fails
