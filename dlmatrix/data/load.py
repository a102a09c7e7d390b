"""Load data/ into a checked Dataset, or report every error found in one pass.

Layout of a data folder:
    features/<category-id>.yaml     a category and its features
    frameworks/<framework-id>.yaml  one framework, one cell per feature
    use_cases/<use-case-id>.yaml    one use case
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from dlmatrix.data.errors import DataError, DataErrors
from dlmatrix.data.model import Category, Cell, Claim, ClaimList, FeatureDef, FeatureId, Framework, FrameworkId, UseCase, is_version
from dlmatrix.data.schema_errors import validate_model
from dlmatrix.data.reader import LoadedFile, load_yaml_file

M = TypeVar("M", bound=BaseModel)

FOLDERS: dict[str, type[BaseModel]] = {"features": Category, "frameworks": Framework, "use_cases": UseCase}
STATUS_ORDER = {"active": 0, "maintenance": 1, "retired": 2}
MAX_VALUE_LENGTH = 300  # a cell value is a name, a version or a short phrase; longer text goes in `note`
FEATURE_ID_PATTERN = re.compile(FeatureId.__metadata__[0].pattern)  # type: ignore[attr-defined]
FILE_ID_PATTERN = re.compile(FrameworkId.__metadata__[0].pattern)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Dataset:
    categories: tuple[Category, ...]  # in display order
    frameworks: tuple[Framework, ...]  # active first, then by name
    use_cases: tuple[UseCase, ...]
    source_files: dict[str, str]
    claims: tuple[Claim, ...] = ()  # data/claims.yaml: the seed's claims, checked  # entity key ("framework:pytorch") -> path of its YAML file

    # Looked up for every cell of every page: computed once per dataset.
    @cached_property
    def features(self) -> tuple[FeatureDef, ...]:
        return tuple(feature for category in self.categories for feature in category.features)

    @cached_property
    def _features_by_id(self) -> dict[str, FeatureDef]:
        return {feature.id: feature for feature in self.features}

    @cached_property
    def _category_by_feature(self) -> dict[str, Category]:
        return {feature.id: category for category in self.categories for feature in category.features}

    def feature(self, feature_id: str) -> FeatureDef:
        return self._features_by_id[feature_id]

    def framework(self, framework_id: str) -> Framework:
        return next(f for f in self.frameworks if f.id == framework_id)

    def category_of(self, feature_id: str) -> Category:
        return self._category_by_feature[feature_id]


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith("."))


def _load_folder(folder: Path, model: type[M], errors: list[DataError],
                 parsed: list[LoadedFile] | None = None) -> list[tuple[M, LoadedFile]]:
    """Valid items of one folder; every parsed file, valid or not, is added to `parsed`."""
    loaded_items: list[tuple[M, LoadedFile]] = []
    for file in _yaml_files(folder):
        loaded, file_errors = load_yaml_file(file, _display(file))
        errors.extend(file_errors)
        if loaded is None:
            continue
        if parsed is not None:
            parsed.append(loaded)
        item, model_errors = validate_model(model, loaded)
        errors.extend(model_errors)
        if file.suffix == ".yml":
            errors.append(DataError(loaded.path, 1, 1, "data files end in .yaml; rename this file"))
        if item is not None:
            item_id = getattr(item, "id")
            if item_id != file.stem and not FILE_ID_PATTERN.fullmatch(file.stem):
                # e.g. PyTorch.yaml holding `id: pytorch`: the file name is what is wrong
                errors.append(loaded.error(("id",), f"id: '{item_id}' does not match the file name '{file.name}', "
                                           f"which is not a valid id; rename the file to '{item_id}.yaml'"))
            elif item_id != file.stem:
                errors.append(loaded.error(("id",), f"id: '{item_id}' does not match the file name '{file.name}'; "
                                           f"expected '{file.stem}'"))
            loaded_items.append((item, loaded))  # type: ignore[arg-type]
    return loaded_items


def _check_unique_ids(items: list[tuple[BaseModel, LoadedFile]], what: str, errors: list[DataError]) -> None:
    seen: dict[str, str] = {}
    for item, loaded in items:
        key = getattr(item, "id").casefold()
        if key in seen:
            errors.append(loaded.error(("id",), f"id: {what} '{getattr(item, 'id')}' is already defined in {seen[key]}"))
        else:
            seen[key] = loaded.path


def _check_cell_kind(feature: FeatureDef, cell_loc: tuple[str, ...], cell: Cell, loaded: LoadedFile,
                     errors: list[DataError]) -> None:
    where = ".".join(cell_loc)
    if cell.level is None and cell.value is None:
        wanted = "level" if feature.kind == "support" else "value"
        errors.append(loaded.error(cell_loc, f"{where}: needs '{wanted}' (or 'level: unknown')"))
        return
    if cell.level != "unknown" and not cell.sources:
        errors.append(loaded.error(cell_loc, f"{where}: needs at least one source URL in 'sources' "
                                   "(only 'level: unknown' may go without)"))
    if feature.kind == "support":
        if cell.value is not None:
            errors.append(loaded.error(cell_loc + ("value",), f"{where}.value: '{feature.id}' is a support feature; "
                                       "give 'level' (full, partial, plugin, deprecated, none, unknown), not 'value'",
                                       key=True))
        return
    if cell.level not in (None, "unknown"):
        errors.append(loaded.error(cell_loc + ("level",), f"{where}.level: '{feature.id}' is a {feature.kind} feature; "
                                   "give 'value' (or 'level: unknown')", key=True))
        return
    if cell.value is None:
        return
    if cell.level == "unknown":
        errors.append(loaded.error(cell_loc + ("value",), f"{where}: give either 'value' or 'level: unknown', not both",
                                   key=True))
        return
    value, value_loc = cell.value, cell_loc + ("value",)
    problem = None
    if isinstance(value, str) and len(value) > MAX_VALUE_LENGTH:
        errors.append(loaded.error(value_loc, f"{where}.value: is too long (at most {MAX_VALUE_LENGTH} characters)"))
        return
    if feature.kind == "text" and not isinstance(value, str):
        problem = f"expected text, got {value!r} (quote it)"
    elif feature.kind == "version" and not (isinstance(value, str) and is_version(value)):
        problem = f"expected a version such as '2.15.0' (quoted), got {value!r}"
    elif feature.kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            problem = f"expected a number, got {value!r}"
        elif isinstance(value, float) and not math.isfinite(value):
            problem = f"expected a finite number, got {value!r}"
        elif cell.as_of is None:
            problem = "a figure needs 'as_of', the date of the figure"
    elif feature.kind == "date":
        if isinstance(value, str):
            if not re.fullmatch(r"\d{4}(-(0[1-9]|1[0-2]))?", value):
                problem = f"expected a date (YYYY-MM-DD, or 'YYYY' / 'YYYY-MM' quoted), got {value!r}"
        elif not isinstance(value, dt.date):
            problem = f"expected a date (YYYY-MM-DD), got {value!r}"
    if problem:
        errors.append(loaded.error(value_loc, f"{where}.value: {problem}"))


def _raw_ids(files: list[LoadedFile], valid: list[tuple[BaseModel, LoadedFile]], *, nested: str | None = None) -> set[str]:
    """Ids written in files that failed validation: not checked, but not "unknown" either."""
    valid_paths = {loaded.path for _, loaded in valid}
    ids: set[str] = set()
    for loaded in files:
        if loaded.path in valid_paths:
            continue
        entries = loaded.data.get(nested) if nested else [loaded.data]
        for entry in entries if isinstance(entries, list) else ():
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                ids.add(entry["id"])
    return ids


def _cross_check(categories: list[tuple[Category, LoadedFile]], frameworks: list[tuple[Framework, LoadedFile]],
                 use_cases: list[tuple[UseCase, LoadedFile]], framework_files: list[LoadedFile],
                 errors: list[DataError], unchecked_features: set[str] | None = None,
                 unchecked_frameworks: set[str] | None = None) -> None:
    """Cross-file checks. `unchecked_*`: ids defined in files that are already reported as broken (None: a file
    could not be parsed at all, so any id may be defined there); referring to them is not reported again."""
    _check_unique_ids(categories, "category", errors)  # type: ignore[arg-type]
    _check_unique_ids(frameworks, "framework", errors)  # type: ignore[arg-type]
    _check_unique_ids(use_cases, "use case", errors)  # type: ignore[arg-type]
    features: dict[str, FeatureDef] = {}
    seen_feature_ids: dict[str, str] = {}
    duplicated: set[str] = set()
    for category, loaded in categories:
        for index, feature in enumerate(category.features):
            key = feature.id.casefold()
            if key in seen_feature_ids:
                errors.append(loaded.error(("features", index, "id"),
                                           f"features.{index}.id: feature '{feature.id}' is already defined in "
                                           f"{seen_feature_ids[key]}"))
                duplicated.add(feature.id)
                continue
            seen_feature_ids[key] = loaded.path
            features[feature.id] = feature
    for feature_id in duplicated:  # which definition a cell answers is unclear until the duplicate is fixed
        features.pop(feature_id, None)
    framework_ids = {f.id for f, _ in frameworks}
    category_ids = {c.id for c, _ in categories}

    def unchecked_feature(feature_id: str) -> bool:
        return feature_id in duplicated or unchecked_features is None or feature_id in unchecked_features

    def check_framework_ids(ids: list[str], loc: tuple[str, ...], loaded: LoadedFile) -> None:
        for index, framework_id in enumerate(ids):
            if unchecked_frameworks is None or framework_id in unchecked_frameworks:
                continue
            if framework_id not in framework_ids:
                errors.append(loaded.error(loc + (index,), f"{'.'.join(loc)}.{index}: unknown framework "  # type: ignore[operator]
                                           f"'{framework_id}'; known: {', '.join(sorted(framework_ids))}"))

    for category, loaded in categories:
        if category.verdict:
            check_framework_ids(category.verdict.winners, ("verdict", "winners"), loaded)

    for framework, loaded in frameworks:
        if framework.status == "retired" and (framework.successor is None or framework.end_date is None):
            errors.append(loaded.error(("status",), "status: a retired framework needs 'successor' and 'end_date'"))
    # Cells are checked in every parsed framework file, even one whose other keys are wrong,
    # so that a single run reports everything.
    for loaded in framework_files:
        raw_cells = loaded.data.get("cells")
        for feature_id, raw_cell in (raw_cells.items() if isinstance(raw_cells, dict) else ()):
            if feature_id not in features and (unchecked_feature(feature_id)
                                               or not FEATURE_ID_PATTERN.fullmatch(feature_id)):
                continue  # the cause is reported elsewhere: a broken features file, or this key itself
            if feature_id not in features:
                errors.append(loaded.error(("cells", feature_id), f"cells.{feature_id}: unknown feature "
                                           f"'{feature_id}' (features are defined in data/features/)", key=True))
                continue
            try:
                cell = Cell.model_validate(raw_cell)
            except ValidationError:
                continue  # already reported by the framework model
            _check_cell_kind(features[feature_id], ("cells", feature_id), cell, loaded, errors)

    for use_case, loaded in use_cases:
        for index, feature_id in enumerate(use_case.must_have):
            if feature_id not in features and unchecked_feature(feature_id):
                continue
            if feature_id not in features:
                errors.append(loaded.error(("must_have", index), f"must_have.{index}: unknown feature '{feature_id}'"))
            elif features[feature_id].kind != "support":
                errors.append(loaded.error(("must_have", index), f"must_have.{index}: '{feature_id}' is a "
                                           f"{features[feature_id].kind} feature; only support features can be required"))
        for feature_id in use_case.weights.features:
            loc = ("weights", "features", feature_id)
            if feature_id not in features and unchecked_feature(feature_id):
                continue
            if feature_id not in features:
                errors.append(loaded.error(loc, f"weights.features.{feature_id}: unknown feature '{feature_id}'", key=True))
            elif features[feature_id].kind != "support":
                errors.append(loaded.error(loc, f"weights.features.{feature_id}: only support features can be weighted",
                                           key=True))
        for category_id in use_case.weights.categories:
            if category_id not in category_ids and not unchecked_feature(f"category:{category_id}"):
                errors.append(loaded.error(("weights", "categories", category_id),
                                           f"weights.categories.{category_id}: unknown category '{category_id}'", key=True))
        check_framework_ids(use_case.verdict.picks, ("verdict", "picks"), loaded)
        check_framework_ids(use_case.verdict.runners_up, ("verdict", "runners_up"), loaded)


def load_dataset(data_dir: Path | str = "data") -> Dataset:
    """Load and check every file under `data_dir`. Raises DataErrors listing every problem."""
    root = Path(data_dir)
    errors: list[DataError] = []
    if not (root / "features").is_dir() or not (root / "frameworks").is_dir():
        raise DataErrors([DataError(_display(root), 1, 1, "not a data folder: expected features/ and frameworks/ in it")])
    category_files: list[LoadedFile] = []
    categories = _load_folder(root / "features", Category, errors, category_files)
    framework_files: list[LoadedFile] = []
    frameworks = _load_folder(root / "frameworks", Framework, errors, framework_files)
    use_cases = _load_folder(root / "use_cases", UseCase, errors)
    # Ids in files already reported as broken are not reported again as "unknown" wherever they are used.
    unchecked_features: set[str] | None = None
    if len(category_files) == len(_yaml_files(root / "features")):
        unchecked_features = _raw_ids(category_files, categories, nested="features")  # type: ignore[arg-type]
        unchecked_features |= {f"category:{i}" for i in _raw_ids(category_files, categories)}  # type: ignore[arg-type]
    unchecked_frameworks: set[str] | None = None
    if len(framework_files) == len(_yaml_files(root / "frameworks")):
        unchecked_frameworks = _raw_ids(framework_files, frameworks)  # type: ignore[arg-type]
    _cross_check(categories, frameworks, use_cases, framework_files, errors, unchecked_features, unchecked_frameworks)
    claims = _load_claims(root / "claims.yaml", {f.id for c, _ in categories for f in c.features},
                          {u.id for u, _ in use_cases}, errors)
    if errors:
        raise DataErrors(errors)
    files = {f"category:{c.id}": l.path for c, l in categories}
    files |= {f"framework:{f.id}": l.path for f, l in frameworks}
    files |= {f"use_case:{u.id}": l.path for u, l in use_cases}
    return Dataset(
        categories=tuple(sorted((c for c, _ in categories), key=lambda c: (c.order, c.id))),
        frameworks=tuple(sorted((f for f, _ in frameworks), key=lambda f: (STATUS_ORDER[f.status], f.name.casefold()))),
        use_cases=tuple(sorted((u for u, _ in use_cases), key=lambda u: (u.order, u.id))),
        source_files=files,
        claims=claims,
    )


def _load_claims(path: Path, feature_ids: set[str], use_case_ids: set[str],
                 errors: list[DataError]) -> tuple[Claim, ...]:
    """data/claims.yaml is optional; when present every claim must point at existing rows and pages."""
    if not path.exists():
        return ()
    loaded, file_errors = load_yaml_file(path, _display(path))
    errors.extend(file_errors)
    if loaded is None:
        return ()
    claim_list, model_errors = validate_model(ClaimList, loaded)
    errors.extend(model_errors)
    if not isinstance(claim_list, ClaimList):
        return ()
    seen: set[str] = set()
    for index, claim in enumerate(claim_list.claims):
        if claim.id in seen:
            errors.append(loaded.error(("claims", index, "id"), f"claims.{index}.id: duplicate claim id '{claim.id}'"))
        seen.add(claim.id)
        for key, known, what in (("features", feature_ids, "feature"), ("use_cases", use_case_ids, "use case")):
            for position, ref in enumerate(getattr(claim, key)):
                if ref not in known:
                    errors.append(loaded.error(("claims", index, key, position),
                                               f"claims.{index}.{key}.{position}: unknown {what} '{ref}'"))
    return tuple(claim_list.claims)


def data_files(data_dir: Path) -> list[Path]:
    """Every file load_dataset reads: the entity folders, then claims.yaml."""
    files = [p for folder in FOLDERS for p in _yaml_files(data_dir / folder)]
    return files + [p for p in [data_dir / "claims.yaml"] if p.exists()]


_cache: dict[tuple[str, tuple[tuple[str, int, int], ...]], Dataset] = {}


def load_dataset_cached(data_dir: Path | str = "data") -> Dataset:
    """load_dataset, done once per state of the files: the site build renders many pages (and Zensical
    re-runs the macros module for each), while `mkdocs serve` must see every edit."""
    root = Path(data_dir)
    signature = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in data_files(root))
    key = (str(root.resolve()), signature)
    if key not in _cache:
        _cache.clear()
        _cache[key] = load_dataset(root)
    return _cache[key]
