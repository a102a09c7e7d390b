"""Use-case scores and rankings (dlmatrix/data/scoring.py) over the small hand-written data set."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from dlmatrix.data.load import load_dataset
from dlmatrix.data.model import UseCase
from dlmatrix.data.scoring import Scoring


@pytest.fixture
def scores(mini_data: Path) -> Scoring:
    return Scoring(load_dataset(mini_data))


def use_case(**changes: object) -> UseCase:
    data: dict[str, object] = {
        "id": "mobile", "name": "Mobile", "order": 1, "audience": "App developers.",
        "summary": "Shipping models in apps.", "must_have": ["mobile_runtime"],
        "weights": {"topics": {"deployment": 1}, "features": {"mobile_runtime": 3}},
        "verdict": {"picks": ["pytorch"], "reasoning": "Because.", "sources": ["https://pytorch.org"],
                    "verified": dt.date(2026, 11, 1)},
    }
    return UseCase.model_validate(data | changes)


def test_ranking_weights_and_must_haves(scores: Scoring) -> None:
    scores = scores.ranking(use_case())
    by_id = {s.framework.id: s for s in scores}
    # tensorflow: mobile full (3) + browser partial (1 x 0.5) = 3.5 of 4
    assert by_id["tensorflow"].score == 87.5
    assert by_id["pytorch"].score == 75.0  # browser none
    assert by_id["oldnet"].score == 0.0 and len(by_id["oldnet"].unknown) == 2
    # oldnet has no mobile_runtime cell: its must-have is unknown, not lacking
    assert by_id["oldnet"].unknown_must_haves and not by_id["oldnet"].missing_must_haves
    assert by_id["tensorflow"].meets_must_haves
    assert [s.framework.id for s in scores] == ["tensorflow", "pytorch", "oldnet"]
    # oldnet: nothing known of what the use case weighs, so it is listed apart, unranked (SiteSettings.min_known_share)
    assert [(s.rank, s.ranked) for s in scores] == [(1, True), (2, True), (0, False)]
    assert scores[2].known_share == 0.0 and scores[0].known_share == 1.0
    assert {item.feature.id: item.weight for item in by_id["pytorch"].items} == {"mobile_runtime": 3,
                                                                                 "browser_runtime": 1}


def test_a_lacking_must_have_ranks_after_an_unknown_one(mini_data: Path) -> None:
    # pytorch has browser_runtime: none (lacks it); oldnet does not say (unknown). Every framework is ranked here.
    dataset = load_dataset(mini_data)
    everyone = Scoring(replace(dataset, settings=dataset.settings.model_copy(update={"min_known_share": 0.0})))
    scores = everyone.ranking(use_case(id="web", must_have=["browser_runtime"]))
    assert [s.framework.id for s in scores] == ["tensorflow", "oldnet", "pytorch"]
    assert [f.id for f in scores[2].missing_must_haves] == ["browser_runtime"]


def test_disagreement_when_the_computed_top_is_not_a_pick(scores: Scoring) -> None:
    assert scores.disagreement(use_case(id="a")) is not None  # tensorflow computes first, pytorch is picked
    verdict = {"picks": ["tensorflow"], "reasoning": "Because.", "sources": ["https://www.tensorflow.org"],
               "verified": dt.date(2026, 11, 1)}
    assert scores.disagreement(use_case(id="b", verdict=verdict)) is None


def test_a_framework_with_too_little_known_is_listed_apart_never_above_a_ranked_one(mini_data: Path) -> None:
    dataset = load_dataset(mini_data)
    for share in (0.0, 0.5, 1.0):
        scores = Scoring(replace(dataset, settings=dataset.settings.model_copy(update={"min_known_share": share})))
        ranking = scores.ranking(use_case())
        ranked = [s for s in ranking if s.ranked]
        assert ranking[: len(ranked)] == tuple(ranked)  # every unranked one comes after every ranked one
        assert all(s.ranked == (s.known_share >= share) for s in ranking)
        assert [s.rank for s in ranked] == list(range(1, len(ranked) + 1)) and all(s.rank == 0 for s in ranking if not s.ranked)
