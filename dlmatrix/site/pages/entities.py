"""The pages generated from data files: one per framework, use case and topic, and their index pages.
Each needs a one-line stub under docs/ (stubs.py writes them)."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from dlmatrix.data.model import Framework
from dlmatrix.site.badges import Embed, feature_embed
from dlmatrix.site.install_view import framework_answers
from dlmatrix.site.pages import Page, macro
from dlmatrix.site.pages.matrix import matrix_table
from dlmatrix.site.timeline import Lifecycle, date_text, lifecycle
from dlmatrix.site.views import Site, VerdictView

# The identity rows of a framework's card, by role.
CARD_ROLES = ("steward", "first_release", "latest_release", "latest_release_date", "license", "api_languages")


@macro
def framework_page(page: Page, framework_id: str) -> str:
    site = page.site
    fw = site.frameworks([framework_id])[0]
    roles = tuple(role for role in CARD_ROLES if role in site.data.roles)
    return page.markdown("framework_page.md", fw=fw, identity=site.identity(fw, roles), rival=site.rival(fw),
                         profile=site.profile(fw), fits=site.fits(fw), groups=site.groups((fw,)),
                         life=lifecycle(site, fw), install=framework_answers(site, fw),
                         pairs=[f for f in site.paired if f.id != fw.id] if fw in site.paired else [],
                         embed=badge_example(site, fw))


def badge_example(site: Site, fw: Framework) -> Embed | None:
    """The feature whose badge a framework page shows as the example: one where it stands out, else the first."""
    support = [f for f in site.data.features if f.kind == "support"]
    feature = next(iter(site.profile(fw).strengths), support[0] if support else None)
    return feature_embed(site, feature) if feature else None


@macro
def use_case_page(page: Page, use_case_id: str) -> str:
    site = page.site
    uc = site.use_case(use_case_id)
    weights = [(site.data.feature(f), site.data.topic_of(f), w) for f, w in site.scores.weights(uc).items()]
    return page.markdown("use_case_page.md", uc=uc, ranking=site.ranking_view(uc), weights=weights,
                         must_have=[site.data.feature(f) for f in uc.must_have], verdict=site.use_case_verdict(uc))


@macro
def topic_page(page: Page, topic_id: str) -> str:
    topic = page.site.topic(topic_id)
    table = matrix_table(page, topics=[topic.id], table_id=f"topic-{topic.id}", controls=False)
    return page.markdown("topic_page.md", topic=topic, verdict=page.site.topic_verdict(topic), matrix=Markup(table))


@macro
def index(page: Page, kind: str) -> str:
    site, data, url = page.site, page.site.data, page.url
    items: list[tuple[object, str, str, VerdictView | None]]
    if kind == "frameworks":
        items = [(f, url.framework(f.id), f.summary or "", None) for f in data.frameworks]
    elif kind == "use_cases":
        items = [(u, url.use_case(u.id), u.summary or "", site.use_case_verdict(u)) for u in data.use_cases]
    elif kind == "topics":
        items = [(t, url.topic(t.id), t.description, site.topic_verdict(t)) for t in data.topics]
    else:
        raise ValueError(f"unknown index kind in page: {kind!r}; expected frameworks, use_cases or topics")
    return page.html("index_list.html", items=items, kind=kind)


@dataclass(frozen=True)
class LifecycleRow:
    """A row of the frameworks' lifecycle table (a card on a phone)."""

    life: Lifecycle
    ended: str  # "Ended 2019-12-05 — use instead: PyTorch", "Use instead: …", or "" for a framework still going
    sources: tuple[str, ...]  # the sources of the status, end date and successor; none when `ended` is ""


def ended_text(fw: Framework) -> str:
    """When a framework ended and what to use instead, in one line ("" when the data says neither)."""
    end = f"Ended {date_text(fw.end_date)}" if fw.end_date else ""
    instead = f"use instead: {fw.successor}" if fw.successor else ""
    if end and instead:
        return f"{end} — {instead}"
    return end or instead[:1].upper() + instead[1:]


def lifecycle_row(page: Page, fw: Framework) -> LifecycleRow:
    ended = ended_text(fw)
    return LifecycleRow(lifecycle(page.site, fw), ended, tuple(fw.sources) if ended else ())


@macro
def frameworks_lifecycle(page: Page) -> str:
    """The frameworks index: every framework's status, releases, end and successor, in a sortable table (one card
    per framework on a phone)."""
    rows = [lifecycle_row(page, fw) for fw in page.site.data.frameworks]
    return page.html("lifecycle_table.html", rows=rows,
                     caption=f"The {len(rows)} frameworks: status, first and latest release, new release lines in "
                             f"the last 12 months, end and successor (select a column heading to sort)")
