"""The contributor path never goes red on good data: on a copy of the project, scaffold a framework, a
feature and a use case with scripts/new.py and their defaults, then run every check of `make test` there
(validate, format, and the whole test suite, browser tests included). Nothing in the tests may hard-code
today's data, so they must all pass on the bigger data set."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run

pytestmark = [pytest.mark.build, pytest.mark.browser]
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
    return target


def test_scaffolded_framework_feature_and_use_case_pass_every_check(tmp_path: Path) -> None:
    project = project_copy(tmp_path / "project")
    python = sys.executable
    for args in (["framework", "burn"], ["feature", "hardware", "sparse_tensors"], ["use-case", "speech-recognition"]):
        result = run([python, "scripts/new.py", *args], cwd=project)
        assert result.returncode == 0, result.stdout + result.stderr
    for check in (["scripts/validate.py"], ["scripts/format.py", "--check"]):
        result = run([python, *check], cwd=project)
        assert result.returncode == 0, result.stdout + result.stderr
    suite = run([python, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "--deselect", THIS_TEST, "tests"],
                cwd=project, timeout=1800)
    tail = "\n".join((suite.stdout + suite.stderr).splitlines()[-40:])
    assert suite.returncode == 0, f"the test suite fails after a correct data contribution:\n{tail}"
