"""Two versions of the plugin side by side on the same corpus: the cost of a change.

    python build_tools/bench_ab.py BEFORE_PLUGINS_DIR AFTER_PLUGINS_DIR [--rounds 4] [--work DIR]

Builds the generated five-year commune (gen_corpus defaults) with ``mkdocs build --strict``,
alternating before, after, before, after... so that load on a shared machine hits both alike;
each run imports the ``noticeboard`` package from the given ``plugins/`` folder (PYTHONPATH),
starts without the record cache and writes a new site folder. Prints wall and CPU time
(user+sys of the build and its children) per run, their medians and the ratio after/before,
and the paths each version adds (files under ``bao-cao/`` say). BENCHMARKS.md keeps the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import gen_corpus  # noqa: E402


def run(plugins: Path, project: Path, site: Path) -> tuple[float, float, dict[str, float]]:
    """Wall and CPU seconds of one build, and the plugin's stage times (NOTICEBOARD_TIMINGS)."""
    shutil.rmtree(project / ".cache", ignore_errors=True)
    timings = site.with_suffix(".timings.json")
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONPATH": str(plugins),
        "NOTICEBOARD_TIMINGS": str(timings),
    }
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=project, env=env
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status:
        raise SystemExit(f"build failed with {plugins}")
    return wall, usage.ru_utime + usage.ru_stime, json.loads(timings.read_text(encoding="utf-8"))


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("before", type=Path)
    p.add_argument("after", type=Path)
    p.add_argument("--rounds", type=int, default=4)
    p.add_argument("--work", type=Path, default=None)
    args = p.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="nb-ab-"))
    project = work / "corpus"
    if not (project / "content").exists():
        gen_corpus.generate(project, mkdocs=True)
    times: dict[str, list[tuple[float, float]]] = {"before": [], "after": []}
    for r in range(args.rounds):
        for name in ("before", "after"):
            site = work / f"site-{name}-{r}"
            wall, cpu, stages = run(getattr(args, name).resolve(), project, site)
            times[name].append((wall, cpu))
            # outputs_wait: how long the build waited at its end for the second process's files
            print(
                f"round {r + 1} {name:6} wall {wall:6.2f} s  cpu {cpu:6.2f} s  "
                f"outputs_wait {stages.get('outputs_wait', 0):5.2f} s  render {stages.get('render', 0):5.2f} s",
                flush=True,
            )
    med = {
        name: (statistics.median(w for w, _ in t), statistics.median(c for _, c in t))
        for name, t in times.items()
    }
    for name, (wall, cpu) in med.items():
        print(f"median {name:6} wall {wall:6.2f} s  cpu {cpu:6.2f} s")
    print(
        f"after/before: wall {med['after'][0] / med['before'][0]:.3f}  cpu {med['after'][1] / med['before'][1]:.3f}"
    )
    ratios = [a[0] / b[0] for a, b in zip(times["after"], times["before"], strict=True)]
    print("per round wall ratios:", " ".join(f"{x:.3f}" for x in ratios))
    before = {
        str(f.relative_to(work / "site-before-0")) for f in (work / "site-before-0").rglob("*") if f.is_file()
    }
    added = sorted(
        str(f.relative_to(work / "site-after-0"))
        for f in (work / "site-after-0").rglob("*")
        if f.is_file() and str(f.relative_to(work / "site-after-0")) not in before
    )
    size = sum((work / "site-after-0" / a).stat().st_size for a in added)
    print(f"files added: {len(added)} ({size / 1e6:.1f} MB), e.g. {added[:3]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
