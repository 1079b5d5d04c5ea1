"""Two versions of noticeboard side by side on the same corpus and machine (bench.py's runs).

    python build_tools/bench_compare.py BEFORE_PLUGINS AFTER_PLUGINS [--rounds 5] [--scale 1]

BEFORE_PLUGINS and AFTER_PLUGINS are folders holding a ``noticeboard`` package (e.g. a
``git archive`` of main's ``plugins/`` and this checkout's). Each round builds the five-year corpus
(``bench.prepare``) with ``mkdocs build --strict``, first build (record cache removed), once with
each version and once as plain mkdocs-material (same notice bodies), alternating the order of the
two versions from round to round, so that load from other jobs on a shared machine hits both
alike. Reports per version the median and range of wall time, CPU time (user+sys of the build's
process tree: bench.run), and the peak PSS of the tree; prints a Markdown table and writes JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import bench  # noqa: E402


def build_once(work: Path, plugins: Path, site: Path) -> dict[str, Any]:
    """One first build of the corpus with the noticeboard package under ``plugins``."""
    shutil.rmtree(work / "noticeboard" / ".cache", ignore_errors=True)
    env = {**bench.ENV, "PYTHONPATH": str(plugins), "NOTICEBOARD_TIMINGS": str(work / "timings.json")}
    res = bench.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        work / "noticeboard",
        env,
    )
    res["stages"] = json.loads((work / "timings.json").read_text(encoding="utf-8"))
    return res


def summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Median, min and max of wall and CPU seconds; the highest peak PSS."""
    out: dict[str, Any] = {}
    for key in ("wall", "cpu"):
        values = [r[key] for r in runs]
        out[key] = (statistics.median(values), min(values), max(values))
    out["pss"] = max(r["max_tree_pss_mb"] for r in runs)
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("before", type=Path)
    p.add_argument("after", type=Path)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--scale", type=float, default=1.0)
    p.add_argument("--work", type=Path, default=None)
    p.add_argument("--json", type=Path, default=None)
    args = p.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="nb-compare-"))
    info = bench.prepare(work, args.scale)
    runs: dict[str, list[dict[str, Any]]] = {"before": [], "after": [], "mkdocs": []}
    for r in range(args.rounds):
        order = ("before", "after") if r % 2 == 0 else ("after", "before")
        for name in order:
            runs[name].append(build_once(work, getattr(args, name).resolve(), work / "out" / name / str(r)))
        runs["mkdocs"].append(
            bench.run(
                [
                    sys.executable,
                    "-m",
                    "mkdocs",
                    "build",
                    "--strict",
                    "-q",
                    "-d",
                    str(work / "out" / "mkdocs" / str(r)),
                ],
                work / "plain",
            )
        )
        print(
            f"round {r + 1}/{args.rounds}: "
            + ", ".join(f"{k} {v[-1]['wall']:.1f} s wall, {v[-1]['cpu']:.1f} s CPU" for k, v in runs.items()),
            flush=True,
        )
    result = {
        "info": info,
        "cpus": os.cpu_count(),
        "load": os.getloadavg(),
        "runs": runs,
        "summary": {k: summary(v) for k, v in runs.items()},
    }
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    print("\n| build | wall median (min-max) s | CPU median (min-max) s | peak PSS MB |\n|---|---|---|---|")
    for name, s in result["summary"].items():
        (wm, wlo, whi), (cm, clo, chi) = s["wall"], s["cpu"]
        print(
            f"| {name} | {wm:.1f} ({wlo:.1f}-{whi:.1f}) | {cm:.1f} ({clo:.1f}-{chi:.1f}) | {s['pss']:.0f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
