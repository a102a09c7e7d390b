"""The measured matrix cells (`derived: measured`): make evidence writes them from data/evidence/frameworks.yaml
(ruamel round trip, canonical format, checked on a copy first) and the validator reports a hand edit that
contradicts the run. Works on a copy of the real data; no framework is installed or run."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from dlmatrix.data.errors import DataErrors
from dlmatrix.data.load import load_dataset
from dlmatrix.data.measured import MEASURED_FEATURES, check_against_run, measured_figures, read_run
from dlmatrix.data.reader import load_yaml_file
from dlmatrix.data.writer import WriteError
from dlmatrix.tools.formatting import catalog_order, format_text
from dlmatrix.tools.measured_cells import source_url, write_measured_cells

pytestmark = pytest.mark.live_data  # checks the live data: the contributor-path test runs it on a scaffolded copy too

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The data, the examples' environments and mkdocs.yml (for repo_url), in a temporary folder."""
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "data", root / "data")
    (root / "examples").mkdir()
    shutil.copy2(ROOT / "examples" / "environments.yaml", root / "examples" / "environments.yaml")
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


def cells_of(root: Path, framework_id: str) -> dict[str, dict[str, object]]:
    loaded, errors = load_yaml_file(root / "data" / "frameworks" / f"{framework_id}.yaml")
    assert loaded is not None, errors
    cells: dict[str, dict[str, object]] = loaded.data["cells"]
    return cells


def edit_run(root: Path, change: object) -> None:
    path = root / "data" / "evidence" / "frameworks.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(document)  # type: ignore[operator]  # a function of the document
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")


def test_committed_cells_match_the_committed_run() -> None:
    """Every framework the run measured has its three cells, with the run's figures, date and source."""
    assert check_against_run(ROOT / "data") == []
    run, errors = read_run(ROOT / "data" / "evidence" / "frameworks.yaml")
    assert run is not None and not errors
    figures = measured_figures(run)
    assert figures, "the run measured nothing"
    for framework_id, by_feature in figures.items():
        cells = cells_of(ROOT, framework_id)
        for feature, figure in by_feature.items():
            cell = cells[feature]
            assert cell["derived"] == "measured" and cell["value"] == figure.value, (framework_id, feature)
            assert cell["as_of"] == figure.as_of
            assert cell["sources"] == [source_url(ROOT)]  # type: ignore[comparison-overlap]  # a list of URLs


def test_the_writer_follows_the_run_and_keeps_the_files_canonical(repo: Path) -> None:
    assert write_measured_cells(repo, TODAY) == []  # the copy is up to date: nothing to write

    def faster_tinygrad(document: dict[str, dict[str, dict[str, object]]]) -> None:
        document["frameworks"]["tinygrad"]["import_seconds"] = 0.1234
        document["frameworks"]["tinygrad"]["measured"] = dt.date(2026, 11, 20)

    edit_run(repo, faster_tinygrad)
    lines: list[str] = []
    written = write_measured_cells(repo, TODAY, lines.append)

    assert written == [repo / "data" / "frameworks" / "tinygrad.yaml"]
    cell = cells_of(repo, "tinygrad")["import_time_ms"]
    assert cell["value"] == 123 and cell["as_of"] == dt.date(2026, 11, 20) and cell["verified"] == TODAY
    assert cells_of(repo, "tinygrad")["installed_size_mib"]["as_of"] == dt.date(2026, 11, 20)
    assert any("tinygrad.yaml" in line and "import_time_ms = 123" in line for line in lines)
    text = written[0].read_text(encoding="utf-8")
    assert format_text(text, "framework", catalog_order(repo / "data")) == text
    assert text.splitlines()[0].startswith("# yaml-language-server:")
    load_dataset(repo / "data")  # valid, the measured rule included
    assert write_measured_cells(repo, TODAY) == []  # idempotent


def test_a_framework_the_run_no_longer_measures_gets_unknown_cells(repo: Path) -> None:
    def install_failed(document: dict[str, dict[str, dict[str, object]]]) -> None:
        info = document["frameworks"]["mlx"]
        for key in ("footprint", "import_seconds"):
            info.pop(key)
        info["install_error"] = "pip install failed: no wheel"

    edit_run(repo, install_failed)
    write_measured_cells(repo, TODAY)

    cells = cells_of(repo, "mlx")
    for feature in MEASURED_FEATURES:
        assert cells[feature]["level"] == "unknown" and "derived" not in cells[feature], feature
    load_dataset(repo / "data")


def test_the_writer_writes_nothing_when_the_result_would_be_invalid(repo: Path) -> None:
    broken = repo / "data" / "frameworks" / "jax.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("level: full", "level: fulll", 1), encoding="utf-8")
    edit_run(repo, lambda document: document["frameworks"]["tinygrad"].update(import_seconds=0.5))
    before = {p: p.read_text(encoding="utf-8") for p in (repo / "data" / "frameworks").glob("*.yaml")}

    with pytest.raises(WriteError, match="nothing was written"):
        write_measured_cells(repo, TODAY)

    assert {p: p.read_text(encoding="utf-8") for p in before} == before


def test_a_broken_run_file_is_reported_not_guessed(repo: Path) -> None:
    (repo / "data" / "evidence" / "frameworks.yaml").write_text("run: [1, 2]\n", encoding="utf-8")
    with pytest.raises(DataErrors):
        write_measured_cells(repo, TODAY)


def edit_cell(path: Path, feature: str, old: str, new: str) -> None:
    """Replace text inside one cell's block (a hand edit)."""
    text = path.read_text(encoding="utf-8")
    start = text.index(f"\n  {feature}:\n")
    at = text.index(old, start)
    path.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")


@pytest.mark.parametrize("feature, old, new, expected", [
    ("installed_size_mib", "    value: ", "    value: 4000", "cells.installed_size_mib.value: 4000"),
    ("download_size_mib", "    as_of: 2026-11-26", "    as_of: 2026-11-25", "cells.download_size_mib.as_of: 2026-11-25 is "
     "not the day"),
    ("import_time_ms", "      - https://github.com/", "      - https://pypi.org/project/tinygrad/?", "cells.import_time_ms"
     ".sources: a measured cell's first source"),
])
def test_a_hand_edit_of_a_measured_cell_fails_validation(repo: Path, feature: str, old: str, new: str,
                                                         expected: str) -> None:
    edit_cell(repo / "data" / "frameworks" / "tinygrad.yaml", feature, old, new)

    errors = [str(e) for e in check_against_run(repo / "data")]

    assert len(errors) == 1 and expected in errors[0] and "make evidence" in errors[0], errors
    assert errors[0].split(":")[0].endswith("frameworks/tinygrad.yaml") and int(errors[0].split(":")[1]) > 1
    with pytest.raises(DataErrors):
        load_dataset(repo / "data")


def test_a_measured_cell_without_a_figure_is_reported(repo: Path) -> None:
    edit_run(repo, lambda document: document["frameworks"].pop("tinygrad"))
    errors = [str(e) for e in check_against_run(repo / "data")]
    assert len(errors) == len(MEASURED_FEATURES) and all("has no such figure for tinygrad" in e for e in errors)
