"""The contributor path never goes red on good data: on a copy of the project, scaffold a framework (set active, as
a contributor would next), a feature and a use case with scripts/new.py and their defaults, then run validate, the
format check and every test that reads the live data (marked live_data, browser tests included) there. Nothing in
the tests may hard-code today's data, so they must all pass on the bigger data set. The rest of the suite runs on
small fixtures, so running it again here would prove nothing new (it used to run twice)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, live_dataset, run

pytestmark = [pytest.mark.build, pytest.mark.browser, pytest.mark.first]
THIS_TEST = "tests/tools/test_contributor_path.py"


def project_copy(target: Path) -> Path:
    """The project's files (committed and new, not ignored) with mtimes kept, sharing the virtualenv."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    os.symlink(ROOT / ".venv", target / ".venv")
    # The repository's history (the feeds, changes.json and the "What changed" page read it): a .git file
    git_dir = subprocess.run(["git", "rev-parse", "--absolute-git-dir"], cwd=ROOT, capture_output=True, text=True)
    if git_dir.returncode == 0:
        (target / ".git").write_text(f"gitdir: {git_dir.stdout.strip()}\n", encoding="utf-8")
    return target


def unused_id(taken: set[str], stem: str, joiner: str) -> str:
    """An id the data does not hold: a contributor may add a framework called Burn, so nothing here is hard-coded."""
    candidates = (stem, *(f"{stem}{joiner}{n}" for n in range(2, 1000)))
    return next(c for c in candidates if c.casefold() not in taken)


def set_active(path: Path) -> None:
    """What a contributor does next: the new framework is in use, with the source that says so."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^status: .*$", "status: active", text, count=1, flags=re.M)
    text = re.sub(r"^# sources:.*$", "sources: [https://docs.example-framework.dev/releases]", text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")


def test_scaffolded_framework_feature_and_use_case_pass_every_check(tmp_path: Path) -> None:
    project = project_copy(tmp_path / "project")
    python = sys.executable
    data = live_dataset()
    framework = unused_id({f.id for f in data.frameworks}, "burn", "-")
    feature = unused_id({f.id for f in data.features}, "sparse_tensors", "_")
    use_case = unused_id({u.id for u in data.use_cases}, "speech-recognition", "-")
    topic = data.topics[-1].id
    for args in (["framework", framework], ["feature", topic, feature], ["use-case", use_case]):
        result = run([python, "scripts/new.py", *args], cwd=project)
        assert result.returncode == 0, result.stdout + result.stderr
    set_active(project / "data" / "frameworks" / f"{framework}.yaml")
    for check in (["scripts/validate.py"], ["scripts/format.py", "--check"]):
        result = run([python, *check], cwd=project)
        assert result.returncode == 0, result.stdout + result.stderr
    # The tests that read the live data (marked live_data), now on the bigger data set: none may hard-code today's.
    suite = run([python, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "-m", "live_data", "-n", "0",
                 "--deselect", THIS_TEST, "tests"], cwd=project, timeout=1800)
    tail = "\n".join((suite.stdout + suite.stderr).splitlines()[-40:])
    assert suite.returncode == 0, f"the tests of the live data fail after a correct data contribution:\n{tail}"
