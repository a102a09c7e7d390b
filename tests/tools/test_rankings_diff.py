"""make rankings-diff: a new row in a weighted topic moves a ranking, and the report says how."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

from dlmatrix.data.load import load_dataset
from dlmatrix.tools.rankings_diff import compare, data_at, report
from tests.data.test_rules import USE_CASE

TODAY = dt.date(2026, 11, 26)


def test_a_new_weighted_row_moves_the_ranking_and_is_reported(mini_data: Path, tmp_path: Path) -> None:
    (mini_data / "use_cases").mkdir()
    (mini_data / "use_cases/mobile.yaml").write_text(USE_CASE.replace("must_have: [mobile_runtime]", "must_have: []"))
    before = load_dataset(mini_data)
    after_dir = tmp_path / "after"
    shutil.copytree(mini_data, after_dir)
    topic = after_dir / "topics/deployment.yaml"
    topic.write_text(topic.read_text() + "  - id: edge_tpu\n    name: Edge TPU\n")
    for framework, level in (("pytorch", "full"), ("tensorflow", "none")):
        path = after_dir / f"frameworks/{framework}.yaml"
        path.write_text(path.read_text() + f"  edge_tpu: {{level: {level}, sources: [https://pytorch.org], "
                        "verified: 2026-11-01}\n")
    changes = compare(before, load_dataset(after_dir), TODAY)
    assert [c.use_case_id for c in changes] == ["mobile"]
    assert [r.framework_id for r in changes[0].before][:2] == ["tensorflow", "pytorch"]
    assert [r.framework_id for r in changes[0].after][:2] == ["pytorch", "tensorflow"]
    text = report(changes, "main")
    assert "**1 use case(s)**" in text and "1. PyTorch" in text and "was #2" in text
    assert compare(before, before, TODAY) == [] and "No use case" in report([], "main")


def test_reads_the_data_of_a_git_ref(tmp_path: Path, mini_data: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(mini_data, repo / "data")
    for command in (["init", "-q"], ["add", "data"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"]):
        subprocess.run(["git", *command], cwd=repo, check=True)
    extracted = data_at("HEAD", repo, tmp_path / "out")
    assert load_dataset(extracted).frameworks == load_dataset(mini_data).frameworks
