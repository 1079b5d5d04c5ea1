"""Run the Pagefind binary that the ``pagefind[bin]`` wheel ships over a built site, once per bundle."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..incremental import digest
from .bundles import MANIFEST, Bundle, manifest

OUTPUT_SUBDIR = "pagefind"
STAGING = ".noticeboard-index"  # in site_dir while the build runs: the pages handed to Pagefind
# ... or, where the machine has a memory-backed folder with room for them, a folder there.
MEMORY_STAGING: Path | None = Path("/dev/shm")
STAGING_PREFIX = "noticeboard-index-"  # + the build's process id, so a killed build's folder is found
PAGE_ROOM = 256 * 1024  # what one handed-over page may take (a notice's content is ~30 KB)
# Repeated on every notice (document header, status labels, table headings, report history):
# they blur ranking and excerpts, and status words alone made ~10% of the index. A notice's summary
# names every status (a query "quá hạn" found every notice with tasks), and its task table is indexed
# instead as one hidden section per task (markup.notice_block), which Pagefind's sub-results name.
EXCLUDE_SELECTORS = (
    ".nb-doc-header, .nb-asof, .nb-legend, .nb-badge, thead, .nb-meta dt, .nb-history,"
    " .nb-notice-summary, .nb-notice-tasks"
)
# Pagefind closes an index chunk once it holds this many word positions (default 20,000), but it
# counts only positions of words written without marks: a Vietnamese word's positions ("thành",
# "xã") are stored as a variant of its folded key and are not counted (pagefind/src/index/mod.rs,
# chunk_index). On notice text a 20,000 chunk so held 70,000-150,000 positions, 90-190 KB, and each
# word of a query cost one. At 1,000 chunks are <= ~40 KB (1,004 KB of chunks instead of 981 for
# the corpus' newest bundle); the chunk ranges in the meta file add ~1.5 KB. The knob is an
# environment variable Pagefind marks unstable: if a release drops it, chunks grow back, nothing breaks
# (test_index_chunks_are_small notices).
INDEX_CHUNK_POSITIONS = 1000
CHUNK_SIZE_ENV = "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"
# While the build still runs, Pagefind runs beside it with one thread (its thread pool spins when
# the cores are busy: BENCHMARKS.md, "Figures behind the code") and at the build's worker's priority.
# The last bundle run beside the build keeps its threads (at that priority): it starts about when
# MkDocs has written the pages and the build waits for it (BENCHMARKS.md, "Seventh round").
BESIDE_ENV = {"RAYON_NUM_THREADS": "1"}
BESIDE = ("nice", "-n", "5") if shutil.which("nice") else ()
# What each Pagefind run writes that the search page never fetches (tim-kiem/ has a script of its
# own and runs Pagefind without its web worker; it loads pagefind.js from the newest bundle only):
# ~460 KB a bundle, deleted once the bundle is indexed.
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
    "pagefind-worker.js",
)
UNUSED_OLDER = ("pagefind.js",)
MISSING = (
    "noticeboard: không tìm thấy Pagefind để tạo chỉ mục tìm kiếm. "
    "Cài bằng: pip install 'pagefind[bin]' (gói noticeboard đã khai báo phụ thuộc này)."
)


# What Pagefind reads of a page: the content the theme puts in its <article>, which holds the
# data-pagefind-body block; the theme's header, navigation and footer are outside it and unread.
PAGE = '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"></head><body>{content}</body></html>\n'


class PagefindError(RuntimeError):
    """Pagefind is missing or failed; the message says what to do."""


@dataclass(frozen=True)
class IndexStats:
    pages: int
    files: int
    bytes: int
    seconds: float
    bundles: int = 1


def find_pagefind() -> Path:
    """The binary from the ``pagefind_bin`` wheel, else one on PATH."""
    try:
        import pagefind_bin  # type: ignore[import-not-found,import-untyped,unused-ignore]

        return Path(pagefind_bin.get_executable())
    except (ImportError, FileNotFoundError):
        pass
    for name in ("pagefind_extended", "pagefind"):
        found = shutil.which(name)
        if found:
            return Path(found)
    raise PagefindError(MISSING)


def run_pagefind(
    site_dir: str | Path, bundles: Sequence[Bundle], *, executable: Path | None = None
) -> IndexStats:
    """Index the bundles' pages of a built site into ``site_dir/pagefind/<key>/`` and write the
    manifest the search page reads (``pagefind/bundles.json``), replacing an older index. The build
    itself indexes pages as they are rendered (:class:`IndexRun`); the result is the same."""
    return IndexRun(site_dir, bundles, executable=executable, pages_dir=site_dir).finish()


class IndexRun:
    """Pagefind over the bundles, one run at a time, each started once its pages are all there.

    One Pagefind run per bundle, limited by a glob to that bundle's pages. The language is forced to
    ``vi``: pages in another ``lang`` would otherwise get an index of their own that the search page
    never loads. Pagefind reads only the ``data-pagefind-body`` block of a page, so the plugin hands
    each indexed page's content over as soon as it is rendered (:meth:`add_page`), as a small page
    of its own at the page's URL in a staging folder (in memory, /dev/shm, where the machine has
    room; else :data:`STAGING` in the site), long before the theme writes the real page:
    the older bundles are indexed on the second core while MkDocs converts the newer notices.
    :meth:`finish` runs what is left and writes the manifest in search order. The index is the one
    Pagefind makes from the built site (tested; pages numbered in the order the staging folder's
    file system lists them); when a bundle ran does not change it.
    """

    def __init__(
        self,
        site_dir: str | Path,
        bundles: Sequence[Bundle],
        *,
        executable: Path | None = None,
        pages_dir: str | Path | None = None,
        previous: dict[str, str] | None = None,
        order: Sequence[str] = (),
    ) -> None:
        """``pages_dir``: a folder that already holds the pages (a built site); without it, the
        pages come through :meth:`add_page`.

        ``previous`` (a rebuild into the same site, ``mkdocs serve --dirty``): the :attr:`digests`
        of the build before; a bundle whose pages all hand over what they handed over then keeps
        the index that build wrote. Pages are then written to the staging folder just before their
        bundle runs, in ``order`` (the URLs in the order a full build hands them over), so that a
        bundle run again gets the index a full build would make.
        """
        self.site = Path(site_dir).resolve()
        self.binary = executable or find_pagefind()
        self.bundles = [b for b in bundles if b.pages]  # search order, newest first
        self.out = self.site / OUTPUT_SUBDIR
        self.previous = previous
        self.digests: dict[str, str] = {}  # bundle key -> digest of its pages' content (see previous)
        self.kept: list[str] = []  # bundles whose index was kept
        self._page_digests: dict[str, str] = {}  # url -> digest of its content (a rebuild only)
        self._held: dict[str, str] | None = (
            None if previous is None else {}
        )  # url -> page, until its bundle runs
        self._rank = {url: i for i, url in enumerate(order)}
        if previous is None:
            if self.out.exists():
                shutil.rmtree(self.out)  # stale chunks of an earlier build would stay reachable
        else:
            keys = {b.key for b in self.bundles}
            for entry in self.out.iterdir() if self.out.is_dir() else ():
                if entry.is_dir() and entry.name[:1].isdigit() and entry.name not in keys:
                    shutil.rmtree(entry)  # a bundle the plan no longer has
        self.out.mkdir(parents=True, exist_ok=True)
        self._tmp = Path(tempfile.mkdtemp(prefix="noticeboard-pagefind-"))
        self._staged = pages_dir is None
        self._pages = Path(pages_dir).resolve() if pages_dir is not None else self._staging_folder()
        self._spent: list[Path] = []  # staging folders given up (memory full), removed at the end
        self._queue = list(reversed(self.bundles))  # oldest first: their pages are written first
        self._missing = {
            b.key: set() if pages_dir is not None else {p.url for p in b.pages} for b in self.bundles
        }
        self._bundle_of = {p.url: b.key for b in self.bundles for p in b.pages}
        self._running: list[subprocess.Popen[bytes]] = []
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = (
            None  # starts the runs; made on the first page (after any fork)
        )
        self._finishing = False
        self._stopped = False
        self._error: PagefindError | None = None
        self.pages = 0
        self.seconds = 0.0  # Pagefind's own time, summed over its runs
        self.created = time.perf_counter()
        self.spans: list[tuple[str, float, float]] = []  # (bundle key, start, end) from creation, for timings

    def add_page(self, url: str, content_html: str) -> None:
        """The content of the page at directory URL ``url`` (ignored unless a bundle holds it); the
        next bundle starts once all its pages are in."""
        key = self._bundle_of.get(url)
        if key is None:
            return
        page = PAGE.format(content=content_html)
        if self._held is not None:
            self._page_digests[url] = digest(content_html)
            with self._cond:
                self._held[url] = page  # written when its bundle runs (see __init__)
        else:
            self._write(url, page)
        with self._cond:
            self._missing[key].discard(url)
            self._cond.notify_all()
        self._start_thread()

    def finish(self, meanwhile: Callable[[], object] | None = None) -> IndexStats:
        """Run every bundle not run yet, wait for all, write the manifest; the stats of all runs.
        ``meanwhile``: the build's other last work, done once the last runs have started."""
        try:
            runs = self._start_rest()
            if meanwhile is not None:
                meanwhile()
            ended = []
            for _, proc, _ in runs:
                proc.wait()
                ended.append(time.perf_counter())
            if self._thread is not None:
                self._thread.join()  # a run started beside the build
            self._record([(*run, end) for run, end in zip(runs, ended, strict=True)])
            if self._error is not None:
                raise self._error
        finally:
            self.cancel()
        for bundle in self.bundles:
            output = self._output_of(bundle)
            for name in UNUSED + (UNUSED_OLDER if bundle.key else ()):
                (output / name).unlink(missing_ok=True)
        data = json.dumps(manifest(self.bundles), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        (self.out / MANIFEST).write_text(data, encoding="utf-8")
        files = [p for p in self.out.rglob("*") if p.is_file()]
        return IndexStats(
            pages=self.pages,
            files=len(files),
            bytes=sum(p.stat().st_size for p in files),
            seconds=self.seconds,
            bundles=len(self.bundles),
        )

    def cancel(self) -> None:
        """Stop a run still going (a failed build) and remove the temporary files."""
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
            for proc in self._running:
                if proc.poll() is None:
                    proc.kill()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join()
        shutil.rmtree(self._tmp, ignore_errors=True)
        if self._staged:
            for folder in (*self._spent, self._pages):
                shutil.rmtree(folder, ignore_errors=True)

    def _write(self, url: str, page: str) -> None:
        try:
            _write_page(self._pages, url, page)
        except OSError:
            if self._pages.parent == self.site:
                raise
            self._leave_memory()  # /dev/shm is full (a container's is 64 MB): the site's folder
            _write_page(self._pages, url, page)

    def _output_of(self, bundle: Bundle) -> Path:
        return self.out / bundle.key if bundle.key else self.out

    def _keep(self, bundle: Bundle) -> bool:
        """A rebuild: keep ``bundle``'s index when its pages are what they were, else write its
        pages and clear its old index for the run. Called with all its pages in."""
        if self._held is None:
            return False
        pages = [p.url for p in bundle.pages]
        key = digest(
            bundle.key, bundle.label, *(f"{url}\t{self._page_digests.get(url, '')}" for url in pages)
        )
        self.digests[bundle.key] = key
        output = self._output_of(bundle)
        if (
            self.previous is not None
            and self.previous.get(bundle.key) == key
            and (output / "pagefind-entry.json").is_file()
        ):
            for url in pages:
                self._held.pop(url, None)
            self.kept.append(bundle.key)
            return True
        for url in sorted(pages, key=lambda u: self._rank.get(u, len(self._rank))):
            page = self._held.pop(url, None)
            if page is not None:
                self._write(url, page)
        others = {b.key for b in self.bundles if b.key}
        for entry in output.iterdir() if output.is_dir() else ():
            if bundle.key or (entry.name not in others and entry.name != MANIFEST):
                if entry.is_dir():
                    shutil.rmtree(entry)
                else:
                    entry.unlink()
        return False

    def _staging_folder(self) -> Path:
        """A new folder for the handed-over pages: in memory when the machine has room, else
        :data:`STAGING` in the site: a directory per page costs far more system time on disk
        (BENCHMARKS.md, "Figures behind the code")."""
        memory = MEMORY_STAGING
        pages = sum(len(b.pages) for b in self.bundles)
        if memory is not None and memory.is_dir() and os.access(memory, os.W_OK | os.X_OK):
            _remove_stale(memory)
            with contextlib.suppress(OSError):
                free = os.statvfs(memory)
                if free.f_bavail * free.f_frsize >= pages * PAGE_ROOM + (64 << 20):
                    return Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=memory))
        folder = self.site / STAGING
        shutil.rmtree(folder, ignore_errors=True)  # left by a build that was killed
        return folder

    def _leave_memory(self) -> None:
        """Move the pages handed over so far to the site's folder; later runs read them there (a
        run already started keeps reading the old folder, removed at the end)."""
        with self._cond:
            folder = self.site / STAGING
            shutil.rmtree(folder, ignore_errors=True)
            shutil.copytree(self._pages, folder)
            self._spent.append(self._pages)
            self._pages = folder

    def _start_thread(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._run_bundles, name="noticeboard-pagefind", daemon=True
            )
            self._thread.start()

    def _ready(self) -> bool:
        return self._stopped or not self._queue or self._finishing or not self._missing[self._queue[0].key]

    def _run_bundles(self) -> None:
        """Beside the build, one bundle at a time, each as soon as its pages are all in."""
        while True:
            with self._cond:
                self._cond.wait_for(self._ready)
                if self._stopped or not self._queue or self._finishing:
                    return  # finish() starts what is left
                bundle = self._queue.pop(0)
                if self._keep(bundle):
                    continue
                try:
                    proc = self._start(bundle, alone=False, last=not self._queue)
                except PagefindError as err:
                    self._error = err
                    return
                self._running.append(proc)
                started = time.perf_counter()
            proc.wait()
            if not self._record([(bundle, proc, started, time.perf_counter())]):
                return

    def _start_rest(self) -> list[tuple[Bundle, subprocess.Popen[bytes], float]]:
        """At the end of the build: every bundle not started yet, all at once, with Pagefind's
        threads and priority; a run started beside the build gets its usual priority back."""
        with self._cond:
            self._finishing = True
            rest, self._queue = self._queue, []
            for proc in self._running:
                with contextlib.suppress(OSError):
                    os.setpriority(os.PRIO_PROCESS, proc.pid, 0)
            runs = []
            try:
                for bundle in rest:
                    if self._keep(bundle):
                        continue
                    runs.append((bundle, self._start(bundle, alone=True), time.perf_counter()))
                    self._running.append(runs[-1][1])
            except PagefindError as err:
                self._error = err
            self._cond.notify_all()
        return runs

    def _record(self, runs: list[tuple[Bundle, subprocess.Popen[bytes], float, float]]) -> bool:
        """Count what finished runs indexed; False once a run failed or the build was stopped."""
        with self._cond:
            for bundle, proc, started, ended in runs:
                if proc in self._running:
                    self._running.remove(proc)
                if self._stopped:
                    return False
                self.seconds += ended - started
                self.spans.append((bundle.key, started - self.created, ended - self.created))
                try:
                    self.pages += _indexed_count(proc, bundle, self._tmp)
                except PagefindError as err:
                    self._error = err
                    return False
        return True

    def _start(self, bundle: Bundle, *, alone: bool, last: bool = False) -> subprocess.Popen[bytes]:
        # The glob names every page (slugs, checked by plan_bundles); it goes in a config file
        # because a command line argument is limited to 128 KB.
        folder = self._tmp / (bundle.key or "newest")
        folder.mkdir()
        globs = [f"{p.url}index.html" for p in bundle.pages]
        config = {
            "site": str(self._pages),
            "output_path": str(self.out / bundle.key),
            "glob": "{" + ",".join(globs) + "}" if len(globs) > 1 else globs[0],
            "force_language": "vi",
            "exclude_selectors": [s.strip() for s in EXCLUDE_SELECTORS.split(",")],
        }
        (folder / "pagefind.json").write_text(json.dumps(config), encoding="utf-8")
        try:
            # While the site is still being made, Pagefind runs beside it; once the rest of the build
            # is done it has the machine to itself (``alone``), threads and priority as usual.
            env = {
                **os.environ,
                CHUNK_SIZE_ENV: str(INDEX_CHUNK_POSITIONS),
                **({} if alone or last else BESIDE_ENV),
            }
            with (folder / "output.txt").open("wb") as log:  # a file, not a pipe nobody reads while it runs
                return subprocess.Popen(
                    [*(() if alone else BESIDE), str(self.binary)],
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    cwd=folder,
                    env=env,
                )
        except OSError as err:
            raise PagefindError(f"noticeboard: không chạy được Pagefind ({self.binary}): {err}") from None


def _write_page(root: Path, url: str, page: str) -> None:
    folder = root / url
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(page, encoding="utf-8")


def _remove_stale(memory: Path) -> None:
    """Staging folders of builds that were killed (their process is gone): they would hold
    memory until the machine restarts."""
    for folder in memory.glob(f"{STAGING_PREFIX}*-*"):
        pid = folder.name[len(STAGING_PREFIX) :].split("-", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass  # alive, another user's


def _indexed_count(proc: subprocess.Popen[bytes], bundle: Bundle, tmp: Path) -> int:
    output = (tmp / (bundle.key or "newest") / "output.txt").read_text(encoding="utf-8", errors="replace")
    if proc.returncode != 0:
        tail = "\n".join(output.strip().splitlines()[-10:])
        raise PagefindError(f"noticeboard: Pagefind lỗi khi tạo chỉ mục tìm kiếm:\n{tail}")
    for line in output.splitlines():
        words = line.split()
        if line.strip().startswith("Indexed") and words[-1] == "pages" and words[1].isdigit():
            return int(words[1])
    return 0
