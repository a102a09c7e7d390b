"""The matrix page: the filterable table of every framework and feature, its legend, and small side-by-side tables."""

from __future__ import annotations

from dlmatrix.data.vocabulary import ROLES
from dlmatrix.site.pages import Page, macro


@macro
def matrix(page: Page, topics: list[str] | None = None, frameworks: list[str] | None = None) -> str:
    return matrix_table(page, topics, frameworks)


def matrix_table(page: Page, topics: list[str] | None = None, frameworks: list[str] | None = None,
                 table_id: str = "matrix", controls: bool = True) -> str:
    columns = page.site.frameworks(frameworks)
    groups = page.site.groups(columns, tuple(topics) if topics else None)
    features = sum(len(g.rows) for g in groups)
    caption = f"{features} features of {len(columns)} frameworks, grouped by topic"
    return page.html("matrix.html", groups=groups, frameworks=columns, table_id=table_id, caption=caption,
                     controls=controls)


@macro
def legend(page: Page) -> str:
    return page.html("legend.html")


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
