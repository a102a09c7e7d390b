"""Questions asked of a loaded Dataset: cells (missing ones made explicit), matrix rows, scores, coverage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dlmatrix.data.load import Dataset
from dlmatrix.data.model import Category, Cell, FeatureDef, Framework, UseCase

LEVEL_SCORES: dict[str, float] = {"full": 1.0, "plugin": 0.75, "partial": 0.5, "deprecated": 0.25, "none": 0.0,
                                  "unknown": 0.0}
LACKING = ("none", "deprecated", "unknown")  # a must-have at one of these levels is not met


def format_value(value: str | int | float | dt.date | None) -> str:
    """A cell value as shown: dates ISO, figures with thousands separators, '' for no value."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.1f}" if value % 1 else f"{value:,.0f}"
    return str(value)


@dataclass(frozen=True)
class CellView:
    """A cell as shown: `missing` when the framework file has no entry for the feature."""

    framework: Framework
    feature: FeatureDef
    cell: Cell | None

    @property
    def missing(self) -> bool:
        return self.cell is None

    @property
    def level(self) -> str:
        """A support level, 'value' for a known text/date/version/number, or 'unknown'."""
        if self.cell is None or self.cell.level == "unknown":
            return "unknown"
        if self.feature.kind == "support":
            return self.cell.level or "unknown"
        return "value"

    @property
    def display_value(self) -> str:
        return "" if self.cell is None else format_value(self.cell.value)

    @property
    def compare_key(self) -> str:
        """What "show only differences" compares: the level, or the value for value features."""
        return self.level if self.level != "value" else f"value:{self.display_value}"


@dataclass(frozen=True)
class MatrixRow:
    feature: FeatureDef
    category: Category
    cells: tuple[CellView, ...]

    @property
    def all_same(self) -> bool:
        return len({cell.compare_key for cell in self.cells}) <= 1


@dataclass(frozen=True)
class MatrixGroup:
    category: Category
    rows: tuple[MatrixRow, ...]


def cell_view(framework: Framework, feature: FeatureDef) -> CellView:
    return CellView(framework=framework, feature=feature, cell=framework.cells.get(feature.id))


def matrix_groups(dataset: Dataset, frameworks: tuple[Framework, ...] | None = None,
                  category_ids: tuple[str, ...] | None = None) -> tuple[MatrixGroup, ...]:
    """Rows grouped by category, in display order, restricted to some frameworks or categories."""
    columns = frameworks if frameworks is not None else dataset.frameworks
    groups = []
    for category in dataset.categories:
        if category_ids is not None and category.id not in category_ids:
            continue
        rows = tuple(MatrixRow(feature, category, tuple(cell_view(fw, feature) for fw in columns))
                     for feature in category.features)
        groups.append(MatrixGroup(category, rows))
    return tuple(groups)


def identity_value(framework: Framework, feature_id: str) -> str:
    """A text/date/version cell's value as text, or 'Unknown'."""
    cell = framework.cells.get(feature_id)
    return format_value(cell.value if cell else None) or "Unknown"


# --- Use-case scoring -------------------------------------------------------------------------

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
    missing_must_haves: tuple[FeatureDef, ...]
    rank: int = 0

    @property
    def meets_must_haves(self) -> bool:
        return not self.missing_must_haves


def feature_weights(dataset: Dataset, use_case: UseCase) -> dict[str, float]:
    """Each support feature's weight: its own entry, else its category's, else 0 (left out)."""
    weights: dict[str, float] = {}
    for category in dataset.categories:
        for feature in category.features:
            if feature.kind != "support":
                continue
            weight = use_case.weights.features.get(feature.id, use_case.weights.categories.get(category.id, 0.0))
            if weight > 0:
                weights[feature.id] = weight
    return weights


def score_framework(dataset: Dataset, use_case: UseCase, framework: Framework) -> UseCaseScore:
    weights = feature_weights(dataset, use_case)
    items = []
    for feature_id, weight in weights.items():
        feature = dataset.feature(feature_id)
        level = cell_view(framework, feature).level
        items.append(ScoreItem(feature, weight, level, weight * LEVEL_SCORES[level]))
    total = sum(item.weight for item in items)
    score = 100 * sum(item.points for item in items) / total if total else 0.0
    missing = tuple(dataset.feature(f) for f in use_case.must_have
                    if cell_view(framework, dataset.feature(f)).level in LACKING)
    return UseCaseScore(framework, round(score, 1), tuple(items),
                        tuple(item.feature for item in items if item.level == "unknown"), missing)


