"""The data writer: checks the data as it would be on a copy, writes only what changed, whole files, or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlmatrix.data.writer import DataWriter, WriteError


def test_only_changed_files_are_written_whole_with_nothing_left_behind(mini_data: Path) -> None:
    pytorch, tensorflow = mini_data / "frameworks" / "pytorch.yaml", mini_data / "frameworks" / "tensorflow.yaml"
    new = pytorch.read_text(encoding="utf-8").replace("name: PyTorch", "name: PyTorch (edited)", 1)
    assert new != pytorch.read_text(encoding="utf-8")
    written = DataWriter(mini_data).write({pytorch: new, tensorflow: tensorflow.read_text(encoding="utf-8")})
    assert written == [pytorch] and pytorch.read_text(encoding="utf-8") == new
    assert not [p for p in mini_data.rglob("*") if p.name.endswith(".tmp")]


def test_a_write_that_would_leave_invalid_data_writes_nothing(mini_data: Path) -> None:
    pytorch = mini_data / "frameworks" / "pytorch.yaml"
    before = pytorch.read_text(encoding="utf-8")
    with pytest.raises(WriteError, match="nothing was written") as refused:
        DataWriter(mini_data).write({pytorch: before.replace("id: pytorch", "id: Not An Id", 1)})
    assert "frameworks/pytorch.yaml" in str(refused.value)
    assert pytorch.read_text(encoding="utf-8") == before


def test_a_file_edited_since_the_tool_read_it_is_not_overwritten(mini_data: Path) -> None:
    pytorch = mini_data / "frameworks" / "pytorch.yaml"
    writer = DataWriter(mini_data)
    original = writer.original(pytorch) or ""
    pytorch.write_text(original + "# someone else's edit\n", encoding="utf-8")
    with pytest.raises(WriteError, match="changed while it was being rewritten"):
        writer.write({pytorch: original.replace("name: PyTorch", "name: PyTorch 2", 1)})
    assert pytorch.read_text(encoding="utf-8").endswith("# someone else's edit\n")
