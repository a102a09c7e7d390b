"""Two frameworks side by side: the facts a pair page shows, derived from a Site.

For each topic: the rows where one framework is clearly ahead of the other (vocabulary.compare_levels, never the
score: a plugin is not "ahead" of a partial first-party answer), the rows that differ in another way (a value,
levels that are different rather than better, or an answer we do not know on one side), and what the editors'
topic verdict says about the two. For each use case: the editors' verdict decides; a co-pick or two runners-up
is a tie, said as such; only where the editors name neither does the computed ranking speak, labelled "by
score". "Choose A if…" lists come from those outcomes and clear leads only. Nothing here is HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from dlmatrix.data.model import FeatureDef, Framework, Topic, UseCase
from dlmatrix.data.scoring import UseCaseScore
from dlmatrix.data.vocabulary import compare_levels
from dlmatrix.site.views import MatrixGroup, Site

Side = Literal["a", "b"]


@dataclass(frozen=True)
class EditorsSay:
    """A topic verdict about two frameworks: both picked (level), one picked (the other perhaps runner-up), or others
    picked (one of the two perhaps runner-up)."""

    kind: Literal["both-picked", "one-picked", "others-picked"]
    pick: Side | None = None
    runner_up: Side | None = None


@dataclass(frozen=True)
class TopicComparison:
    topic: Topic
    a_ahead: tuple[FeatureDef, ...]  # support rows where a's level is clearly ahead of b's (vocabulary.compare_levels)
    b_ahead: tuple[FeatureDef, ...]
    other: tuple[FeatureDef, ...]  # rows that differ otherwise: values, different levels, or unknown on one side
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

    def ahead(self, side: Side) -> tuple[FeatureDef, ...]:
        return self.a_ahead if side == "a" else self.b_ahead

    @property
    def editors(self) -> EditorsSay | None:
        """What the topic's verdict says about the two, as one of three sentences (None without a verdict)."""
        if not self.winners:
            return None
        sides: tuple[Side, Side] = ("a", "b")
        picked = [side for side in sides if self.standing(side) == "pick"]
        runner = next((side for side in sides if self.standing(side) == "runner-up"), None)
        if len(picked) == 2:
            return EditorsSay("both-picked")
        return EditorsSay("one-picked" if picked else "others-picked", picked[0] if picked else None, runner)

    def standing(self, side: Side) -> str | None:
        return self.a_standing if side == "a" else self.b_standing


Outcome = Literal["a", "b", "tie"]
Basis = Literal["editors", "score"]


@dataclass(frozen=True)
class UseCaseComparison:
    use_case: UseCase
    a: UseCaseScore
    b: UseCaseScore
    outcome: Outcome  # who the use case favours; "tie": the editors rank them level, or the score cannot tell them apart
    basis: Basis  # the editors' verdict names at least one of the two, or only the computed ranking speaks
    a_standing: str | None  # "pick", "runner-up" or None
    b_standing: str | None

    @property
    def winner(self) -> Side | None:
        return None if self.outcome == "tie" else self.outcome

    def standing(self, side: Side) -> str | None:
        return self.a_standing if side == "a" else self.b_standing

    @property
    def tie_words(self) -> str:
        """Why a tie is a tie, in a few words."""
        if self.a_standing == "pick":
            return "the editors pick both"
        if self.a_standing:
            return "both are the editors' runners-up"
        return "level by score" if self.a.ranked and self.b.ranked else "too little known to rank by score"

    def score(self, side: Side) -> UseCaseScore:
        return self.a if side == "a" else self.b


@dataclass(frozen=True)
class Reason:
    """One line of "Choose A if…": use cases that favour A for the same reason, the topics whose editors' verdict
    picks A over B, or the rows where A is clearly ahead of B."""

    kind: Literal["use-cases", "topics", "leads"]
    basis: Basis | None = None  # use cases: the editors' verdict or, where it names neither, the score
    standing: str | None = None  # use cases by the editors: this side's standing ("pick", "runner-up")
    other_standing: str | None = None  # and the other side's (None: not named)
    use_cases: tuple[UseCaseComparison, ...] = ()
    topics: tuple[TopicComparison, ...] = ()
    features: tuple[FeatureDef, ...] = ()


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

    @property
    def ties(self) -> tuple[UseCaseComparison, ...]:
        return tuple(u for u in self.use_cases if u.outcome == "tie")

    def choose(self, side: Side) -> tuple[Reason, ...]:
        """The reasons to choose this side, strongest first: use cases the editors favour it for (grouped by how
        they name the two), use cases only the score favours it for, topics whose editors' verdict picks it over the
        other, and every row where it is clearly ahead."""
        other: Side = "b" if side == "a" else "a"
        reasons: list[Reason] = []
        wins = self.wins(side)
        for standing, other_standing in (("pick", None), ("pick", "runner-up"), ("runner-up", None)):
            group = tuple(u for u in wins if u.basis == "editors" and u.standing(side) == standing
                          and u.standing(other) == other_standing)
            if group:
                reasons.append(Reason("use-cases", "editors", standing, other_standing, use_cases=group))
        scored = tuple(u for u in wins if u.basis == "score")
        if scored:
            reasons.append(Reason("use-cases", "score", use_cases=scored))
        picked = tuple(t for t in self.topics if t.standing(side) == "pick" and t.standing(other) != "pick")
        if picked:
            reasons.append(Reason("topics", topics=picked))
        leads = tuple(feature for t in self.topics for feature in t.ahead(side))
        if leads:
            reasons.append(Reason("leads", features=leads))
        return tuple(reasons)

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
            relation = compare_levels(site.cell(a, feature).level, site.cell(b, feature).level)
            if feature.kind == "support" and relation in ("ahead", "behind"):
                (a_ahead if relation == "ahead" else b_ahead).append(feature)
            else:
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
        outcome, basis = _outcome(standing_a, standing_b, scores[a.id], scores[b.id])
        use_cases.append(UseCaseComparison(use_case, scores[a.id], scores[b.id], outcome, basis, standing_a, standing_b))
    return PairView(a, b, tuple(topics), differences, tuple(use_cases))


def _outcome(standing_a: str | None, standing_b: str | None, a: UseCaseScore, b: UseCaseScore) -> tuple[Outcome, Basis]:
    """The editors decide whenever their verdict names either framework (a co-pick, or two runners-up, is a tie);
    the computed ranking speaks only where they name neither, and a tie there stays a tie (equal scores, or a
    framework with too little known to rank)."""
    if standing_a or standing_b:
        if _RANK[standing_a] == _RANK[standing_b]:
            return "tie", "editors"
        return ("a" if _RANK[standing_a] < _RANK[standing_b] else "b"), "editors"
    same_standing = (bool(a.missing_must_haves), bool(a.unknown_must_haves)) == \
        (bool(b.missing_must_haves), bool(b.unknown_must_haves))
    if not (a.ranked and b.ranked) or (a.score == b.score and same_standing):
        return "tie", "score"
    return ("a" if a.rank < b.rank else "b"), "score"
