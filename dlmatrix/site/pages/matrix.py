"""The matrix page: the filterable table of every framework and feature, its legend, and small side-by-side tables."""

from __future__ import annotations

from dlmatrix.data.vocabulary import ROLES, script_table
from dlmatrix.site.badges import PLACEHOLDER
from dlmatrix.site.pages import Page, macro


@macro
def matrix(page: Page, topics: list[str] | None = None, frameworks: list[str] | None = None) -> str:
    """The interactive matrix of the frameworks in use; retired ones are loaded from retired_matrix() on request."""
    return matrix_table(page, topics, frameworks or [f.id for f in page.site.in_use])


@macro
def retired_matrix(page: Page) -> str:
    """The retired frameworks' columns, compact: a page of its own, and where the matrix loads them from."""
    return matrix_table(page, frameworks=[f.id for f in page.site.retired], table_id="matrix-retired", controls=False,
                        compact=True)


def matrix_table(page: Page, topics: list[str] | None = None, frameworks: list[str] | None = None,
                 table_id: str = "matrix", controls: bool = True, compact: bool | None = None) -> str:
    """The interactive matrix (`controls`: filters and must-haves) or a plain one; compact cells (answers at a glance,
    details one tap away) by default with controls, full cells otherwise."""
    site = page.site
    columns = site.frameworks(frameworks)
    groups = site.groups(columns, tuple(topics) if topics else None)
    features = sum(len(g.rows) for g in groups)
    caption = f"{features} features of {len(columns)} frameworks, grouped by topic"
    on_request = tuple(fw for fw in site.retired if fw not in columns) if controls else ()
    return page.html("matrix.html", groups=groups, frameworks=columns, table_id=table_id, caption=caption,
                     controls=controls, compact=controls if compact is None else compact, features_count=features,
                     vocabulary=script_table(), phone=[fw for fw in columns if site.default_column(fw) == "phone"],
                     on_request=on_request, common=site.data.settings.common_must_haves,
                     retired_url=page.url.as_written().page("matrix-retired/"),  # in data-more and <noscript>
                     embed=PLACEHOLDER)  # a feature's badge snippets, filled in by the popover


@macro
def legend(page: Page) -> str:
    return page.html("legend.html")


@macro
def matrix_howto(page: Page) -> str:
    """The matrix page's intro and legend, folded into one line ("How to read this")."""
    data = page.site.data
    counts = {"features": len(data.features), "topics": len(data.topics), "frameworks": len(data.frameworks)}
    return page.html("matrix_howto.html", counts=counts)


# The identity columns of the frameworks table, by role.
TABLE_ROLES = ("steward", "first_release", "latest_release", "latest_release_date", "license")


@macro
def frameworks_table(page: Page) -> str:
    roles = tuple(role for role in TABLE_ROLES if role in page.site.data.roles)
    rows = [(fw, page.site.identity(fw, roles)) for fw in page.site.data.frameworks]
    return page.html("frameworks_table.html", rows=rows, roles=roles,
                     caption=f"The {len(rows)} frameworks compared: who makes them, releases, licence and status")


assert set(TABLE_ROLES) <= set(ROLES)


@macro
def compare(page: Page, frameworks: list[str], features: list[str] | None = None, topic: str | None = None,
            caption: str = "", table_id: str = "glance") -> str:
    """A few frameworks side by side over the features given (in that order) or one topic's."""
    columns = page.site.frameworks(frameworks)
    feature_ids = features if features is not None else [f.id for f in page.site.topic(topic or "").features]
    return page.html("compare.html", rows=page.site.rows(columns, feature_ids), frameworks=columns,
                     table_id=table_id, caption=caption or f"{' vs '.join(f.name for f in columns)} at a glance")
