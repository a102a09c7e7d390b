"""Cross-file checks: a table of small named rules, each with its own message and test.

Every rule reads a `Catalog` (each file parsed and checked against its model, plus the raw content of
files that failed) and yields DataErrors. load.py runs them all, so one run reports every problem.
A rule never reports an id as unknown when the id is defined in a file already reported as broken:
the first message is the one to fix. To add a rule: write a function, decorate it with
@rule("name", "why"), and add a case to tests/data/test_rules.py.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar
from urllib.parse import urlsplit

from pydantic import BaseModel, ValidationError

from dlmatrix.data.dataset import Dataset
from dlmatrix.data.errors import DataError
from dlmatrix.data.measured import EVIDENCE_FILE
from dlmatrix.data.measured import check_files as check_measured_files
from dlmatrix.data.model import (
    ENTITY_ID_PATTERN,
    FEATURE_ID_PATTERN,
    SHORT_VALUE_LENGTH,
    Cell,
    ClaimList,
    FeatureDef,
    Framework,
    QuestionList,
    SiteSettings,
    Topic,
    UseCase,
    is_version,
)
from dlmatrix.data.reader import LoadedFile, visible_key
from dlmatrix.data.record import RECORD_FILE, check_files
from dlmatrix.data.scoring import Scoring
from dlmatrix.data.vocabulary import LEVELS

M = TypeVar("M", bound=BaseModel)

MAX_VALUE_LENGTH = 300  # a cell value is a name, a version or a short phrase; longer text goes in `note`
FEATURE_ID = re.compile(FEATURE_ID_PATTERN)
FILE_ID = re.compile(ENTITY_ID_PATTERN)
# Text a scaffold or a hurried edit leaves behind; it must never reach the site.
PLACEHOLDER_WORDS = re.compile(r"\b(TODO|FIXME|TBD|XXX)\b")
PLACEHOLDER_HOSTS = ("example.com", "example.org", "example.net")


@dataclass(frozen=True)
class Parsed(Generic[M]):
    item: M
    file: LoadedFile


@dataclass
class Catalog:
    """Everything the rules look at: valid items with their files, and every file that parsed at all."""

    topics: list[Parsed[Topic]]
    frameworks: list[Parsed[Framework]]
    use_cases: list[Parsed[UseCase]]
    claims: Parsed[ClaimList] | None
    settings: Parsed[SiteSettings] | None
    files: dict[str, list[LoadedFile]]  # kind -> every file that parsed, valid or not
    complete: dict[str, bool]  # kind -> did every file of that kind parse
    extra: list[Parsed[Any]] = field(default_factory=list)  # optional kinds (questions, ...)
    questions: Parsed[QuestionList] | None = None
    root: Path | None = None  # the data folder (for files beside the data, such as the registry record)

    def __post_init__(self) -> None:
        self.features: dict[str, FeatureDef] = {}
        self.duplicated_features: set[str] = set()
        seen: set[str] = set()
        for parsed in self.topics:
            for feature in parsed.item.features:
                key = feature.id.casefold()
                if key in seen:
                    self.duplicated_features.add(feature.id)
                seen.add(key)
                self.features.setdefault(feature.id, feature)
        for feature_id in self.duplicated_features:  # which definition a cell answers is unclear until fixed
            self.features.pop(feature_id, None)
        self.framework_ids = {p.item.id for p in self.frameworks}
        self.topic_ids = {p.item.id for p in self.topics}
        self.use_case_ids = {p.item.id for p in self.use_cases}
        self._broken_features = self._ids_in_broken_files("topic", nested="features")
        self._broken_topics = self._ids_in_broken_files("topic")
        self._broken_frameworks = self._ids_in_broken_files("framework")

    def _ids_in_broken_files(self, kind: str, *, nested: str | None = None) -> set[str] | None:
        """Ids written in files that failed validation (None: a file did not even parse, so any id may be
        defined there). Referring to them is not reported again."""
        if not self.complete.get(kind, True):
            return None
        valid = {p.file.path for p in (self.topics if kind == "topic" else self.frameworks)}
        ids: set[str] = set()
        for loaded in self.files.get(kind, []):
            if loaded.path in valid:
                continue
            entries = loaded.data.get(nested) if nested else [loaded.data]
            for entry in entries if isinstance(entries, list) else ():
                if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                    ids.add(entry["id"])
        return ids

    def feature_unchecked(self, feature_id: str) -> bool:
        broken = self._broken_features
        return feature_id in self.duplicated_features or broken is None or feature_id in broken

    def topic_unchecked(self, topic_id: str) -> bool:
        return self._broken_topics is None or topic_id in self._broken_topics

    def framework_unchecked(self, framework_id: str) -> bool:
        return self._broken_frameworks is None or framework_id in self._broken_frameworks


Check = Callable[[Catalog], Iterator[DataError]]


@dataclass(frozen=True)
class Rule:
    name: str
    why: str
    check: Check


RULES: list[Rule] = []


def rule(name: str, why: str) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        RULES.append(Rule(name, why, check))
        return check
    return register


def run_rules(catalog: Catalog) -> list[DataError]:
    return [error for each in RULES for error in each.check(catalog)]


# --- files and ids ----------------------------------------------------------------------------------

def _all_items(catalog: Catalog) -> Iterator[tuple[str, Parsed[Any]]]:
    for what, items in (("topic", catalog.topics), ("framework", catalog.frameworks),
                        ("use case", catalog.use_cases)):
        for parsed in items:
            yield what, parsed


@rule("yaml-extension", "one spelling of the extension keeps globs and editors simple")
def yaml_extension(catalog: Catalog) -> Iterator[DataError]:
    for files in catalog.files.values():
        for loaded in files:
            if loaded.path.endswith(".yml"):
                yield DataError(loaded.path, 1, 1, "data files end in .yaml; rename this file")


@rule("id-matches-file-name", "a page's URL, its file and its id are one name")
def id_matches_file_name(catalog: Catalog) -> Iterator[DataError]:
    for _, parsed in _all_items(catalog):
        name = parsed.file.path.rsplit("/", 1)[-1]
        item_id, stem = parsed.item.id, name.rsplit(".", 1)[0]
        if item_id == stem:
            continue
        if not FILE_ID.fullmatch(stem):  # e.g. PyTorch.yaml holding `id: pytorch`: the file name is wrong
            yield parsed.file.error(("id",), f"id: '{item_id}' does not match the file name '{name}', which is "
                                    f"not a valid id; rename the file to '{item_id}.yaml'")
        else:
            yield parsed.file.error(("id",), f"id: '{item_id}' does not match the file name '{name}'; "
                                    f"expected '{stem}'")


@rule("unique-ids", "ids that differ only by case collide in URLs on case-insensitive file systems")
def unique_ids(catalog: Catalog) -> Iterator[DataError]:
    for what, items in (("topic", catalog.topics), ("framework", catalog.frameworks),
                        ("use case", catalog.use_cases)):
        seen: dict[str, str] = {}
        for parsed in items:
            key = parsed.item.id.casefold()
            if key in seen:
                yield parsed.file.error(("id",), f"id: {what} '{parsed.item.id}' is already defined in {seen[key]}")
            else:
                seen[key] = parsed.file.path


@rule("distinct-names", "two names that look the same (one with an invisible character, or another case) mislead")
def distinct_names(catalog: Catalog) -> Iterator[DataError]:
    for what, items in (("topic", catalog.topics), ("framework", catalog.frameworks),
                        ("use case", catalog.use_cases)):
        seen: dict[str, tuple[str, str, str]] = {}
        for parsed in items:
            key = visible_key(parsed.item.name)
            if key in seen and seen[key][2] != parsed.item.id.casefold():  # the same id: unique-ids says it
                name, path, _ = seen[key]
                yield parsed.file.error(("name",), f"name: {what} name '{parsed.item.name}' looks the same as "
                                        f"'{name}' in {path} (once case, character width and invisible characters are "
                                        "set aside); give it a name readers can tell apart")
            else:
                seen[key] = (parsed.item.name, parsed.file.path, parsed.item.id.casefold())
    features: dict[str, tuple[str, str]] = {}
    for parsed in catalog.topics:
        for index, feature in enumerate(parsed.item.features):
            key = visible_key(feature.name)
            if key in features and feature.id not in catalog.duplicated_features:
                name, path = features[key]
                yield parsed.file.error(("features", index, "name"), f"features.{index}.name: feature name "
                                        f"'{feature.name}' looks the same as '{name}' in {path} (once case, character "
                                        "width and invisible characters are set aside); give it a name readers can tell "
                                        "apart")
            else:
                features[key] = (feature.name, parsed.file.path)


@rule("unique-feature-ids", "a cell must answer exactly one feature")
def unique_feature_ids(catalog: Catalog) -> Iterator[DataError]:
    seen: dict[str, str] = {}
    for parsed in catalog.topics:
        for index, feature in enumerate(parsed.item.features):
            key = feature.id.casefold()
            if key in seen:
                yield parsed.file.error(("features", index, "id"), f"features.{index}.id: feature '{feature.id}' "
                                        f"is already defined in {seen[key]}")
            else:
                seen[key] = parsed.file.path


@rule("unique-roles", "pages find identity rows by role, so each role names one feature")
def unique_roles(catalog: Catalog) -> Iterator[DataError]:
    holders: dict[str, str] = {}
    for parsed in catalog.topics:
        for index, feature in enumerate(parsed.item.features):
            if feature.role is None:
                continue
            if feature.role in holders:
                yield parsed.file.error(("features", index, "role"), f"features.{index}.role: role '{feature.role}' "
                                        f"is already held by feature '{holders[feature.role]}'")
            else:
                holders[feature.role] = feature.id


# --- frameworks ----------------------------------------------------------------------------------

@rule("retired-needs-successor", "a reader of a retired framework's page needs to know where to go")
def retired_needs_successor(catalog: Catalog) -> Iterator[DataError]:
    for parsed in catalog.frameworks:
        framework = parsed.item
        if framework.status == "retired" and (framework.successor is None or framework.end_date is None):
            yield parsed.file.error(("status",), "status: a retired framework needs 'successor' and 'end_date'")


@rule("status-needs-sources", "a status is a claim: active, maintenance and retired each need a source")
def status_needs_sources(catalog: Catalog) -> Iterator[DataError]:
    for parsed in catalog.frameworks:
        if parsed.item.status != "unknown" and not parsed.item.sources:
            yield parsed.file.error(("status",), f"status: '{parsed.item.status}' needs at least one source URL in "
                                    "'sources' (or say 'status: unknown')")


def _raw_cells(loaded: LoadedFile) -> Iterator[tuple[str, Any]]:
    cells = loaded.data.get("cells")
    yield from (cells.items() if isinstance(cells, dict) else ())


@rule("cells-answer-known-features", "a cell for a feature that does not exist is a typo")
def cells_answer_known_features(catalog: Catalog) -> Iterator[DataError]:
    # Checked in every parsed framework file, even one whose other keys are wrong: one run reports all.
    for loaded in catalog.files.get("framework", []):
        for feature_id, _ in _raw_cells(loaded):
            if feature_id in catalog.features or catalog.feature_unchecked(feature_id) \
                    or not FEATURE_ID.fullmatch(feature_id):
                continue  # the cause is reported elsewhere: a broken topic file, or this key itself
            yield loaded.error(("cells", feature_id), f"cells.{feature_id}: unknown feature '{feature_id}' "
                               "(features are defined in data/topics/)", key=True)


@rule("cells-match-feature-kind", "support features take a level; the other kinds take a value of their type")
def cells_match_feature_kind(catalog: Catalog) -> Iterator[DataError]:
    for loaded in catalog.files.get("framework", []):
        for feature_id, raw_cell in _raw_cells(loaded):
            feature = catalog.features.get(feature_id)
            if feature is None:
                continue
            try:
                cell = Cell.model_validate(raw_cell)
            except ValidationError:
                continue  # already reported by the framework model
            yield from _cell_kind_errors(feature, ("cells", feature_id), cell, loaded)


@rule("plugin-cells-name-their-route", "a reader (and make sync) must know which project a plugin answer depends on")
def plugin_cells_name_their_route(catalog: Catalog) -> Iterator[DataError]:
    for parsed in catalog.frameworks:
        for feature_id, cell in parsed.item.cells.items():
            if cell.level == "plugin" and cell.via is None:
                yield parsed.file.error(("cells", feature_id, "level"), f"cells.{feature_id}: a plugin cell names "
                                        "what it goes through in 'via' (pypi:<name>, npm:<name> or "
                                        "github:<owner>/<repo>)")


def _cell_kind_errors(feature: FeatureDef, loc: tuple[str, ...], cell: Cell, loaded: LoadedFile) -> Iterator[DataError]:
    where = ".".join(loc)
    if cell.level is None and cell.value is None:
        wanted = "level" if feature.kind == "support" else "value"
        yield loaded.error(loc, f"{where}: needs '{wanted}' (or 'level: unknown')")
        return
    if cell.level != "unknown" and not cell.sources:
        yield loaded.error(loc, f"{where}: needs at least one source URL in 'sources' "
                           "(only 'level: unknown' may go without)")
    if feature.kind == "support":
        if cell.value is not None:
            yield loaded.error(loc + ("value",), f"{where}.value: '{feature.id}' is a support feature; give 'level' "
                               f"({', '.join(LEVELS)}), not 'value'", key=True)
        return
    if cell.level not in (None, "unknown"):
        yield loaded.error(loc + ("level",), f"{where}.level: '{feature.id}' is a {feature.kind} feature; "
                           "give 'value' (or 'level: unknown')", key=True)
        return
    if cell.value is None:
        return
    if cell.level == "unknown":
        yield loaded.error(loc + ("value",), f"{where}: give either 'value' or 'level: unknown', not both", key=True)
        return
    problem = _value_problem(feature, cell)
    if problem:
        yield loaded.error(loc + ("value",), f"{where}.value: {problem}")


def _value_problem(feature: FeatureDef, cell: Cell) -> str | None:
    value = cell.value
    if isinstance(value, str) and len(value) > MAX_VALUE_LENGTH:
        return f"is too long (at most {MAX_VALUE_LENGTH} characters)"
    if feature.kind == "text" and not isinstance(value, str):
        return f"expected text, got {value!r} (quote it)"
    if feature.kind == "version" and not (isinstance(value, str) and is_version(value)):
        return f"expected a version such as '2.15.0' (quoted), got {value!r}"
    if feature.kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"expected a number, got {value!r}"
        if isinstance(value, float) and not math.isfinite(value):
            return f"expected a finite number, got {value!r}"
        if cell.as_of is None:
            return "a figure needs 'as_of', the date of the figure"
    if feature.kind == "date":
        if isinstance(value, str) and not re.fullmatch(r"\d{4}(-(0[1-9]|1[0-2]))?", value):
            return f"expected a date (YYYY-MM-DD, or 'YYYY' / 'YYYY-MM' quoted), got {value!r}"
        if not isinstance(value, (str, dt.date)):
            return f"expected a date (YYYY-MM-DD), got {value!r}"
    return None


@rule("short-forms-are-short", "the matrix shows `short` in a narrow cell, in place of a long value")
def short_forms_are_short(catalog: Catalog) -> Iterator[DataError]:
    for parsed in catalog.frameworks:
        for feature_id, cell in parsed.item.cells.items():
            if cell.short is None:
                continue
            loc = ("cells", feature_id, "short")
            where = ".".join(loc)
            if cell.value is None:
                yield parsed.file.error(loc, f"{where}: only a value has a short form; this cell has none", key=True)
            elif len(cell.short) > SHORT_VALUE_LENGTH:
                yield parsed.file.error(loc, f"{where}: is {len(cell.short)} characters; a short form has at most "
                                        f"{SHORT_VALUE_LENGTH}")
            elif len(cell.short) >= len(str(cell.value)) and (isinstance(cell.value, bool)
                                                             or not isinstance(cell.value, (int, float))):
                # a figure may carry a few words beside it (a size "with NVIDIA CUDA libraries", #22)
                yield parsed.file.error(loc, f"{where}: is not shorter than the value; remove it")


# --- references between files ----------------------------------------------------------------------

def _framework_refs(catalog: Catalog, ids: list[str], loc: tuple[str | int, ...], loaded: LoadedFile) -> Iterator[DataError]:
    for index, framework_id in enumerate(ids):
        if framework_id not in catalog.framework_ids and not catalog.framework_unchecked(framework_id):
            yield loaded.error(loc + (index,), f"{'.'.join(map(str, loc))}.{index}: unknown framework '{framework_id}'; "
                               f"known: {', '.join(sorted(catalog.framework_ids))}")


@rule("verdicts-name-known-frameworks", "a pick must link to a framework page")
def verdicts_name_known_frameworks(catalog: Catalog) -> Iterator[DataError]:
    for topic in catalog.topics:
        if topic.item.verdict:
            yield from _framework_refs(catalog, topic.item.verdict.winners, ("verdict", "winners"), topic.file)
            yield from _framework_refs(catalog, topic.item.verdict.runners_up, ("verdict", "runners_up"), topic.file)
    for use_case in catalog.use_cases:
        if use_case.item.verdict:
            yield from _framework_refs(catalog, use_case.item.verdict.picks, ("verdict", "picks"), use_case.file)
            yield from _framework_refs(catalog, use_case.item.verdict.runners_up, ("verdict", "runners_up"),
                                       use_case.file)
    if catalog.settings:
        for key in ("framework_order", "phone_frameworks"):
            yield from _framework_refs(catalog, getattr(catalog.settings.item, key), (key,), catalog.settings.file)


@rule("must-haves-are-support-features", "only a level can be met or lacked")
def must_haves_are_support_features(catalog: Catalog) -> Iterator[DataError]:
    lists = [(parsed.file, "must_have", parsed.item.must_have) for parsed in catalog.use_cases]
    if catalog.settings:  # the matrix's picker offers the editors' common must-haves first
        lists.append((catalog.settings.file, "common_must_haves", catalog.settings.item.common_must_haves))
    for file, key, ids in lists:
        for index, feature_id in enumerate(ids):
            feature = catalog.features.get(feature_id)
            if feature is None and catalog.feature_unchecked(feature_id):
                continue
            if feature is None:
                yield file.error((key, index), f"{key}.{index}: unknown feature '{feature_id}'")
            elif feature.kind != "support":
                yield file.error((key, index), f"{key}.{index}: '{feature_id}' is a "
                                 f"{feature.kind} feature; only support features can be required")


@rule("weights-name-known-rows", "a weight on a typo would silently count for nothing")
def weights_name_known_rows(catalog: Catalog) -> Iterator[DataError]:
    for parsed in catalog.use_cases:
        for feature_id in parsed.item.weights.features:
            loc = ("weights", "features", feature_id)
            feature = catalog.features.get(feature_id)
            if feature is None and catalog.feature_unchecked(feature_id):
                continue
            if feature is None:
                yield parsed.file.error(loc, f"weights.features.{feature_id}: unknown feature '{feature_id}'", key=True)
            elif feature.kind != "support":
                yield parsed.file.error(loc, f"weights.features.{feature_id}: only support features can be weighted",
                                        key=True)
        for topic_id in parsed.item.weights.topics:
            if topic_id not in catalog.topic_ids and not catalog.topic_unchecked(topic_id):
                yield parsed.file.error(("weights", "topics", topic_id),
                                        f"weights.topics.{topic_id}: unknown topic '{topic_id}'", key=True)


@rule("claims-point-at-known-rows", "every checked claim links to the rows and pages holding its facts")
def claims_point_at_known_rows(catalog: Catalog) -> Iterator[DataError]:
    if catalog.claims is None:
        return
    feature_ids = set(catalog.features) | catalog.duplicated_features
    seen: set[str] = set()
    for index, claim in enumerate(catalog.claims.item.claims):
        if claim.id in seen:
            yield catalog.claims.file.error(("claims", index, "id"), f"claims.{index}.id: duplicate claim id '{claim.id}'")
        seen.add(claim.id)
        for key, known, what in (("features", feature_ids, "feature"), ("use_cases", catalog.use_case_ids, "use case")):
            for position, ref in enumerate(getattr(claim, key)):
                if ref not in known:
                    yield catalog.claims.file.error(("claims", index, key, position),
                                                    f"claims.{index}.{key}.{position}: unknown {what} '{ref}'")


@rule("verdicts-explain-the-ranking", "where the editors' pick is not the computed top, the page must say why")
def verdicts_explain_the_ranking(catalog: Catalog) -> Iterator[DataError]:
    if not any(p.item.verdict and not p.item.verdict.why_not_computed for p in catalog.use_cases):
        return
    scores = _ranking_scores(catalog)
    if scores is None:
        return  # a file is broken: rankings would be wrong, and that file's own error comes first
    for parsed in catalog.use_cases:
        verdict = parsed.item.verdict
        if verdict is None or verdict.why_not_computed:
            continue
        try:
            disagreement = scores.disagreement(parsed.item)
        except (KeyError, ValueError):
            continue  # an unknown feature or framework id: another rule reports it where it is written
        # Only the headline answer is enforced: a runner-up that the score places differently is shown on the
        # page with the generic explanation, so an ordinary level correction elsewhere never fails validation.
        if disagreement is not None:
            top = disagreement.computed_top
            yield parsed.file.error(("verdict", "picks"), f"verdict.picks: the computed ranking puts {top.framework.id} "
                                    f"first (score {top.score}), which is not a pick; say why in "
                                    "'verdict.why_not_computed' (it is shown on the page)")


def _ranking_scores(catalog: Catalog) -> Scoring | None:
    """The rankings over the catalog, when every file is valid (None otherwise: a broken file would skew them)."""
    complete = all(catalog.complete.get(kind, True) for kind in ("topic", "framework", "use_case"))
    valid = all(len(catalog.files.get(kind, [])) == len(items) for kind, items in
                (("topic", catalog.topics), ("framework", catalog.frameworks), ("use_case", catalog.use_cases)))
    if not (complete and valid) or catalog.duplicated_features:
        return None
    settings = catalog.settings.item if catalog.settings else SiteSettings()
    dataset = Dataset(topics=tuple(sorted((p.item for p in catalog.topics), key=lambda t: (t.order, t.id))),
                      frameworks=tuple(p.item for p in catalog.frameworks),
                      use_cases=tuple(p.item for p in catalog.use_cases), claims=(), settings=settings,
                      source_files={})
    return Scoring(dataset)


@rule("maintenance-says-why", "a reader of a framework in maintenance needs to know who said so, and what it means")
def maintenance_says_why(catalog: Catalog) -> Iterator[DataError]:
    for parsed in catalog.frameworks:
        if parsed.item.status == "maintenance" and not parsed.item.status_note:
            yield parsed.file.error(("status",), "status: 'maintenance' needs a 'status_note' saying what the "
                                    "maintainers said and when (its source goes under 'sources')")


@rule("releases-oldest-first", "a timeline is drawn from the list as given; a date out of order is a typo")
def releases_oldest_first(catalog: Catalog) -> Iterator[DataError]:
    for parsed in catalog.frameworks:
        releases = parsed.item.releases
        if releases is None:
            continue
        seen: set[str] = set()
        previous = ""
        for index, release in enumerate(releases.versions):
            loc = ("releases", "versions", index)
            day = release.date.isoformat() if isinstance(release.date, dt.date) else release.date
            if release.version in seen:
                yield parsed.file.error(loc + ("version",), f"releases.versions.{index}.version: '{release.version}' "
                                        "is listed twice")
            seen.add(release.version)
            if day < previous[: len(day)]:
                yield parsed.file.error(loc + ("date",), f"releases.versions.{index}.date: {day} comes before the "
                                        f"release listed above it ({previous}); list releases oldest first")
            if day > dt.date.today().isoformat():
                yield parsed.file.error(loc + ("date",), f"releases.versions.{index}.date: {day} is in the future")
            previous = max(previous, day)


@rule("questions-point-at-known-pages", "every answer links to the rows and pages holding its facts")
def questions_point_at_known_pages(catalog: Catalog) -> Iterator[DataError]:
    if catalog.questions is None:
        return
    parsed = catalog.questions
    known = {"features": set(catalog.features) | catalog.duplicated_features, "use_cases": catalog.use_case_ids,
             "topics": catalog.topic_ids, "frameworks": catalog.framework_ids}
    settings = catalog.settings.item if catalog.settings else SiteSettings()
    seen: set[str] = set()
    for index, question in enumerate(parsed.item.questions):
        where = f"questions.{index}"
        if question.id in seen:
            yield parsed.file.error(("questions", index, "id"), f"{where}.id: duplicate question id '{question.id}'")
        seen.add(question.id)
        if not (question.features or question.use_cases or question.topics or question.frameworks or question.compare):
            yield parsed.file.error(("questions", index, "answer"), f"{where}: link the answer to at least one matrix "
                                    "row or page (features, use_cases, topics, frameworks or compare)")
        for key, ids in known.items():
            for position, ref in enumerate(getattr(question, key)):
                unchecked = (key == "features" and catalog.feature_unchecked(ref)) or \
                    (key == "topics" and catalog.topic_unchecked(ref)) or \
                    (key == "frameworks" and catalog.framework_unchecked(ref))
                if ref not in ids and not unchecked:
                    yield parsed.file.error(("questions", index, key, position),
                                            f"{where}.{key}.{position}: unknown {key[:-1].replace('_', ' ')} '{ref}'")
        for position, pair in enumerate(question.compare):
            yield from _framework_refs(catalog, pair, ("questions", index, "compare", position), parsed.file)
            if pair[0] == pair[1]:
                yield parsed.file.error(("questions", index, "compare", position),
                                        f"{where}.compare.{position}: compare two different frameworks")
            unpaired = [p.item.id for p in catalog.frameworks if p.item.id in pair and not settings.has_pair_pages(p.item)]
            if unpaired:
                yield parsed.file.error(("questions", index, "compare", position),
                                        f"{where}.compare.{position}: no pair page for {', '.join(unpaired)} (retired, "
                                        "or not in site.yaml's framework_order)")


# --- nothing unfinished is published -----------------------------------------------------------------

def _strings(node: Any, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, loc + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, loc + (index,))
    elif isinstance(node, str):
        yield loc, node


def _placeholder(text: str) -> str | None:
    if match := PLACEHOLDER_WORDS.search(text):
        return f"'{match.group(1)}'"
    for url in re.findall(r"https?://[^\s)\]]+", text):
        try:
            host = (urlsplit(url).hostname or "").removeprefix("www.")
        except ValueError:  # not a URL at all: the URL type reports it where a URL is expected
            continue
        if host in PLACEHOLDER_HOSTS or host.endswith(tuple("." + h for h in PLACEHOLDER_HOSTS)):
            return f"the placeholder address {url}"
    return None


@rule("no-placeholders", "scaffolded or unfinished text must never go live")
def no_placeholders(catalog: Catalog) -> Iterator[DataError]:
    for files in catalog.files.values():
        for loaded in files:
            for loc, text in _strings(loaded.data):
                found = _placeholder(text)
                if found:
                    dotted = ".".join(str(part) for part in loc)
                    yield loaded.error(loc, f"{dotted}: contains {found}; replace it with the real value, or say "
                                       "'level: unknown' (placeholders are never published)")


@rule("derived-cells-match-the-sync-record", "a cell the registry sync keeps is not edited by hand")
def derived_cells_match_the_sync_record(catalog: Catalog) -> Iterator[DataError]:
    if catalog.root is not None:
        yield from check_files(catalog.files.get("framework", []), catalog.root / RECORD_FILE)


@rule("measured-cells-match-the-evidence-run", "a cell make evidence keeps says what the run measured")
def measured_cells_match_the_evidence_run(catalog: Catalog) -> Iterator[DataError]:
    if catalog.root is not None:
        yield from check_measured_files(catalog.files.get("framework", []), catalog.root / EVIDENCE_FILE)


@rule("install-says-every-platform", "the install picker answers every platform and accelerator, honestly")
def install_says_every_platform(catalog: Catalog) -> Iterator[DataError]:
    from dlmatrix.data.install import check_entries  # the install module reads the record too
    # The catalog has adopted the picker once some framework answers something there (a scaffolded block is all unknown).
    adopted = any(e.installs != "unknown" for parsed in catalog.frameworks if parsed.item.install
                  for e in parsed.item.install.entries)
    for parsed in catalog.frameworks:
        yield from check_entries(parsed.item, parsed.file, adopted)


@rule("install-figures-match-the-sync-record", "the install figures make sync keeps are not edited by hand")
def install_figures_match_the_sync_record(catalog: Catalog) -> Iterator[DataError]:
    from dlmatrix.data.install import check_registry_files
    if catalog.root is not None:
        yield from check_registry_files(catalog.files.get("framework", []), catalog.root / RECORD_FILE)
