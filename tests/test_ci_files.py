"""CI definitions: nightly at 00:05 in Việt Nam, validate and strict build on every run, publish the site."""

from __future__ import annotations

from typing import Any

import yaml

from conftest import REPO


def load(name: str) -> Any:
    return yaml.safe_load((REPO / name).read_text(encoding="utf-8"))


def vietnam_time(cron: str) -> tuple[int, int]:
    minute, hour, *_ = cron.split()
    return (int(hour) + 7) % 24, int(minute)  # Asia/Ho_Chi_Minh is UTC+7 all year


def test_github_workflow():
    wf = load(".github/workflows/publish.yml")
    triggers = wf.get("on", wf.get(True))  # PyYAML reads the key `on` as True
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    crons = [s["cron"] for s in triggers["schedule"]]
    assert crons == ["5 17 * * *"] and vietnam_time(crons[0]) == (0, 5)

    steps = wf["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in steps]
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("actions/checkout@") for u in uses)
    setup = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python@"))
    assert str(setup["with"]["python-version"]) == "3.11"
    order = [next(i for i, r in enumerate(runs) if cmd in r) for cmd in (
        'pip install -e ".[test]"', "noticeboard validate", "mkdocs build --strict", 'python -m pytest -m "not slow"',
    )]
    assert order == sorted(order), "install, validate, strict build, tests: in that order"
    cache = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/cache@"))
    assert steps[cache]["with"]["path"] == ".cache/noticeboard" and cache < order[1], "records restored before validate"
    assert steps[cache]["with"]["restore-keys"] in steps[cache]["with"]["key"]  # the newest earlier run's folder
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    deploy = wf["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])
    assert wf["permissions"]["pages"] == "write" and wf["permissions"]["id-token"] == "write"


def test_gitlab_ci():
    ci = load(".gitlab-ci.yml")
    text = (REPO / ".gitlab-ci.yml").read_text(encoding="utf-8")
    assert "pipeline schedule" in text.lower() and "Asia/Ho_Chi_Minh" in text  # nightly is set in the UI
    scripts = {name: " ".join(job.get("script", [])) for name, job in ci.items() if isinstance(job, dict) and "script" in job}
    assert any("noticeboard validate" in s for s in scripts.values())
    assert any("mkdocs build --strict" in s and "public" in s for s in scripts.values())
    assert any('python -m pytest -m "not slow"' in s for s in scripts.values())
    assert "public" in ci["pages"]["artifacts"]["paths"]
    assert ".cache/noticeboard" in ci["default"]["cache"]["paths"]  # validate and build share the records
    assert ci["stages"].index(ci["validate"]["stage"]) < ci["stages"].index(ci["build"]["stage"]) < ci["stages"].index("deploy")
    assert any(r.get("if") == '$CI_PIPELINE_SOURCE == "schedule"' for r in ci["workflow"]["rules"])


def test_pre_commit_hook():
    cfg = load(".pre-commit-config.yaml")
    hooks = [h for repo in cfg["repos"] if repo["repo"] == "local" for h in repo["hooks"]]
    hook = next(h for h in hooks if h["entry"] == "noticeboard validate")
    assert hook["pass_filenames"] is False and hook["language"] == "system"
