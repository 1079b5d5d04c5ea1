"""Matching unit names written in a notice against the registry (units.yml).

Names are compared on a key that ignores NFC/NFD, case, the two tone-mark
placements ("hoá"/"hóa"), "&"/"và", dashes and the usual abbreviations
(UBND, HĐND, GD&ĐT, ...), so "phòng GD&ĐT" finds "Phòng Giáo dục và Đào tạo".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

import yaml

from ..content.text import did_you_mean, nfc, slugify, unify_tone_placement

# Abbreviations clerks write for unit names, expanded before comparing.
# Keys are match keys (lower case, one tone placement); longer keys first.
ABBREVIATIONS = {
    "ubmttq": "ủy ban mặt trận tổ quốc",
    "mttq": "mặt trận tổ quốc",
    "ubnd": "ủy ban nhân dân",
    "hđnd": "hội đồng nhân dân",
    "gd&đt": "giáo dục và đào tạo",
    "gd-đt": "giáo dục và đào tạo",
    "gdđt": "giáo dục và đào tạo",
    "vh-xh": "văn hóa - xã hội",
    "vhxh": "văn hóa - xã hội",
    "vh&tt": "văn hóa và thông tin",
    "vh-tt": "văn hóa - thể thao",
    "vhtt&tt": "văn hóa thể thao và truyền thông",
    "tc-kh": "tài chính - kế hoạch",
    "tckh": "tài chính - kế hoạch",
    "tn&mt": "tài nguyên và môi trường",
    "tn-mt": "tài nguyên và môi trường",
    "kt-ht-đt": "kinh tế, hạ tầng và đô thị",
    "ct-xh": "chính trị - xã hội",
    "bhxh": "bảo hiểm xã hội",
    "lđtb&xh": "lao động - thương binh và xã hội",
    "lđ-tb&xh": "lao động - thương binh và xã hội",
    "ttđu": "thường trực đảng ủy",
    "qu": "quận ủy",
    "hu": "huyện ủy",
    "đu": "đảng ủy",
    "bgh": "ban giám hiệu",
    "mn": "mầm non",
    "th": "tiểu học",
    "thcs": "trung học cơ sở",
    "thpt": "trung học phổ thông",
    "tt": "trung tâm",
}
_ABBR_RE = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(k) for k in sorted(ABBREVIATIONS, key=len, reverse=True)) + r")(?!\w)"
)
_SEP_RE = re.compile(r"[\s\-–—‐‑_/,;:.()“”\"'*]+")

UNMATCHED = "??"
# Measured on tests/test_importer.py::FUZZY_CASES: typos score 0.89-0.95, other
# units with a similar name ("Sở Ngoại vụ"/"Sở Nội vụ" 0.80, "Phòng Tư pháp"/
# "Phòng Tư pháp - Hộ tịch" 0.76) stay below.
FUZZY_THRESHOLD = 0.85
FUZZY_MARGIN = 0.03


def unit_key(text: str) -> str:
    """The comparison key of a unit name, as space-separated words."""
    key = nfc(text).casefold()
    key = _ABBR_RE.sub(lambda m: " " + ABBREVIATIONS[m.group(1)] + " ", key)
    key = unify_tone_placement(key)
    key = key.replace("&", " và ")
    return " ".join(w for w in _SEP_RE.split(key) if w)


@dataclass(frozen=True)
class Mention:
    start: int  # word index in the key of the text
    end: int
    unit: str  # unit id
    text: str  # the words as matched (key form)


@dataclass
class Registry:
    """Units of units.yml with every name as a key."""

    units: list[dict] = field(default_factory=list)
    by_key: dict[tuple[str, ...], list[str]] = field(default_factory=dict)
    place: str = ""  # the notice's place: picks one of several units sharing a name
    _comma_names: re.Pattern[str] | None = None

    @classmethod
    def load(cls, path: Path | str | None) -> Registry:
        if path is None:
            return cls()
        data = yaml.safe_load(nfc(Path(path).read_text(encoding="utf-8-sig"))) or {}
        return cls.from_units(data.get("units") or [])

    @classmethod
    def from_units(cls, units: list[dict]) -> Registry:
        reg = cls(units=[u for u in units if isinstance(u, dict) and u.get("id")])
        for unit in reg.units:
            for name in reg.names_of(unit):
                words = tuple(unit_key(name).split())
                ids = reg.by_key.setdefault(words, []) if words else []
                if words and str(unit["id"]) not in ids:
                    ids.append(str(unit["id"]))
        return reg

    def _pick(self, ids: list[str]) -> str:
        """Of units sharing a name (each commune has its "Phòng VH-XH"), the one of the
        notice's place: its id, name or aliases carry the place name."""
        if len(ids) > 1 and self.place:
            place = unit_key(self.place)
            slug = slugify(self.place)
            for uid in ids:
                unit = next(u for u in self.units if str(u["id"]) == uid)
                if (slug and slug in uid) or any(place in unit_key(n) for n in self.names_of(unit)):
                    return uid
        if len(ids) > 1:
            return ""  # several communes' "Phòng Kinh tế" and no place to tell: never guess
        return ids[0]

    @staticmethod
    def names_of(unit: dict) -> list[str]:
        names = [str(unit.get("name") or ""), str(unit.get("short") or "")]
        names += [str(a) for a in unit.get("aliases") or []]
        return [n for n in names if n.strip()]

    @property
    def ids(self) -> list[str]:
        return [str(u["id"]) for u in self.units]

    def protect(self, text: str) -> str:
        """``text`` with the commas inside registry names dropped ("UBND các xã,
        phường"), so that splitting a sentence at commas keeps those names whole."""
        if self._comma_names is None:
            patterns = []
            for unit in self.units:
                for n in self.names_of(unit):
                    if "," in n:
                        words = [re.escape(w) for w in re.split(r"[\s,]+", nfc(n).strip()) if w]
                        patterns.append(r"(?<!\w)" + r"\s*,?\s+".join(words) + r"(?!\w)")
            patterns.sort(key=len, reverse=True)
            self._comma_names = (
                re.compile("|".join(patterns), re.IGNORECASE) if patterns else re.compile(r"(?!x)x")
            )
        return self._comma_names.sub(lambda m: m.group(0).replace(",", ""), nfc(text))

    def find(self, text: str) -> list[Mention]:
        """Registry names occurring in ``text``, leftmost-longest, not overlapping."""
        words = unit_key(text).split()
        longest = max((len(k) for k in self.by_key), default=0)
        found: list[Mention] = []
        i = 0
        while i < len(words):
            for n in range(min(longest, len(words) - i), 0, -1):
                ids = self.by_key.get(tuple(words[i : i + n]))
                if ids:
                    unit = self._pick(ids)
                    if unit:
                        found.append(Mention(i, i + n, unit, " ".join(words[i : i + n])))
                    i += n
                    break
            else:
                i += 1
        return found

    def match(self, name: str) -> str | None:
        """The unit id a whole name refers to, or None."""
        words = tuple(unit_key(name).split())
        if words in self.by_key:
            return self._pick(self.by_key[words]) or None
        # "Phòng Nội vụ huyện", "UBND xã Bát Tràng": a registry name followed by a place word
        mentions = self.find(name)
        if mentions and mentions[0].start == 0 and len(mentions) == 1:
            rest = words[mentions[0].end :]
            if (
                len(rest) <= 3
                and rest
                and rest[0] in {"xã", "huyện", "quận", "phường", "thị", "tỉnh", "thành"}
            ):
                return mentions[0].unit
        return None

    def fuzzy(self, name: str) -> str | None:
        """The unit a misspelt name means ("Trung tâm Xúc đầu tư"), when one unit's
        name is at least FUZZY_THRESHOLD alike (difflib's ratio on match keys),
        clearly closer than any other unit's, and carries the same numbers
        ("Bảo Lâm 3" is never "Bảo Lâm 2"); None otherwise."""
        key = unit_key(name)
        if len(key) < 6:
            return None
        digits = re.findall(r"\d+", key)
        scores: dict[str, float] = {}
        for unit in self.units:
            uid = str(unit["id"])
            for n in self.names_of(unit):
                other = unit_key(n)
                if re.findall(r"\d+", other) != digits:
                    continue
                ratio = SequenceMatcher(None, key, other).ratio()
                scores[uid] = max(scores.get(uid, 0.0), ratio)
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        if not ranked or ranked[0][1] < FUZZY_THRESHOLD:
            return None
        if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < FUZZY_MARGIN:
            return None  # two units alike: the clerk chooses
        uid = ranked[0][0]
        return self._pick([uid]) or None

    def suggest(self, name: str) -> list[str]:
        """Unit ids whose names look like ``name`` (difflib), best first."""
        choices: dict[str, str] = {}
        for unit in self.units:
            for n in self.names_of(unit):
                choices.setdefault(unit_key(n), str(unit["id"]))
        ids: list[str] = []
        for hit in did_you_mean(unit_key(name), list(choices), n=5):
            if choices[hit] not in ids:
                ids.append(choices[hit])
        return ids[:3]


def unmatched_marker(name: str) -> str:
    return f"{UNMATCHED} {name.strip()}"
