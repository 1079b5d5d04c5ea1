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

_D_RE = re.compile(r"[đĐ]")
_WORD_TAIL_RE = re.compile(r"\w*")


def fold_query(text: str) -> str:
    """What the search page sends to the index: NFC, one tone placement, then folded, single spaces."""
    return " ".join(fold(unify_tone_placement(nfc(text))).split())


def d_folded_words(*texts: str) -> list[str]:
    """The folded form of every distinct word with "đ"/"Đ", in order of first appearance.

    Only these need a second spelling in the index; Pagefind folds every other mark itself.
    """
    seen: dict[str, None] = {}
    written: set[str] = set()
    for text in texts:
        for word in _d_words(nfc(text)):
            if word not in written:
                written.add(word)
                seen.setdefault(fold(word), None)
    return list(seen)


def _d_words(text: str) -> list[str]:
    """The words (``\\w+`` runs) holding "đ"/"Đ", in order, as ``re.findall(r"\\w*[đĐ]\\w*")`` finds them.

    Found from each "đ" outwards: the regex tries every position of a 16 KB notice, this visits
    only the ~100 words with the letter (BENCHMARKS.md, "Figures behind the code").
    """
    words: list[str] = []
    end = 0
    for match in _D_RE.finditer(text):
        at = match.start()
        if at < end:  # a second "đ" in the word just taken
            continue
        start = at
        while start and (text[start - 1].isalnum() or text[start - 1] == "_"):  # what \w matches
            start -= 1
        end = _WORD_TAIL_RE.match(text, at + 1).end()  # type: ignore[union-attr]
        words.append(text[start:end])
    return words
