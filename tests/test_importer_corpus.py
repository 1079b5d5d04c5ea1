"""`noticeboard import` on the real-shaped corpus (tests/fixtures/import_corpus):
notices, plans with appendix tables, letters, a .docx with the two-column header
table and Word numbering, PDFs printed by LibreOffice. Gold labels were written
before the rules were tuned; ``heldout/`` was never tuned on. The test prints
precision and recall of (lead, due) per failure class and metadata accuracy,
and asserts the targets of issue 22."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest
import yaml

from noticeboard.importer.deadlines import due_key
from noticeboard.importer.draft import import_file, render_draft
from noticeboard.importer.units import Registry

CORPUS = Path(__file__).parent / "fixtures" / "import_corpus"
SUFFIXES = (".txt", ".docx", ".pdf")


def documents(part: str) -> list[Path]:
    return sorted(p for p in (CORPUS / part).iterdir() if p.suffix in SUFFIXES)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.load(CORPUS / "units.yml")


def _front(text: str) -> dict:
    return yaml.safe_load(text.split("\n---\n", 1)[0][4:])


def _key(value: object) -> str | None:
    if isinstance(value, date):
        return value.isoformat()
    return due_key(value)


def score(paths: list[Path], registry: Registry) -> dict:
    """Per class: tp, found, gold; metadata: right, total; per document lines."""
    per_class: dict[str, Counter] = defaultdict(Counter)
    meta_right = meta_total = 0
    lines = []
    for path in paths:
        gold = yaml.safe_load(path.with_suffix(".gold.yml").read_text(encoding="utf-8"))
        fm = _front(render_draft(import_file(path, Registry.from_units(registry.units))))
        found = Counter((t["lead"], _key(t.get("due"))) for t in fm.get("tasks") or [])
        wanted: dict[tuple, list[str]] = defaultdict(list)
        for t in gold["tasks"]:
            wanted[(t["lead"], _key(t.get("due")))].append(t["class"])
        leads_class = {t["lead"]: t["class"] for t in gold["tasks"]}
        tp_doc = 0
        for pair, classes in wanted.items():
            hit = min(found.get(pair, 0), len(classes))
            tp_doc += hit
            for k, cls in enumerate(classes):
                per_class[cls]["gold"] += 1
                per_class[cls]["tp"] += k < hit
                per_class[cls]["found"] += k < hit
        for pair, n in found.items():
            extra = n - min(n, len(wanted.get(pair, [])))
            if extra:  # a spurious task counts against the class of its lead, if the gold knows it
                per_class[leads_class.get(pair[0], "spurious")]["found"] += extra
        meta = gold["metadata"]
        got = {k: fm.get(k) for k in meta}
        right = sum(1 for k, v in meta.items() if _same(got[k], v))
        meta_right, meta_total = meta_right + right, meta_total + len(meta)
        n_found, n_gold = sum(found.values()), len(gold["tasks"])
        wrong = {k: got[k] for k, v in meta.items() if not _same(got[k], v)}
        lines.append(
            f"{path.name}: {n_found} found / {n_gold} gold, {tp_doc} right; metadata {right}/{len(meta)}"
            + (f" wrong: {wrong}" if wrong else "")
        )
    return {"classes": per_class, "meta": (meta_right, meta_total), "lines": lines}


def _same(got: object, want: object) -> bool:
    if isinstance(want, date) or isinstance(got, date):
        return str(got) == str(want)
    return got == want


def report(title: str, result: dict) -> tuple[float, float, float]:
    print(f"\n== {title}")
    for line in result["lines"]:
        print("  " + line)
    print(f"  {'class':<11}{'gold':>5}{'found':>6}{'right':>6}{'prec.':>7}{'recall':>7}")
    total: Counter = Counter()
    for cls, c in sorted(result["classes"].items()):
        total.update(c)
        print(
            f"  {cls:<11}{c['gold']:>5}{c['found']:>6}{c['tp']:>6}"
            f"{c['tp'] / max(c['found'], 1):>7.2f}{c['tp'] / max(c['gold'], 1):>7.2f}"
        )
    precision = total["tp"] / max(total["found"], 1)
    recall = total["tp"] / max(total["gold"], 1)
    right, n = result["meta"]
    print(
        f"  {'all':<11}{total['gold']:>5}{total['found']:>6}{total['tp']:>6}{precision:>7.2f}{recall:>7.2f}"
    )
    print(f"  metadata {right}/{n} = {right / n:.2f}")
    return precision, recall, right / n


def test_every_document_has_gold() -> None:
    docs = documents("tune") + documents("heldout")
    assert len(docs) >= 8
    for path in docs:
        assert path.with_suffix(".gold.yml").is_file(), path.name
    kinds = {p.suffix for p in docs}
    assert kinds == set(SUFFIXES)


def test_tuned_corpus_meets_the_targets(registry: Registry) -> None:
    result = score(documents("tune"), registry)
    precision, recall, metadata = report("tune", result)
    assert precision >= 0.9
    assert recall >= 0.8
    assert metadata >= 0.9
    for cls, c in result["classes"].items():  # every failure class of the issue, not just the total
        assert c["tp"] / max(c["found"], 1) >= 0.9 and c["tp"] / max(c["gold"], 1) >= 0.8, cls


# Measured, not tuned on: its figures show how the rules carry over to documents they were
# not written for. Each round's held-out documents were written, with their gold, before
# that round's rules (h1-h3 before any, h4-h5 before round 2, h6-h7 before round 3, h8-h9
# before round 4, h10-h11 before round 5). Precision/recall of the whole held-out part when
# each round's documents arrived: 0.59/0.52 (h1-h3, importer before this work), 0.85/0.85
# (+h4-h5), 0.89/0.87 (+h6), 0.80/0.83 (+h7), 0.91/0.85 (+h8-h9), 0.93/0.86 (+h10-h11).
HELDOUT_FLOOR = {"precision": 0.9, "recall": 0.8, "metadata": 0.9}


def test_heldout_corpus(registry: Registry) -> None:
    precision, recall, metadata = report("heldout", score(documents("heldout"), registry))
    assert precision >= HELDOUT_FLOOR["precision"]
    assert recall >= HELDOUT_FLOOR["recall"]
    assert metadata >= HELDOUT_FLOOR["metadata"]
