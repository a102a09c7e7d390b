"""Pair pages (/compare/<a>-vs-<b>/, one per two of the frameworks people ask about most) and their index."""

from __future__ import annotations

from dlmatrix.site.badges import feature_embed
from dlmatrix.site.install_view import framework_answers, install_names_json
from dlmatrix.site.pages import Page, macro
from dlmatrix.site.pairs import pair_view


@macro
def pair_page(page: Page, a: str, b: str) -> str:
    """Two frameworks side by side: a verdict paragraph per topic, the rows where they differ, the use cases each
    one wins, and links to the matrix with the pair selected."""
    pair = pair_view(page.site, a, b)
    answers = (*framework_answers(page.site, pair.a), *framework_answers(page.site, pair.b))
    differing = [row.feature for group in pair.differences for row in group.rows if row.feature.kind == "support"]
    return page.markdown("compare_page.md", p=pair, install=answers, install_names=install_names_json(),
                         embed=feature_embed(page.site, differing[0]) if differing else None)


@macro
def compare_index(page: Page) -> str:
    """Every pair page, listed under each framework."""
    site = page.site
    pairs = site.pairs()
    rows = [(fw, [other for pair in pairs if fw in pair for other in pair if other is not fw])
            for fw in site.paired]
    unpaired = [fw for fw in site.in_use if fw not in site.paired]
    return page.html("compare_index.html", rows=rows, pairs=len(pairs), unpaired=unpaired,
                     first=site.paired[0] if site.paired else None)
