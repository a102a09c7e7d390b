"""The view layer over a small hand-written data set: missing cells, differences, scores, roles, coverage."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dlmatrix.data.load import load_dataset
from dlmatrix.site.views import Site, months_before, stale_cutoff

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def site(mini_data: Path) -> Site:
    return Site(load_dataset(mini_data), TODAY)


def test_missing_cell_is_unknown_not_dropped(site: Site) -> None:
    view = site.cell(site.data.framework("oldnet"), site.data.feature("mobile_runtime"))
    assert view.missing and view.level == "unknown" and view.meets is None
    rows = [row for group in site.groups() for row in group.rows]
    assert sum(len(row.cells) for row in rows) == len(site.data.frameworks) * len(site.data.features)


def test_rows_where_frameworks_differ(site: Site) -> None:
    two = site.frameworks(["tensorflow", "pytorch"])
    rows = {row.feature.id: row for g in site.groups(two) for row in g.rows}
    assert not rows["eager_by_default"].differs
    assert not rows["mobile_runtime"].differs
    assert rows["browser_runtime"].differs
    assert rows["steward"].differs  # values differ
    differences = [row.feature.id for g in site.differences(*two) for row in g.rows]
    assert differences == [f for f, row in rows.items() if row.differs]


def test_identity_is_found_by_role_not_by_feature_id(site: Site) -> None:
    pytorch = site.data.framework("pytorch")
    (row,) = site.identity(pytorch, ("steward",))
    assert row.view is not None and row.view.feature.id == "steward" and row.text != "Unknown"
    assert site.identity_value(pytorch, "license") == ""  # no feature holds this role in the fixture: not known


def test_coverage_counts_unknown_and_stale(site: Site) -> None:
    result = {c.framework.id: c for c in site.coverage}
    assert (result["tensorflow"].known, result["tensorflow"].unknown) == (6, 1)
    assert result["tensorflow"].stale == 1  # browser_runtime checked 2025-01-01
    assert result["tensorflow"].oldest == dt.date(2025, 1, 1)
    assert (result["oldnet"].known, result["oldnet"].unknown, result["oldnet"].missing) == (1, 6, 6)


@pytest.mark.parametrize("today, cutoff", [
    (dt.date(2026, 11, 25), dt.date(2025, 11, 25)),
    (dt.date(2028, 2, 29), dt.date(2027, 2, 28)),  # leap day: the same calendar day a year before, or the last
    (dt.date(2026, 3, 31), dt.date(2025, 3, 31)),
])
def test_stale_means_twelve_calendar_months(today: dt.date, cutoff: dt.date) -> None:
    assert stale_cutoff(today) == cutoff
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)


def test_closest_rival_is_the_successor_of_a_retired_framework(site: Site) -> None:
    oldnet, pytorch = site.data.framework("oldnet"), site.data.framework("pytorch")
    assert site.rival(oldnet).id == "pytorch"  # type: ignore[union-attr]  # its successor text names it
    assert site.rival(pytorch).id == "tensorflow"  # type: ignore[union-attr]  # the only other active one


def test_a_page_naming_an_unknown_id_fails(site: Site) -> None:
    with pytest.raises(ValueError, match="unknown framework id"):
        site.frameworks(["nope"])
    with pytest.raises(ValueError, match="unknown feature id"):
        site.rows(site.data.frameworks, ["nope"])


def test_popover_ids_are_unique_and_short(site: Site) -> None:
    ids = [site.popover_id(site.cell(fw, f)) for fw in site.data.frameworks for f in site.data.features]
    assert len(set(ids)) == len(ids) == len(site.data.frameworks) * len(site.data.features)
    assert all(i.startswith("c") and len(i) <= 8 for i in ids)
