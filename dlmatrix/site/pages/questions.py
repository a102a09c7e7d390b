"""The questions page (/questions/) and the home page's quick answers, from data/questions.yaml."""

from __future__ import annotations

from dlmatrix.data.model import Question
from dlmatrix.site.install_view import install_label
from dlmatrix.site.pages import Page, macro

Link = tuple[str, str]  # (text, href)


def question_links(page: Page, q: Question) -> tuple[list[Link], list[Link]]:
    """Where an answer's facts are: (pages, matrix rows), each as (text, href), in a fixed order."""
    site, url = page.site, page.url
    pages = [(f"{site.names[a]} vs {site.names[b]}", url.compare(a, b)) for a, b in q.compare]
    pages += [(site.data.use_case(i).name, url.use_case(i)) for i in q.use_cases]
    pages += [(site.data.topic(i).name, url.topic(i)) for i in q.topics]
    pages += [(site.names[i], url.framework(i)) for i in q.frameworks]
    if q.install is not None:
        pages.append((install_label(q.install.os, q.install.arch, q.install.accel),
                      url.install(q.install.os, q.install.arch, q.install.accel)))
    rows = [(site.data.feature(i).name, url.feature(i)) for i in q.features]
    return pages, rows


@macro
def questions(page: Page) -> str:
    """Every question, answered in a few dated sentences with links to the rows and pages behind the answer."""
    items = [(q, *question_links(page, q)) for q in page.site.data.questions]
    return page.markdown("questions_page.md", items=items)


@macro
def quick_answers(page: Page) -> str:
    """The questions marked `home: true`, each with its short answer and a link to the full one."""
    chosen = [q for q in page.site.data.questions if q.home]
    return page.html("quick_answers.html", chosen=chosen, total=len(page.site.data.questions)) if chosen else ""
