"""The process a build runs in: whether a second process may be forked here, and the end of a
command-line build, which need not free what the process built. No MkDocs import."""

from __future__ import annotations

import gc
import os
import sys
import threading
from pathlib import Path


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def can_fork() -> bool:
    """Fork only a single-threaded process on a machine with a second core."""
    return hasattr(os, "fork") and threading.active_count() == 1 and cores() > 1


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

    Python's exit frees every object one by one, after the site is written: the model, the page
    specs and MkDocs' pages (BENCHMARKS.md, "Figures behind the code"). Held in a reference cycle (no count
    reaches zero) in the collector's permanent generation (never collected), they are not freed;
    the process's memory goes back whole. Only for a process that ends with the build
    (:func:`exits_after_build`) or with a command of the ``noticeboard`` program (``cli.run``).
    """
    holder: list[object] = [*objects]
    holder.append(holder)
    gc.freeze()
