"""The claims page: a 2025 TensorFlow-vs-PyTorch blog post's claims, each checked against today's sources."""

from __future__ import annotations

from dlmatrix.site.pages import Page, macro


@macro
def claims(page: Page) -> str:
    return page.html("claims.html", claims=page.site.data.claims)
