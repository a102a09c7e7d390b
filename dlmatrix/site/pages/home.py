"""The home page's summaries: the editors' pick per use case and per topic."""

from __future__ import annotations

from typing import Any

from dlmatrix.site.pages import Page, macro
from dlmatrix.site.views import VerdictView


@macro
def verdicts(page: Page, kind: str) -> str:
    site, url = page.site, page.url
    rows: list[tuple[Any, str, VerdictView | None]]
    if kind == "topics":
        rows = [(t, url.topic(t.id), site.topic_verdict(t)) for t in site.data.topics]
        caption, heading, with_runners_up = "The editors' pick per topic (ties allowed)", "Topic", False
    elif kind == "use_cases":
        rows = [(u, url.use_case(u.id), site.use_case_verdict(u)) for u in site.data.use_cases]
        caption, heading, with_runners_up = "The editors' pick per use case, with the runners-up", "Use case", True
    else:
        raise ValueError(f"unknown verdict kind in page: {kind!r}; expected topics or use_cases")
    return page.html("verdict_summary.html", rows=rows, kind=kind, caption=caption, heading=heading,
                     with_runners_up=with_runners_up)
