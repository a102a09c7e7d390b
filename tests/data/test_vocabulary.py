"""The one vocabulary table is consistent with the types, and the stylesheet draws every entry of it."""

from __future__ import annotations

import re
from typing import get_args

from dlmatrix.data import vocabulary
from dlmatrix.data.model import Cell, Framework
from tests.conftest import ROOT

CSS = (ROOT / "dlmatrix/site/static/matrix.css").read_text(encoding="utf-8")


def test_tables_match_the_types_the_model_checks() -> None:
    assert list(vocabulary.LEVELS) == list(get_args(vocabulary.LevelId))
    assert Cell.model_fields["level"].annotation == vocabulary.LevelId | None
    assert "unknown" in vocabulary.STATUSES and Framework.model_fields["status"].annotation == vocabulary.StatusId


def test_must_haves_count_the_levels_marked_as_meeting() -> None:
    assert vocabulary.meeting_levels() == ("full", "partial", "plugin")
    assert vocabulary.LEVELS["unknown"].meets is None  # unknown is not "lacks"
    assert vocabulary.script_table()["meets"] == list(vocabulary.meeting_levels())


def test_scores_are_ordered_as_the_levels_promise() -> None:
    scores = {level.id: level.score for level in vocabulary.LEVELS.values()}
    assert scores["full"] == 1 and scores["none"] == scores["unknown"] == 0
    assert scores["full"] > scores["plugin"] > scores["partial"] > scores["deprecated"] > scores["none"]


def test_the_stylesheet_draws_every_level_icon_and_colours_every_tone() -> None:
    for level in vocabulary.LEVELS.values():
        rule = re.search(rf"\.dlm-level--{level.id}::before\s*{{[^}}]*}}", CSS)
        assert rule is not None and f'"{level.icon}"' in rule.group(0), f"no icon rule for {level.id}"
    tones = {s.tone for s in vocabulary.STATUSES.values()} | {v.tone for v in vocabulary.CLAIM_VERDICTS.values()}
    for tone in tones:
        assert f"--dlm-{tone}:" in CSS, f"no colour for tone {tone}"
    for status in vocabulary.STATUSES:
        assert f".dlm-status--{status}" in CSS or status == "active", f"no style for status {status}"
