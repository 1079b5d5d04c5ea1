"""Bytes a reader downloads on tim-kiem/?q=... until the first results show, per query.

    python build_tools/search_bytes.py SITE_OR_PROJECT [--notices 1000] [--rebuild]
        [--query Q ...] [--label NAME] [--json OUT.json]

SITE_OR_PROJECT is a built site (has ``index.html``), a project (has ``mkdocs.yml``: built into
``PROJECT/site`` unless that exists; ``--rebuild`` forces it) or a folder that does not exist yet
(the generated corpus, ``gen_corpus.py --notices N --mkdocs``, is written there and built, ~1 min
for 1,000 notices).

The site is served by Python's ``http.server`` on 127.0.0.1 (no gzip; Pagefind's own files are
gzip-compressed already), which counts every response body. Each query opens the search page in a
cold context of Debian's chromium (Playwright, ``/usr/bin/chromium``; no browser is downloaded),
390 px wide. "First results" = the requests made before the first result is on screen: the page
and its theme files, then the Pagefind files the page had fetched at the moment it marked the first
results shown (``data-nb-search-shown``; taken from the page's resource timing by a mutation observer,
which runs before the page can ask for anything more: the rest of a page of results, whose fragments
are fetched once the first ones show, and older bundles are left out). A page from before that mark
is counted by bundle: every Pagefind file of the bundles searched until one answered. "Until
stopped" = everything fetched until the page stopped searching on its own (its automatic
continuation into older bundles included). Prints a markdown table (BENCHMARKS.md, "## Search").
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
QUERIES = [
    "45/TB-UBND",
    "bat trang",
    "bát tràng",
    "hoá",
    "hóa",
    "hoan thanh",
    "thuỷ lợi",
    "dang uy",
    "phong van hoa xa hoi",
]
SHOWN = """() => document.body.dataset.nbSearchShown || document.body.dataset.nbSearchDone
    || document.querySelector('[data-nb-search-results] li')"""  # the last: a page from before the bundles
# The Pagefind files fetched when the page marks its first results shown, noted synchronously (a
# mutation observer's callback runs before the page's next step can start a request).
AT_FIRST = """new MutationObserver((_, observer) => {
    if (!document.body || !document.body.dataset.nbSearchShown) return;
    window.nbFetchedAtFirst = performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname);
    observer.disconnect();
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-nb-search-shown"]});"""


class _Counting(http.server.SimpleHTTPRequestHandler):
    """Serves the site and notes each response: (path, body bytes)."""

    def copyfile(self, source: Any, outputfile: Any) -> None:
        start = source.tell()
        super().copyfile(source, outputfile)
        self.server.log.append((unquote(self.path.split("?")[0]), source.tell() - start))  # type: ignore[attr-defined]

    def log_message(self, *args: object) -> None:
        pass


@dataclass
class Measure:
    query: str
    results: int = 0  # result links on screen when the first results showed
    first_bundle: str = ""  # the bundle whose results showed first ("" = pagefind/ itself)
    first_seconds: float = 0.0
    first: dict[str, int] = field(default_factory=dict)  # bytes by kind, until the first results
    stopped: dict[str, int] = field(default_factory=dict)  # bytes by kind, until the page stopped searching
    bundles_searched: int = 0
    status: str = ""


def prepare(target: Path, notices: int, rebuild: bool) -> Path:
    """The built site to measure: ``target`` itself, or built from it (generated first if missing)."""
    if (target / "index.html").is_file():
        return target
    if not target.exists():
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "build_tools" / "gen_corpus.py"),
                str(target),
                "--notices",
                str(notices),
                "--mkdocs",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    site = target / "site"
    if rebuild or not (site / "index.html").is_file():
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=target, env=env, check=True
        )
        print(f"built {site} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return site


def bundle_paths(site: Path) -> list[str]:
    """URL folders of the bundles in search order; a site from before the split has one."""
    manifest = site / "pagefind" / "bundles.json"
    if not manifest.is_file():
        return ["/pagefind/"]
    return ["/pagefind/" + b["path"] for b in json.loads(manifest.read_text(encoding="utf-8"))["bundles"]]


def kind(path: str) -> str:
    if not path.startswith("/pagefind/"):
        return "page"  # the search page, theme CSS/JS, our assets
    if "/index/" in path:
        return "index"
    if "/fragment/" in path:
        return "fragment"
    return "runtime"  # pagefind.js, worker, wasm, entry, meta, manifest


def bundle_of(path: str, bundles: list[str]) -> int:
    """Index of the bundle a Pagefind file belongs to (the longest folder that holds it)."""
    best, best_len = 0, -1
    for i, folder in enumerate(bundles):
        if path.startswith(folder) and len(folder) > best_len:
            best, best_len = i, len(folder)
    return best


COMPRESSED = (".pagefind", ".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter")  # gzip files already


@functools.cache
def gzipped_size(file: Path, size: int) -> int:
    """What a host that gzips (level 6, like GitHub/GitLab Pages, nginx ``gzip on``) would send."""
    if file.suffix in COMPRESSED or not file.is_file():
        return size
    return min(size, len(gzip.compress(file.read_bytes(), compresslevel=6, mtime=0)))


def tally(
    site: Path,
    log: list[tuple[str, int]],
    bundles: list[str],
    upto: int | None,
    fetched: list[str] | None = None,
) -> dict[str, int]:
    """Bytes by kind; Pagefind files only those of bundles up to ``upto`` and, given ``fetched``
    (paths, repeats counted), only as many times as they occur there."""
    out = dict.fromkeys(("page", "runtime", "index", "fragment", "pagefind_gzip"), 0)
    left = None if fetched is None else {p: fetched.count(p) for p in set(fetched)}
    for path, size in log:
        if upto is not None and path.startswith("/pagefind/") and bundle_of(path, bundles) > upto:
            continue
        if left is not None and path.startswith("/pagefind/"):
            if not left.get(path):
                continue
            left[path] -= 1
        out[kind(path)] += size
        if path.startswith("/pagefind/"):
            out["pagefind_gzip"] += gzipped_size(site / path.lstrip("/"), size)
    out["pagefind"] = out["runtime"] + out["index"] + out["fragment"]
    out["total"] = out["pagefind"] + out["page"]
    return out


def measure(site: Path, queries: list[str], timeout: float = 60.0) -> list[Measure]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: apt-get install chromium")
    bundles = bundle_paths(site)
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Counting, directory=str(site))
    )
    server.log = []  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for query in queries:
                context = browser.new_context(viewport={"width": 390, "height": 844})  # cold: nothing cached
                page = context.new_page()
                page.add_init_script(AT_FIRST)
                server.log.clear()  # type: ignore[attr-defined]
                m = Measure(query)
                started = time.perf_counter()
                page.goto(base + "tim-kiem/?q=" + quote(query))
                page.wait_for_function(SHOWN, timeout=timeout * 1000)
                m.first_seconds = time.perf_counter() - started
                first = page.evaluate("""() => {
                    const group = document.querySelector('[data-nb-search-results] [data-nb-bundle]');
                    return {bundle: group ? group.dataset.nbBundle : '',
                            results: document.querySelectorAll('[data-nb-search-results] li').length};
                }""")
                m.first_bundle, m.results = first["bundle"], first["results"]
                page.wait_for_selector("body[data-nb-search-done]", state="attached", timeout=timeout * 1000)
                time.sleep(0.3)  # let the last responses finish writing
                log = list(server.log)  # type: ignore[attr-defined]
                first_index = (
                    bundles.index("/pagefind/" + m.first_bundle)
                    if "/pagefind/" + m.first_bundle in bundles
                    else 0
                )
                fetched = page.evaluate("window.nbFetchedAtFirst || null")
                m.first = tally(site, log, bundles, first_index, fetched)
                m.stopped = tally(site, log, bundles, None)
                m.bundles_searched = len(
                    {bundle_of(path, bundles) for path, _ in log if path.endswith(".pf_meta")}
                )
                m.status = page.inner_text("[data-nb-search-status]")
                out.append(m)
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return out


