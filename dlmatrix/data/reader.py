"""Read one YAML data file into plain Python values, remembering where every value came from.

Data files come from strangers' pull requests, so the loader is strict: no duplicate keys,
no anchors or aliases (no expansion bombs), no tabs, no byte-order mark, UTF-8 only,
bounded size and depth. Every problem becomes a DataError with a line and column.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent, MappingEndEvent, MappingStartEvent, SequenceEndEvent, SequenceStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from dlmatrix.data.errors import DataError
from dlmatrix.data.files import FileRefused, read_bytes
from dlmatrix.data.layout import data_files, display, kind_of

MAX_FILE_BYTES = 256_000  # the largest real file is a few tens of KB; parsing 256 KB takes well under a second
MAX_DEPTH = 12  # the deepest real structure is use_cases -> weights -> features -> id
MAX_KEY_LENGTH = 100  # keys are field names and ids (at most 60 characters)
MERGE_TAG = "tag:yaml.org,2002:merge"
# The tags plain YAML resolves to; an explicit `!!binary`, `!!set` or `!python/...` tag is refused.
ALLOWED_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp",
                                                         "seq", "map")}
# Characters no data string may hold: control characters (other than tab and newline), lone surrogates
# (they cannot be written as UTF-8), bidirectional overrides and isolates ("Trojan Source"), a byte-order
# mark or zero-width no-break space inside text, and the Unicode noncharacters (U+FDD0..U+FDEF and the last two
# code points of every plane: XML may not hold U+FFFE and U+FFFF, so feeds and badges would break).
_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))
_FORBIDDEN_CHARS = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069\ufeff{_NONCHARACTERS}]")
_NONCHAR = re.compile(f"[{_NONCHARACTERS}]")
# Keys whose values are names or ids: no invisible character may hide in them (nor in any key), so that
# "Py\u200bTorch" cannot stand beside "PyTorch" looking the same.
NAME_KEYS = frozenset({"id", "name"})
# Invisible characters: every format character (Unicode category Cf: zero-width space, joiners, bidi marks,
# soft hyphen, tags, ...), the variation selectors, and the blank fillers of Hangul and a grapheme joiner.
_INVISIBLE_EXTRA = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0") | frozenset(
    map(chr, [*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)]))


def is_invisible(char: str) -> bool:
    return char in _INVISIBLE_EXTRA or unicodedata.category(char) == "Cf"


def visible_key(text: str) -> str:
    """A name as a reader tells it apart: invisible characters removed, compatibility forms folded (NFKC) and case
    folded. Two display names with the same key look the same (rules.py refuses them)."""
    return unicodedata.normalize("NFKC", "".join(ch for ch in text if not is_invisible(ch))).casefold()

ANCHOR_MESSAGE = "anchors and aliases (&name, *name) are not allowed in data files; write the value out"

Location = tuple[int, int]
PathKey = tuple[str | int, ...]


@dataclass
class LoadedFile:
    """A parsed file: its values plus the position of every value and every key."""

    path: str
    data: Any
    value_positions: dict[PathKey, Location] = field(default_factory=dict)
    key_positions: dict[PathKey, Location] = field(default_factory=dict)

    def position(self, loc: PathKey, *, key: bool = False) -> Location:
        """Where `loc` is; falls back to the nearest enclosing value that exists."""
        if key and loc in self.key_positions:
            return self.key_positions[loc]
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.value_positions:
                return self.value_positions[loc[:end]]
        return (1, 1)

    def error(self, loc: PathKey, message: str, *, key: bool = False) -> DataError:
        line, column = self.position(loc, key=key)
        return DataError(self.path, line, column, message)


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases at the point they appear and stops at MAX_DEPTH while composing,
    so a deeply nested file is refused with a position, long before Python's recursion limit."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, ANCHOR_MESSAGE,
                event.start_mark,
            )
        event = self.peek_event()
        if getattr(event, "anchor", None) is not None:  # an anchor alone is useless here, and the start of a bomb
            raise yaml.composer.ComposerError(
                None, None, ANCHOR_MESSAGE,
                event.start_mark,
            )
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH + 1:  # depth 1 is the top-level mapping
                mark = self.peek_event().start_mark
                raise _Refused(DataError(self.name, mark.line + 1, mark.column + 1,
                                         f"nesting deeper than {MAX_DEPTH} levels is not allowed"))
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _position(node: Node) -> Location:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    """Turns a composed node tree into Python values and a position index."""

    def __init__(self, loaded: LoadedFile, loader: _StrictLoader) -> None:
        self.loaded = loaded
        self.loader = loader
        self.errors: list[DataError] = []

    def build(self, node: Node, loc: PathKey, depth: int) -> Any:
        self.loaded.value_positions[loc] = _position(node)
        if node.tag not in ALLOWED_TAGS:
            line, column = _position(node)
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise _Refused(DataError(self.loaded.path, line, column,
                                     f"YAML tag '{tag}' is not allowed in data files; write plain values"))
        if depth > MAX_DEPTH:
            line, column = _position(node)
            raise _Refused(DataError(self.loaded.path, line, column,
                                     f"nesting deeper than {MAX_DEPTH} levels is not allowed"))
        if isinstance(node, ScalarNode):
            try:
                value = self.loader.construct_object(node, deep=True)
            except (ValueError, OverflowError):
                if node.tag == "tag:yaml.org,2002:int":  # more digits than Python converts
                    line, column = _position(node)
                    raise _Refused(DataError(self.loaded.path, line, column,
                                             f"number with {len(node.value):,} digits is too large")) from None
                value = node.value  # e.g. 2026-02-30: kept as text, so the model says what it expected
            if isinstance(value, str):
                self._check_characters(value, node)
            return value
        if isinstance(node, SequenceNode):
            return [self.build(item, loc + (i,), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    line, column = _position(key_node)
                    self.errors.append(DataError(self.loaded.path, line, column, "a key must be a plain word"))
                    continue
                if key_node.tag == MERGE_TAG:
                    line, column = _position(key_node)
                    self.errors.append(DataError(self.loaded.path, line, column,
                                                 "merge keys (<<) are not allowed in data files; write the keys out"))
                    continue
                try:
                    key = self.loader.construct_object(key_node)
                except (ValueError, OverflowError):  # e.g. `2026-02-30:` as a key
                    key = key_node.value
                if not isinstance(key, str):
                    key = str(key_node.value)  # `2.10:` or `yes:` as a key: keep what was written
                if len(key) > MAX_KEY_LENGTH or any(c in key for c in "\n\r\x85\u2028\u2029"):
                    line, column = _position(key_node)
                    self.errors.append(DataError(self.loaded.path, line, column, "a key must be a plain word "
                                                 f"on one line, at most {MAX_KEY_LENGTH} characters"))
                    continue
                self._check_characters(key, key_node)
                self._check_invisible(key, key_node)
                if key in result:
                    line, column = _position(key_node)
                    first = self.loaded.key_positions[loc + (key,)]
                    self.errors.append(DataError(self.loaded.path, line, column,
                                                 f"duplicate key '{key}' (first defined on line {first[0]})"))
                    continue
                self.loaded.key_positions[loc + (key,)] = _position(key_node)
                result[key] = self.build(value_node, loc + (key,), depth + 1)
                if key in NAME_KEYS and isinstance(result[key], str):
                    self._check_invisible(result[key], value_node)
            return result
        raise AssertionError(f"unexpected YAML node {node!r}")  # PyYAML has only the three kinds

    def _check_invisible(self, text: str, node: Node) -> None:
        char = next((ch for ch in text if is_invisible(ch)), None)
        if char is None or _FORBIDDEN_CHARS.search(text):  # a forbidden one is reported already
            return
        line, column = _position(node)
        name = unicodedata.name(char, "format character")
        self.errors.append(DataError(self.loaded.path, line, column,
                                     f"invisible character U+{ord(char):04X} ({name}) in a name or id; remove it "
                                     "(a name must look like what it is)"))

    def _check_characters(self, text: str, node: Node) -> None:
        match = _FORBIDDEN_CHARS.search(text)
        if match is None:
            return
        line, column = _position(node)
        char = match.group()
        name = unicodedata.name(char, "lone surrogate" if 0xD800 <= ord(char) <= 0xDFFF
                                else "noncharacter" if _NONCHAR.match(char) else "control character")
        self.errors.append(DataError(self.loaded.path, line, column,
                                     f"text contains U+{ord(char):04X} ({name}), which data files may not hold; "
                                     "remove it"))


class _Refused(Exception):
    """Stops loading at once: the file is too deep or uses a YAML feature data files may not use."""

    def __init__(self, error: DataError) -> None:
        self.error = error


def _decode(path: str, raw: bytes) -> tuple[str | None, list[DataError]]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [DataError(path, 1, 1, "file is saved as UTF-16; save it as UTF-8")]
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [DataError(path, 1, 1, "file starts with a byte-order mark; save it as UTF-8 without BOM")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [DataError(path, line, column, f"invalid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8")]


_ODD_LINE_BREAKS = re.compile("\r(?!\n)|[\x85\u2028\u2029]")


def _line_break_error(path: str, text: str) -> list[DataError]:
    """YAML also breaks lines at a lone CR, NEL, LS and PS, which most editors do not: line numbers would
    not match what the contributor sees, so such files are refused (at the line an editor shows)."""
    match = _ODD_LINE_BREAKS.search(text)
    if match is None:
        return []
    line = text.count("\n", 0, match.start()) + 1
    column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
    char = match.group()
    name = {"\r": "CARRIAGE RETURN", "\x85": "NEXT LINE"}.get(char) or unicodedata.name(char)
    return [DataError(path, line, column, f"unusual line break U+{ord(char):04X} ({name}); "
                      "use plain line breaks (LF or CRLF)")]


def _tab_errors(path: str, text: str) -> list[DataError]:
    errors = []
    for number, line in enumerate(text.split("\n"), start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent]:
            errors.append(DataError(path, number, line.index("\t") + 1, "tab in indentation; indent with spaces"))
    return errors


def _reader_error(path: str, text: str, exc: yaml.reader.ReaderError) -> DataError:
    position = exc.position if isinstance(exc.position, int) and 0 <= exc.position <= len(text) else 0
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return DataError(path, line, column, f"control character U+{exc.character:04X} is not allowed in data files; "
                     "remove it" if isinstance(exc.character, int) else f"YAML: {exc.reason}")


def _compose_plain_file(text: str) -> Node | None:
    """Compose with libyaml (C, several times faster) when the file is plain: one document, no alias,
    not too deep, no syntax error. Anything else returns None and takes the careful pure-Python path,
    whose messages name the problem; both give the same nodes, which _Builder then checks."""
    if not getattr(yaml, "__with_libyaml__", False) or "\t" in text:  # libyaml allows tabs PyYAML refuses
        return None
    try:
        depth = 0
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
                return None
            if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH + 1:
                    return None
            elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                depth -= 1
        return yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return None


def _earlier_slip(text: str, line: int, column: int) -> tuple[int, int, int] | None:
    """When the line the parser stops at is indented as the canonical format says (two spaces more than its parent
    key), the slip is earlier: the first line under the same parent, indented otherwise. (line, column) of that line
    and the parent's line, or None when the line the parser stops at is the one to fix."""
    lines = text.split("\n")

    def indent(number: int) -> int | None:  # None: blank or a comment
        content = lines[number - 1]
        stripped = content.lstrip(" ")
        return None if not stripped or stripped.startswith("#") else len(content) - len(stripped)

    parent = next((n for n in range(line - 1, 0, -1) if (i := indent(n)) is not None and i < column - 1), None)
    if parent is None:
        return None
    parent_indent = indent(parent) or 0
    first = next((n for n in range(parent + 1, line) if indent(n) is not None), None)
    first_indent = indent(first) if first is not None else None
    if first is None or first_indent is None or column - 1 != parent_indent + 2 or first_indent == column - 1:
        return None
    return first, first_indent + 1, parent


