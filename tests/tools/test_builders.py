"""The two builders as equals: the Makefile's targets, the Pages workflow that builds both and publishes one, and
the maintainers' page that states the plan (docs/about/maintaining.md). The workflows are linted against GitHub's
workflow schema."""

from __future__ import annotations

import re

from tests.conftest import ROOT, VENV_BIN, run
from tests.tools.test_annotations import GITHUB, load_workflow, steps

MAINTAINING = ROOT / "docs/about/maintaining.md"


def dry_run(target: str) -> str:
    result = run(["make", "-n", target, "PORT=8123"])
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_build_and_serve_stay_mkdocs_and_zensical_has_its_own_pair() -> None:
    assert "mkdocs build" in dry_run("build") and "zensical" not in dry_run("build")
    assert "scripts/serve.py" in dry_run("serve")
    for target, command in (("zensical", "zensical build --clean --strict"),
                            ("zensical-serve", "zensical serve --dev-addr 127.0.0.1:8123")):
        lines = dry_run(target)
        assert "scripts/generate.py" in lines and command in lines, target  # Zensical collects docs/ first
        assert lines.index("scripts/generate.py") < lines.index(command)


def test_pages_workflow_builds_both_and_publishes_the_one_its_variable_names() -> None:
    workflow = load_workflow("pages.yml")
    builder = workflow["env"]["PUBLISH_WITH"]
    assert builder in ("mkdocs", "zensical")
    runs = "\n".join(step.get("run", "") for step in steps(workflow))
    assert "make build" in runs and "make zensical" in runs
    assert 'mv "site-$PUBLISH_WITH" site' in runs
    upload = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"].rstrip("/") == "site"


def test_the_maintainers_page_states_the_plan_and_the_variable() -> None:
    text = MAINTAINING.read_text(encoding="utf-8")
    variable = next(iter(load_workflow("pages.yml")["env"]))
    assert f"`{variable}: zensical`" in text  # how to switch: the workflow's own variable
    assert re.search(r"production build moves to Zensical by 2027-04", text)
    pins = (ROOT / "requirements-test.txt").read_text() + (ROOT / "requirements.txt").read_text()
    for package in ("zensical", "zensical-ui", "mkdocs-material"):
        version = re.search(rf"^{package}==(\S+)$", pins, re.M)
        assert version and version.group(1) in text, package  # the page names the pinned versions
    assert "about/maintaining.md" in (ROOT / "mkdocs.yml").read_text()


def test_workflows_validate_against_githubs_schema() -> None:
    workflows = sorted(str(p) for p in (GITHUB / "workflows").glob("*.yml"))
    result = run([str(VENV_BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *workflows])
    assert result.returncode == 0, result.stdout + result.stderr
