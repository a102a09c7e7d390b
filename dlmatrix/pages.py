"""Page fragments: each function takes the Dataset and a `base` (path from the page to the site root)
and returns one HTML block rendered from a template. The macros bridge (main.py) exposes them."""

from __future__ import annotations

from .load import Dataset
from .queries import identity_value, matrix_groups
from .render import render

STATUS_RANK = {"active": 0, "maintenance": 1, "retired": 2}


def _frameworks(dataset: Dataset, ids: list[str] | None):  # type: ignore[no-untyped-def]
    if ids is None:
        return dataset.frameworks
    unknown = [i for i in ids if i not in {f.id for f in dataset.frameworks}]
    if unknown:
        raise ValueError(f"unknown framework id(s) in page: {', '.join(unknown)}")
    return tuple(dataset.framework(i) for i in ids)


def matrix_html(dataset: Dataset, base: str, categories: list[str] | None = None,
                frameworks: list[str] | None = None, table_id: str = "matrix", controls: bool = True) -> str:
    columns = _frameworks(dataset, frameworks)
    groups = matrix_groups(dataset, columns, tuple(categories) if categories else None)
    features = sum(len(g.rows) for g in groups)
    caption = f"{features} features of {len(columns)} frameworks, grouped by category"
    return render("matrix.html", groups=groups, frameworks=columns, base=base, table_id=table_id, caption=caption,
                  controls=controls)


def legend_html() -> str:
    return render("legend.html")


def frameworks_table_html(dataset: Dataset, base: str) -> str:
    rows = [
        {
            "framework": fw,
            "steward": identity_value(fw, "steward"),
            "first_release": identity_value(fw, "first_release"),
            "latest_release": identity_value(fw, "latest_release"),
            "latest_release_date": identity_value(fw, "latest_release_date"),
            "license": identity_value(fw, "license"),
            "status_rank": STATUS_RANK[fw.status],
        }
        for fw in dataset.frameworks
    ]
    return render("frameworks_table.html", rows=rows, base=base,
                  caption=f"The {len(rows)} frameworks compared: who makes them, releases, licence and status")


def compare_html(dataset: Dataset, base: str, frameworks: list[str], features: list[str] | None = None,
                 category: str | None = None, table_id: str = "glance", caption: str = "") -> str:
    """A few frameworks side by side over the features given (in that order) or one category's."""
    columns = _frameworks(dataset, frameworks)
    if features is None:
        matching = [c for c in dataset.categories if c.id == category]
        if not matching:
            raise ValueError(f"unknown category id in page: {category!r}")
        features = [f.id for f in matching[0].features]
    wanted = set(features)
    rows = {row.feature.id: row for group in matrix_groups(dataset, columns) for row in group.rows
            if row.feature.id in wanted}
    unknown = wanted - set(rows)
    if unknown:
        raise ValueError(f"unknown feature id(s) in page: {', '.join(sorted(unknown))}")
    return render("compare.html", rows=[rows[f] for f in features], frameworks=columns, base=base,
                  table_id=table_id, caption=caption or f"{' vs '.join(f.name for f in columns)} at a glance")
