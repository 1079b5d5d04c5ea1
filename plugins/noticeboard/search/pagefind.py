"""Run the Pagefind binary that the ``pagefind[bin]`` wheel ships over a built site, once per bundle."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .bundles import MANIFEST, Bundle, manifest

OUTPUT_SUBDIR = "pagefind"
# Repeated on every notice (document header, status labels, table headings, report history):
# they blur ranking and excerpts, and status words alone made ~10% of the index.
EXCLUDE_SELECTORS = ".nb-doc-header, .nb-asof, .nb-legend, .nb-badge, thead, .nb-meta dt, .nb-history"
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


def run_pagefind(site_dir: str | Path, bundles: Sequence[Bundle], *, executable: Path | None = None) -> IndexStats:
    """Index each bundle's pages into ``site_dir/pagefind/<key>/`` and write the manifest the search
    page reads (``pagefind/bundles.json``), replacing an older index.

    One Pagefind run per bundle, limited by a glob to that bundle's pages: the lists, registers and
    calendars (most of the site's bytes) are never parsed. The language is forced to ``vi``: pages
    in another ``lang`` would otherwise get an index of their own that the search page never loads.
    """
    site = Path(site_dir).resolve()
    binary = executable or find_pagefind()
    out = site / OUTPUT_SUBDIR
    if out.exists():
        shutil.rmtree(out)  # stale chunks of an earlier build would stay reachable
    out.mkdir(parents=True)
    start = time.perf_counter()
    pages = 0
    written = []
    with tempfile.TemporaryDirectory(prefix="noticeboard-pagefind-") as tmp:
        for bundle in bundles:
            if not bundle.pages:
                continue
            pages += _run_one(binary, site, out / bundle.key, bundle, Path(tmp))
            written.append(bundle)
    seconds = time.perf_counter() - start
    data = json.dumps(manifest(written), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    (out / MANIFEST).write_text(data, encoding="utf-8")
    files = [p for p in out.rglob("*") if p.is_file()]
    return IndexStats(pages=pages, files=len(files), bytes=sum(p.stat().st_size for p in files), seconds=seconds,
                      bundles=len(written))


def _run_one(binary: Path, site: Path, output: Path, bundle: Bundle, tmp: Path) -> int:
    # The glob names every page (slugs, checked by plan_bundles); it goes in a config file
    # because a command line argument is limited to 128 KB.
    globs = [f"{p.url}index.html" for p in bundle.pages]
    config = {
        "site": str(site),
        "output_path": str(output),
        "glob": "{" + ",".join(globs) + "}" if len(globs) > 1 else globs[0],
        "force_language": "vi",
        "exclude_selectors": [s.strip() for s in EXCLUDE_SELECTORS.split(",")],
    }
    (tmp / "pagefind.json").write_text(json.dumps(config), encoding="utf-8")
    try:
        proc = subprocess.run([str(binary)], capture_output=True, text=True, check=False, cwd=tmp,
                              env={**os.environ, CHUNK_SIZE_ENV: str(INDEX_CHUNK_POSITIONS)})
    except OSError as err:
        raise PagefindError(f"noticeboard: không chạy được Pagefind ({binary}): {err}") from None
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-10:])
        raise PagefindError(f"noticeboard: Pagefind lỗi khi tạo chỉ mục tìm kiếm:\n{tail}")
    for line in proc.stdout.splitlines():
        words = line.split()
        if line.strip().startswith("Indexed") and words[-1] == "pages" and words[1].isdigit():
            return int(words[1])
    return 0
