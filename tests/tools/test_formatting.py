"""scripts/format.py: canonical key order and indentation, comments kept, values never changed."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from dlmatrix.data.load import load_dataset
from dlmatrix.data.reader import parse_yaml
from dlmatrix.tools.formatting import FormatError, catalog_order, format_text, schema_line
from tests.conftest import FIXTURES, ROOT, run

pytestmark = pytest.mark.live_data  # checks the live data: the contributor-path test runs it on a scaffolded copy too

FEATURES = ["steward", "first_release", "eager_by_default", "mobile_runtime"]

MESSY = """\
# top comment, kept
name: X  # name, end of line
id: x
cells:
  # --- deployment ---
  mobile_runtime: {verified: 2026-11-01, level: full, sources: [https://a.org]}  # flow, end of line
  # --- overview ---
  steward:
    verified: 2026-11-01  # when
    value: Someone
    sources:
    - https://b.org  # first source
    # indented under steward

  # --- eager, after a blank line ---
  eager_by_default:
    sources: [https://c.org]
    level: full
    verified: 2026-11-01
  # end of cells
status: active
"""


def comment_lines(text: str) -> list[str]:
    return sorted(line.split("#", 1)[1].strip() for line in text.splitlines() if "#" in line)


def values(text: str) -> object:
    loaded, errors = parse_yaml("t.yaml", text.encode())
    assert loaded is not None and not errors, errors
    return loaded.data


def test_round_trip_keeps_comments_and_values_and_orders_keys() -> None:
    result = format_text(MESSY, "framework", FEATURES)
    assert result.splitlines()[0] == schema_line("framework")
    assert comment_lines(result) == sorted(comment_lines(MESSY) + ["yaml-language-server: $schema=../schema/framework.schema.json"])
    assert values(result) == values(MESSY)
    data = values(result)
    assert list(data) == ["id", "name", "status", "cells"]  # model field order
    assert list(data["cells"]) == ["steward", "eager_by_default", "mobile_runtime"]  # catalog order
    assert list(data["cells"]["steward"]) == ["value", "sources", "verified"]  # Cell field order
    # sequences indented under their key (the end-of-line comment keeps its column where it can)
    assert any(re.fullmatch(r"      - https://b\.org +# first source", line) for line in result.splitlines())


def test_a_comment_line_moves_with_the_key_below_it() -> None:
    lines = format_text(MESSY, "framework", FEATURES).splitlines()
    eager = lines.index("  eager_by_default:")
    assert lines[eager - 1] == "  # --- eager, after a blank line ---"
    assert lines[eager - 2] == ""
    assert lines.index("    # indented under steward") < eager  # stays inside the cell it was indented into
    assert lines[lines.index("  mobile_runtime: {level: full, sources: [https://a.org], verified: 2026-11-01}"
                             "  # flow, end of line") + 1] == "  # end of cells"


def test_formatting_is_idempotent() -> None:
    once = format_text(MESSY, "framework", FEATURES)
    assert format_text(once, "framework", FEATURES) == once


def test_an_existing_schema_line_is_kept_once_and_a_wrong_one_replaced() -> None:
    text = "# yaml-language-server: $schema=../schema/wrong.schema.json\nid: x\n"
    assert format_text(text, "framework", []).splitlines() == [schema_line("framework"), "id: x"]


def test_unparseable_text_is_an_error_not_a_rewrite() -> None:
    with pytest.raises(FormatError):
        format_text("id: x\nid: y\n", "framework", [])
    with pytest.raises(FormatError):
        format_text("id: [x\n", "framework", [])


def test_catalog_order_follows_topic_order_then_file_order(mini_data: Path) -> None:
    assert catalog_order(mini_data) == ["steward", "first_release", "eager_by_default", "mobile_runtime",
                                        "browser_runtime", "github_stars", "latest_release"]


def test_check_names_files_and_changes_nothing_then_format_fixes_them(mini_data: Path) -> None:
    before = {p: p.read_bytes() for p in mini_data.rglob("*.yaml")}
    dataset_before = load_dataset(mini_data)
    check = run([sys.executable, "scripts/format.py", "--check", str(mini_data)])
    assert check.returncode == 1
    assert "pytorch.yaml: not formatted" in check.stderr  # the fixture has no schema lines yet
    assert {p: p.read_bytes() for p in mini_data.rglob("*.yaml")} == before
    fix = run([sys.executable, "scripts/format.py", str(mini_data)])
    assert fix.returncode == 0, fix.stderr
    assert load_dataset(mini_data) == dataset_before
    again = run([sys.executable, "scripts/format.py", "--check", str(mini_data)])
    assert again.returncode == 0, again.stderr
    assert all(p.read_text().startswith("# yaml-language-server: $schema=") for p in before)


def test_check_fails_on_a_file_that_does_not_parse(mini_data: Path) -> None:
    broken = mini_data / "frameworks" / "pytorch.yaml"
    broken.write_text(broken.read_text() + "cells: {}\n")
    result = run([sys.executable, "scripts/format.py", "--check", str(broken)])
    assert result.returncode == 1
    assert "pytorch.yaml" in result.stderr and "Traceback" not in result.stderr


def test_live_data_is_formatted() -> None:
    result = run([sys.executable, "scripts/format.py", "--check"], cwd=ROOT)
    assert result.returncode == 0, result.stderr


def test_every_live_data_file_starts_with_its_schema_line() -> None:
    kinds = {"frameworks": "framework", "topics": "topic", "use_cases": "use_case"}
    for folder, kind in kinds.items():
        for path in (ROOT / "data" / folder).glob("*.yaml"):
            assert path.read_text().splitlines()[0] == schema_line(kind), path
            assert (ROOT / "data" / "schema" / f"{kind}.schema.json").is_file()


def test_ruamel_is_pinned_exactly() -> None:
    import ruamel.yaml

    pins = [line.strip() for line in (ROOT / "requirements.txt").read_text().splitlines()]
    assert f"ruamel.yaml=={ruamel.yaml.__version__}" in pins


def test_fixture_copy_is_untouched() -> None:
    # the hand-written fixture itself stays as written (other tests rely on its line numbers)
    assert not (FIXTURES / "mini" / "frameworks" / "pytorch.yaml").read_text().startswith("#")
