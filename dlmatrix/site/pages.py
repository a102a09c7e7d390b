"""Page fragments: each function takes the Dataset and a `base` (path from the page to the site root)
and returns one HTML block rendered from a template. The macros bridge (main.py) exposes them."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from dlmatrix.data.load import STATUS_ORDER, Dataset
from dlmatrix.data.model import Framework
from dlmatrix.site.views import (closest_rival, coverage, feature_weights, identity_value, matrix_groups, profile,
                      score_use_case, top_use_cases)
from dlmatrix.site.render import render, render_markdown

def _frameworks(dataset: Dataset, ids: list[str] | None) -> tuple[Framework, ...]:
    """The frameworks a page names, in its order; a typo in a page fails the build."""
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
            "status_rank": STATUS_ORDER[fw.status],
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


# --- Data-driven pages (stubs under docs/ call these through main.py) -------------------------

def framework_page_md(dataset: Dataset, base: str, framework_id: str) -> str:
    fw = _frameworks(dataset, [framework_id])[0]
    identity = [
        ("Developed by", identity_value(fw, "steward")),
        ("First release", identity_value(fw, "first_release")),
        ("Latest release", f"{identity_value(fw, 'latest_release')} ({identity_value(fw, 'latest_release_date')})"),
        ("Licence", identity_value(fw, "license")),
        ("API languages", identity_value(fw, "api_languages")),
    ]
    return render_markdown(
        "framework_page.md", fw=fw, identity=identity, rival=closest_rival(dataset, fw), base=base,
        profile=profile(dataset, fw), peers=sum(f.status == "active" and f.id != fw.id for f in dataset.frameworks),
        entries=top_use_cases(dataset, fw), groups=matrix_groups(dataset, (fw,)),
    )


def use_case_page_md(dataset: Dataset, base: str, use_case_id: str) -> str:
    matching = [u for u in dataset.use_cases if u.id == use_case_id]
    if not matching:
        raise ValueError(f"unknown use case id in page: {use_case_id!r}")
    uc = matching[0]
    weights = [(dataset.feature(f), dataset.category_of(f), w) for f, w in feature_weights(dataset, uc).items()]
    scores = score_use_case(dataset, uc)
    return render_markdown(
        "use_case_page.md", uc=uc, base=base, scores=scores, weights=weights,
        must_have=[dataset.feature(f) for f in uc.must_have], names={f.id: f.name for f in dataset.frameworks},
        computed_top=scores[0] if scores else None,
    )


def topic_page_md(dataset: Dataset, base: str, category_id: str) -> str:
    matching = [c for c in dataset.categories if c.id == category_id]
    if not matching:
        raise ValueError(f"unknown category id in page: {category_id!r}")
    category = matching[0]
    matrix = matrix_html(dataset, base, categories=[category.id], table_id=f"topic-{category.id}", controls=False)
    return render_markdown("topic_page.md", category=category, base=base, matrix=Markup(matrix),
                           names={f.id: f.name for f in dataset.frameworks})


def index_html(dataset: Dataset, base: str, kind: str) -> str:
    items, folder = {
        "frameworks": (dataset.frameworks, "frameworks"),
        "use_cases": (dataset.use_cases, "use-cases"),
        "topics": (dataset.categories, "topics"),
    }[kind]
    return render("index_list.html", items=items, folder=folder, kind=kind, base=base)


def coverage_html(dataset: Dataset, base: str, today: dt.date) -> str:
    rows = coverage(dataset, today)
    totals = {key: sum(getattr(r, key) for r in rows) for key in ("known", "unknown", "missing", "stale")}
    return render("coverage.html", rows=rows, totals=totals, base=base, today=today.isoformat(),
                  features=len(dataset.features))


def verdict_summary_html(dataset: Dataset, base: str, kind: str) -> str:
    """The editors' picks per topic or per use case, for the home page."""
    if kind == "topics":
        rows = [(c, c.verdict.winners, []) for c in dataset.categories if c.verdict]
        folder, caption = "topics", "The editors' pick per topic (ties allowed)"
    else:
        rows = [(u, u.verdict.picks, u.verdict.runners_up) for u in dataset.use_cases]
        folder, caption = "use-cases", "The editors' pick per use case, with the runners-up"
    return render("verdict_summary.html", rows=rows, folder=folder, kind=kind, caption=caption, base=base,
                  names={f.id: f.name for f in dataset.frameworks})


def claims_html(dataset: Dataset, base: str) -> str:
    return render("claims.html", claims=dataset.claims, base=base,
                  feature_names={f.id: f.name for f in dataset.features},
                  use_case_names={u.id: u.name for u in dataset.use_cases})
