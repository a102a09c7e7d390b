"""The coverage page: how complete and how fresh the data is, per framework."""

from __future__ import annotations

from dlmatrix.site.pages import Page, macro


@macro
def coverage_table(page: Page) -> str:
    rows = page.site.coverage
    totals = {key: sum(getattr(r, key) for r in rows) for key in ("known", "unknown", "missing", "stale")}
    return page.html("coverage.html", rows=rows, totals=totals)
