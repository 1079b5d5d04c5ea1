"""The build's second process: it renders the generated pages and writes the output files while
MkDocs converts the notices' Markdown in the parent. No MkDocs import.

Rendering the generated pages on a second core is what makes a five-year build ~1.2x plain
mkdocs-material instead of ~1.4x (BENCHMARKS.md). The worker is one process of a standard
``ProcessPoolExecutor`` with the fork context, started once the model is built: it inherits the
model, the renderer and the page specs from the parent's memory (nothing of them is pickled), and
only what it made crosses back: each page's HTML, in the order of the specs, and the list of the
output files it wrote into ``site_dir``. Those go through files in a private temporary folder,
and the executor's pipe carries only their names: a message that small is written whole or not
at all, whereas a worker killed while it wrote a batch of large pages into the pipe would leave
the executor waiting forever for the rest. A job that raises is re-raised here with the worker's
traceback; a worker that dies (killed, out of memory) is a ``BrokenProcessPool``, reported with
its exit status. Where a fork is not safe (other threads, e.g. ``mkdocs serve``) or not wanted
(``parallel: false``), the same functions run here in the parent when asked: byte-identical output.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from .pages import PageSpec

# Pages go back in small batches: one result message per page costs the parent more than the
# wait for a batch, and a batch small enough keeps MkDocs from waiting on the first pages.
BATCH = 8
NICE = 5  # MkDocs' own work in the parent is what the build waits for: the worker gives way
T = TypeVar("T")


class WorkerError(RuntimeError):
    """A job failed in the worker (its traceback is in the message) or the worker died."""


@dataclass
class Job:
    """What the worker does for one build, in this order. Set before the fork, so that the worker
    reads it from the memory it inherits."""

    specs: list[PageSpec]  # the pages to render, in the order MkDocs asks for them
    render: Callable[[PageSpec], str]
    outputs: Callable[[], dict[str, str | bytes]]  # {site-relative path: content}
    site_dir: str


_job: Job | None = None  # the build's job, in the worker: inherited through the fork
_folder: str | None = None  # where the worker hands its results over (see the module's docstring)


def _start() -> None:
    with contextlib.suppress(OSError):
        os.nice(NICE)
    # Ctrl-C reaches the whole process group: the parent stops the build and this worker with it,
    # without a second traceback from here.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _render(start: int, stop: int) -> str:
    assert _job is not None
    return _hand_over([_job.render(spec) for spec in _job.specs[start:stop]])


def _write_outputs() -> str:
    assert _job is not None
    return _hand_over(write_files(_job.site_dir, _job.outputs()))


def _hand_over(value: object) -> str:
    """Pickle ``value`` into a new file of the hand-over folder; the file's name."""
    assert _folder is not None
    fd, path = tempfile.mkstemp(dir=_folder)
    with os.fdopen(fd, "wb") as f:
        pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def _take(path: str) -> Any:
    """What the worker handed over in ``path`` (the file is removed)."""
    handed = Path(path)
    try:
        with handed.open("rb") as f:
            return pickle.load(f)
    finally:
        handed.unlink()


