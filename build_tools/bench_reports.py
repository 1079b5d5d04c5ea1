"""CPU of the periodic reports' stage and of the two processes' shares, in one process.

    python build_tools/bench_reports.py CONTENT_DIR AS_OF [--runs 3]

Loads the content as a build does, then times (process time, so the machine's other load
disturbs it less): the figures (``reports_for``), the report pages, the progress blocks, the
report files; and the work of a two-process build's second process (every page spec rendered,
its output files) against the files the build's own process makes (``part="own"``). Run it
with PYTHONPATH set to the ``plugins/`` folder of the version to measure (BENCHMARKS.md,
"Periodic reports").
"""

from __future__ import annotations

import argparse
import inspect
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from noticeboard.pipeline import load_site
from noticeboard.render.outputs import OutputContext, generate_outputs
from noticeboard.render.pages import BODY_MARK, Renderer, make_environment


def stage(content: Path, as_of: date) -> dict[str, float]:
    """Seconds of CPU of each part of the reports' stage (needs the reports' code)."""
    from noticeboard.model.reports import reports_for
    from noticeboard.render import report_files, report_pages

    site = load_site(content, as_of, 7, freeze=True).site
    env = make_environment()
    renderer = Renderer(site, env, site_name="x")
    clock = time.process_time
    t0 = clock()
    reports_for(site)
    t1 = clock()
    for spec in report_pages.report_pages(site):
        renderer.render(spec)
    t2 = clock()
    template = env.get_template("noticeboard/_progress.html")
    for unit in site.units:
        template.render(unit=unit, as_of=site.as_of, url=lambda x: x)
    t3 = clock()
    report_files.generate_report_files(site, OutputContext("", "x"))
    t4 = clock()
    return {"figures": t1 - t0, "pages": t2 - t1, "progress": t3 - t2, "files": t4 - t3, "total": t4 - t0}


def processes(content: Path, as_of: date) -> dict[str, float]:
    """CPU of the second process's work (pages, its outputs) and of the own process's outputs."""
    site = load_site(content, as_of, 7, freeze=True).site
    renderer = Renderer(site, make_environment(), site_name="x")
    split = "part" in inspect.signature(generate_outputs).parameters
    clock = time.process_time
    t0 = clock()
    for spec in renderer.generate_pages():
        renderer.render(spec, body_html=BODY_MARK if spec.markdown else "")
    t1 = clock()
    generate_outputs(site, OutputContext("", "x"), **({"part": "ahead"} if split else {}))
    t2 = clock()
    if split:
        generate_outputs(site, OutputContext("", "x"), part="own")
    t3 = clock()
    return {"child_pages": t1 - t0, "child_outputs": t2 - t1, "child": t2 - t0, "own_outputs": t3 - t2}


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("content", type=Path)
    p.add_argument("as_of", type=date.fromisoformat)
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args(argv)
    has_reports = (
        Path(sys.modules["noticeboard"].__file__ or "").parent.joinpath("model", "reports.py").exists()
    )
    for measure in ((stage,) if has_reports else ()) + (processes,):
        runs = [measure(args.content, args.as_of) for _ in range(args.runs)]
        for key in runs[0]:
            values = [r[key] for r in runs]
            print(
                f"{measure.__name__:9} {key:13} median {statistics.median(values):.3f} s  runs "
                + " ".join(f"{v:.3f}" for v in values)
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
