"""The view layer over a small hand-written data set: missing cells, differences, scores, roles, coverage."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dlmatrix.data.load import load_dataset
from dlmatrix.data.model import UseCase
from dlmatrix.site.views import Site, months_before, stale_cutoff

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def site(mini_data: Path) -> Site:
    return Site(load_dataset(mini_data), TODAY)


def test_missing_cell_is_unknown_not_dropped(site: Site) -> None:
    view = site.cell(site.data.framework("oldnet"), site.data.feature("mobile_runtime"))
    assert view.missing and view.level == "unknown" and view.meets is None
    rows = [row for group in site.groups() for row in group.rows]
    assert sum(len(row.cells) for row in rows) == len(site.data.frameworks) * len(site.data.features)


def test_rows_where_frameworks_differ(site: Site) -> None:
    two = site.frameworks(["tensorflow", "pytorch"])
    rows = {row.feature.id: row for g in site.groups(two) for row in g.rows}
    assert not rows["eager_by_default"].differs
    assert not rows["mobile_runtime"].differs
    assert rows["browser_runtime"].differs
    assert rows["steward"].differs  # values differ
    differences = [row.feature.id for g in site.differences(*two) for row in g.rows]
    assert differences == [f for f, row in rows.items() if row.differs]


def use_case(**changes: object) -> UseCase:
    data: dict[str, object] = {
        "id": "mobile", "name": "Mobile", "order": 1, "audience": "App developers.",
        "summary": "Shipping models in apps.", "must_have": ["mobile_runtime"],
        "weights": {"topics": {"deployment": 1}, "features": {"mobile_runtime": 3}},
        "verdict": {"picks": ["pytorch"], "reasoning": "Because.", "sources": ["https://pytorch.org"],
                    "verified": dt.date(2026, 11, 1)},
    }
    return UseCase.model_validate(data | changes)


def test_ranking_weights_and_must_haves(site: Site) -> None:
    scores = site.ranking(use_case())
    by_id = {s.framework.id: s for s in scores}
    # tensorflow: mobile full (3) + browser partial (1 x 0.5) = 3.5 of 4
    assert by_id["tensorflow"].score == 87.5
    assert by_id["pytorch"].score == 75.0  # browser none
    assert by_id["oldnet"].score == 0.0 and len(by_id["oldnet"].unknown) == 2
    # oldnet has no mobile_runtime cell: its must-have is unknown, not lacking
    assert by_id["oldnet"].unknown_must_haves and not by_id["oldnet"].missing_must_haves
    assert by_id["tensorflow"].meets_must_haves
    assert [s.framework.id for s in scores] == ["tensorflow", "pytorch", "oldnet"]
    assert [s.rank for s in scores] == [1, 2, 3]
    assert {item.feature.id: item.weight for item in by_id["pytorch"].items} == {"mobile_runtime": 3,
                                                                                 "browser_runtime": 1}


def test_a_lacking_must_have_ranks_after_an_unknown_one(site: Site) -> None:
    # pytorch has browser_runtime: none (lacks it); oldnet does not say (unknown)
    scores = site.ranking(use_case(id="web", must_have=["browser_runtime"]))
    assert [s.framework.id for s in scores] == ["tensorflow", "oldnet", "pytorch"]
    assert [f.id for f in scores[2].missing_must_haves] == ["browser_runtime"]


def test_disagreement_when_the_computed_top_is_not_a_pick(site: Site) -> None:
    assert site.disagreement(use_case(id="a")) is not None  # tensorflow computes first, pytorch is picked
    verdict = {"picks": ["tensorflow"], "reasoning": "Because.", "sources": ["https://www.tensorflow.org"],
               "verified": dt.date(2026, 11, 1)}
    assert site.disagreement(use_case(id="b", verdict=verdict)) is None


def test_identity_is_found_by_role_not_by_feature_id(site: Site) -> None:
    pytorch = site.data.framework("pytorch")
    (row,) = site.identity(pytorch, ("steward",))
    assert row.view is not None and row.view.feature.id == "steward" and row.text != "Unknown"
    assert site.identity_text(pytorch, "license") == "Unknown"  # no feature holds this role in the fixture


def test_coverage_counts_unknown_and_stale(site: Site) -> None:
    result = {c.framework.id: c for c in site.coverage}
    assert (result["tensorflow"].known, result["tensorflow"].unknown) == (6, 1)
    assert result["tensorflow"].stale == 1  # browser_runtime checked 2025-01-01
    assert result["tensorflow"].oldest == dt.date(2025, 1, 1)
    assert (result["oldnet"].known, result["oldnet"].unknown, result["oldnet"].missing) == (1, 6, 6)


@pytest.mark.parametrize("today, cutoff", [
    (dt.date(2026, 11, 25), dt.date(2025, 11, 25)),
    (dt.date(2028, 2, 29), dt.date(2027, 2, 28)),  # leap day: the same calendar day a year before, or the last
    (dt.date(2026, 3, 31), dt.date(2025, 3, 31)),
])
def test_stale_means_twelve_calendar_months(today: dt.date, cutoff: dt.date) -> None:
    assert stale_cutoff(today) == cutoff
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)


def test_closest_rival_is_the_successor_of_a_retired_framework(site: Site) -> None:
    oldnet, pytorch = site.data.framework("oldnet"), site.data.framework("pytorch")
    assert site.rival(oldnet).id == "pytorch"  # type: ignore[union-attr]  # its successor text names it
    assert site.rival(pytorch).id == "tensorflow"  # type: ignore[union-attr]  # the only other active one


def test_a_page_naming_an_unknown_id_fails(site: Site) -> None:
    with pytest.raises(ValueError, match="unknown framework id"):
        site.frameworks(["nope"])
    with pytest.raises(ValueError, match="unknown feature id"):
        site.rows(site.data.frameworks, ["nope"])


def test_popover_ids_are_unique_and_short(site: Site) -> None:
    ids = [site.popover_id(site.cell(fw, f)) for fw in site.data.frameworks for f in site.data.features]
    assert len(set(ids)) == len(ids) == len(site.data.frameworks) * len(site.data.features)
    assert all(i.startswith("c") and len(i) <= 8 for i in ids)
