"""Site search: Vietnamese folding for both sides, the page markup Pagefind indexes, running Pagefind.

No MkDocs import: ``plugin.py`` calls :func:`notice_block` / :func:`unit_block` while pages render
and :func:`run_pagefind` after the build. Why Pagefind and not the theme's search: BENCHMARKS.md.
"""

from .markup import FOLD_MARK, add_after_heading, add_header_link, notice_block, unit_block
from .normalize import d_folded_words, fold_query
from .pagefind import PagefindError, find_pagefind, run_pagefind

__all__ = [
    "FOLD_MARK",
    "PagefindError",
    "add_after_heading",
    "add_header_link",
    "d_folded_words",
    "find_pagefind",
    "fold_query",
    "notice_block",
    "run_pagefind",
    "unit_block",
]
