"""Work done ahead of MkDocs' page loop, on the second core when there is one. No MkDocs import.

MkDocs converts every notice's Markdown one page after another on one core (most of a build).
The pages that need no Markdown (register, unit boards, months, lists) and the output files
(calendars, feeds, open data) depend only on the built model, so a forked child computes them
meanwhile and hands each result back by key; the parent takes them when MkDocs reaches them.
Where fork is not available or not safe (other threads running, e.g. ``mkdocs serve``), the same
jobs run in the parent, lazily, in the same order: the output is byte-identical either way.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import threading
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..cores import can_fork, cores, fork_writer

__all__ = ["Ahead", "AheadError", "can_fork", "cores", "write_files"]

Jobs = Callable[[], Iterator[tuple[str, Any]]]


class AheadError(RuntimeError):
    """A job failed (its traceback is in the message) or the child stopped before finishing."""


class Ahead:
    """Results of ``jobs()`` by key: computed in a forked child when ``parallel``, else on demand."""

    def __init__(self, jobs: Jobs, *, parallel: bool) -> None:
        self._results: dict[str, Any] = {}
        self._done = False
        self._error: str | None = None
        self._pid: int | None = None
        self._cond = threading.Condition()
        if parallel:
            self._start_child(jobs)
        else:
            self._iter: Iterator[tuple[str, Any]] | None = jobs()

    @property
    def parallel(self) -> bool:
        return self._pid is not None

    def get(self, key: str) -> Any:
        """The result of the job named ``key`` (each key is taken once)."""
        if self._pid is None:
            while key not in self._results and self._iter is not None:
                item = next(self._iter, None)
                if item is None:
                    self._iter = None
                else:
                    self._results[item[0]] = item[1]
        else:
            with self._cond:
                self._cond.wait_for(lambda: key in self._results or self._done)
        if key in self._results:
            return self._results.pop(key)
        raise AheadError(self._error or f"noticeboard: không có kết quả cho {key}")

    def close(self) -> None:
        """Stop the child if it still runs (a failed build) and reap it."""
        if self._pid is None:
            self._iter = None
            return
        pid, self._pid = self._pid, None
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            if not self._done:
                os.kill(pid, 9)
            os.waitpid(pid, 0)

    # -- the child ----------------------------------------------------------------------------
    def _start_child(self, jobs: Jobs) -> None:
        def write(pipe: BinaryIO) -> None:
            try:
                for key, value in jobs():
                    pickle.dump((key, value), pipe, protocol=pickle.HIGHEST_PROTOCOL)
                    pipe.flush()
            except BaseException:
                pickle.dump((None, traceback.format_exc()), pipe, protocol=pickle.HIGHEST_PROTOCOL)
                raise

        # MkDocs' own work in the parent is what the build waits for: the child gives way (nice 5).
        pid, read_fd = fork_writer(write, nice=5)
        self._pid = pid
        # The pipe is drained at once, or the child would stop when it fills.
        threading.Thread(target=self._drain, args=(read_fd,), name="noticeboard-ahead", daemon=True).start()

    def _drain(self, read_fd: int) -> None:
        error = None
        with os.fdopen(read_fd, "rb") as pipe:
            while True:
                try:
                    key, value = pickle.load(pipe)
                except EOFError:
                    break
                except Exception as err:  # a truncated record: the child died mid-write
                    error = f"noticeboard: tiến trình phụ dừng giữa chừng ({err!r})"
                    break
                with self._cond:
                    if key is None:
                        error = f"noticeboard: lỗi khi tạo trang/tệp ở tiến trình phụ:\n{value}"
                    else:
                        self._results[key] = value
                        self._cond.notify_all()
        with self._cond:
            self._error = error
            self._done = True
            self._cond.notify_all()


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
