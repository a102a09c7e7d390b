"""CI for contributors: validation errors as GitHub annotations, and the .github/ files themselves."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

from dlmatrix.data.errors import DataError
from dlmatrix.tools.annotations import github_annotation
from tests.conftest import ROOT, run

GITHUB = ROOT / ".github"
# Each action at one version (on Node 24: Node 20 actions stopped running in September 2026), pinned to its commit
# (tests/tools/test_workflows.py checks the pins; here, that every workflow uses the same one).
WANTED_VERSIONS = {"actions/checkout": "v5.1.0", "actions/setup-python": "v6.3.0", "actions/upload-artifact": "v6.0.0",
                   "actions/download-artifact": "v7.0.0", "actions/upload-pages-artifact": "v5.0.0",
                   "actions/deploy-pages": "v5.0.0", "pypa/gh-action-pypi-publish": "v1.8.14"}
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<action>[\w.-]+/[\w./-]+)@(?P<sha>[0-9a-f]{40})\s+#\s*(?P<version>\S+)\s*$")


def test_annotation_format() -> None:
    error = DataError("data/frameworks/pytorch.yaml", 12, 5, "cells.x.level: 'yess' is not one of full, partial")
    assert github_annotation(error) == ("::error file=data/frameworks/pytorch.yaml,line=12,col=5::"
                                        "cells.x.level: 'yess' is not one of full, partial")


def test_annotation_escapes_what_github_would_misread() -> None:
    error = DataError("data/a,b:c.yaml", 1, 1, "100% wrong\nsecond line")
    assert github_annotation(error) == "::error file=data/a%2Cb%3Ac.yaml,line=1,col=1::100%25 wrong%0Asecond line"


def test_validate_github_prints_one_annotation_per_error(mini_data: Path) -> None:
    path = mini_data / "frameworks/tensorflow.yaml"
    path.write_text(path.read_text().replace("eager_by_default: {level: full", "eager_by_default: {level: yess"))
    result = run([sys.executable, "scripts/validate.py", "--github", str(mini_data)])
    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 1
    assert re.fullmatch(r"::error file=\S*frameworks/tensorflow\.yaml,line=12,col=29::cells\.eager_by_default\.level: "
                        r"'yess' is not one of .*", annotations[0])
    assert "tensorflow.yaml:12:29:" in result.stderr  # the normal output is still there
    plain = run([sys.executable, "scripts/validate.py", str(mini_data)])
    assert "::error" not in plain.stdout + plain.stderr


def load_workflow(name: str) -> dict:  # type: ignore[type-arg]
    data = yaml.safe_load((GITHUB / "workflows" / name).read_text())
    assert isinstance(data, dict) and "jobs" in data
    data["on"] = data.get("on", data.get(True))  # YAML 1.1 reads the key `on` as true
    return data


def steps(workflow: dict) -> list[dict]:  # type: ignore[type-arg]
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_workflows_are_valid_yaml_and_use_current_action_versions() -> None:
    names = sorted(p.name for p in (GITHUB / "workflows").glob("*.yml"))
    assert {"freshness.yml", "pages.yml", "pr.yml"} <= set(names)
    shas: dict[str, set[str]] = {}
    for name in names:
        uses = [step["uses"] for step in steps(load_workflow(name)) if "uses" in step]
        lines = [m for line in (GITHUB / "workflows" / name).read_text().splitlines() if (m := USES.match(line))]
        assert len(lines) == len(uses), f"{name}: a uses: line is not pinned as action@sha  # version"
        for match in lines:
            assert match["action"] in WANTED_VERSIONS, f"{name}: unexpected action {match['action']}"
            assert match["version"] == WANTED_VERSIONS[match["action"]], f"{name}: {match['action']} {match['version']}"
            shas.setdefault(match["action"], set()).add(match["sha"])
    assert {action: len(found) for action, found in shas.items()} == dict.fromkeys(shas, 1), shas


def test_pr_workflow_runs_the_checks_and_uploads_a_preview() -> None:
    workflow = load_workflow("pr.yml")
    assert "pull_request" in workflow["on"]
    all_steps = steps(workflow)
    runs = "\n".join(step.get("run", "") for step in all_steps)
    assert "scripts/validate.py --github" in runs
    assert "CHROMIUM=/usr/bin/google-chrome" in runs
    assert "make test" in runs
    setup = next(s for s in all_steps if s.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["python-version"] == "3.11"
    upload = next(s for s in all_steps if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"].rstrip("/") == "site"


def test_pages_workflow_deploys_main_with_the_site_and_repo_urls() -> None:
    workflow = load_workflow("pages.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {}  # none by default: each job says what it needs
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    build = next(s for s in steps(workflow) if s.get("env", {}).get("SITE_URL"))
    assert "vars.SITE_URL" in build["env"]["SITE_URL"] and "github.io" in build["env"]["SITE_URL"]
    assert build["env"]["REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    uses = [s.get("uses", "").split("@")[0] for s in steps(workflow)]
    assert uses.index("actions/upload-pages-artifact") < uses.index("actions/deploy-pages")


def test_freshness_workflow_files_one_stale_data_issue() -> None:
    workflow = load_workflow("freshness.yml")
    assert "schedule" in workflow["on"] and "workflow_dispatch" in workflow["on"]
    assert workflow["permissions"]["issues"] == "write"
    runs = "\n".join(step.get("run", "") for step in steps(workflow))
    assert "scripts/freshness.py --markdown" in runs
    assert "stale-data" in runs and "gh issue" in runs
    assert any("GITHUB_TOKEN" in str(step.get("env", {})) for step in steps(workflow))


def test_pr_workflow_posts_how_rankings_move() -> None:
    workflow = load_workflow("pr.yml")
    runs = "\n".join(step.get("run", "") for step in steps(workflow))
    assert 'make -s rankings-diff BASE="origin/$BASE_REF"' in runs and "gh pr comment" in runs
    assert workflow["jobs"]["comment"]["permissions"] == {"pull-requests": "write"}
    assert not any("actions/checkout" in str(step.get("uses")) for step in workflow["jobs"]["comment"]["steps"])


def test_issue_forms_and_pr_template() -> None:
    correction = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE/data-correction.yml").read_text())
    source = next(item for item in correction["body"] if item.get("id") == "source")
    assert source["validations"]["required"] is True
    for form in ("new-framework", "new-feature", "new-use-case", "site-bug"):
        body = yaml.safe_load((GITHUB / f"ISSUE_TEMPLATE/{form}.yml").read_text())["body"]
        assert any(item.get("validations", {}).get("required") for item in body), form
    assert "blank_issues_enabled" in yaml.safe_load((GITHUB / "ISSUE_TEMPLATE/config.yml").read_text())
    template = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text()
    assert all(heading in template for heading in ("## What changed", "## Sources", "## How I verified it"))


def test_pre_commit_runs_validate_and_format_check() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    entries = [hook["entry"] for repo in config["repos"] for hook in repo["hooks"]]
    assert any("scripts/validate.py" in entry for entry in entries)
    assert any("scripts/format.py --check" in entry for entry in entries)
