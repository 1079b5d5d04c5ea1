"""Site search: Vietnamese folding for both sides, the page markup Pagefind indexes, running Pagefind.

No MkDocs import: ``plugin.py`` calls :func:`notice_block` / :func:`unit_block` while pages render
and hands each marked page to an :class:`IndexRun` over the bundles :func:`plan_bundles` cuts from
:func:`indexed_pages` (:func:`run_pagefind` indexes an already built site the same way). Why Pagefind and not the theme's search: BENCHMARKS.md.
"""

from .bundles import MAX_NOTICES, Bundle, IndexedPage, indexed_pages, plan_bundles
from .markup import FOLD_MARK, IndexedTask, add_after_heading, add_header_link, notice_block, unit_block
from .normalize import d_folded_words, fold_query
from .pagefind import IndexRun, PagefindError, find_pagefind, run_pagefind

__all__ = [
    "FOLD_MARK",
    "MAX_NOTICES",
    "Bundle",
    "IndexRun",
    "IndexedPage",
    "IndexedTask",
    "PagefindError",
    "add_after_heading",
    "add_header_link",
    "d_folded_words",
    "find_pagefind",
    "fold_query",
    "indexed_pages",
    "notice_block",
    "plan_bundles",
    "run_pagefind",
    "unit_block",
]
