"""The strict YAML loader: positions, duplicate keys, aliases and hostile bytes."""

from __future__ import annotations

import pytest

from dlmatrix.data.reader import MAX_DEPTH, MAX_FILE_BYTES, parse_yaml
from tests.conftest import ROOT

pytestmark = pytest.mark.live_data  # checks the live data: the contributor-path test runs it on a scaffolded copy too


def messages(raw: bytes) -> list[str]:
    _, errors = parse_yaml("f.yaml", raw)
    return [str(e) for e in errors]


def test_values_and_positions_are_kept() -> None:
    loaded, errors = parse_yaml("f.yaml", b"id: x\ncells:\n  a:\n    level: full\n")
    assert errors == [] and loaded is not None
    assert loaded.data == {"id": "x", "cells": {"a": {"level": "full"}}}
    assert loaded.position(("cells", "a", "level")) == (4, 12)
    assert loaded.position(("cells", "a", "level"), key=True) == (4, 5)
    assert loaded.position(("cells", "nope", "deeper")) == (3, 3)  # nearest enclosing value: the `cells` mapping


def test_duplicate_keys_are_reported_with_both_lines() -> None:
    assert messages(b"id: a\nname: b\nid: c\n") == ["f.yaml:3:1: duplicate key 'id' (first defined on line 1)"]


def test_aliases_are_refused() -> None:
    [message] = messages(b"a: &x [1, 2]\nb: *x\n")
    assert message.startswith("f.yaml:1:4: YAML syntax: anchors and aliases")


def test_a_lone_anchor_is_refused() -> None:
    assert messages(b"a: &x [1, 2]\nb: 2\n") == ["f.yaml:1:4: YAML syntax: anchors and aliases (&name, *name) are "
                                                  "not allowed in data files; write the value out"]


def test_alias_bomb_is_refused_quickly() -> None:
    bomb = b'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n'
    assert "anchors and aliases" in messages(bomb)[0]


def test_tabs_bom_and_bad_utf8() -> None:
    assert messages(b"id: a\ncells:\n\tx: 1\n") == ["f.yaml:3:1: tab in indentation; indent with spaces"]
    assert "byte-order mark" in messages(b"\xef\xbb\xbfid: a\n")[0]
    assert messages(b"id: a\nname: caf\xe9\n") == ["f.yaml:2:10: invalid UTF-8 (byte 0xe9); save the file as UTF-8"]


def test_empty_and_non_mapping_files() -> None:
    assert "file is empty" in messages(b"")[0]
    assert "file is empty" in messages(b"# only a comment\n\n")[0]
    assert "expected a mapping" in messages(b"- a\n- b\n")[0]


def test_syntax_error_has_line_and_column() -> None:
    [message] = messages(b"id: a\nname: [unclosed\nother: b\n")
    assert message.startswith("f.yaml:3:6: YAML syntax:")


def test_size_and_depth_limits() -> None:
    assert "at most" in messages(b"a: " + b"x" * (MAX_FILE_BYTES + 1))[0]
    deep = b"a: " + b"[" * (MAX_DEPTH + 5) + b"]" * (MAX_DEPTH + 5) + b"\n"
    assert "nesting deeper" in messages(deep)[0]


def test_impossible_date_is_kept_as_text_for_the_model_to_reject() -> None:
    loaded, errors = parse_yaml("f.yaml", b"verified: 2026-02-30\n")
    assert errors == [] and loaded is not None and loaded.data["verified"] == "2026-02-30"


def test_libyaml_fast_path_gives_the_same_values_and_positions(monkeypatch) -> None:  # type: ignore[no-untyped-def]

    from dlmatrix.data import reader as yaml_loader

    root = ROOT / "data"
    files = sorted(root.rglob("*.yaml"))
    assert len(files) > 30
    fast = [parse_yaml(str(f), f.read_bytes()) for f in files]
    monkeypatch.setattr(yaml_loader, "_compose_plain_file", lambda text: None)
    careful = [parse_yaml(str(f), f.read_bytes()) for f in files]
    for (fast_file, fast_errors), (careful_file, careful_errors) in zip(fast, careful, strict=True):
        assert fast_errors == careful_errors == []
        assert fast_file.data == careful_file.data
        assert fast_file.value_positions == careful_file.value_positions
        assert fast_file.key_positions == careful_file.key_positions


def test_crlf_reads_as_lf() -> None:
    from dlmatrix.data.reader import parse_yaml

    lf, _ = parse_yaml("f.yaml", b"id: a\nnote: |\n  one\n  two\nname: b\n")
    crlf, errors = parse_yaml("f.yaml", b"id: a\r\nnote: |\r\n  one\r\n  two\r\nname: b\r\n")
    assert lf is not None and crlf is not None and errors == []
    assert crlf.data == lf.data == {"id": "a", "note": "one\ntwo\n", "name": "b"}
    assert crlf.value_positions == lf.value_positions