def parse_yaml(path: str, raw: bytes) -> tuple[LoadedFile | None, list[DataError]]:
    """Parse bytes of one YAML file. Returns the loaded file, or None and the errors."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [DataError(path, 1, 1, f"file is {len(raw):,} bytes; data files may be at most {MAX_FILE_BYTES:,}")]
    text, errors = _decode(path, raw)
    if text is None:
        return None, errors
    errors = _line_break_error(path, text) or _tab_errors(path, text)
    if errors:
        return None, errors
    text = text.replace("\r\n", "\n")  # CRLF (Windows editors) reads as LF: same values, same positions
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        return None, [DataError(path, 1, 1, "file is empty; expected a mapping of keys to values")]
    try:
        loader = _StrictLoader(text)
    except yaml.reader.ReaderError as exc:  # a control character such as NUL, anywhere in the file
        return None, [_reader_error(path, text, exc)]
    loader.name = path
    loaded = LoadedFile(path=path, data=None)
    try:
        node = _compose_plain_file(text) or loader.get_single_node()
        if node is None:
            return None, [DataError(path, 1, 1, "file is empty; expected a mapping of keys to values")]
        builder = _Builder(loaded, loader)
        loaded.data = builder.build(node, (), 0)
        errors = builder.errors
    except _Refused as refused:
        return None, [refused.error]
    except yaml.reader.ReaderError as exc:
        return None, [_reader_error(path, text, exc)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or "invalid YAML"
        context = exc.context_mark
        if "'\\t'" in problem:
            problem += "; use spaces, not tabs"
        elif problem == "mapping values are not allowed here":
            source_line = text.split("\n")[line - 1] if 0 < line <= text.count("\n") + 1 else ""
            column = len(source_line) - len(source_line.lstrip(" ")) + 1
            return None, [DataError(path, line, column, "YAML syntax: indentation: a ':' where no key can start; "
                                    "check that this line and the one above it start in the same column as the "
                                    "other keys at their level, or put quotes around a value that contains ': '")]
        elif (problem.startswith("expected <block end>, but found") and context is not None
              and "block mapping" in (exc.context or "")):
            earlier = _earlier_slip(text, line, column)
            if earlier is not None:
                slip, slip_column, parent = earlier
                return None, [DataError(path, slip, slip_column, f"YAML syntax: indentation: line {slip} starts at "
                                        f"column {slip_column}, but line {line}, under the same key (line {parent}), "
                                        f"starts at column {column}; indent the lines under line {parent} alike")]
            return None, [DataError(path, line, column, f"YAML syntax: indentation: line {line} starts at column "
                                    f"{column}, which lines up with no key above it (the keys of the block from line "
                                    f"{context.line + 1} start at column {context.column + 1}); indent it like the keys "
                                    "it belongs with")]
        if exc.context and problem.startswith("but "):  # "expected a single document..., but found another"
            problem = f"{exc.context}, {problem}"
        elif exc.context and context and (context.line, context.column) != (line - 1, column - 1):
            problem += f" ({exc.context} that starts on line {context.line + 1}, column {context.column + 1})"
        elif exc.context and "found" in problem:
            problem = f"{exc.context}, {problem}"
        return None, [DataError(path, line, column, f"YAML syntax: {problem}")]
    except (yaml.YAMLError, ValueError, OverflowError) as exc:  # e.g. a date like 2026-02-30
        return None, [DataError(path, 1, 1, f"YAML: {exc}")]
    except RecursionError:
        return None, [DataError(path, 1, 1, f"nesting deeper than {MAX_DEPTH} levels is not allowed")]
    finally:
        loader.dispose()
    if not isinstance(loaded.data, dict):
        return None, [DataError(path, 1, 1, f"expected a mapping of keys to values at the top, got {type(loaded.data).__name__}")]
    return loaded, errors


def load_yaml_file(file: Path, display_path: str | None = None) -> tuple[LoadedFile | None, list[DataError]]:
    """Read one data file under the file-access rule (dlmatrix/data/files.py: a regular file, no link followed,
    at most MAX_FILE_BYTES read), then parse it."""
    path = display_path or str(file)
    try:
        raw = read_bytes(file, MAX_FILE_BYTES, path, "data files")
    except FileRefused as refused:
        return None, [refused.error()]
    return parse_yaml(path, raw)


def read_raw(root: Path, kind: str | None = None) -> list[LoadedFile]:
    """The raw content of every data file (of one kind) that parses, for tools that must work on data
    that does not validate yet (scaffolding, formatting, freshness, link checks). Unparsable files are
    skipped: the validator reports them."""
    found: list[LoadedFile] = []
    for path in data_files(root):
        if kind is not None and kind_of(path) != kind:
            continue
        loaded, _ = load_yaml_file(path, display(path))
        if loaded is not None:
            found.append(loaded)
    return found
