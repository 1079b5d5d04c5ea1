"""The second core: whether a fork is safe here, and a map that runs half its items in a child;
and the end of a command-line build, which need not free what the process built.

No MkDocs import: the load stage (``content/``) and the render stage (``render/ahead.py``) use it.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO, TypeVar

T = TypeVar("T")
R = TypeVar("R")

CHILD_SHARE = 42  # per cent of the items the child runs (see map_halves)
# A child's pipe to the parent holds this much (Linux's default is 64 KB, its usual ceiling 1 MB):
# a unit's page is up to ~800 KB, and with 64 KB the page renderer waited ~1.6 s a build at
# five-year size for the parent to read, the parent being busy converting Markdown.
PIPE_BYTES = 1 << 20


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def can_fork() -> bool:
    """Fork only a single-threaded process on a machine with a second core."""
    return hasattr(os, "fork") and threading.active_count() == 1 and cores() > 1


def fork_writer(write: Callable[[BinaryIO], None], *, nice: int = 0) -> tuple[int, int]:
    """Fork a child that runs ``write(pipe)`` (at ``nice``, best effort) and leaves through
    ``os._exit``: status 0 when ``write`` returned, 1 when it raised. Returns the child's pid and
    the read end of the pipe; the caller reads it to the end and reaps the child."""
    read_fd, write_fd = os.pipe()
    _widen_pipe(write_fd)
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, which leaves through os._exit
        status = 1
        try:
            os.close(read_fd)
            if nice:
                with contextlib.suppress(OSError):
                    os.nice(nice)
            with os.fdopen(write_fd, "wb") as pipe:
                write(pipe)
            status = 0
        finally:
            os._exit(status)
    os.close(write_fd)
    return pid, read_fd


def _widen_pipe(fd: int) -> None:
    """Ask for a pipe of :data:`PIPE_BYTES` (Linux); elsewhere, or refused, the pipe stays as it is."""
    try:
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass


def map_halves(run: Callable[[T], R], items: Sequence[T], *, parallel: bool) -> list[R]:
    """``[run(item) for item in items]``, with about half the items run in a forked child when
    ``parallel`` and :func:`can_fork` allow it; the child's results come back pickled.

    Should the child fail in any way (an exception, killed, a result that does not unpickle),
    the parent runs the child's share itself: the result, and any exception ``run`` raises, are
    then exactly those of the one-process map.
    """
    if not parallel or len(items) < 2 or not can_fork():
        return [run(item) for item in items]
    # The child's share is a little smaller: it also pickles what it made while the parent, which
    # unpickles it afterwards, is still at its own share.
    theirs = [i for i in range(len(items)) if (i + 1) * CHILD_SHARE // 100 > i * CHILD_SHARE // 100]
    ours = sorted(set(range(len(items))).difference(theirs))

    def write(pipe: BinaryIO) -> None:
        made = pickle.dumps([run(items[i]) for i in theirs], protocol=pickle.HIGHEST_PROTOCOL)
        pipe.write(made)  # pickled first: the parent is still at its own share

    pid, read_fd = fork_writer(write)
    results: list[R | None] = [None] * len(items)
    got: list[R] | None = None
    try:
        for i in ours:
            results[i] = run(items[i])
        with os.fdopen(read_fd, "rb") as pipe:
            read_fd = -1
            collecting = gc.isenabled()
            gc.disable()  # unpickling allocates many containers and nothing cyclic to collect
            try:
                got = pickle.load(pipe)
            except Exception:  # the child died or failed: its share is run here below
                got = None
            finally:
                if collecting:
                    gc.enable()
    finally:
        if read_fd >= 0:
            os.close(read_fd)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, 9)  # gone already unless the parent's own share raised
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
    if not isinstance(got, list) or len(got) != len(theirs):
        got = [run(items[i]) for i in theirs]
    for i, result in zip(theirs, got, strict=True):
        results[i] = result
    return results  # type: ignore[return-value]


def exits_after_build() -> bool:
    """This process is ``mkdocs``/``properdocs`` started from the command line (the console script
    or ``python -m``): it ends when its build does. False inside tests, ``serve``'s callers, or any
    program that builds through MkDocs' API and goes on."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    if getattr(spec, "name", None) in ("mkdocs.__main__", "properdocs.__main__"):
        return True
    return bool(sys.argv) and Path(sys.argv[0]).name in ("mkdocs", "properdocs")


def keep_until_exit(*objects: object) -> None:
    """Leave ``objects`` to the operating system when the process exits.

    Python's exit frees every object one by one: at five-year size the model, the page specs and
    MkDocs' pages take ~0.5 s, after the site is written. Held in a reference cycle (no count
    reaches zero) in the collector's permanent generation (never collected), they are not freed;
    the process's memory goes back whole. Only for a process that ends with the build
    (:func:`exits_after_build`) or with a command of the ``noticeboard`` program (``cli.run``).
    """
    holder: list[object] = [*objects]
    holder.append(holder)
    gc.freeze()
