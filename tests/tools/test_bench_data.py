"""The benchmark's synthetic data generator writes valid data sets of the requested size."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlmatrix.data.load import load_dataset
from dlmatrix.site.stubs import expected_stubs, orphan_stubs, write_stubs
from dlmatrix.tools.bench_data import generate_dataset


@pytest.mark.parametrize(("frameworks", "features"), [(2, 1), (5, 20), (10, 100), (3, 45)])
def test_generated_data_is_valid_and_sized(tmp_path: Path, frameworks: int, features: int) -> None:
    data = generate_dataset(tmp_path / "data", frameworks, features)
    dataset = load_dataset(data)  # raises DataErrors on any problem
    assert len(dataset.frameworks) == frameworks
    assert len(dataset.features) == features
    assert {"tensorflow", "pytorch"} <= {f.id for f in dataset.frameworks}
    assert "overview" in {c.id for c in dataset.topics}
    assert all(len(f.cells) == features for f in dataset.frameworks)
    assert dataset.use_cases


def test_generator_is_deterministic(tmp_path: Path) -> None:
    a = generate_dataset(tmp_path / "a", 4, 30)
    b = generate_dataset(tmp_path / "b", 4, 30)
    files = sorted(p.relative_to(a) for p in a.rglob("*.yaml"))
    assert files == sorted(p.relative_to(b) for p in b.rglob("*.yaml"))
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)


def test_stubs_for_generated_data(tmp_path: Path) -> None:
    data = generate_dataset(tmp_path / "data", 3, 25)
    dataset = load_dataset(data)
    written = write_stubs(dataset, tmp_path / "docs")
    assert set(written) == set(expected_stubs(dataset, tmp_path / "docs"))  # entity pages and pair pages
    assert not orphan_stubs(dataset, tmp_path / "docs")


def test_too_small_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        generate_dataset(tmp_path / "data", 1, 10)


def test_every_level_of_the_vocabulary_has_a_weight() -> None:
    from dlmatrix.data.vocabulary import LEVELS
    from dlmatrix.tools.bench_data import LEVEL_WEIGHTS

    assert set(LEVEL_WEIGHTS) == set(LEVELS) and all(weight > 0 for weight in LEVEL_WEIGHTS.values())
