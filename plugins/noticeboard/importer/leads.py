"""Several units assigned one task: "Giao UBND các xã: Đức Trọng, Hiệp Thạnh:",
"Giao VP UBND tỉnh, Sở NV, Sở TP và UBND các xã, phường rà soát ...",
"Các sở, ban, ngành; UBND các xã, phường: ...". Each of them leads a task of its
own (the contract has one lead per task), so the draft repeats the task per unit."""

from __future__ import annotations

import re

from .units import Registry, unit_key

_COMMUNES = re.compile(
    r"\b(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+các\s+(xã|phường|thị trấn)((?:\s*,\s*(?:xã|phường|thị trấn))*)\s*:?\s*",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"^[A-ZĐÀ-Ỹ0-9][\wÀ-ỹ\-]*$")
_OPENERS = re.compile(r"^(?:(?:Giao|Đề nghị|Yêu cầu|Đối với|Giao cho)\s+)+", re.IGNORECASE)


def expand_communes(text: str, registry: Registry) -> str:
    """"UBND các xã: Đức Trọng, Hiệp Thạnh và Lâm Hà" written out as the units
    "UBND xã Đức Trọng, UBND xã Hiệp Thạnh và UBND xã Lâm Hà" when the registry
    knows them; otherwise the text as it was."""
    m = _COMMUNES.search(text)
    if not m:
        return text
    rest = text[m.end():]
    names: list[str] = []
    current: list[str] = []
    consumed = 0
    for token in re.finditer(r"[^\s,;:.]+|[,;:.]", rest):
        word = token.group(0)
        if word in {",", "và"} or word.lower() == "và":
            if current:
                names.append(" ".join(current))
                current = []
            consumed = token.end()
            continue
        if _NAME_WORD.match(word):
            current.append(word)
            consumed = token.end()
            continue
        break
    if current:
        names.append(" ".join(current))
    if len(names) < 2:
        return text
    kinds = [m.group(2), *re.findall(r"xã|phường|thị trấn", m.group(3) or "", re.IGNORECASE)]
    units: list[str] = []
    for name in names:
        for kind in kinds:
            candidate = f"UBND {kind.lower()} {name}"
            if registry.match(candidate):
                units.append(candidate)
                break
        else:
            return text
    return text[: m.start()] + ", ".join(units[:-1]) + " và " + units[-1] + rest[consumed:]


def prefix_units(text: str, registry: Registry) -> tuple[list[str], str] | None:
    """"Các sở, ban, ngành; UBND các xã, phường: tiếp tục ...": the units before
    the colon, when that part names nothing but units, and the rest."""
    head, sep, rest = text.partition(":")
    if not sep or len(head) > 200 or not rest.strip():
        return None
    head = _OPENERS.sub("", head.strip())
    words = unit_key(head).split()
    mentions = registry.find(head)
    if not mentions:
        return None
    covered = set()
    for m in mentions:
        covered.update(range(m.start, m.end))
    if any(k not in covered and w not in {"và", "các", "đơn", "vị"} for k, w in enumerate(words)):
        return None
    return _unique([m.unit for m in mentions]), rest.strip()


def lead_run(text: str, lead: str, registry: Registry) -> list[str]:
    """The units written next to ``lead`` where the lead is named ("Giao A, B và C
    rà soát"): joined by commas or "và" only, none after "phối hợp (với)". Two
    units joined by "và" alone are a lead and its partner, as clerks write them."""
    for sentence in re.split(r"[.;:]\s+", text):
        words = unit_key(sentence).split()
        mentions = registry.find(sentence)
        for k, m in enumerate(mentions):
            if m.unit != lead:
                continue
            before = words[max(0, m.start - 2): m.start]
            if "hợp" in before or "với" in before:
                continue
            run = [m.unit]
            gaps: list[list[str]] = []
            end = m.end
            for nxt in mentions[k + 1:]:
                gap = words[end: nxt.start]
                if gap not in ([], ["và"]):
                    break
                run.append(nxt.unit)
                gaps.append(gap)
                end = nxt.end
            if end < len(words) and words[end] in {"phối", "cùng"}:
                return [lead]  # "A và B phối hợp": not a list of leads
            if len(run) == 2 and gaps == [["và"]]:
                return [lead]  # "Giao A và B ...": A leads, B works with it
            return _unique(run)
    return [lead]


def _unique(ids: list[str]) -> list[str]:
    out: list[str] = []
    for i in ids:
        if i not in out:
            out.append(i)
    return out
