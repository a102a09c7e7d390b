"""The view layer: one `Site` per dataset owns every fact derived from the data.

Cells (missing ones made explicit), matrix rows, identity rows found by role, use-case verdicts (rankings
are the data layer's, dlmatrix/data/scoring.py), differences between frameworks, staleness, coverage, strengths
and gaps. Templates only display what a Site gives them; pages (pages/*.py) ask it and render.
`site_for` is the one cache of the site layer: a Site lives as long as the data files are unchanged.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import combinations
from pathlib import Path
from typing import Any, TypeVar

from dlmatrix.data.dataset import Dataset
from dlmatrix.data.evidence import Evidence, Known, evidence_files, project_evidence
from dlmatrix.data.layout import data_files, path_of
from dlmatrix.data.load import load_dataset
from dlmatrix.data.model import Cell, FeatureDef, Framework, Topic, UseCase
from dlmatrix.data.scoring import Disagreement, Scoring, UseCaseScore, cell_level
from dlmatrix.data.vocabulary import DERIVATIONS, FULL, LEVELS, ROLES, UNKNOWN, VALUE, Derivation
from dlmatrix.site.snippets import FrameworkCode, Snippet, code_links, framework_code
from dlmatrix.site.urls import Urls

T = TypeVar("T")
STALE_AFTER_MONTHS = 12  # a cell checked longer ago than this is due for a re-check


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months earlier (the last day of the month when it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    next_month = dt.date(year + (month == 12), month % 12 + 1, 1)
    return dt.date(year, month, min(day.day, (next_month - dt.timedelta(days=1)).day))


def stale_cutoff(today: dt.date) -> dt.date:
    """Cells verified before this day are stale: the one definition, used by pages and the freshness report."""
    return months_before(today, STALE_AFTER_MONTHS)


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
        return cell_level(self.feature, self.cell)

    @property
    def is_value(self) -> bool:
        """A known text, date, version or number: shown as the value, with no level badge."""
        return self.level == VALUE

    @property
    def display_value(self) -> str:
        return "" if self.cell is None else format_value(self.cell.value)

    @property
    def compare_key(self) -> str:
        """What "only differences" compares, here and in the matrix script: the level, or the value."""
        return self.level if self.level != VALUE else f"value:{self.display_value}"

    @property
    def kept_by(self) -> Derivation | None:
        """The tool that keeps this cell (make sync, make evidence), or None when a person checks it."""
        return DERIVATIONS[self.cell.derived] if self.cell is not None and self.cell.derived else None

    @property
    def checked_words(self) -> str:
        """The words before the cell's date: who checked it."""
        return self.kept_by.checked if self.kept_by else "checked"

    @property
    def scale(self) -> str:
        """What this cell's level means for its feature (the topic file's `scale:`), "" when it does not say."""
        return self.feature.scale.get(self.level, "") if self.level in LEVELS else ""  # type: ignore[call-overload]

    @property
    def fix_words(self) -> str:
        """The fix link's text: a machine-kept value is reported (an issue), any other cell is edited."""
        return "Report a wrong value" if self.kept_by else "Suggest a fix"

    @property
    def via(self) -> str:
        """For a plugin cell: the package or project it goes through, without its registry prefix ("" if not named)."""
        return self.cell.via.split(":", 1)[1] if self.cell is not None and self.cell.via else ""

    @property
    def meets(self) -> bool | None:
        """Does this cell satisfy a must-have? None when we do not know."""
        return LEVELS[self.level].meets if self.level in LEVELS else True


@dataclass(frozen=True)
class MatrixRow:
    feature: FeatureDef
    topic: Topic
    cells: tuple[CellView, ...]

    @property
    def differs(self) -> bool:
        return len({cell.compare_key for cell in self.cells}) > 1


@dataclass(frozen=True)
class MatrixGroup:
    topic: Topic
    rows: tuple[MatrixRow, ...]


