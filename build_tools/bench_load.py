"""Time load + check + model (``pipeline.load_site``) in fresh interpreters.

Each run starts a new Python process, imports noticeboard, reads CONTENT once (a cold build: no
cache survives between runs) and reports the CPU and wall seconds of each stage from
``pipeline.load_site`` itself (``result.timings``: wall per stage; CPU for the whole). Prints the
median of the runs per stage.

    python build_tools/gen_corpus.py /tmp/corpus --notices 1000 --mkdocs
    PYTHONPATH=plugins python build_tools/bench_load.py /tmp/corpus/content --runs 5

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

_CHILD = r"""
import json, sys, time
from datetime import date
from pathlib import Path

import noticeboard.pipeline as pipeline

content, as_of = Path(sys.argv[1]), date.fromisoformat(sys.argv[2])
cpu, wall = time.process_time(), time.perf_counter()
result = pipeline.load_site(content, as_of, 7)  # what the plugin and `noticeboard validate` call
out = {name: {"wall": seconds} for name, seconds in result.timings.items()}
out["total"] = {"cpu": time.process_time() - cpu, "wall": time.perf_counter() - wall}
site, problems = result.site, result.problems
out["counts"] = [len(site.notices), len(site.items), len(problems.errors), len(problems.warnings)]
out["module"] = pipeline.__file__
print(json.dumps(out))
"""

STAGES = ("load", "check", "model", "total")


def run_once(content: str, as_of: str) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, content, as_of], capture_output=True, text=True, check=True, env=os.environ
    )
    return json.loads(proc.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("content", help="content folder (units.yml, notices/, progress/)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--as-of", default="2026-11-22")
    parser.add_argument("--json", action="store_true", help="print every run as JSON")
    args = parser.parse_args(argv)
    runs = [run_once(args.content, args.as_of) for _ in range(args.runs)]
    if args.json:
        print(json.dumps(runs))
        return 0
    print(f"{runs[0]['module']}: {args.runs} fresh interpreters, medians (s); counts {runs[0]['counts']}")
    print(f"{'stage':<6} {'cpu':>7} {'wall':>7}")
    for stage in STAGES:
        cpu = statistics.median(r[stage].get("cpu", float("nan")) for r in runs)
        wall = statistics.median(r[stage]["wall"] for r in runs)
        print(f"{stage:<6} {cpu:7.3f} {wall:7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
