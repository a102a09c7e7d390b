"""Write the files for a new framework, feature or use case: valid, canonical and honest from the start.

The engine behind scripts/new.py. Nothing it writes is a placeholder: what nobody has checked yet is
`level: unknown` (shown as unknown on the site), and what to fill in next is in comments. So a new file
validates, builds and passes `make test` as it is, and the placeholder rule never has to let anything
through. Every function checks the id first (ScaffoldError with a plain message, nothing written), writes
the files, then validates them with the project's own loader and removes what it wrote if they do not pass.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from pydantic import TypeAdapter, ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from dlmatrix.data.errors import DataError
from dlmatrix.data.evidence import EXAMPLES_DIR
from dlmatrix.data.model import FeatureId, FrameworkId, TopicId, UseCaseId, ValueKind
from dlmatrix.data.reader import LoadedFile, read_raw
from dlmatrix.data.vocabulary import PLATFORM_ACCELERATORS
from dlmatrix.data.writer import DataWriter
from dlmatrix.site.stubs import pair_stub_path, pair_stub_text, stub_path, stub_text
from dlmatrix.tools.formatting import (
    catalog_order,
    dump_round_trip,
    format_text,
    load_round_trip,
    strip_schema_line,
    yaml_round_trip,
)

KIND_NAMES: tuple[str, ...] = get_args(ValueKind)
ID_RULES = {
    "framework": (FrameworkId, "lower-case letters and digits in words joined by '-', starting with a letter, "
                               "at most 40 characters (e.g. 'my-framework')"),
    "use case": (UseCaseId, "lower-case letters and digits in words joined by '-', starting with a letter, "
                            "at most 40 characters (e.g. 'speech-recognition')"),
    "topic": (TopicId, "lower-case words joined by '-'"),
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


def _ids_in(files: list[LoadedFile]) -> dict[str, str]:
    """casefolded id -> file, for the ids of existing files (file names and the ids inside)."""
    ids: dict[str, str] = {}
    for loaded in files:
        ids[Path(loaded.path).stem.casefold()] = loaded.path
        if isinstance(loaded.data.get("id"), str):
            ids.setdefault(loaded.data["id"].casefold(), loaded.path)
    return ids


def _feature_ids(data_dir: Path) -> dict[str, str]:
    ids: dict[str, str] = {}
    for loaded in read_raw(data_dir, "topic"):
        features = loaded.data.get("features")
        for feature in features if isinstance(features, list) else []:
            if isinstance(feature, dict) and isinstance(feature.get("id"), str):
                ids.setdefault(feature["id"].casefold(), loaded.path)
    return ids


def _hint(text: str, width: int = 100) -> str:
    """A one-line comment: the first sentence, cut to `width` characters."""
    first = text.split(". ")[0].strip().rstrip(".")
    return first if len(first) <= width else first[: width - 1].rstrip() + "…"


def _refuse_existing(what: str, entity_id: str, existing: dict[str, str]) -> None:
    if entity_id.casefold() in existing:
        raise ScaffoldError(f"{what} '{entity_id}' already exists ({existing[entity_id.casefold()]}); "
                            "edit that file instead, or choose another id")


def _commit(files: dict[Path, str], data_dir: Path) -> Written:
    """Check the new files on a copy of the data (the one DataWriter), then write them, or nothing."""
    writer = DataWriter(data_dir)
    before = {path: writer.original(path) for path in files}
    if errors := writer.problems(files):
        return Written(errors=sorted(errors))
    writer.write(files)
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
    _refuse_existing("framework", framework_id, _ids_in(read_raw(data_dir, "framework")))
    path = data_dir / "frameworks" / f"{framework_id}.yaml"
    stub = _stub(docs_dir, "framework", framework_id)
    day = (today or dt.date.today()).isoformat()
    lines = [
        "# A new framework. Nothing here is checked yet, so every answer is `unknown`, which the site shows.",
        "# For each fact you check: give the level or value, its sources (primary first) and the day you",
        "# checked it. Guide and templates: CONTRIBUTING.md.",
        f"id: {framework_id}",
        f"name: {_quote(name or framework_id)}" + ("" if name else "  # as the project writes it"),
        "# summary: One sentence, 10 to 240 characters: what it is, who makes it, what it is known for.",
        "status: unknown  # active, maintenance or retired, once a source says so (add it under sources)",
        f"homepage: {_quote(homepage)}" if homepage else "# homepage: https://...",
        f"repository: {_quote(repository)}" if repository else "# repository: https://...",
        "# sources:  # for status, successor and end date, primary first",
        "#   - https://...",
        f"verified: {day}",
        "# How it installs on each platform and accelerator (the /install/ page): for each, installs yes with the",
        "# command (and accelerated: yes or no), or no with a reason; sources and the day you checked. make sync",
        "# then measures the wheels and download sizes.",
        "install:",
        "  entries:",
    ]
    for (os_id, arch), accels in PLATFORM_ACCELERATORS.items():
        lines += [f"    - os: [{os_id}]", f"      arch: [{arch}]", f"      accel: [{', '.join(accels)}]",
                  "      installs: unknown", f"      verified: {day}"]
    features = catalog_order(data_dir)
    names = {f["id"]: f for loaded in read_raw(data_dir, "topic") for f in loaded.data.get("features") or []
             if isinstance(f, dict) and isinstance(f.get("id"), str)}
    if features:
        lines.append("cells:")
        for feature_id in features:
            feature = names.get(feature_id, {})
            hint = _hint(str(feature.get("name", feature_id)))
            kind = str(feature.get("kind", "support"))
            lines += [f"  {feature_id}:", f"    level: unknown  # {hint} ({'a level' if kind == 'support' else kind})",
                      f"    verified: {day}"]
    else:
        lines.append("cells: {}")
    text = _canonical("\n".join(lines) + "\n", "framework", data_dir, path)
    # Pair pages are for the frameworks of site.yaml's framework_order (SiteSettings.has_pair_pages), which a new
    # framework is not in; without that list, every framework not retired has them, this one too.
    order = [f.data.get("framework_order") for f in read_raw(data_dir, "site")]
    current = [str(f.data.get("id")) for f in read_raw(data_dir, "framework") if f.data.get("status") != "retired"]
    pairs = {} if any(order) else {pair_stub_path(docs_dir, framework_id, other): pair_stub_text(framework_id, other)
                                   for other in current}
    return _commit({path: text, stub[0]: stub[1], **pairs, **_not_written_yet(data_dir.parent, framework_id)}, data_dir)


def _not_written_yet(project: Path, framework_id: str) -> dict[Path, str]:
    """Each code example task (examples/<task>/task.yaml) lists the new framework under `not_written`: honest,
    valid, and shown as "not written yet" on /code/, so that setting `status: active` owes nothing at once."""
    changed: dict[Path, str] = {}
    for path in sorted((project / EXAMPLES_DIR).glob("*/task.yaml")):
        data: Any = load_round_trip(path.read_text(encoding="utf-8"))
        if not isinstance(data, CommentedMap):
            raise ScaffoldError(f"{path} is not a mapping; fix it first (python scripts/validate.py)")
        listed = data.get("not_written")
        if not isinstance(listed, list):
            listed = CommentedSeq()
            listed.fa.set_flow_style()
            data["not_written"] = listed
        if framework_id not in listed:
            listed.append(framework_id)
        out = io.StringIO()
        yaml_round_trip().dump(data, out)
        changed[path] = out.getvalue()
    return changed


def new_use_case(data_dir: Path, docs_dir: Path, use_case_id: str, *, name: str | None = None,
                 today: dt.date | None = None) -> Written:
    check_id("use case", use_case_id)
    use_cases = read_raw(data_dir, "use_case")
    _refuse_existing("use case", use_case_id, _ids_in(use_cases))
    orders = [u.data["order"] for u in use_cases if isinstance(u.data.get("order"), int)]
    order = min(max(orders, default=0) + 10, 1000)
    path = data_dir / "use_cases" / f"{use_case_id}.yaml"
    stub = _stub(docs_dir, "use_case", use_case_id)
    lines = [
        "# A new use case. Until it has weights every framework scores 0, and until it has a verdict the page",
        "# shows the computed ranking only. Guide and template: CONTRIBUTING.md.",
        f"id: {use_case_id}",
        f"name: {_quote(name or use_case_id)}" + ("" if name else "  # a short title"),
        f"order: {order}  # position in lists, 0 to 1000",
        "# audience: Who this is for, in a sentence or two.",
        "# summary: One sentence, 10 to 240 characters, on what matters most here.",
        "must_have: []  # ids of support features a pick must have",
        "weights:",
        "  topics: {}  # topic id: weight, above 0 and up to 10",
        "  features: {}  # support feature id: weight, 0 to 10",
        "# verdict:  # the editors' pick, in your own words",
        "#   picks: [framework-id]",
        "#   runners_up: []",
        "#   reasoning: Why, citing the rows that decide it.",
        "#   sources: [https://...]",
        f"#   verified: {(today or dt.date.today()).isoformat()}",
    ]
    text = _canonical("\n".join(lines) + "\n", "use_case", data_dir, path)
    return _commit({path: text, stub[0]: stub[1]}, data_dir)


def new_feature(data_dir: Path, topic_id: str, feature_id: str, *, kind: str = "support",
                name: str | None = None) -> Written:
    check_id("topic", topic_id)
    check_id("feature", feature_id)
    if kind not in KIND_NAMES:
        raise ScaffoldError(f"'{kind}' is not a feature kind: use one of {', '.join(KIND_NAMES)}")
    path = data_dir / "topics" / f"{topic_id}.yaml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in (data_dir / "topics").glob("*.yaml")))
        raise ScaffoldError(f"no topic '{topic_id}' ({path} does not exist); known: {known}")
    _refuse_existing("feature", feature_id, _feature_ids(data_dir))
    original = path.read_text(encoding="utf-8")
    data: Any = load_round_trip(strip_schema_line(original))
    if not isinstance(data, CommentedMap) or not isinstance(data.get("features"), list):
        raise ScaffoldError(f"{path} has no 'features' list; fix it first (python scripts/validate.py {path})")
    feature = CommentedMap()
    feature["id"] = feature_id
    feature["name"] = name or feature_id.replace("_", " ").capitalize()
    feature["kind"] = kind
    feature.yaml_set_comment_before_after_key(
        "kind", before="description: what it is, for a framework in any language; and scale: what full, partial, "
                       "plugin and none mean for it" if kind == "support" else "description: what the value says", indent=4)
    data["features"].append(feature)
    text = _canonical(dump_round_trip(data, "topic"), "topic", data_dir, path)
    return _commit({path: text}, data_dir)
