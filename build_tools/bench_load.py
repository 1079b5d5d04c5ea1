"""Time load + check + model (``pipeline.load_site``) in fresh interpreters.

Each run starts a new Python process, imports noticeboard, reads CONTENT once (a cold build: no
cache survives between runs) and reports the CPU and wall seconds of each stage from
``pipeline.load_site`` itself (``result.timings``: wall per stage; CPU for the whole). Prints the
median of the runs per stage; ``stages`` is load + check + model (the target), ``total`` the whole
call. The load runs in one process; ``--parallel`` alternates with runs as ``mkdocs build`` with
its worker calls it (``parallel=True``: the record cache is written after the build, not before
the checks, so only ``--cache`` runs differ); ``--cache`` adds runs
with the record cache (``content/cache.py``): empty (a first build with it) and filled (a rebuild:
every file's bytes seen before). ``load_site`` is called with ``freeze=True``, as the plugin calls it.

    python build_tools/gen_corpus.py /tmp/corpus --notices 1000 --mkdocs
    PYTHONPATH=plugins python build_tools/bench_load.py /tmp/corpus/content --runs 5 --parallel

``--as-of`` is the as-of date (default 2026-11-22); ``--json`` prints the raw runs instead.
To compare two checkouts, run this script alternately with ``PYTHONPATH`` pointing at each
``plugins/`` folder; the import path used is printed first.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

_CHILD = r"""
import json, os, sys, time
from datetime import date
from pathlib import Path

import noticeboard.pipeline as pipeline

content, as_of, parallel = Path(sys.argv[1]), date.fromisoformat(sys.argv[2]), sys.argv[3] == "1"
cache_dir = Path(sys.argv[4]) if sys.argv[4] else None
cpu, wall = os.times(), time.perf_counter()
result = pipeline.load_site(content, as_of, 7, parallel=parallel, freeze=True, cache_dir=cache_dir)  # as the plugin calls it
out = {name: {"wall": seconds} for name, seconds in result.timings.items()}
out["stages"] = {"wall": sum(result.timings[stage] for stage in ("load", "check", "model"))}
end = os.times()
out["total"] = {"cpu": end.user + end.system - cpu.user - cpu.system, "wall": time.perf_counter() - wall,
                "child_cpu": end.children_user + end.children_system - cpu.children_user - cpu.children_system}
site, problems = result.site, result.problems
out["counts"] = [len(site.notices), len(site.items), len(problems.errors), len(problems.warnings)]
out["module"] = pipeline.__file__
if result.cache is not None:
    result.cache.write_pending()  # with parallel the cache is written after the build: not timed
print(json.dumps(out))
"""

STAGES = ("load", "check", "model", "stages", "total")


def run_once(content: str, as_of: str, parallel: bool, cache_dir: str = "") -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, content, as_of, "1" if parallel else "0", cache_dir],
        capture_output=True,
        text=True,
        check=True,
        env=os.environ,
    )
    return json.loads(proc.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("content", help="content folder (units.yml, notices/, progress/)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--as-of", default="2026-11-22")
    parser.add_argument("--json", action="store_true", help="print every run as JSON")
    parser.add_argument(
        "--parallel",
        action="store_true",
        help="also time the load as a build with a worker calls it (the cache written later)",
    )
    parser.add_argument(
        "--cache",
        action="store_true",
        help="also time loads with the record cache: cold (an empty cache, as a first build "
        "with it) and warm (every file cached, as a rebuild)",
    )
    args = parser.parse_args(argv)
    modes = [
        (parallel, cache)
        for parallel in ((False, True) if args.parallel else (False,))
        for cache in (("", "cold", "warm") if args.cache else ("",))
    ]
    runs: dict[tuple[bool, str], list[dict]] = {mode: [] for mode in modes}
    with tempfile.TemporaryDirectory() as tmp:
        warm = str(Path(tmp) / "warm")
        if args.cache:
            run_once(args.content, args.as_of, False, warm)  # fills it
        for i in range(args.runs):
            for parallel, cache in modes:
                folder = {"": "", "warm": warm, "cold": str(Path(tmp) / f"cold-{i}-{parallel}")}[cache]
                runs[(parallel, cache)].append(run_once(args.content, args.as_of, parallel, folder))
    if args.json:
        print(json.dumps({_label(*m): r for m, r in runs.items()}))
        return 0
    first = runs[modes[0]][0]
    print(f"{first['module']}: {args.runs} fresh interpreters each, medians (s); counts {first['counts']}")
    for mode, done in runs.items():
        print(f"\n{_label(*mode)}")
        print(f"{'stage':<6} {'cpu':>7} {'wall':>7}")
        for stage in STAGES:
            cpu = statistics.median(r[stage].get("cpu", float("nan")) for r in done)
            wall = statistics.median(r[stage]["wall"] for r in done)
            print(f"{stage:<6} {cpu:7.3f} {wall:7.3f}")
        if mode[0]:
            print(f"{'child':<6} {statistics.median(r['total']['child_cpu'] for r in done):7.3f}")
    return 0


def _label(parallel: bool, cache: str) -> str:
    where = "as a build with a worker (parallel=True)" if parallel else "as a one-process build"
    return where + {"": "", "cold": ", record cache empty", "warm": ", record cache filled"}[cache]


if __name__ == "__main__":
    sys.exit(main())
