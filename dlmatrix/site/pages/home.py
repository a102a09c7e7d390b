"""The home page's summaries: its ways in (entry points), the editors' pick per use case and per topic."""

from __future__ import annotations

from dataclasses import dataclass
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


# The forge's issue forms offered under "fix or add data" (.github/ISSUE_TEMPLATE/<form>; a test checks they exist).
DATA_FORMS = (("report a wrong cell", "data-correction.yml"), ("propose a feature", "new-feature.yml"),
              ("propose a framework", "new-framework.yml"))
INSTALL_PAGE = "install/"  # the install picker, linked once docs/ holds it


@dataclass(frozen=True)
class EntryLink:
    id: str
    label: str
    href: str
    what: str
    more: tuple[tuple[str, str], ...] = ()


def entry_links(page: Page) -> list[EntryLink]:
    """The home page's ways in: the matrix, the questions, the install picker (when the site has it), the data API,
    and how to fix or add data (the contributing guide and the issue forms, when a forge is configured)."""
    url, data = page.url, page.site.data
    links = [
        EntryLink("matrix", "The matrix", url.page("matrix/"),
                  f"{len(data.frameworks)} frameworks × {len(data.features)} features, with must-haves"),
        EntryLink("questions", "Questions", url.page("questions/"),
                  f"{len(data.questions)} questions answered with sources"),
    ]
    if url.pages is not None and INSTALL_PAGE in url.pages:
        links.append(EntryLink("install", "Install", url.page(INSTALL_PAGE), "the command for your system"))
    links.append(EntryLink("api", "Data API", url.api(), "every fact as JSON, with a schema"))
    if url.contributing:
        links.append(EntryLink("fix", "Fix or add data", url.contributing, "the contributing guide;",
                               tuple((label, url.issue_form(form)) for label, form in DATA_FORMS)))
    return links


@macro
def entry_points(page: Page) -> str:
    return page.html("entry_points.html", links=entry_links(page))
