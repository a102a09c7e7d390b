"""scripts/freshness.py: cells verified more than N months ago, grouped by framework, with file:line."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from dlmatrix.tools.freshness import months_before, report, stale_cells
from tests.conftest import run

TODAY = dt.date(2026, 11, 25)


def test_lists_the_one_stale_cell_of_the_fixture_with_its_line(mini_data: Path) -> None:
    cells = stale_cells(mini_data, 12, TODAY)
    assert [(c.framework_id, c.feature_id, c.verified, c.line) for c in cells] == [
        ("tensorflow", "browser_runtime", dt.date(2025, 1, 1), 14)]
    assert cells[0].path.endswith("frameworks/tensorflow.yaml")


def test_the_threshold_is_calendar_months_and_the_cutoff_day_is_not_stale(mini_data: Path) -> None:
    path = mini_data / "frameworks/pytorch.yaml"
    path.write_text(path.read_text().replace("browser_runtime: {level: none, sources: [https://pytorch.org], "
                                             "verified: 2026-11-01}", "browser_runtime: {level: none, sources: "
                                             "[https://pytorch.org], verified: 2025-11-25}"))
    assert [c.feature_id for c in stale_cells(mini_data, 12, TODAY) if c.framework_id == "pytorch"] == []
    assert [c.feature_id for c in stale_cells(mini_data, 12, dt.date(2026, 11, 26))
            if c.framework_id == "pytorch"] == ["browser_runtime"]
    assert len(stale_cells(mini_data, 0, TODAY)) == 13  # every cell of the fixture (6 + 6 + 1) is older than today


def test_grouped_by_framework_active_first_then_by_name(mini_data: Path) -> None:
    cells = stale_cells(mini_data, 0, TODAY)
    order = [c.framework_id for c in cells]
    assert order == sorted(order, key=["pytorch", "tensorflow", "oldnet"].index)


@pytest.mark.parametrize("day, months, expected", [
    (dt.date(2026, 11, 25), 12, dt.date(2025, 11, 25)),
    (dt.date(2024, 3, 31), 1, dt.date(2024, 2, 29)),
    (dt.date(2026, 1, 15), 1, dt.date(2025, 12, 15)),
    (dt.date(2026, 5, 31), 18, dt.date(2024, 11, 30)),
])
def test_months_before(day: dt.date, months: int, expected: dt.date) -> None:
    assert months_before(day, months) == expected


def test_markdown_report_has_a_checklist_per_framework(mini_data: Path) -> None:
    text = report(stale_cells(mini_data, 12, TODAY), 12, TODAY, markdown=True)
    assert "### TensorFlow" in text
    assert "- [ ] `browser_runtime`: verified 2025-01-01" in text
    assert "frameworks/tensorflow.yaml:14`" in text
    assert "Nothing to re-check." in report([], 12, TODAY, markdown=True)


def test_cli_always_exits_0(mini_data: Path) -> None:
    found = run([sys.executable, "scripts/freshness.py", "--data", str(mini_data), "--today", "2026-11-25"])
    assert found.returncode == 0, found.stderr
    assert "tensorflow.yaml:14: browser_runtime verified 2025-01-01" in found.stdout
    none = run([sys.executable, "scripts/freshness.py", "--data", str(mini_data), "--today", "2025-06-01",
                "--markdown", "--months", "24"])
    assert none.returncode == 0 and "Nothing to re-check." in none.stdout