@dataclass(frozen=True)
class IdentityRow:
    role: str
    label: str
    view: CellView | None  # None when no feature holds the role

    @property
    def text(self) -> str:
        return (self.view.display_value if self.view else "") or LEVELS[UNKNOWN].word


@dataclass(frozen=True)
class RankingView:
    current: tuple[UseCaseScore, ...]  # ranked, still in use
    retired: tuple[UseCaseScore, ...]  # ranked, retired (for reference)
    unranked: tuple[UseCaseScore, ...]  # too little known to rank (SiteSettings.min_known_share)
    min_known_share: float


@dataclass(frozen=True)
class VerdictView:
    """An editorial verdict of a use case or a topic, with the frameworks resolved."""

    picks: tuple[Framework, ...]
    runners_up: tuple[Framework, ...]
    reasoning: str
    caveats: tuple[str, ...]
    sources: tuple[str, ...]
    verified: dt.date
    disagreement: Disagreement | None  # use cases only: the computed top is not a pick
    summary: str = ""  # the answer in one sentence: the verdict's own, else the reasoning's first sentence
    why_not_computed: str | None = None  # shown when the computed ranking disagrees (pick or runners-up)
    computed_runners_up: tuple[UseCaseScore, ...] = ()  # where the score puts others than the runners-up

    @property
    def explains(self) -> bool:
        """Does the page owe the reader an explanation of why the editors differ from the score?"""
        return self.disagreement is not None or bool(self.computed_runners_up)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\[*`])")


def first_sentence(text: str, limit: int = 300) -> str:
    """The first sentence of a text (for a verdict with no summary of its own)."""
    sentence = _SENTENCE_END.split(text.strip(), maxsplit=1)[0]
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Fit:
    """A use case where a framework ranks high or is picked."""

    use_case: UseCase
    score: UseCaseScore
    editors: str | None  # "pick", "runner-up" or None


@dataclass(frozen=True)
class Coverage:
    framework: Framework
    known: int
    unknown: int
    missing: int  # no entry at all (counted in unknown too)
    stale: int  # verified before the stale cutoff
    oldest: dt.date | None
    unknown_features: tuple[FeatureDef, ...] = field(default=())


@dataclass(frozen=True)
class Profile:
    strengths: tuple[FeatureDef, ...]  # full here, while most other active frameworks are not
    gaps: tuple[FeatureDef, ...]  # a level that does not meet a must-have here, while most other active frameworks are full
    level_counts: dict[str, int]
    peers: int


class Site:
    """Everything the pages show, derived once from one Dataset."""

    def __init__(self, dataset: Dataset, today: dt.date, evidence: Evidence | None = None) -> None:
        self.data = dataset
        self.scores = Scoring(dataset)  # use-case scores and rankings: the data layer's (dlmatrix/data/scoring.py)
        self.today = today
        self.evidence = evidence  # the code examples and their committed results (None: this project has none)
        # The cache of things derived from this dataset (cell views, rendered cells): it lives as long as
        # the Site, that is, as long as the data files are unchanged.
        self.memo: dict[Hashable, Any] = {}

    def remember(self, key: Hashable, compute: Callable[[], T]) -> T:
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]  # type: ignore[no-any-return]  # the key names what was stored

    # --- frameworks ---------------------------------------------------------------------------

    @cached_property
    def active(self) -> tuple[Framework, ...]:
        return tuple(f for f in self.data.frameworks if f.status == "active")

    @cached_property
    def paired(self) -> tuple[Framework, ...]:
        """The frameworks with pair pages (SiteSettings.has_pair_pages), in display order."""
        return tuple(f for f in self.data.frameworks if self.data.settings.has_pair_pages(f))

    def pairs(self) -> tuple[tuple[Framework, Framework], ...]:
        """Every pair of frameworks with pair pages, each pair and the list in alphabetical order of ids."""
        ordered = sorted(self.paired, key=lambda f: f.id)
        return tuple(combinations(ordered, 2))

    @cached_property
    def names(self) -> dict[str, str]:
        return {f.id: f.name for f in self.data.frameworks}

    def frameworks(self, ids: list[str] | None = None) -> tuple[Framework, ...]:
        """The frameworks a page names, in its order (all when None); a typo in a page fails the build."""
        if ids is None:
            return self.data.frameworks
        unknown = [i for i in ids if not self.data.has_framework(i)]
        if unknown:
            raise ValueError(f"unknown framework id(s) in page: {', '.join(unknown)}")
        return tuple(self.data.framework(i) for i in ids)

    @cached_property
    def phone_frameworks(self) -> tuple[Framework, ...]:
        chosen = self.data.settings.phone_frameworks or [f.id for f in self.active[:3]]
        return self.frameworks(chosen)

    @cached_property
    def retired(self) -> tuple[Framework, ...]:
        """Frameworks whose development has ended: the matrix loads their columns only when asked for."""
        return tuple(f for f in self.data.frameworks if f.status == "retired")

    @cached_property
    def in_use(self) -> tuple[Framework, ...]:
        """Every framework that is not retired (active, in maintenance or of unknown status), in column order."""
        return tuple(f for f in self.data.frameworks if f.status != "retired")

    def default_column(self, framework: Framework) -> str:
        """Where the matrix shows a framework before the reader chooses: "phone" (on every screen), "wide"
        (on wider screens only) or "retired" (only when asked for)."""
        if framework.status == "retired":
            return "retired"
        return "phone" if framework in self.phone_frameworks else "wide"

    def fix_url(self, view: CellView, url: Urls) -> str:
        """Where "suggest a fix" goes: the cell's line in its data file, or, for a cell a tool keeps (which the validator
        refuses to take by hand), an issue form that says the machine-kept value is wrong. "" without a forge."""
        if view.kept_by:
            return url.issue_form(view.kept_by.issue_form, framework=view.framework.id, feature=view.feature.id,
                                  value=view.display_value or view.level)
        return url.source(*self.cell_source(view))

    def cell_source(self, view: CellView) -> tuple[str, int | None]:
        """The data file holding a cell (as the repository names it) and the line of the cell, when it has one:
        where "suggest a fix" opens."""
        return path_of("framework", view.framework.id), self.data.cell_lines.get((view.framework.id, view.feature.id))

    # --- cells and rows -----------------------------------------------------------------------

    def cell(self, framework: Framework, feature: FeatureDef) -> CellView:
        return self.remember(("cell", framework.id, feature.id),
                             lambda: CellView(framework, feature, framework.cells.get(feature.id)))

    def popover_id(self, view: CellView) -> str:
        """A short id, unique on a page, that ties a compact cell's button to its popover: c<feature>-<framework>
        by their positions in the data (it is there twice per cell, 1,200 times on the matrix)."""
        features, frameworks = self.remember(("positions",), lambda: (
            {f.id: i for i, f in enumerate(self.data.features)}, {fw.id: i for i, fw in enumerate(self.data.frameworks)}))
        return f"c{features[view.feature.id]}-{frameworks[view.framework.id]}"

    def groups(self, frameworks: tuple[Framework, ...] | None = None,
               topic_ids: tuple[str, ...] | None = None) -> tuple[MatrixGroup, ...]:
        """Rows grouped by topic, in display order, restricted to some frameworks or topics."""
        columns = frameworks if frameworks is not None else self.data.frameworks
        return tuple(
            MatrixGroup(topic, tuple(MatrixRow(feature, topic, tuple(self.cell(fw, feature) for fw in columns))
                                     for feature in topic.features))
            for topic in self.data.topics if topic_ids is None or topic.id in topic_ids)

    def rows(self, frameworks: tuple[Framework, ...], feature_ids: list[str]) -> tuple[MatrixRow, ...]:
        """Some rows, in the order given; an unknown feature id in a page fails the build."""
        unknown = [f for f in feature_ids if not self.data.has_feature(f)]
        if unknown:
            raise ValueError(f"unknown feature id(s) in page: {', '.join(unknown)}")
        return tuple(MatrixRow(self.data.feature(f), self.data.topic_of(f),
                               tuple(self.cell(fw, self.data.feature(f)) for fw in frameworks)) for f in feature_ids)

    def differences(self, a: Framework, b: Framework) -> tuple[MatrixGroup, ...]:
        """The rows where two frameworks' levels or values differ, grouped by topic (empty groups left out)."""
        groups = (MatrixGroup(g.topic, tuple(r for r in g.rows if r.differs)) for g in self.groups((a, b)))
        return tuple(g for g in groups if g.rows)

    def topic(self, topic_id: str) -> Topic:
        if topic_id not in {t.id for t in self.data.topics}:
            raise ValueError(f"unknown topic id in page: {topic_id!r}")
        return self.data.topic(topic_id)

    def use_case(self, use_case_id: str) -> UseCase:
        if use_case_id not in {u.id for u in self.data.use_cases}:
            raise ValueError(f"unknown use case id in page: {use_case_id!r}")
        return self.data.use_case(use_case_id)

    # --- identity, found by role --------------------------------------------------------------

    def role_cell(self, framework: Framework, role: str) -> CellView | None:
        feature = self.data.roles.get(role)
        return self.cell(framework, feature) if feature else None

    def identity(self, framework: Framework, roles: tuple[str, ...]) -> tuple[IdentityRow, ...]:
        return tuple(IdentityRow(role, ROLES[role].label, self.role_cell(framework, role)) for role in roles)

    def identity_value(self, framework: Framework, role: str) -> str:
        """The value of an identity row as shown, "" when it is not known (the template says "Unknown")."""
        view = self.role_cell(framework, role)
        return view.display_value if view else ""

    # --- use cases ----------------------------------------------------------------------------

    def ranking_view(self, use_case: UseCase) -> RankingView:
        """A use case's ranking as its page shows it: ranked frameworks still in use, ranked retired ones (behind a
        disclosure), and those with too little known to rank (listed apart, never above a ranked one)."""
        ranking = self.scores.ranking(use_case)
        return RankingView(tuple(s for s in ranking if s.ranked and s.framework.status != "retired"),
                           tuple(s for s in ranking if s.ranked and s.framework.status == "retired"),
                           tuple(s for s in ranking if not s.ranked), self.data.settings.min_known_share)

    def use_case_verdict(self, use_case: UseCase) -> VerdictView | None:
        verdict = use_case.verdict
        if verdict is None:
            return None
        return VerdictView(self.frameworks(verdict.picks), self.frameworks(verdict.runners_up), verdict.reasoning,
                           tuple(verdict.caveats), tuple(verdict.sources), verdict.verified,
                           self.scores.disagreement(use_case), verdict.summary or first_sentence(verdict.reasoning),
                           verdict.why_not_computed, self.scores.computed_runners_up(use_case))

    def topic_verdict(self, topic: Topic) -> VerdictView | None:
        verdict = topic.verdict
        if verdict is None:
            return None
        return VerdictView(self.frameworks(verdict.winners), self.frameworks(verdict.runners_up), verdict.reasoning,
                           (), tuple(verdict.sources), verdict.verified, None,
                           verdict.summary or first_sentence(verdict.reasoning))

    def fits(self, framework: Framework, best: int = 3) -> tuple[Fit, ...]:
        """Use cases where the framework ranks in the top `best` or is an editors' pick."""
        found = []
        for use_case in self.data.use_cases:
            score = next(s for s in self.scores.ranking(use_case) if s.framework.id == framework.id)
            verdict = use_case.verdict
            editors = None if verdict is None else "pick" if framework.id in verdict.picks \
                else "runner-up" if framework.id in verdict.runners_up else None
            if (score.ranked and score.rank <= best) or editors == "pick":
                found.append(Fit(use_case, score, editors))
        return tuple(found)

    # --- freshness and coverage ---------------------------------------------------------------

    @cached_property
    def stale_before(self) -> dt.date:
        return stale_cutoff(self.today)

    def is_stale(self, verified: dt.date) -> bool:
        return verified < self.stale_before

    @cached_property
    def coverage(self) -> tuple[Coverage, ...]:
        result = []
        for framework in self.data.frameworks:
            views = [self.cell(framework, feature) for feature in self.data.features]
            dates = [v.cell.verified for v in views if v.cell is not None]
            unknown = [v for v in views if v.level == "unknown"]
            result.append(Coverage(framework=framework, known=len(views) - len(unknown), unknown=len(unknown),
                                   missing=sum(v.missing for v in views), stale=sum(map(self.is_stale, dates)),
                                   oldest=min(dates) if dates else None,
                                   unknown_features=tuple(v.feature for v in unknown)))
        return tuple(result)

    # --- a framework among its peers ----------------------------------------------------------

    def profile(self, framework: Framework) -> Profile:
        peers = [f for f in self.active if f.id != framework.id]
        strengths, gaps = [], []
        counts: dict[str, int] = {}
        for feature in self.data.features:
            if feature.kind != "support":
                continue
            level = self.cell(framework, feature).level
            counts[level] = counts.get(level, 0) + 1
            peers_full = sum(self.cell(peer, feature).level == FULL for peer in peers)
            if level == FULL and peers and peers_full <= len(peers) / 2:
                strengths.append(feature)
            elif LEVELS[level].meets is False and peers and peers_full > len(peers) / 2:
                gaps.append(feature)
        return Profile(tuple(strengths), tuple(gaps), counts, len(peers))

    def rival(self, framework: Framework) -> Framework | None:
        """For a framework with a successor that we compare, that successor (the first one its `successor`
        text names); otherwise the other active framework whose support levels agree with it most often."""
        others = [f for f in self.active if f.id != framework.id]
        if not others:
            return None
        if framework.successor:
            named = [(framework.successor.find(f.name.split(" (")[0]), f) for f in others]
            named = [(at, f) for at, f in named if at != -1]
            if named:
                return min(named, key=lambda pair: pair[0])[1]
        support = [f for f in self.data.features if f.kind == "support"]

        def agreement(other: Framework) -> int:
            return sum(self.cell(framework, f).level == self.cell(other, f).level for f in support)

        return max(others, key=lambda other: (agreement(other), other.name.casefold() < framework.name.casefold()))

    # --- code evidence (dlmatrix/site/snippets.py) -------------------------------------------------

    def code_links(self, feature_id: str, framework_id: str) -> tuple[Snippet, ...]:
        """One program per task for a matrix cell to link to (snippets_for, Keras's backends folded into one)."""
        return code_links(self, feature_id, framework_id)

    def framework_code(self, framework_id: str) -> FrameworkCode | None:
        """Every code task with this framework's programs (or its reason for having none), in task order."""
        return framework_code(self, framework_id)


_current: tuple[tuple[object, ...], Site] | None = None


def site_for(data_dir: Path | str, today: dt.date) -> Site:
    """The Site of the data as it is now: the one cache of the pipeline. It is rebuilt when a data file
    changes (name, time or size) and reused otherwise: Zensical runs the macros module for every page,
    and `mkdocs serve` rebuilds after every edit. The code evidence next to the data (examples/, data/evidence/)
    counts as data. Raises DataErrors when the data does not validate or a committed result is stale."""
    global _current
    root = Path(data_dir)
    key = (str(root.resolve()), today,
           tuple((str(p), p.lstat().st_mtime_ns, p.lstat().st_size) for p in data_files(root)),
           tuple((str(p), p.lstat().st_mtime_ns, p.lstat().st_size) for p in evidence_files(root.parent)))
    if _current is None or _current[0] != key:
        dataset = load_dataset(root)
        known = Known({fw.id: fw.status for fw in dataset.frameworks}, {f.id for f in dataset.features})
        _current = (key, Site(dataset, today, project_evidence(root, known)))
    return _current[1]
