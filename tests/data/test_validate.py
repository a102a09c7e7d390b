"""Validation: each kind of error with its file, line and column; the CLI never shows a traceback."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from dlmatrix.data.errors import DataErrors
from dlmatrix.data.load import load_dataset
from tests.conftest import ROOT, run


def errors_for(data: Path) -> list[str]:
    with pytest.raises(DataErrors) as info:
        load_dataset(data)
    return [str(e).replace(str(data) + "/", "") for e in info.value.errors]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"fixture changed: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def test_fixture_is_valid(mini_data: Path) -> None:
    dataset = load_dataset(mini_data)
    assert [f.id for f in dataset.frameworks] == ["pytorch", "tensorflow", "oldnet"]  # active first, by name
    assert [c.id for c in dataset.topics] == ["overview", "deployment"]


def test_bad_level_names_the_allowed_values(mini_data: Path) -> None:
    edit(mini_data / "frameworks/tensorflow.yaml", "eager_by_default: {level: full", "eager_by_default: {level: yess")
    assert errors_for(mini_data) == [
        "frameworks/tensorflow.yaml:12:29: cells.eager_by_default.level: 'yess' is not one of "
        "full, partial, plugin, deprecated, none, unknown"]


def test_every_error_is_reported_in_one_run(mini_data: Path) -> None:
    edit(mini_data / "frameworks/tensorflow.yaml", "verified: 2026-11-01}", "verified: 2999-01-01}")
    edit(mini_data / "frameworks/pytorch.yaml", "status: active", "status: alive")
    edit(mini_data / "frameworks/pytorch.yaml", "browser_runtime:", "browser_runtimes:")
    edit(mini_data / "frameworks/oldnet.yaml", "id: oldnet", "id: newnet")
    assert errors_for(mini_data) == [
        "frameworks/oldnet.yaml:1:5: id: 'newnet' does not match the file name 'oldnet.yaml'; expected 'oldnet'",
        "frameworks/pytorch.yaml:4:9: status: 'alive' is not one of active, maintenance, retired, unknown",
        "frameworks/pytorch.yaml:14:3: cells.browser_runtimes: unknown feature 'browser_runtimes' "
        "(features are defined in data/topics/)",
        "frameworks/tensorflow.yaml:10:83: cells.steward.verified: 2999-01-01 is in the future; "
        "give the date you checked the source",
    ]


def test_missing_and_unknown_keys(mini_data: Path) -> None:
    edit(mini_data / "frameworks/pytorch.yaml", "name: PyTorch\n", "nam: PyTorch\n")
    found = errors_for(mini_data)
    assert "frameworks/pytorch.yaml:1:1: required key 'name' is missing" in found
    assert any(e.startswith("frameworks/pytorch.yaml:2:1: nam: unknown key 'nam'; allowed keys here: id, name,")
               for e in found)


def test_urls_must_be_absolute_http(mini_data: Path) -> None:
    path = mini_data / "frameworks/pytorch.yaml"
    edit(path, "sources: [https://pytorch.org/foundation]", "sources: ['javascript:alert(1)']")
    edit(path, "sources: [https://pytorch.org/docs]", "sources: [/relative/page]")
    edit(path, "sources: [https://pytorch.org/executorch]", "sources: ['https://pytorch.org/a b']")
    edit(path, "sources: [https://github.com/pytorch/pytorch/releases]", "sources: ['ftp://pytorch.org/x']")
    found = errors_for(mini_data)
    assert len(found) == 4 and all("is not an absolute http(s) URL" in e for e in found), found


def test_value_of_the_wrong_kind(mini_data: Path) -> None:
    path = mini_data / "frameworks/pytorch.yaml"
    edit(path, "latest_release: {value: '2.15.0'", "latest_release: {value: 2.10")
    edit(path, "eager_by_default: {level: full", "eager_by_default: {value: 'yes', level: full")
    edit(path, "steward: {value: PyTorch Foundation", "steward: {level: full")
    found = errors_for(mini_data)
    assert found == [
        "frameworks/pytorch.yaml:10:13: cells.steward.level: 'steward' is a text feature; give 'value' "
        "(or 'level: unknown')",
        "frameworks/pytorch.yaml:12:22: cells.eager_by_default.value: 'eager_by_default' is a support feature; "
        "give 'level' (full, partial, plugin, deprecated, none, unknown), not 'value'",
        "frameworks/pytorch.yaml:15:27: cells.latest_release.value: expected a version such as '2.15.0' (quoted), "
        "got 2.1",
    ]


def test_sources_required_unless_unknown_and_figures_need_a_date(mini_data: Path) -> None:
    edit(mini_data / "frameworks/pytorch.yaml", "browser_runtime: {level: none, sources: [https://pytorch.org], ",
         "browser_runtime: {level: unknown, ")
    edit(mini_data / "frameworks/pytorch.yaml", "mobile_runtime: {level: full, note: ExecuTorch., "
         "sources: [https://pytorch.org/executorch], ", "mobile_runtime: {level: full, ")
    edit(mini_data / "frameworks/tensorflow.yaml", "as_of: 2025-06-26, ", "")
    assert errors_for(mini_data) == [
        "frameworks/pytorch.yaml:13:19: cells.mobile_runtime: needs at least one source URL in 'sources' "
        "(only 'level: unknown' may go without)",
        "frameworks/tensorflow.yaml:15:25: cells.github_stars.value: a figure needs 'as_of', the date of the figure",
    ]


def test_duplicate_feature_ids_across_topics(mini_data: Path) -> None:
    (mini_data / "topics/zmore.yaml").write_text(
        "id: zmore\nname: More\ndescription: Dup.\norder: 30\nfeatures:\n"
        "  - {id: steward, name: Again, description: Dup., kind: text}\n")
    found = errors_for(mini_data)
    assert len(found) == 1
    assert found[0].startswith("topics/zmore.yaml:6:10: features.0.id: feature 'steward' is already defined in ")
    assert found[0].endswith("topics/overview.yaml")


def test_framework_ids_differing_only_by_case_collide(mini_data: Path) -> None:
    text = (mini_data / "frameworks/pytorch.yaml").read_text()
    (mini_data / "frameworks/py-torch.yaml").write_text(text.replace("id: pytorch", "id: py-torch")
                                                        .replace("name: PyTorch", "name: Py-Torch"))
    assert load_dataset(mini_data)  # distinct ids (and names) are fine
    (mini_data / "topics/Overview.yaml").write_text(
        (mini_data / "topics/overview.yaml").read_text().replace("id: overview", "id: Overview"))
    found = errors_for(mini_data)
    assert any(e.startswith("topics/Overview.yaml:1:5: id: 'Overview' is not valid here") for e in found), found


def test_ids_are_lower_case_ascii(mini_data: Path) -> None:
    (mini_data / "frameworks/oldnet.yaml").rename(mini_data / "frameworks/Oldnet.yaml")
    edit(mini_data / "frameworks/Oldnet.yaml", "id: oldnet", "id: Oldnet")
    found = errors_for(mini_data)
    assert found[0].startswith("frameworks/Oldnet.yaml:1:5: id: 'Oldnet' is not valid here: expected lower-case ASCII")


def test_retired_needs_successor_and_end_date(mini_data: Path) -> None:
    edit(mini_data / "frameworks/oldnet.yaml", "successor: PyTorch\n", "")
    assert errors_for(mini_data) == ["frameworks/oldnet.yaml:4:9: status: a retired framework needs 'successor' "
                                     "and 'end_date'"]


def test_cli_ok_summary(mini_data: Path) -> None:
    result = run([sys.executable, "scripts/validate.py", str(mini_data)])
    assert result.returncode == 0
    assert result.stdout.strip() == "OK: 3 frameworks, 2 topics, 7 features (21 cells), 0 use cases."


def test_cli_reports_errors_without_traceback(mini_data: Path) -> None:
    edit(mini_data / "frameworks/tensorflow.yaml", "level: full", "level: yess")
    (mini_data / "frameworks/broken.yaml").write_bytes(b"id: broken\nname: [\n")
    result = run([sys.executable, "scripts/validate.py", str(mini_data)])
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    assert lines[-1] == "2 error(s) found; nothing was built."
    assert lines[0].endswith("frameworks/broken.yaml:3:1: YAML syntax: while parsing a flow node, expected the node "
                             "content, but found '<stream end>'") or "broken.yaml:" in lines[0]


def test_cli_limits_errors_to_named_files(mini_data: Path) -> None:
    edit(mini_data / "frameworks/tensorflow.yaml", "level: full", "level: yess")
    named = run([sys.executable, "scripts/validate.py", str(mini_data / "frameworks/pytorch.yaml")])
    assert named.returncode == 0
    other = run([sys.executable, "scripts/validate.py", str(mini_data / "frameworks/tensorflow.yaml")])
    assert other.returncode == 1 and "'yess'" in other.stderr


def test_live_data_is_valid() -> None:
    result = run([sys.executable, "scripts/validate.py"], cwd=ROOT)
    assert result.returncode == 0, result.stderr


def test_validating_the_data_folder_checks_the_code_evidence_too(tmp_path: Path) -> None:
    """A program edited after its run is reported by `make validate` on the whole folder (not on single files)."""
    import shutil

    from dlmatrix.data.validate import validate_paths

    for part in ("data", "examples"):
        shutil.copytree(ROOT / part, tmp_path / part)
    assert validate_paths([tmp_path / "data"])[0] == []
    program = tmp_path / "examples" / "autodiff" / "jax.py"
    program.write_text(program.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    errors = [str(e) for e in validate_paths([tmp_path / "data"])[0]]
    assert len(errors) == 1 and "examples/autodiff/jax.py" in errors[0] and "make evidence" in errors[0], errors
    assert validate_paths([tmp_path / "data" / "frameworks" / "jax.yaml"])[0] == []


def test_http_sources_are_warned_about_not_refused(mini_data: Path) -> None:
    edit(mini_data / "frameworks/pytorch.yaml", "sources: [https://pytorch.org]", "sources: [http://pytorch.org]")
    result = run([sys.executable, str(ROOT / "scripts/validate.py"), "."], cwd=mini_data, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == ("frameworks/pytorch.yaml:7:11: warning: 'http://pytorch.org' is an "
                                             "http:// address; use https:// where the site offers it")
