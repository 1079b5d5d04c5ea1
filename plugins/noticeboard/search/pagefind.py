"""Run the Pagefind binary that the ``pagefind[bin]`` wheel ships over a built site."""

from __future__ import annotations

import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

OUTPUT_SUBDIR = "pagefind"
# Repeated on every notice (document header, status labels, table headings, report history):
# they blur ranking and excerpts, and status words alone made ~10% of the index.
EXCLUDE_SELECTORS = ".nb-doc-header, .nb-asof, .nb-legend, .nb-badge, thead, .nb-meta dt, .nb-history"
MISSING = (
    "noticeboard: không tìm thấy Pagefind để tạo chỉ mục tìm kiếm. "
    "Cài bằng: pip install 'pagefind[bin]' (gói noticeboard đã khai báo phụ thuộc này)."
)


class PagefindError(RuntimeError):
    """Pagefind is missing or failed; the message says what to do."""


@dataclass(frozen=True)
class IndexStats:
    pages: int
    files: int
    bytes: int
    seconds: float


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


def run_pagefind(site_dir: str | Path, *, executable: Path | None = None) -> IndexStats:
    """Index ``site_dir`` into ``site_dir/pagefind/``, replacing an older bundle.

    The language is forced to ``vi``: pages in another ``lang`` would otherwise get an index of
    their own that the search page never loads.
    """
    site = Path(site_dir)
    binary = executable or find_pagefind()
    out = site / OUTPUT_SUBDIR
    if out.exists():
        shutil.rmtree(out)  # stale chunks of an earlier build would stay reachable
    args = [str(binary), "--site", str(site), "--output-subdir", OUTPUT_SUBDIR, "--force-language", "vi",
            "--exclude-selectors", EXCLUDE_SELECTORS]
    start = time.perf_counter()
    try:
        proc = subprocess.run(args, capture_output=True, text=True, check=False)
    except OSError as err:
        raise PagefindError(f"noticeboard: không chạy được Pagefind ({binary}): {err}") from None
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-10:])
        raise PagefindError(f"noticeboard: Pagefind lỗi khi tạo chỉ mục tìm kiếm:\n{tail}")
    files = [p for p in out.rglob("*") if p.is_file()]
    pages = 0
    for line in proc.stdout.splitlines():
        words = line.split()
        if line.strip().startswith("Indexed") and words[-1] == "pages" and words[1].isdigit():
            pages = int(words[1])
    return IndexStats(pages=pages, files=len(files), bytes=sum(p.stat().st_size for p in files), seconds=seconds)
