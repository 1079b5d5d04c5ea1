"""Vietnamese text as search sees it.

Pagefind (>= 1.5) matches words modulo Unicode combining marks, so "bat trang" finds "Bát Tràng"
and "hoá"/"hóa", "thuỷ"/"thủy" are one word. It does not fold "đ" (U+0111 has no decomposition),
so "dong" would miss "đông": each indexed page carries the folded spelling of its words with
"đ" (:func:`d_folded_words`), and the search page folds the query the same way (:func:`fold_query`,
mirrored in JavaScript in ``search.html``), so "đ"/"d" match whichever side has the mark.
"""

from __future__ import annotations

import re

from ..content.text import fold, nfc, unify_tone_placement

_D_WORD_RE = re.compile(r"\w*[đĐ]\w*")  # only the words with "đ": a notice has ~3,000 words


def fold_query(text: str) -> str:
    """What the search page sends to the index: NFC, one tone placement, then folded, single spaces."""
    return " ".join(fold(unify_tone_placement(nfc(text))).split())


def d_folded_words(*texts: str) -> list[str]:
    """The folded form of every distinct word with "đ"/"Đ", in order of first appearance.

    Only these need a second spelling in the index; Pagefind folds every other mark itself.
    """
    seen: dict[str, None] = {}
    for text in texts:
        for word in _D_WORD_RE.findall(nfc(text)):
            seen.setdefault(fold(word), None)
    return list(seen)
