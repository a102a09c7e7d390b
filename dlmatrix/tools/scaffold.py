"""Write the files for a new framework, feature or use case: valid, canonical, with TODOs to fill.

The engine behind scripts/new.py. Every function checks the id first (ScaffoldError with a plain
message, nothing written), writes the files, then validates them with the project's own loader and
removes what it wrote if they do not pass.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from pydantic import TypeAdapter, ValidationError
from ruamel.yaml.comments import CommentedMap

from dlmatrix.data.errors import DataError
from dlmatrix.tools.formatting import catalog_order, dump_round_trip, format_text, load_round_trip, strip_schema_line
from dlmatrix.data.model import CategoryId, FeatureId, FrameworkId, UseCaseId, ValueKind
from dlmatrix.site.stubs import stub_path, stub_text
from dlmatrix.data.validate import validate_paths
from dlmatrix.data.reader import load_yaml_file

PLACEHOLDER_URL = "https://example.com/TODO"
KIND_NAMES: tuple[str, ...] = get_args(ValueKind)
ID_RULES = {
    "framework": (FrameworkId, "lower-case letters and digits in words joined by '-', starting with a letter, "
                               "at most 40 characters (e.g. 'my-framework')"),
    "use case": (UseCaseId, "lower-case letters and digits in words joined by '-', starting with a letter, "
                            "at most 40 characters (e.g. 'speech-recognition')"),
    "category": (CategoryId, "lower-case words joined by '-'"),
    "feature": (FeatureId, "lower-case letters and digits in words joined by '_', starting with a letter, "
                           "at most 60 characters (e.g. 'sparse_tensors')"),
}


class ScaffoldError(Exception):
    """Refused: the message says why and what to do instead; nothing was written."""


@dataclass
class Written:
    created: list[Path] = field(default_factory=list)
    changed: list[Path] = field(default_factory=list)
    errors: list[DataError] = field(default_factory=list)


def check_id(what: str, value: str) -> None:
    type_, rule = ID_RULES[what]
    try:
        TypeAdapter(type_).validate_python(value)
    except ValidationError:
        raise ScaffoldError(f"'{value}' is not a valid {what} id: use {rule}") from None


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _ids_in(folder: Path) -> dict[str, str]:
    """casefolded id -> file, for the ids of existing files (file names and the ids inside)."""
    ids: dict[str, str] = {}
    for path in sorted(folder.glob("*.y*ml")):
        ids[path.stem.casefold()] = str(path)
        loaded, _ = load_yaml_file(path)
        if loaded is not None and isinstance(loaded.data.get("id"), str):
            ids.setdefault(loaded.data["id"].casefold(), str(path))
    return ids


def _feature_ids(data_dir: Path) -> dict[str, str]:
    ids: dict[str, str] = {}
    for path in sorted((data_dir / "features").glob("*.yaml")):
        loaded, _ = load_yaml_file(path)
        features = loaded.data.get("features") if loaded is not None else None
        for feature in features if isinstance(features, list) else []:
            if isinstance(feature, dict) and isinstance(feature.get("id"), str):
                ids.setdefault(feature["id"].casefold(), str(path))
    return ids


def _refuse_existing(what: str, entity_id: str, existing: dict[str, str]) -> None:
    if entity_id.casefold() in existing:
        raise ScaffoldError(f"{what} '{entity_id}' already exists ({existing[entity_id.casefold()]}); "
                            "edit that file instead, or choose another id")


def _commit(files: dict[Path, str], data_dir: Path) -> Written:
    """Write files, validate them, undo everything when they do not pass."""
    before = {path: path.read_text(encoding="utf-8") if path.exists() else None for path in files}
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    data_files = [p for p in files if p.suffix == ".yaml"]
    errors, _ = validate_paths(data_files)
    if errors:
        for path, text in before.items():
            if text is None:
                path.unlink(missing_ok=True)
            else:
                path.write_text(text, encoding="utf-8")
        return Written(errors=errors)
    return Written(created=[p for p, t in before.items() if t is None],
                   changed=[p for p, t in before.items() if t is not None and t != files[p]])


def _stub(docs_dir: Path, kind: str, entity_id: str) -> tuple[Path, str]:
    path, text = stub_path(docs_dir, kind, entity_id), stub_text(kind, entity_id)
    if path.exists() and path.read_text(encoding="utf-8") != text:
        raise ScaffoldError(f"{path} already exists with other content; move it away first")
    return path, text


def _canonical(text: str, kind: str, data_dir: Path, path: Path) -> str:
    return format_text(text, kind, catalog_order(data_dir), str(path))


def new_framework(data_dir: Path, docs_dir: Path, framework_id: str, *, name: str | None = None,
                  homepage: str | None = None, repository: str | None = None,
                  today: dt.date | None = None) -> Written:
    check_id("framework", framework_id)
    _refuse_existing("framework", framework_id, _ids_in(data_dir / "frameworks"))
    path = data_dir / "frameworks" / f"{framework_id}.yaml"
    stub = _stub(docs_dir, "framework", framework_id)
    day = (today or dt.date.today()).isoformat()
    home = homepage or PLACEHOLDER_URL
    lines = [
        "# New framework: replace every TODO, then give each cell a value, sources and the date you checked.",
        "# Guide and templates: CONTRIBUTING.md.",
        f"id: {framework_id}",
        f"name: {_quote(name or framework_id)}{'' if name else '  # TODO: the name as the project writes it'}",
        "summary: 'TODO: one sentence, 10 to 240 characters: what it is, who makes it, what it is known for.'",
        "status: active  # active, maintenance or retired (retired needs successor and end_date)",
        f"homepage: {_quote(home)}{'' if homepage else '  # TODO'}",
        f"repository: {_quote(repository or PLACEHOLDER_URL)}{'' if repository else '  # TODO'}",
        "sources:  # TODO: primary sources for name, status, successor and end date",
        f"  - {_quote(home)}",
        f"verified: {day}",
    ]
    features = catalog_order(data_dir)
    if features:
        lines.append("cells:")
        for feature_id in features:
            lines += [f"  {feature_id}:", "    level: unknown", f"    verified: {day}"]
    else:
        lines.append("cells: {}")
    text = _canonical("\n".join(lines) + "\n", "framework", data_dir, path)
    return _commit({path: text, stub[0]: stub[1]}, data_dir)


def new_use_case(data_dir: Path, docs_dir: Path, use_case_id: str, *, name: str | None = None,
                 today: dt.date | None = None) -> Written:
    check_id("use case", use_case_id)
    _refuse_existing("use case", use_case_id, _ids_in(data_dir / "use_cases"))
    frameworks = sorted(_ids_in(data_dir / "frameworks"))
    if not frameworks:
        raise ScaffoldError("there is no framework yet; add one first (python scripts/new.py framework <id>)")
    orders = []
    for existing in (data_dir / "use_cases").glob("*.yaml"):
        loaded, _ = load_yaml_file(existing)
        if loaded is not None and isinstance(loaded.data.get("order"), int):
            orders.append(loaded.data["order"])
    order = min(max(orders, default=0) + 10, 1000)
    path = data_dir / "use_cases" / f"{use_case_id}.yaml"
    stub = _stub(docs_dir, "use_case", use_case_id)
    day = (today or dt.date.today()).isoformat()
    lines = [
        "# New use case: replace every TODO (guide and template: CONTRIBUTING.md).",
        f"id: {use_case_id}",
        f"name: {_quote(name or use_case_id)}{'' if name else '  # TODO: a short title'}",
        f"order: {order}  # position in lists, 0 to 1000",
        "audience: 'TODO: who this is for, in a sentence or two.'",
        "summary: 'TODO: one sentence, 10 to 240 characters, on what matters most here.'",
        "must_have: []  # ids of support features a pick must have",
        "weights:",
        "  categories: {}  # category id: weight, above 0 and up to 10",
        "  features: {}  # support feature id: weight, 0 to 10",
        "verdict:",
        f"  picks: [{frameworks[0]}]  # TODO: recommended framework ids (several means a tie)",
        "  runners_up: []",
        "  reasoning: 'TODO: why, in your own words.'",
        "  caveats: []",
        "  sources:  # TODO: primary sources first",
        f"    - {PLACEHOLDER_URL}",
        f"  verified: {day}",
    ]
    text = _canonical("\n".join(lines) + "\n", "use_case", data_dir, path)
    return _commit({path: text, stub[0]: stub[1]}, data_dir)


def new_feature(data_dir: Path, category_id: str, feature_id: str, *, kind: str = "support",
                name: str | None = None) -> Written:
    check_id("category", category_id)
    check_id("feature", feature_id)
    if kind not in KIND_NAMES:
        raise ScaffoldError(f"'{kind}' is not a feature kind: use one of {', '.join(KIND_NAMES)}")
    path = data_dir / "features" / f"{category_id}.yaml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in (data_dir / "features").glob("*.yaml")))
        raise ScaffoldError(f"no category '{category_id}' ({path} does not exist); known: {known}")
    _refuse_existing("feature", feature_id, _feature_ids(data_dir))
    original = path.read_text(encoding="utf-8")
    data: Any = load_round_trip(strip_schema_line(original))
    if not isinstance(data, CommentedMap) or not isinstance(data.get("features"), list):
        raise ScaffoldError(f"{path} has no 'features' list; fix it first (python scripts/validate.py {path})")
    feature = CommentedMap()
    feature["id"] = feature_id
    feature["name"] = name or f"TODO: name of {feature_id}"
    feature["description"] = ("TODO: what this feature means" +
                              (", and what full, partial and none mean for it." if kind == "support" else "."))
    feature["kind"] = kind
    data["features"].append(feature)
    text = _canonical(dump_round_trip(data, "category"), "category", data_dir, path)
    return _commit({path: text}, data_dir)

