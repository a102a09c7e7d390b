"""The claims page: a 2025 TensorFlow-vs-PyTorch blog post's claims, each checked against today's sources.

It opens with a summary (how many claims each verdict got, linking to them), then one card per claim, grouped by
verdict, the most changed first: readable on a phone, no table to scroll sideways."""

from __future__ import annotations

from dlmatrix.data.vocabulary import CLAIM_VERDICTS
from dlmatrix.site.pages import Page, macro

# The post that started the site, named by its title (it is never quoted).
POST_TITLE = "Comparing TensorFlow and PyTorch for Deep Learning (2025 Edition)"
# Most changed first: what a reader should not rely on any more comes before what still holds.
GROUP_ORDER = ("wrong", "outdated", "partly-true", "still-true")


@macro
def claims(page: Page) -> str:
    all_claims = page.site.data.claims
    order = [v for v in GROUP_ORDER if v in CLAIM_VERDICTS] + [v for v in CLAIM_VERDICTS if v not in GROUP_ORDER]
    groups = [(verdict, [c for c in all_claims if c.verdict == verdict]) for verdict in order]
    groups = [(verdict, items) for verdict, items in groups if items]
    checked = max((c.verified for c in all_claims), default=None)
    return page.html("claims.html", groups=groups, total=len(all_claims), post_title=POST_TITLE, checked=checked)
