"""Use-case scores and rankings: derived from the data alone, so validation rules and every page share them.

A framework's score for a use case is the weighted share of the use case's support rows at each row's level
score (vocabulary.py). A ranking puts frameworks that lack a must-have last and those whose must-haves are
unknown just before them. The view layer (dlmatrix/site/views.py) shows these; it never recomputes them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from dlmatrix.data.dataset import Dataset
from dlmatrix.data.model import Cell, FeatureDef, Framework, UseCase
from dlmatrix.data.vocabulary import LEVELS, UNKNOWN, VALUE


def cell_level(feature: FeatureDef, cell: Cell | None) -> str:
    """A support level, VALUE for a known text/date/version/number, or UNKNOWN (also for a missing cell)."""
    if cell is None or cell.level == UNKNOWN:
        return UNKNOWN
    if feature.kind == "support":
        return cell.level or UNKNOWN
    return VALUE


@dataclass(frozen=True)
class ScoreItem:
    feature: FeatureDef
    weight: float
    level: str
    points: float  # weight x level score


@dataclass(frozen=True)
class UseCaseScore:
    framework: Framework
    score: float  # 0..100
    items: tuple[ScoreItem, ...]
    unknown: tuple[FeatureDef, ...]
    missing_must_haves: tuple[FeatureDef, ...]  # the framework lacks these (no or deprecated)
    unknown_must_haves: tuple[FeatureDef, ...]  # we do not know whether it has these
    known_share: float = 1.0  # share of the weighted rows whose level is known, 0..1
    ranked: bool = True  # False: too little is known to place it among the others (SiteSettings.min_known_share)
    rank: int = 0  # 1.. for ranked frameworks, 0 for the others

    @property
    def meets_must_haves(self) -> bool:
        return not self.missing_must_haves and not self.unknown_must_haves


@dataclass(frozen=True)
class Disagreement:
    """The computed ranking's top differs from the editors' pick; the page says why."""

    computed_top: UseCaseScore
    picks: tuple[Framework, ...]


class Scoring:
    """Scores and rankings of one Dataset, each computed once."""

    def __init__(self, dataset: Dataset) -> None:
        self.data = dataset
        self._rankings: dict[str, tuple[UseCaseScore, ...]] = {}

    def level(self, framework: Framework, feature: FeatureDef) -> str:
        return cell_level(feature, framework.cells.get(feature.id))

    def weights(self, use_case: UseCase) -> dict[str, float]:
        """Each support feature's weight: its own entry, else its topic's, else 0 (left out)."""
        weights: dict[str, float] = {}
        for topic in self.data.topics:
            for feature in topic.features:
                if feature.kind != "support":
                    continue
                weight = use_case.weights.features.get(feature.id, use_case.weights.topics.get(topic.id, 0.0))
                if weight > 0:
                    weights[feature.id] = weight
        return weights

    def score(self, use_case: UseCase, framework: Framework) -> UseCaseScore:
        items = []
        for feature_id, weight in self.weights(use_case).items():
            feature = self.data.feature(feature_id)
            level = self.level(framework, feature)
            items.append(ScoreItem(feature, weight, level, weight * LEVELS[level].score))
        total = sum(item.weight for item in items)
        known = sum(item.weight for item in items if item.level != UNKNOWN)
        score = 100 * sum(item.points for item in items) / total if total else 0.0
        musts = [(feature, LEVELS[self.level(framework, feature)].meets)
                 for feature in map(self.data.feature, use_case.must_have)]
        known_share = known / total if total else 1.0
        return UseCaseScore(framework, round(score, 1), tuple(items),
                            tuple(item.feature for item in items if item.level == UNKNOWN),
                            tuple(feature for feature, meets in musts if meets is False),
                            tuple(feature for feature, meets in musts if meets is None),
                            known_share=known_share, ranked=known_share >= self.data.settings.min_known_share)

    def ranking(self, use_case: UseCase) -> tuple[UseCaseScore, ...]:
        """Every framework scored, best first: those that lack a must-have rank last, those whose must-haves
        are unknown just before them; frameworks with too little known are listed after every ranked one, unranked."""
        if use_case.id not in self._rankings:
            scores = [self.score(use_case, framework) for framework in self.data.frameworks]
            scores.sort(key=lambda s: (not s.ranked, bool(s.missing_must_haves), bool(s.unknown_must_haves), -s.score,
                                       s.framework.name.casefold()))
            self._rankings[use_case.id] = tuple(replace(s, rank=i + 1 if s.ranked else 0) for i, s in enumerate(scores))
        return self._rankings[use_case.id]

    def disagreement(self, use_case: UseCase) -> Disagreement | None:
        ranking = self.ranking(use_case)
        if not ranking or use_case.verdict is None or ranking[0].framework.id in use_case.verdict.picks:
            return None
        return Disagreement(ranking[0], tuple(map(self.data.framework, use_case.verdict.picks)))

    def computed_runners_up(self, use_case: UseCase) -> tuple[UseCaseScore, ...]:
        """When the editors name runners-up that are not the next ones the score ranks after the picks: those
        next ones (as many as there are runners-up). Empty when the two agree or there are no runners-up."""
        verdict = use_case.verdict
        if verdict is None or not verdict.runners_up:
            return ()
        after = [s for s in self.ranking(use_case) if s.framework.id not in verdict.picks][:len(verdict.runners_up)]
        return () if {s.framework.id for s in after} == set(verdict.runners_up) else tuple(after)

    def needs_explanation(self, use_case: UseCase) -> bool:
        """The editors' pick or runners-up differ from the computed ranking: the verdict must say why."""
        return self.disagreement(use_case) is not None or bool(self.computed_runners_up(use_case))
