"""Property-based tests: whatever bytes or YAML a contributor sends, the loader and the validator either
accept it or report DataErrors with a position. They never crash, hang or print a traceback."""

from __future__ import annotations

import os
import shutil
import string
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dlmatrix.data.errors import DataError, DataErrors
from dlmatrix.data.load import load_dataset
from dlmatrix.data.model import Framework, Topic, UseCase
from dlmatrix.data.reader import parse_yaml
from dlmatrix.data.schema_errors import validate_model
from tests.conftest import FIXTURES

# DLM_FUZZ_EXAMPLES=5000 for a long hunt; the default keeps the whole file well under 20 s.
EXAMPLES = int(os.environ.get("DLM_FUZZ_EXAMPLES", "150"))
FAST = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=max(1, EXAMPLES * 4 // 5), deadline=None, suppress_health_check=[HealthCheck.too_slow])
MODELS = (Framework, Topic, UseCase)
SYNTAX = "[]{}:,-?'\"\t\n\r #&*!|>%@`\\<=~.0123456789\x00\x85\u2028\ufeffаé"


def check_errors(errors: list[DataError], lines: int) -> None:
    for error in errors:
        assert isinstance(error, DataError)
        assert 1 <= error.line <= lines + 1 and error.column >= 1, error
        assert error.message and "\n" not in error.message and len(error.message) < 1000, error


def parse_and_validate(raw: bytes) -> None:
    loaded, errors = parse_yaml("fuzz.yaml", raw)
    lines = raw.count(b"\n") + raw.count(b"\r") + 1
    check_errors(errors, lines)
    if loaded is None:
        assert errors, "a refused file must say why"
        return
    assert isinstance(loaded.data, dict)
    for model in MODELS:
        item, model_errors = validate_model(model, loaded)
        assert (item is None) == bool(model_errors)
        check_errors(model_errors, lines)


@FAST
@given(st.binary(max_size=600))
def test_arbitrary_bytes(raw: bytes) -> None:
    parse_and_validate(raw)


@FAST
@given(st.text(alphabet=st.sampled_from(SYNTAX + string.ascii_lowercase), max_size=300))
def test_yaml_punctuation_soup(text: str) -> None:
    parse_and_validate(text.encode("utf-8", "surrogatepass"))


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.dates(), st.text(max_size=30), st.sampled_from(["full", "none", "unknown", "https://example.org",
                                                        "javascript:alert(1)", "2026-02-30", "2.10", "pytorch"]),
)
keys = st.one_of(st.text(max_size=12), st.sampled_from(
    ["id", "name", "summary", "status", "cells", "sources", "verified", "level", "value", "note", "features",
     "weights", "verdict", "picks", "kind", "order", "description"]))
documents = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                        st.dictionaries(keys, inner, max_size=5)), max_leaves=25)


@FAST
@given(st.dictionaries(keys, documents, max_size=8))
def test_arbitrary_yaml_documents(document: dict[str, Any]) -> None:
    parse_and_validate(yaml.safe_dump(document, allow_unicode=True).encode("utf-8", "surrogatepass"))


# --- Whole data sets: a fixture file replaced by a mutated one ------------------------------------

FILES = sorted(str(p.relative_to(FIXTURES / "mini")) for p in (FIXTURES / "mini").rglob("*.yaml"))


def load_with(relative: str, raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(FIXTURES / "mini", data)
        (data / relative).write_bytes(raw)
        try:
            load_dataset(data)
        except DataErrors as exc:
            assert exc.errors
            for error in exc.errors:
                assert error.line >= 1 and error.column >= 1 and error.message, error


@st.composite
def mutated_text(draw: st.DrawFn) -> tuple[str, bytes]:
    relative = draw(st.sampled_from(FILES))
    text = (FIXTURES / "mini" / relative).read_text()
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 8)))
        text = text[:start] + draw(st.text(alphabet=SYNTAX + "az", max_size=4)) + text[end:]
    return relative, text.encode("utf-8", "surrogatepass")


@SLOW
@given(mutated_text())
def test_mutated_fixture_files(case: tuple[str, bytes]) -> None:
    load_with(*case)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, prefix + (index,))
    return found


@st.composite
def mutated_values(draw: st.DrawFn) -> tuple[str, bytes]:
    """Structure-aware: one value anywhere in a fixture file replaced by an arbitrary one."""
    relative = draw(st.sampled_from(FILES))
    data = yaml.safe_load((FIXTURES / "mini" / relative).read_text())
    path = draw(st.sampled_from(_paths(data)[1:]))
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = draw(documents)
    return relative, yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8", "surrogatepass")


@SLOW
@given(mutated_values())
def test_fixture_with_one_value_replaced(case: tuple[str, bytes]) -> None:
    load_with(*case)
