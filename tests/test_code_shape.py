"""The shape of the code a maintainer reads (ARCHITECTURE.md): short functions, one module that
touches MkDocs, types that mypy accepts. These run the real tools: a missing mypy is a failure."""

from __future__ import annotations

import ast
import subprocess
import sys

from conftest import REPO

PACKAGE = REPO / "plugins" / "noticeboard"
MAX_LINES = 80
# Nothing is waived, from this rule or from mypy (the importer's deadline finder, the last long
# function, was cut into named steps in issue 20).
PENDING: tuple[str, ...] = ()


def _pending(rel: str) -> bool:
    return rel.startswith(PENDING)


def test_no_function_is_longer_than_80_lines():
    long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > MAX_LINES and not _pending(rel):
                    long.append(f"{rel}:{node.lineno} {node.name} ({lines} lines)")
    assert not long, "split these into named steps:\n" + "\n".join(long)


def test_only_the_plugin_imports_mkdocs():
    """The content model, rendering and search import nothing from MkDocs (a later engine reuses
    them); plugin.py is the adapter, config.py declares its options."""
    adapters = {"plugin.py", "config.py"}
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel in adapters:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else ([node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            )
            found += [f"{rel}: {name}" for name in names if name.split(".")[0] in ("mkdocs", "material")]
    assert not found


def test_mypy_is_clean():
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", str(PACKAGE)], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert "No module named mypy" not in proc.stderr, "mypy is missing: pip install -e '.[test]'"
    errors = [line for line in proc.stdout.splitlines() if ": error:" in line]
    ours = [line for line in errors if not _pending(line.removeprefix("plugins/noticeboard/"))]
    assert proc.returncode in (0, 1) and "error:" not in proc.stderr, proc.stderr[-2000:]
    assert not ours, "\n".join(ours)


def test_every_page_kind_has_its_template_and_every_page_a_kind():
    """A kind of page is an entry of render/pages.KINDS and a template (ARCHITECTURE.md)."""
    from datetime import date

    from noticeboard.pipeline import load_site
    from noticeboard.render.pages import KINDS, TEMPLATES_DIR, Renderer, make_environment

    assert all((TEMPLATES_DIR / kind.template).is_file() for kind in KINDS.values())
    site = load_site(REPO / "content", date(2026, 4, 25)).site
    kinds = {spec.kind for spec in Renderer(site, make_environment()).generate_pages()}
    assert kinds == set(KINDS)  # the demo has a page of every kind, and no page of an unknown one