def kb(n: int) -> str:
    return f"{n / 1000:,.0f}"


def table(rows: list[Measure], label: str) -> str:
    lines = [
        f"| query ({label}) | Pagefind KB to first results | of which index | fragments | runtime "
        "| same, host gzips .js | page + theme KB | results shown | s | until stopped: Pagefind KB | bundles searched |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for m in rows:
        f, s = m.first, m.stopped
        lines.append(
            f"| {m.query} | **{kb(f['pagefind'])}** | {kb(f['index'])} | {kb(f['fragment'])} | {kb(f['runtime'])} "
            f"| {kb(f['pagefind_gzip'])} | {kb(f['page'])} | {m.results} | {m.first_seconds:.1f} "
            f"| {kb(s['pagefind'])} | {m.bundles_searched} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "target", type=Path, help="built site, project with mkdocs.yml, or a new folder for the corpus"
    )
    ap.add_argument("--notices", type=int, default=1000, help="corpus size when TARGET does not exist")
    ap.add_argument(
        "--rebuild", action="store_true", help="build the project again even if PROJECT/site exists"
    )
    ap.add_argument("--query", action="append", help="a query (repeatable); default: the BENCHMARKS.md list")
    ap.add_argument("--label", default="", help="name for the table's first column, e.g. before/after")
    ap.add_argument("--json", type=Path, help="also write the raw numbers here")
    args = ap.parse_args(argv)
    site = prepare(args.target.resolve(), args.notices, args.rebuild)
    rows = measure(site, args.query or QUERIES)
    print(table(rows, args.label or site.name))
    if args.json:
        args.json.write_text(
            json.dumps([asdict(m) for m in rows], ensure_ascii=False, indent=1), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