_rankings: dict[str, tuple[Dataset, UseCase, tuple[UseCaseScore, ...]]] = {}


def score_use_case(dataset: Dataset, use_case: UseCase) -> tuple[UseCaseScore, ...]:
    """Every framework scored, best first; frameworks that miss a must-have rank after those that don't.
    Computed once per dataset: every framework page asks for every use case's ranking."""
    cached = _rankings.get(use_case.id)
    if cached is not None and cached[0] is dataset and cached[1] is use_case:
        return cached[2]
    ranking = _rank(dataset, use_case)
    _rankings[use_case.id] = (dataset, use_case, ranking)
    return ranking


def _rank(dataset: Dataset, use_case: UseCase) -> tuple[UseCaseScore, ...]:
    scores = [score_framework(dataset, use_case, framework) for framework in dataset.frameworks]
    scores.sort(key=lambda s: (not s.meets_must_haves, -s.score, s.framework.name.casefold()))
    return tuple(UseCaseScore(s.framework, s.score, s.items, s.unknown, s.missing_must_haves, rank=i + 1)
                 for i, s in enumerate(scores))


# --- Coverage ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Coverage:
    framework: Framework
    known: int
    unknown: int
    missing: int  # no entry at all (counted in unknown too)
    stale: int  # verified more than `stale_after_days` ago
    oldest: dt.date | None
    unknown_features: tuple[FeatureDef, ...] = field(default=())


def coverage(dataset: Dataset, today: dt.date, stale_after_days: int = 365) -> tuple[Coverage, ...]:
    result = []
    for framework in dataset.frameworks:
        views = [cell_view(framework, feature) for feature in dataset.features]
        dates = [v.cell.verified for v in views if v.cell is not None]
        unknown = [v for v in views if v.level == "unknown"]
        result.append(Coverage(
            framework=framework,
            known=len(views) - len(unknown),
            unknown=len(unknown),
            missing=sum(v.missing for v in views),
            stale=sum((today - d).days > stale_after_days for d in dates),
            oldest=min(dates) if dates else None,
            unknown_features=tuple(v.feature for v in unknown),
        ))
    return tuple(result)


# --- Framework profile ------------------------------------------------------------------------

@dataclass(frozen=True)
class Profile:
    strengths: tuple[FeatureDef, ...]  # full here, while most other active frameworks are not
    gaps: tuple[FeatureDef, ...]  # none/deprecated here, while most other active frameworks are full
    level_counts: dict[str, int]


def profile(dataset: Dataset, framework: Framework) -> Profile:
    peers = [f for f in dataset.frameworks if f.status == "active" and f.id != framework.id]
    strengths, gaps = [], []
    counts: dict[str, int] = {}
    for feature in dataset.features:
        if feature.kind != "support":
            continue
        level = cell_view(framework, feature).level
        counts[level] = counts.get(level, 0) + 1
        peers_full = sum(cell_view(peer, feature).level == "full" for peer in peers)
        if level == "full" and peers and peers_full <= len(peers) / 2:
            strengths.append(feature)
        elif level in ("none", "deprecated") and peers and peers_full > len(peers) / 2:
            gaps.append(feature)
    return Profile(tuple(strengths), tuple(gaps), counts)


def closest_rival(dataset: Dataset, framework: Framework) -> Framework | None:
    """For a framework with a successor that we compare, that successor (the first one its `successor`
    text names); otherwise the other active framework whose support levels agree with it most often."""
    others = [f for f in dataset.frameworks if f.id != framework.id and f.status == "active"]
    if not others:
        return None
    if framework.successor:
        named = [(framework.successor.find(f.name.split(" (")[0]), f) for f in others]
        named = [(at, f) for at, f in named if at != -1]
        if named:
            return min(named, key=lambda pair: pair[0])[1]
    support = [f for f in dataset.features if f.kind == "support"]

    def agreement(other: Framework) -> int:
        return sum(cell_view(framework, f).level == cell_view(other, f).level for f in support)

    return max(others, key=lambda other: (agreement(other), other.name.casefold() < framework.name.casefold()))


def top_use_cases(dataset: Dataset, framework: Framework, best: int = 3) -> tuple[tuple[UseCase, UseCaseScore], ...]:
    """Use cases where the framework ranks in the top `best` or is an editorial pick."""
    result = []
    for use_case in dataset.use_cases:
        score = next(s for s in score_use_case(dataset, use_case) if s.framework.id == framework.id)
        if score.rank <= best or framework.id in use_case.verdict.picks:
            result.append((use_case, score))
    return tuple(result)
