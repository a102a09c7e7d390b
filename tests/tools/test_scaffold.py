"""scripts/new.py: scaffolding writes valid, canonical files and stub pages, and refuses bad ids."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from dlmatrix.data.load import load_dataset
from dlmatrix.site.stubs import stub_path, stub_text
from dlmatrix.tools.formatting import catalog_order, schema_line
from tests.conftest import FIXTURES, ROOT, run


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A tmp copy of the hand-written data set beside an empty docs/ folder."""
    shutil.copytree(FIXTURES / "mini", tmp_path / "data")
    (tmp_path / "docs").mkdir()
    return tmp_path


def new(project: Path, *args: str):  # type: ignore[no-untyped-def]
    return run([sys.executable, str(ROOT / "scripts/new.py"),
                "--data", "data", *args], cwd=project)


def snapshot(project: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}


def test_new_framework_is_valid_with_every_feature_unknown_and_a_stub(project: Path) -> None:
    result = new(project, "framework", "new-net", "--name", "New Net")
    assert result.returncode == 0, result.stderr
    assert "Next steps" in result.stdout and "data/frameworks/new-net.yaml" in result.stdout
    path = project / "data/frameworks/new-net.yaml"
    assert path.read_text().splitlines()[0] == schema_line("framework")
    framework = load_dataset(project / "data").framework("new-net")
    assert framework.name == "New Net"
    assert list(framework.cells) == catalog_order(project / "data")
    assert {cell.level for cell in framework.cells.values()} == {"unknown"}
    stub = stub_path(project / "docs", "framework", "new-net")
    assert stub.read_text() == stub_text("framework", "new-net")
    check = run([sys.executable, str(ROOT / "scripts/format.py"), "--check",
                 str(path)], cwd=project)
    assert check.returncode == 0, check.stderr  # written in the canonical format


@pytest.mark.parametrize("bad_id, reason", [
    ("pytorch", "already exists"),
    ("PyTorch", "not a valid framework id"),
    ("new_net", "not a valid framework id"),
    ("-x", "not a valid framework id"),
])
def test_new_framework_refuses_existing_and_invalid_ids(project: Path, bad_id: str, reason: str) -> None:
    before = snapshot(project)
    result = new(project, "framework", "--", bad_id) if bad_id.startswith("-") else new(project, "framework", bad_id)
    assert result.returncode == 1
    assert reason in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project) == before


def test_an_id_differing_only_by_case_from_an_existing_file_is_refused(project: Path) -> None:
    (project / "data/frameworks/pytorch.yaml").rename(project / "data/frameworks/py-torch.yaml")
    text = (project / "data/frameworks/py-torch.yaml").read_text().replace("id: pytorch", "id: py-torch")
    (project / "data/frameworks/py-torch.yaml").write_text(text)
    assert new(project, "framework", "py-torch").returncode == 1


def test_a_file_that_does_not_validate_is_not_left_behind(project: Path) -> None:
    before = snapshot(project)
    result = new(project, "framework", "x-net", "--homepage", "not-a-url")
    assert result.returncode == 1
    assert "is not an absolute http(s) URL" in result.stderr
    assert snapshot(project) == before


def test_new_feature_is_appended_to_its_topic_and_valid(project: Path) -> None:
    result = new(project, "feature", "overview", "sparse_tensors", "--kind", "text")
    assert result.returncode == 0, result.stderr
    dataset = load_dataset(project / "data")
    assert [f.id for f in dataset.topic_of("sparse_tensors").features][-1] == "sparse_tensors"
    assert dataset.feature("sparse_tensors").kind == "text"
    text = (project / "data/topics/overview.yaml").read_text()
    assert text.splitlines()[0] == schema_line("topic")
    assert text.count("id: steward") == 1  # the rest of the file is kept


def test_new_feature_refuses_an_id_used_in_another_topic(project: Path) -> None:
    before = snapshot(project)
    result = new(project, "feature", "overview", "browser_runtime")
    assert result.returncode == 1 and "already exists" in result.stderr
    unknown_topic = new(project, "feature", "nope", "x_y")
    assert unknown_topic.returncode == 1 and "no topic 'nope'" in unknown_topic.stderr
    bad_kind = new(project, "feature", "overview", "x_y", "--kind", "colour")
    assert bad_kind.returncode != 0 and "Traceback" not in bad_kind.stderr
    assert snapshot(project) == before


def test_new_use_case_is_valid_with_a_stub_and_refuses_duplicates(project: Path) -> None:
    result = new(project, "use-case", "speech", "--name", "Speech recognition")
    assert result.returncode == 0, result.stderr
    dataset = load_dataset(project / "data")
    assert [u.id for u in dataset.use_cases] == ["speech"]
    assert stub_path(project / "docs", "use_case", "speech").read_text() == stub_text("use_case", "speech")
    again = new(project, "use-case", "speech")
    assert again.returncode == 1 and "already exists" in again.stderr