class Worker:
    """The pages and output files of ``job``: made in a forked worker when ``parallel``, else here
    when asked. Ask for the pages in the order of ``job.specs`` (skipping is fine)."""

    def __init__(self, job: Job, *, parallel: bool) -> None:
        self.job = job
        self._index = {spec.src_uri: i for i, spec in enumerate(job.specs)}
        self._made: dict[int, str] = {}
        self._next = 0  # the first page not yet taken from the worker
        self._pool: ProcessPoolExecutor | None = None
        self._process: multiprocessing.process.BaseProcess | None = None
        self._pages: Iterator[str] = iter(())
        self._outputs: Future[str] | None = None
        self._folder: str | None = None
        self._closing: threading.Thread | None = None
        if parallel:
            self._fork()

    @property
    def parallel(self) -> bool:
        """True when a worker process makes the pages."""
        return self._pool is not None

    def _fork(self) -> None:
        global _job, _folder
        context = multiprocessing.get_context("fork")
        before = set(multiprocessing.active_children())
        self._folder = tempfile.mkdtemp(prefix="noticeboard-worker-")
        _job, _folder = self.job, self._folder
        try:
            self._pool = ProcessPoolExecutor(1, mp_context=context, initializer=_start)
            starts = range(0, len(self.job.specs), BATCH)
            stops = [min(start + BATCH, len(self.job.specs)) for start in starts]
            self._pages = self._pool.map(_render, starts, stops)  # the fork happens here, at the first job
            self._outputs = self._pool.submit(_write_outputs)
        finally:
            _job = _folder = None  # the worker has its copy; the parent's are on self
        started = [p for p in multiprocessing.active_children() if p not in before]
        self._process = started[0] if started else None

    def page(self, src_uri: str) -> str:
        """The HTML of the page ``src_uri`` (each page is taken once)."""
        if self._pool is None:
            return self.job.render(self.job.specs[self._index[src_uri]])
        want = self._index[src_uri]
        while want >= self._next:
            batch = self._wait(lambda: _take(next(self._pages)))
            for i, html in enumerate(batch, start=self._next):
                self._made[i] = html
            self._next += len(batch)
        return self._made.pop(want)

    def outputs(self) -> list[str]:
        """Write the output files (in the worker: wait for them); the paths written, sorted."""
        if self._outputs is None:
            return write_files(self.job.site_dir, self.job.outputs())
        future = self._outputs
        written: list[str] = self._wait(lambda: _take(future.result()))
        assert self._pool is not None
        # No job comes after these: the worker leaves now, and its memory goes back while
        # Pagefind's last runs, the build's peak, are still to come (close() joins this thread).
        self._closing = threading.Thread(target=self._pool.shutdown, name="noticeboard-worker-end")
        self._closing.start()
        return written

    def close(self) -> None:
        """End the worker; a failed build's worker is stopped at once."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        failed = self._outputs is not None and not self._outputs.done()
        if failed and self._process is not None and self._process.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._process.pid, signal.SIGTERM)
        if self._closing is not None:
            self._closing.join()
        pool.shutdown(wait=True, cancel_futures=True)
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)  # batches a failed build did not take

    def _wait(self, get: Callable[[], T]) -> T:
        """``get()``, with the worker's failures as :class:`WorkerError`."""
        try:
            return get()
        except BrokenProcessPool:
            raise WorkerError(
                f"noticeboard: tiến trình phụ dừng giữa chừng ({_exit_status(self._process)}); "
                "có thể máy hết bộ nhớ. Chạy lại, hoặc đặt parallel: false trong mkdocs.yml."
            ) from None
        except WorkerError:
            raise
        except Exception as err:
            remote = err.__cause__  # the worker's traceback, as text
            raise WorkerError(
                f"noticeboard: lỗi khi tạo trang/tệp ở tiến trình phụ:\n{remote or ''}{err!r}"
            ) from None


def _exit_status(process: multiprocessing.process.BaseProcess | None) -> str:
    if process is None:
        return "không rõ"
    # The executor's own thread may be reaping the same process: its status then shows up in the
    # shared Popen object a moment later, while our wait found nothing to wait for.
    deadline = time.monotonic() + 10
    code = None
    while code is None and time.monotonic() < deadline:
        process.join(timeout=0.1)
        code = process.exitcode
    if code is not None and code < 0:
        with contextlib.suppress(ValueError):
            return f"dừng bởi tín hiệu {signal.Signals(-code).name}"
    return f"mã thoát {code}"


def write_files(site_dir: str | Path, outputs: dict[str, str | bytes]) -> list[str]:
    """Write ``{site-root-relative path: content}`` under ``site_dir``; the paths written, sorted."""
    root = Path(site_dir)
    made: set[Path] = set()
    for path, content in outputs.items():
        target = root / path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return sorted(outputs)
