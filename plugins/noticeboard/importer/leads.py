"""Several units assigned one task: "Giao UBND các xã: Đức Trọng, Hiệp Thạnh:",
"Giao VP UBND tỉnh, Sở NV, Sở TP và UBND các xã, phường rà soát ...",
"Các sở, ban, ngành; UBND các xã, phường: ...". Each of them leads a task of its
own (the contract has one lead per task), so the draft repeats the task per unit."""

from __future__ import annotations

import re

from .units import Registry, unit_key

_LISTS = re.compile(
    r"\b(?:(?P<ubnd>UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+các\s+(?P<kind>xã|phường|thị trấn)"
    r"(?P<more>(?:\s*,\s*(?:xã|phường|thị trấn|đặc khu))*)|các\s+(?P<office>Sở|Phòng))\s*:?\s*(?=[A-ZĐÀ-Ỹ0-9])",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"^(?:[A-ZĐÀ-Ỹ0-9][\wÀ-ỹ]*|-|–)$")
_OPENERS = re.compile(r"^(?:(?:Giao|Đề nghị|Yêu cầu|Đối với|Giao cho)\s+)+", re.IGNORECASE)


def expand_communes(text: str, registry: Registry) -> str:
    """ "UBND các xã: Đức Trọng, Hiệp Thạnh và Lâm Hà", "các Sở: Tài chính, Nông
    nghiệp và Môi trường" written out as the units ("UBND xã Đức Trọng, ...") when
    the registry knows every one of them; otherwise the text as it was."""
    m = _LISTS.search(text)
    if not m:
        return text
    rest = text[m.end() :]
    pieces: list[tuple[str, str]] = []  # (name, the separator before it)
    current: list[str] = []
    sep, consumed = "", 0
    for token in re.finditer(r"[^\s,;:.]+|[,;:.]", rest):
        word = token.group(0)
        if word == "," or word.lower() == "và":
            if current:
                pieces.append((" ".join(current), sep))
                current, sep = [], word.lower()
            consumed = token.end()
            continue
        if _NAME_WORD.match(word) or (
            current
            and word[:1].islower()
            and m["office"]
            and len(current) < 6
            and not re.match(r"^(rà|thực|xây|tổ|triển|chủ|phối|báo|hoàn|tham|gửi|lập)", word)
        ):
            current.append(word)
            consumed = token.end()
            continue
        break
    if current:
        pieces.append((" ".join(current), sep))
    prefixes = (
        (
            [
                "Sở",
            ]
            if (m["office"] or "").lower() == "sở"
            else ["Phòng"]
        )
        if m["office"]
        else [
            f"UBND {k.lower()}"
            for k in [m["kind"], *re.findall(r"xã|phường|thị trấn", m["more"] or "", re.IGNORECASE)]
        ]
    )
    units = _resolve_pieces(pieces, prefixes, registry)
    if units is None or len(units) < 2:
        return text
    # commas only: two units joined by "và" would read as a lead and its partner
    return text[: m.start()] + ", ".join(units) + rest[consumed:]


def _resolve_pieces(
    pieces: list[tuple[str, str]], prefixes: list[str], registry: Registry
) -> list[str] | None:
    """Each piece as a unit name; a piece joined by "và" to the next may be one
    name ("Nông nghiệp và Môi trường")."""
    units: list[str] = []
    k = 0
    while k < len(pieces):
        options = [pieces[k][0]]
        if k + 1 < len(pieces) and pieces[k + 1][1] == "và":
            options.insert(0, f"{pieces[k][0]} và {pieces[k + 1][0]}")
        for option in options:
            found = next((f"{p} {option}" for p in prefixes if registry.match(f"{p} {option}")), None)
            if found:
                units.append(found)
                k += 2 if option != pieces[k][0] else 1
                break
        else:
            return None
    return units


def prefix_units(text: str, registry: Registry) -> tuple[list[str], str] | None:
    """ "Các sở, ban, ngành; UBND các xã, phường: tiếp tục ...": the units before
    the colon, when that part names nothing but units, and the rest."""
    head, sep, rest = text.partition(":")
    if not sep or len(head) > 200 or not rest.strip():
        return None
    head = _OPENERS.sub("", head.strip())
    words = unit_key(head).split()
    mentions = registry.find(head)
    if not mentions:
        return None
    covered: set[int] = set()
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
            before = words[max(0, m.start - 2) : m.start]
            if "hợp" in before or "với" in before:
                continue
            run = [m.unit]
            gaps: list[list[str]] = []
            end = m.end
            for nxt in mentions[k + 1 :]:
                gap = words[end : nxt.start]
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
