"""CI definitions: nightly at 00:05 in Việt Nam, validate and strict build on every run, publish the site
from pinned versions, test the newest ones on a schedule; .ci/run runs exactly the README's test command."""

from __future__ import annotations

import re
import tomllib
from typing import Any

import yaml
from packaging.requirements import Requirement

from conftest import REPO

PINNED_INSTALL = 'pip install -c constraints.txt -e ".[test]"'


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
    order = [
        next(i for i, r in enumerate(runs) if cmd in r)
        for cmd in (
            PINNED_INSTALL,
            "noticeboard validate",
            "mkdocs build --strict",
            'python -m pytest -m "not slow"',
        )
    ]
    assert order == sorted(order), "install, validate, strict build, tests: in that order"
    cache = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/cache@"))
    assert steps[cache]["with"]["path"] == ".cache/noticeboard" and cache < order[1], (
        "records restored before validate"
    )
    assert (
        steps[cache]["with"]["restore-keys"] in steps[cache]["with"]["key"]
    )  # the newest earlier run's folder
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    deploy = wf["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])
    # Only the deploy job may write to Pages; the build runs the branch's code with read access.
    assert wf["permissions"] == {"contents": "read", "pages": "read"}
    assert "permissions" not in wf["jobs"]["build"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    latest = wf["jobs"]["latest"]
    assert "schedule" in latest["if"] and "bash .ci/run" in [s.get("run") for s in latest["steps"]]
    assert "latest" not in str(deploy["needs"])  # publishing never waits on the newest versions


def test_gitlab_ci():
    ci = load(".gitlab-ci.yml")
    text = (REPO / ".gitlab-ci.yml").read_text(encoding="utf-8")
    assert "pipeline schedule" in text.lower() and "Asia/Ho_Chi_Minh" in text  # nightly is set in the UI
    scripts = {
        name: " ".join(job.get("script", []))
        for name, job in ci.items()
        if isinstance(job, dict) and "script" in job
    }
    assert any("noticeboard validate" in s for s in scripts.values())
    assert any("mkdocs build --strict" in s and "public" in s for s in scripts.values())
    assert any('python -m pytest -m "not slow"' in s for s in scripts.values())
    assert "public" in ci["pages"]["artifacts"]["paths"]
    assert ".cache/noticeboard" in ci["default"]["cache"]["paths"]  # validate and build share the records
    assert "$CI_COMMIT_REF_SLUG" in ci["default"]["cache"]["key"]  # one cache per branch: no MR fills main's
    assert ci["default"]["before_script"] == [PINNED_INSTALL]
    assert ci["latest"]["script"] == ["bash .ci/run"]
    assert ci["latest"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]
    assert (
        ci["stages"].index(ci["validate"]["stage"])
        < ci["stages"].index(ci["build"]["stage"])
        < ci["stages"].index("deploy")
    )
    assert any(r.get("if") == '$CI_PIPELINE_SOURCE == "schedule"' for r in ci["workflow"]["rules"])


def test_pre_commit_hook():
    cfg = load(".pre-commit-config.yaml")
    hooks = [h for repo in cfg["repos"] if repo["repo"] == "local" for h in repo["hooks"]]
    hook = next(h for h in hooks if h["entry"] == "noticeboard validate")
    assert hook["pass_filenames"] is False and hook["language"] == "system"


def readme_test_command() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("```", 2)[1]
    commands = re.findall(r"^# 2\..*\n(.+)$", quick_start, re.M)  # the second of the two commands
    assert len(commands) == 1 and "python -m pytest" in commands[0], quick_start
    return commands[0]


def test_ci_run_is_the_readme_command_in_a_fresh_environment():
    run = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    lines = [line for line in run.splitlines() if line.strip() and not line.startswith("#")]
    assert lines[-1] == readme_test_command()
    venv = next(i for i, line in enumerate(lines) if "-m venv" in line)
    activate = next(i for i, line in enumerate(lines) if "/bin/activate" in line)
    assert venv < activate < len(lines) - 1
    assert "apt-get update" in run and "apt-get install -y" in run


def test_readme_names_every_system_package():
    listed = (REPO / ".ci" / "system-packages.txt").read_text(encoding="utf-8")
    packages = [line.split("#")[0].strip() for line in listed.splitlines() if line.split("#")[0].strip()]
    assert {"chromium", "nginx"} <= set(packages)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert [p for p in packages if p not in readme] == []


def test_constraints_pin_every_dependency_within_pyproject():
    """The publishing lock is complete and agrees with pyproject.toml (refreshed as the README says)."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins: dict[str, list[str]] = {}
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith((" ", "#")):
            req = Requirement(line)
            pins.setdefault(canonical(req.name), []).extend(s.version for s in req.specifier)
    wanted = [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]]
    for req in wanted:
        versions = pins.get(canonical(req.name))
        assert versions, f"{req.name} is not pinned in constraints.txt"
        assert any(req.specifier.contains(v, prereleases=True) for v in versions), (req, versions)
    assert "playwright" not in pins  # the publishing jobs run no browser


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()
