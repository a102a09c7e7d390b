"""The data package (dlmatrix/tools/package.py, `make package`): a valid wheel of the data API's files whose RECORD
holds, a loader of about ten lines, installed into a clean virtualenv where it answers a cell; the release
workflow and CITATION.cff's version."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from dlmatrix.data.changes import History
from dlmatrix.data.load import load_dataset
from dlmatrix.site.api import data_version
from dlmatrix.site.api_items import api_v1_files
from dlmatrix.site.urls import Urls
from dlmatrix.site.views import Site
from dlmatrix.tools.package import LOADER, PACKAGE, build_wheel, set_citation, wheel_version
from tests.conftest import ROOT
from tests.tools.test_annotations import load_workflow, steps


@pytest.fixture
def wheel(mini_data: Path, tmp_path: Path) -> tuple[Path, Site]:
    site = Site(load_dataset(mini_data), dt.date(2026, 12, 1))
    files = api_v1_files(site, Urls("", "https://example.org/m/").public(), site.today, History("unavailable"), "")
    return build_wheel(files, data_version(site), tmp_path / "dist", "https://example.org/m/"), site


def test_the_wheel_holds_every_api_file_and_a_record_that_holds(wheel: tuple[Path, Site]) -> None:
    path, site = wheel
    assert path.name == f"{PACKAGE}-{wheel_version(data_version(site))}-py3-none-any.whl"
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        record = next(n for n in names if n.endswith(".dist-info/RECORD"))
        for line in archive.read(record).decode().splitlines():
            name, digest, size = line.rsplit(",", 2)
            if name == record:
                continue
            content = archive.read(name)
            expected = "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(content).digest()).rstrip(b"=").decode()
            assert digest == expected and int(size) == len(content), name
        assert set(names) == {line.rsplit(",", 2)[0] for line in archive.read(record).decode().splitlines()}
        assert f"{PACKAGE}/api/v1/all.json" in names and f"{PACKAGE}/api/v1/checksums.txt" in names
        assert any(n.startswith(f"{PACKAGE}/api/v1/schema/") for n in names)
    code = [line for line in LOADER.splitlines() if line.strip() and not line.strip().startswith('"""')]
    assert len(code) <= 10  # a loader to read, not a library


def test_versions_and_citation(tmp_path: Path) -> None:
    assert wheel_version("2026-11-26.d2cbd248") == "2026.11.26"
    citation = tmp_path / "CITATION.cff"
    citation.write_text((ROOT / "CITATION.cff").read_text(encoding="utf-8"), encoding="utf-8")
    assert set_citation(citation, "2027-01-02.0123abcd")
    text = citation.read_text(encoding="utf-8")
    assert "\nversion: 2027-01-02.0123abcd\n" in text and "\ndate-released: 2027-01-02\n" in text
    assert not set_citation(citation, "2027-01-02.0123abcd")


def test_the_release_workflow_builds_publishes_and_sets_the_citation() -> None:
    workflow = load_workflow("release.yml")
    assert "workflow_dispatch" in workflow["on"]
    assert workflow["jobs"]["release"]["permissions"]["id-token"] == "write"  # PyPI trusted publishing, that job only
    runs = "\n".join(step.get("run", "") for step in steps(workflow))
    assert "scripts/package.py --citation" in runs and "git add CITATION.cff" in runs
    uses = [step.get("uses", "").split("@")[0] for step in steps(workflow)]
    assert "pypa/gh-action-pypi-publish" in uses


@pytest.mark.build
def test_the_wheel_installs_into_a_clean_virtualenv_and_answers_a_cell(wheel: tuple[Path, Site],
                                                                      tmp_path: Path) -> None:
    path, site = wheel
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=300)
    python = venv / "bin" / "python"
    installed = subprocess.run([str(python), "-m", "pip", "install", "--no-index", "--no-deps", "--quiet", str(path)],
                               capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stderr
    framework = site.data.frameworks[0]
    feature_id, cell = next(iter(framework.cells.items()))
    script = ("import json, dlmatrix_data as d; "
              f"print(json.dumps([d.cell({framework.id!r}, {feature_id!r}), d.load('index.json')['data_version']]))")
    result = subprocess.run([str(python), "-c", script], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    answer, version = json.loads(result.stdout)
    assert version == data_version(site)
    assert answer["verified"] == cell.verified.isoformat() and answer["sources"] == list(cell.sources)
    assert answer["level"] == cell.level
