"""Text helpers shared by loading, search and the importer: NFC, folding, slugs."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

# \Z, not $: "$" also matches before a final newline ("abc\n" would pass).
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\Z")
# Every path made from an id (thong-bao/<id>/index.html, lich/thong-bao/<id>.ics, a temporary
# ".<id>.ics.<pid>" beside it) must fit the 255-byte name limit of common file systems.
MAX_ID_LENGTH = 100

# The two accepted placements of the tone mark in oa/oe/uy ("hoá"/"hóa", "thuỷ"/"thủy").
_TONE_PAIRS = {
    "oá": "óa",
    "oà": "òa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oé": "óe",
    "oè": "òe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uý": "úy",
    "uỳ": "ùy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
# Only at the end of a syllable: "hoá"/"hóa" differ, but "hoạch" has one spelling.
_TONE_RE = re.compile("(?:" + "|".join(_TONE_PAIRS) + r")(?!\w)")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def unify_tone_placement(text: str) -> str:
    """Write every oa/oe/uy syllable with the mark on the first vowel ("hóa", "thủy")."""
    return _TONE_RE.sub(lambda m: _TONE_PAIRS[m.group(0)], text)


def fold(text: str) -> str:
    """Lower-case, strip diacritics, đ→d: "Bát Tràng" → "bat trang"."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d").replace("Đ", "d")


def match_key(text: str) -> str:
    """Key for matching names: NFC, case-folded, one tone placement, single spaces."""
    return " ".join(unify_tone_placement(nfc(text).casefold()).split())


def slugify(text: str, max_len: int = 60) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0]
    return slug


def did_you_mean(word: str, choices: Iterable[str], n: int = 3) -> list[str]:
    choices = list(choices)
    by_fold = {fold(c): c for c in choices}
    key = fold(word)
    # a truncated id ("van-hoa" for "van-hoa-xa-hoi") is the commonest slip: list those first
    prefixed = sorted((f for f in by_fold if key and (f.startswith(key) or key.startswith(f))), key=len)
    close = difflib.get_close_matches(key, list(by_fold), n=n, cutoff=0.6)
    hits = list(dict.fromkeys([*prefixed, *close]))[:n]
    return [by_fold[h] for h in hits]


def suggestion(word: str, choices: Iterable[str]) -> str:
    hits = did_you_mean(word, choices)
    if not hits:
        return ""
    return "Có phải ý bạn là: " + ", ".join(f"“{h}”" for h in hits) + "?"
