"""Queries over a small hand-written data set: missing cells, differences, scores and coverage."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dlmatrix.data.load import load_dataset
from dlmatrix.data.model import UseCase
from dlmatrix.site.views import cell_view, coverage, matrix_groups, score_use_case


@pytest.fixture
def dataset(mini_data: Path):  # type: ignore[no-untyped-def]
    return load_dataset(mini_data)


def test_missing_cell_is_unknown_not_dropped(dataset) -> None:  # type: ignore[no-untyped-def]
    view = cell_view(dataset.framework("oldnet"), dataset.feature("mobile_runtime"))
    assert view.missing and view.level == "unknown"
    groups = matrix_groups(dataset)
    assert sum(len(row.cells) for g in groups for row in g.rows) == 3 * 7


def test_rows_where_all_frameworks_agree(dataset) -> None:  # type: ignore[no-untyped-def]
    two = (dataset.framework("tensorflow"), dataset.framework("pytorch"))
    rows = {row.feature.id: row for g in matrix_groups(dataset, two) for row in g.rows}
    assert rows["eager_by_default"].all_same
    assert rows["mobile_runtime"].all_same
    assert not rows["browser_runtime"].all_same
    assert not rows["steward"].all_same  # values differ


def test_score_use_case_weights_and_must_haves(dataset) -> None:  # type: ignore[no-untyped-def]
    use_case = UseCase.model_validate({
        "id": "mobile", "name": "Mobile", "order": 1, "audience": "App developers.",
        "summary": "Shipping models in apps.", "must_have": ["mobile_runtime"],
        "weights": {"categories": {"deployment": 1}, "features": {"mobile_runtime": 3}},
        "verdict": {"picks": ["pytorch"], "reasoning": "Because.", "sources": ["https://pytorch.org"],
                    "verified": dt.date(2026, 11, 1)},
    })
    scores = score_use_case(dataset, use_case)
    by_id = {s.framework.id: s for s in scores}
    # tensorflow: mobile full (3) + browser partial (1 x 0.5) = 3.5 of 4
    assert by_id["tensorflow"].score == 87.5
    assert by_id["pytorch"].score == 75.0  # browser none
    assert by_id["oldnet"].score == 0.0 and len(by_id["oldnet"].unknown) == 2
    assert by_id["oldnet"].missing_must_haves and not by_id["tensorflow"].missing_must_haves
    assert [s.framework.id for s in scores] == ["tensorflow", "pytorch", "oldnet"]
    assert [s.rank for s in scores] == [1, 2, 3]
    assert {item.feature.id: item.weight for item in by_id["pytorch"].items} == {"mobile_runtime": 3,
                                                                                 "browser_runtime": 1}


def test_coverage_counts_unknown_and_stale(dataset) -> None:  # type: ignore[no-untyped-def]
    result = {c.framework.id: c for c in coverage(dataset, today=dt.date(2026, 11, 25))}
    assert (result["tensorflow"].known, result["tensorflow"].unknown) == (6, 1)
    assert result["tensorflow"].stale == 1  # browser_runtime checked 2025-01-01
    assert result["tensorflow"].oldest == dt.date(2025, 1, 1)
    assert (result["oldnet"].known, result["oldnet"].unknown, result["oldnet"].missing) == (1, 6, 6)


def test_closest_rival_is_the_successor_of_a_retired_framework(dataset) -> None:  # type: ignore[no-untyped-def]
    from dlmatrix.site.views import closest_rival

    assert closest_rival(dataset, dataset.framework("oldnet")).id == "pytorch"  # its successor text names it
    assert closest_rival(dataset, dataset.framework("pytorch")).id == "tensorflow"  # the only other active one
