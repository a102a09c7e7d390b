"""Two frameworks side by side: the facts a pair page shows, derived from a Site.

For each topic: the rows where one framework's level is better than the other's, the rows that differ in
another way (a value, or an answer we do not know on one side), and what the editors' topic verdict says
about the two. For each use case: which of the two comes out ahead, by the editors' verdict where it ranks
them apart, else by the computed ranking. Templates turn these into sentences; nothing here is HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from dlmatrix.data.model import FeatureDef, Framework, Topic, UseCase
from dlmatrix.data.scoring import UseCaseScore
from dlmatrix.data.vocabulary import LEVELS
from dlmatrix.site.views import MatrixGroup, Site

Side = Literal["a", "b"]


@dataclass(frozen=True)
class TopicComparison:
    topic: Topic
    a_ahead: tuple[FeatureDef, ...]  # support rows where a's level scores higher than b's
    b_ahead: tuple[FeatureDef, ...]
    other: tuple[FeatureDef, ...]  # rows that differ otherwise: values, or unknown on one side
    same: int  # rows where both give the same answer
    winners: tuple[Framework, ...]  # the editors' topic verdict (empty without one)
    a_standing: str | None  # "pick" or "runner-up" in the topic verdict, else None
    b_standing: str | None

    @property
    def rows(self) -> int:
        return len(self.a_ahead) + len(self.b_ahead) + len(self.other) + self.same

    @property
    def differing(self) -> int:
        return len(self.a_ahead) + len(self.b_ahead) + len(self.other)

    @property
    def leader(self) -> Side | None:
        """Who is ahead on more rows of this topic (None: level)."""
        if len(self.a_ahead) == len(self.b_ahead):
            return None
        return "a" if len(self.a_ahead) > len(self.b_ahead) else "b"


@dataclass(frozen=True)
class UseCaseComparison:
    use_case: UseCase
    a: UseCaseScore
    b: UseCaseScore
    winner: Side
    basis: Literal["editors", "score"]  # the editors rank the two apart, or only the computed ranking does
    a_standing: str | None  # "pick", "runner-up" or None
    b_standing: str | None


@dataclass(frozen=True)
class PairView:
    a: Framework  # the two in alphabetical order of ids, as in the page's URL
    b: Framework
    topics: tuple[TopicComparison, ...]
    differences: tuple[MatrixGroup, ...]  # the differing rows, grouped by topic, with both cells
    use_cases: tuple[UseCaseComparison, ...]

    @property
    def differing(self) -> int:
        return sum(len(group.rows) for group in self.differences)

    @property
    def same(self) -> int:
        return sum(t.same for t in self.topics)

    def ahead(self, side: Side) -> int:
        """On how many rows this side's level is better."""
        return sum(len(t.a_ahead if side == "a" else t.b_ahead) for t in self.topics)

    @property
    def other(self) -> int:
        """Rows that differ otherwise: in values, or unknown on one side."""
        return sum(len(t.other) for t in self.topics)

    def wins(self, side: Side) -> tuple[UseCaseComparison, ...]:
        return tuple(u for u in self.use_cases if u.winner == side)

    def framework(self, side: Side) -> Framework:
        return self.a if side == "a" else self.b


def _standing(framework: Framework, picks: list[str], runners_up: list[str]) -> str | None:
    return "pick" if framework.id in picks else "runner-up" if framework.id in runners_up else None


_RANK = {"pick": 0, "runner-up": 1, None: 2}


def pair_view(site: Site, a_id: str, b_id: str) -> PairView:
    """The pair page's facts for two framework ids, given in any order."""
    first, second = sorted((a_id, b_id))
    if first == second:
        raise ValueError(f"a pair page compares two different frameworks, not {first!r} with itself")
    return site.remember(("pair", first, second), lambda: _compute(site, *site.frameworks([first, second])))


def _compute(site: Site, a: Framework, b: Framework) -> PairView:
    differences = site.differences(a, b)
    differing = {row.feature.id for group in differences for row in group.rows}
    topics = []
    for topic in site.data.topics:
        a_ahead: list[FeatureDef] = []
        b_ahead: list[FeatureDef] = []
        other: list[FeatureDef] = []
        for feature in topic.features:
            if feature.id not in differing:
                continue
            level_a, level_b = site.cell(a, feature).level, site.cell(b, feature).level
            if feature.kind == "support" and "unknown" not in (level_a, level_b):
                score_a, score_b = LEVELS[level_a].score, LEVELS[level_b].score
                if score_a != score_b:
                    (a_ahead if score_a > score_b else b_ahead).append(feature)
                    continue
            other.append(feature)
        topic_verdict = topic.verdict
        winners = site.frameworks(topic_verdict.winners) if topic_verdict else ()
        picks, runners_up = (topic_verdict.winners, topic_verdict.runners_up) if topic_verdict else ([], [])
        topics.append(TopicComparison(topic, tuple(a_ahead), tuple(b_ahead), tuple(other),
                                      len(topic.features) - len(a_ahead) - len(b_ahead) - len(other), winners,
                                      _standing(a, picks, runners_up), _standing(b, picks, runners_up)))
    use_cases = []
    for use_case in site.data.use_cases:
        scores = {s.framework.id: s for s in site.scores.ranking(use_case)}
        verdict = use_case.verdict
        picks, runners_up = (verdict.picks, verdict.runners_up) if verdict else ([], [])
        standing_a, standing_b = _standing(a, picks, runners_up), _standing(b, picks, runners_up)
        if _RANK[standing_a] != _RANK[standing_b]:
            winner: Side = "a" if _RANK[standing_a] < _RANK[standing_b] else "b"
            basis: Literal["editors", "score"] = "editors"
        else:
            winner, basis = ("a" if scores[a.id].rank < scores[b.id].rank else "b"), "score"
        use_cases.append(UseCaseComparison(use_case, scores[a.id], scores[b.id], winner, basis, standing_a, standing_b))
    return PairView(a, b, tuple(topics), differences, tuple(use_cases))
