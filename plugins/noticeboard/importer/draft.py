"""Write a Draft as a notice file (CONTENT_FORMAT 2.2) with `status: draft`,
problems as YAML comments the clerk reads before publishing."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .parse import Draft, notice_id, parse_blocks
from .read import Block, read_file, read_text
from .units import Registry


def _scalar(value: Any, flow: bool = False) -> str:
    """``value`` as YAML for one line of the draft; ``flow``: inside ``[..]`` or ``{..}``."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_scalar(v, flow=True)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v, flow=True) for v in value) + "]"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    dumped = yaml.safe_dump(text, allow_unicode=True, default_flow_style=True, width=1 << 30).strip()
    if dumped.endswith("\n..."):
        dumped = dumped[:-4].strip()
    if dumped.endswith("..."):
        dumped = dumped[:-3].strip()
    # Inside a flow collection PyYAML reads indicators (",[]{}#?:" …) that a block value may hold
    # as plain text: a plain item there keeps to letters, digits, spaces and a few safe marks.
    if flow and not dumped.startswith(("'", '"')) and not _FLOW_SAFE.fullmatch(text):
        dumped = json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    return dumped


_FLOW_SAFE = re.compile(r"[^\W_][\w .()/–-]*")


def render_body(blocks: list[Block]) -> str:
    out: list[str] = []
    for b in blocks:
        if b.is_table:
            width = max(len(r) for r in b.rows)
            rows = [r + [""] * (width - len(r)) for r in b.rows]
            out.append(
                "\n".join(
                    ["| " + " | ".join(c.replace("|", "\\|") for c in rows[0]) + " |", "|" + "---|" * width]
                    + ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows[1:]]
                )
            )
        else:
            # "2. Về kinh tế" stays clause 2: a Markdown list would number every clause from 1
            lines = [re.sub(r"^(\d+)\.(\s)", r"\1\\.\2", line) for line in b.markdown_lines]
            out.append("  \n".join(lines))
    return "\n\n".join(out) + "\n"


def render_draft(draft: Draft) -> str:
    lines = ["---"]

    def comments(key: str, indent: str = "") -> None:
        for text in draft.comments.get(key, []):
            lines.append(f"{indent}# {text}")

    lines.append(
        "# BẢN NHÁP do `noticeboard import` tạo: kiểm tra từng dòng, sửa các chỗ “??”, rồi đổi status."
    )
    for p in draft.problems:
        if p.where in {"date", "kind", "title"}:
            lines.append(f"# VẤN ĐỀ: {p.message}")
    lines.append(f"kind: {draft.kind}")
    comments("number")
    if draft.number:
        lines.append(f"number: {_scalar(draft.number)}")
    comments("issuer")
    lines.append(f"issuer: {_scalar(draft.issuer)}")
    if draft.place:
        lines.append(f"place: {_scalar(draft.place)}")
    lines.append(f"date: {_scalar(draft.date_value)}")
    if draft.date_left_blank:
        lines.append(
            f"date_left_blank: {draft.date_left_blank}  # văn bản để trống ngày: trang hiện như văn bản"
        )
    lines.append(f"title: {_scalar(draft.title)}")
    comments("signer")
    if draft.signer:
        signer = {k: v for k, v in draft.signer.items() if v}
        lines.append(f"signer: {_scalar(signer)}")
    if draft.recipients:
        lines.append("recipients:")
        lines.extend(f"  - {_scalar(r)}" for r in draft.recipients)
    if draft.based_on:
        lines.append("# based_on: văn bản mà thông báo này thực hiện (Thực hiện ..., Căn cứ ...)")
        lines.append("based_on:")
        lines.extend(f"  - {_scalar(r)}" for r in draft.based_on)
    lines.append("status: draft")
    if draft.tasks:
        lines.append("tasks:")
    for task in draft.tasks:
        lines.append(f"  - id: {task.id}")
        lines.append(f"    title: {_scalar(task.title)}")
        for c in task.comments:
            lines.append(f"    # {c}")
        lines.append(f"    lead: {_scalar(task.lead)}")
        if task.support:
            lines.append(f"    support: {_scalar(task.support)}")
        if task.supervisor:
            lines.append(f"    supervisor: {_scalar(task.supervisor)}")
        if task.output:
            lines.append(f"    output: {_scalar(task.output)}")
        if task.due is not None:
            lines.append(f"    # thời hạn trong văn bản: “{' '.join(task.due.phrase.split())}”")
            lines.append(f"    due: {_scalar(task.due.value)}")
        if task.ref:
            lines.append(f"    ref: {_scalar(task.ref)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n" + draft.body


def import_blocks(blocks: list[Block], registry: Registry) -> Draft:
    draft = parse_blocks(blocks, registry)
    draft.body = render_body(draft.body_blocks) if draft.body_blocks else ""
    return draft


def import_text(text: str, registry: Registry) -> Draft:
    return import_blocks(read_text(text), registry)


def import_file(path: Path, registry: Registry) -> Draft:
    return import_blocks(read_file(path), registry)


__all__ = ["import_blocks", "import_file", "import_text", "notice_id", "render_draft"]
