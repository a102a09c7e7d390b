"""The one canonical layout of data files, written by scripts/format.py and scripts/new.py.

Canonical means:
- the first line is `# yaml-language-server: $schema=../schema/<kind>.schema.json` (editors read it);
- keys in the order of the fields of the pydantic models in dlmatrix/data/model.py (unknown keys last, as written);
- a framework's cells in catalog order (topics by `order`, then id; features in file order),
  cells for unknown features last; a topic's features stay in file order;
- 2-space indentation, sequences indented under their key (`  - item`), one line per plain value
  (no re-wrapping: a one-word edit is a one-line diff); folded (`>-`) and flow (`[a, b]`) styles,
  quotes and comments are kept as written.

Round-trip through ruamel.yaml keeps comments. A comment line that stands before a key travels with
that key when keys are reordered. Formatting never changes a value: the result is parsed again with
the project's own strict loader and compared with the original, and a mismatch is an error.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.tokens import CommentToken

from dlmatrix.data.files import FileRefused, read_text
from dlmatrix.data.layout import FOLDERS
from dlmatrix.data.layout import data_files as all_data_files
from dlmatrix.data.layout import kind_of as layout_kind_of
from dlmatrix.data.model import Cell, FeatureDef, Framework, Topic, TopicVerdict, UseCase, Verdict, Weights
from dlmatrix.data.reader import MAX_FILE_BYTES, parse_yaml, read_raw

SCHEMA_PREFIX = "# yaml-language-server:"


def schema_line(kind: str) -> str:
    return f"{SCHEMA_PREFIX} $schema=../schema/{kind}.schema.json"


def kind_of(path: Path) -> str | None:
    """The kind of a formatted data file: one under topics/, frameworks/ or use_cases/ (the single files
    keep the layout their authors gave them)."""
    kind = layout_kind_of(path)
    return kind if kind in FOLDERS.values() else None


def data_files(root: Path) -> list[Path]:
    """Every formatted data file under a data folder, in a stable order."""
    return [path for path in all_data_files(root) if kind_of(path) is not None]


def _fields(model: type[BaseModel]) -> list[str]:
    return list(model.model_fields)


def catalog_order(root: Path) -> list[str]:
    """Feature ids in catalog order, read leniently (a broken topic file is skipped, not fatal)."""
    topics: list[tuple[int, str, list[str]]] = []
    for loaded in read_raw(root, "topic"):
        data = loaded.data
        order = data.get("order") if isinstance(data.get("order"), int) else 10_000
        features = data.get("features") if isinstance(data.get("features"), list) else []
        ids = [f["id"] for f in features if isinstance(f, dict) and isinstance(f.get("id"), str)]
        topics.append((order, str(data.get("id", loaded.path)), ids))
    return [feature_id for _, _, ids in sorted(topics, key=lambda c: (c[0], c[1])) for feature_id in ids]


# --- comments that travel with keys -------------------------------------------------------------

def _is_block(node: Any) -> bool:
    return isinstance(node, (CommentedMap, CommentedSeq)) and len(node) > 0 and not node.fa.flow_style()


def _tail_slot(container: CommentedMap | CommentedSeq, key: Any) -> tuple[dict[Any, list[Any]], Any, int]:
    """Where ruamel keeps the comment text that follows the entry `key`: on its deepest last value."""
    value = container[key]
    if _is_block(value):
        last = list(value.keys())[-1] if isinstance(value, CommentedMap) else len(value) - 1
        return _tail_slot(value, last)
    return container.ca.items, key, (0 if isinstance(container, CommentedSeq) else 2)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _take_following(container: CommentedMap, key: Any) -> str:
    """Remove and return the comment lines after entry `key` that stand before the next key (at the
    indentation of the keys of `container`, with the blank lines just above them). The entry's own
    end-of-line comment and comments indented into its nested block stay with the entry."""
    items, slot_key, slot = _tail_slot(container, key)
    token = items.get(slot_key, [None] * 4)[slot]
    if not isinstance(token, CommentToken):
        return ""
    text = token.value
    cut = text.index("\n") + 1 if "\n" in text else len(text)
    own, lines = text[:cut], text[cut:].splitlines(keepends=True)
    column = container.lc.col or 0
    split = next((i for i, line in enumerate(lines) if line.strip() and _indent(line) <= column), len(lines))
    while split > 0 and not lines[split - 1].strip():
        split -= 1
    own += "".join(lines[:split])
    if own.strip():
        token.value = own
    else:
        items[slot_key][slot] = None
    return "".join(lines[split:])


def _append_header(mapping: CommentedMap, text: str) -> None:
    """Add comment lines before the first key of a block mapping."""
    if not text:
        return
    column = mapping.lc.col or 0
    tokens = [CommentToken(line.strip() + "\n", CommentMark(column)) if line.strip() else
              CommentToken("\n", CommentMark(0)) for line in text.splitlines()]
    if mapping.ca.comment is None:
        mapping.ca.comment = [None, []]
    if mapping.ca.comment[1] is None:
        mapping.ca.comment[1] = []
    mapping.ca.comment[1].extend(tokens)


def _append_following(container: CommentedMap, key: Any, following: str) -> None:
    if not following:
        return
    items, slot_key, slot = _tail_slot(container, key)
    entry = items.setdefault(slot_key, [None] * 4)
    while len(entry) <= slot:
        entry.append(None)
    token = entry[slot]
    if isinstance(token, CommentToken):
        token.value = (token.value if token.value.endswith("\n") else token.value + "\n") + following
    else:
        entry[slot] = CommentToken("\n" + following, CommentMark(0))


def reorder(mapping: CommentedMap, order: list[str]) -> None:
    """Put the keys of `mapping` in `order` (others last, as written), moving comments along."""
    keys = list(mapping.keys())
    rank = {key: index for index, key in enumerate(order)}
    target = sorted(keys, key=lambda k: (rank.get(k, len(order)), keys.index(k)))
    if target == keys:
        return
    block = not mapping.fa.flow_style()
    leading: dict[Any, str] = {}
    trailer = ""
    if block:
        for previous, key in pairwise(keys):
            leading[key] = _take_following(mapping, previous)
        trailer = _take_following(mapping, keys[-1])
    for key in target:
        mapping.move_to_end(key)
    if block:
        _append_header(mapping, leading.get(target[0], ""))
        for previous, key in pairwise(target):
            _append_following(mapping, previous, leading.get(key, ""))
        _append_following(mapping, target[-1], trailer)


def _map(node: Any) -> CommentedMap | None:
    return node if isinstance(node, CommentedMap) else None


def canonicalize(data: Any, kind: str, features: list[str]) -> None:
    """Reorder keys in place, innermost first (so comments move with the finished entries)."""
    if not isinstance(data, CommentedMap):
        return
    if kind == "framework":
        cells = _map(data.get("cells"))
        if cells is not None:
            for cell in cells.values():
                if isinstance(cell, CommentedMap):
                    reorder(cell, _fields(Cell))
            reorder(cells, features)
        reorder(data, _fields(Framework))
    elif kind == "topic":
        if isinstance(data.get("features"), CommentedSeq):
            for feature in data["features"]:
                if isinstance(feature, CommentedMap):
                    reorder(feature, _fields(FeatureDef))
        if (verdict := _map(data.get("verdict"))) is not None:
            reorder(verdict, _fields(TopicVerdict))
        reorder(data, _fields(Topic))
    elif kind == "use_case":
        if (weights := _map(data.get("weights"))) is not None:
            reorder(weights, _fields(Weights))
        if (verdict := _map(data.get("verdict"))) is not None:
            reorder(verdict, _fields(Verdict))
        reorder(data, _fields(UseCase))


# --- text in, text out --------------------------------------------------------------------------

class FormatError(Exception):
    """A file that cannot be formatted (it does not parse); the message says where."""


def yaml_round_trip() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 1_000_000  # never re-wrap a value
    return yaml


def load_round_trip(text: str) -> Any:
    """Parse text (without its schema line) for editing; raises FormatError."""
    try:
        return yaml_round_trip().load(text)
    except YAMLError as exc:
        raise FormatError(f"cannot parse: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from exc


def dump_round_trip(data: Any, kind: str) -> str:
    out = io.StringIO()
    yaml_round_trip().dump(data, out)
    body = out.getvalue().rstrip("\n") + "\n"
    return f"{schema_line(kind)}\n{body}"


def strip_schema_line(text: str) -> str:
    first, _, rest = text.partition("\n")
    return rest if first.startswith(SCHEMA_PREFIX) else text


def format_text(text: str, kind: str, features: list[str], path: str = "<text>") -> str:
    """The canonical form of one data file's text. Raises FormatError when the text does not parse
    or when formatting would change a value (a bug, never silently written)."""
    before, errors = parse_yaml(path, text.encode("utf-8"))
    if before is None:
        raise FormatError(f"{errors[0]}" if errors else f"{path}: cannot parse")
    data = load_round_trip(strip_schema_line(text))
    canonicalize(data, kind, features)
    result = dump_round_trip(data, kind)
    after, _ = parse_yaml(path, result.encode("utf-8"))
    if after is None or after.data != before.data:
        raise FormatError(f"{path}: formatting would change a value; file left as it is (please report this)")
    return result


@dataclass(frozen=True)
class FileResult:
    path: Path
    changed: bool
    error: str | None = None
    new_text: str | None = None


def format_file(path: Path, features: list[str]) -> FileResult:
    kind = kind_of(path)
    if kind is None:
        return FileResult(path, False, f"{path}: not a data file (expected data/{{{','.join(FOLDERS)}}}/<id>.yaml)")
    try:
        text = read_text(path, MAX_FILE_BYTES, str(path), "data files")  # the file-access rule: no link followed
        new_text = format_text(text, kind, features, str(path))
    except FileRefused as refused:
        return FileResult(path, False, str(refused.error()))
    except (OSError, UnicodeDecodeError) as exc:
        return FileResult(path, False, f"{path}: cannot read: {exc}")
    except FormatError as exc:
        message = str(exc)
        return FileResult(path, False, message if message.startswith(str(path)) else f"{path}: {message}")
    return FileResult(path, new_text != text, None, new_text)
