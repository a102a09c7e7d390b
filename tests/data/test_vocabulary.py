"""The one vocabulary table is consistent with the types, and the stylesheet draws every entry of it."""

from __future__ import annotations

import re
from typing import get_args

from dlmatrix.data import vocabulary
from dlmatrix.data.model import Cell, Framework
from dlmatrix.site.assets import STYLESHEET, asset_files

CSS = asset_files()[STYLESHEET].decode("utf-8")  # as shipped: levels.css (from the vocabulary), then the stylesheets


def test_tables_match_the_types_the_model_checks() -> None:
    assert list(vocabulary.LEVELS) == list(get_args(vocabulary.LevelId))
    assert Cell.model_fields["level"].annotation == vocabulary.LevelId | None
    assert "unknown" in vocabulary.STATUSES and Framework.model_fields["status"].annotation == vocabulary.StatusId


def test_must_haves_count_the_levels_marked_as_meeting() -> None:
    assert {"full", "partial", "plugin"} <= set(vocabulary.meeting_levels())
    assert not {"deprecated", "none", "unknown"} & set(vocabulary.meeting_levels())
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


def test_clearly_ahead_is_a_strict_partial_order_that_never_reads_the_score() -> None:
    levels = list(vocabulary.LEVELS)
    ahead = {(a, b) for a in levels for b in levels if vocabulary.compare_levels(a, b) == "ahead"}
    assert all((b, a) not in ahead for a, b in ahead)  # antisymmetric (and irreflexive: a level is "same" as itself)
    assert all((a, c) in ahead for a, b in ahead for b2, c in ahead if b == b2)  # transitive
    for a in levels:
        for b in levels:
            got = vocabulary.compare_levels(a, b)
            flipped = {"ahead": "behind", "behind": "ahead"}.get(got, got)
            assert vocabulary.compare_levels(b, a) == flipped
    # What the answers promise: full leads every other known level; plugin and partial are different, not ranked,
    # even though a plugin scores more in a use case; deprecated is only behind full; unknown is never compared.
    assert {b for a, b in ahead if a == "full"} == set(levels) - {"full", "unknown"}
    assert vocabulary.compare_levels("plugin", "partial") == "different"
    assert vocabulary.LEVELS["plugin"].score > vocabulary.LEVELS["partial"].score
    assert vocabulary.compare_levels("deprecated", "none") == "different"
    assert vocabulary.compare_levels("partial", "none") == "ahead"
    assert all(vocabulary.compare_levels("unknown", level) in ("unknown", "same") for level in levels)


def test_first_party_only_counts_full() -> None:
    assert [level.id for level in vocabulary.LEVELS.values() if level.first_party] == ["full"]
    assert vocabulary.LEVELS["unknown"].first_party is None
    assert {level.id: level.route for level in vocabulary.LEVELS.values()}["plugin"] == "other-project"
