"""axe finds no accessibility violation on any kind of page of the real site, in the light and the dark scheme, and
on the matrix in its interactive states (must-haves answered, an answer's details open, retired columns loaded)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import live_dataset

pytestmark = [pytest.mark.browser, pytest.mark.build, pytest.mark.live_data]

DATA = live_dataset()


def page_kinds(site: Path) -> list[str]:
    """One page of each kind: every top-level page, each section's index and its first page."""
    kinds = []
    for page in sorted(site.glob("*/index.html")) + [site / "index.html", site / "404.html"]:
        folder = page.parent
        kinds.append("404.html" if page.name == "404.html" else
                     "" if folder == site else f"{folder.relative_to(site).as_posix()}/")
        children = sorted(p for p in folder.glob("*/index.html")) if folder != site else []
        if children:
            kinds.append(f"{children[0].parent.relative_to(site).as_posix()}/")
    return kinds


def check(page: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    # What a reader sees once they scroll there: parts drawn only when they come near (content-visibility) are drawn
    # first, or axe reads colours from whatever the page lays out at their estimated place.
    page.evaluate("""() => document.querySelectorAll('*').forEach(e => {
        if (getComputedStyle(e).contentVisibility === 'auto') e.style.contentVisibility = 'visible'; })""")
    results = Axe().run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_kind_of_page_has_no_violation(browser, real_site: Path, site_url: str, scheme: str) -> None:  # type: ignore[no-untyped-def]
    kinds = page_kinds(real_site)
    assert {"", "matrix/", "matrix-retired/", "claims/", "coverage/", "frameworks/", "topics/", "use-cases/"} <= set(kinds)
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        for kind in kinds:
            page.goto(site_url + kind, wait_until="networkidle")
            check(page)
    finally:
        context.close()


def interactive_matrix(page: Any, site_url: str) -> None:
    must = [f.id for f in DATA.features if f.kind == "support"][:2]
    page.goto(f"{site_url}matrix/?must={','.join(must)}&search=gpu", wait_until="networkidle")
    retired = next((f for f in DATA.frameworks if f.status == "retired"), None)
    if retired is not None:
        page.locator('details[data-panel="fw"] > summary').click()
        page.locator('[data-action="show-retired"]').click()
        page.locator(f'th[data-framework="{retired.id}"]').first.wait_for()
    page.locator("table[data-matrix-table] tr[data-feature]:not([hidden]) td > button >> visible=true").first.click()  # details
    # the must-have picker open too (on a phone a sheet over the page: opened without a click that would close the
    # details above)
    page.locator('details[data-panel="must"]').evaluate("panel => { panel.open = true; }")
    page.locator("[data-must-list] label").first.wait_for()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("screen", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}], ids=["desktop", "phone"])
def test_the_matrix_in_use_has_no_violation(browser, site_url: str, scheme: str, screen: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(color_scheme=scheme, viewport=screen, is_mobile=screen["width"] < 600,
                                  has_touch=screen["width"] < 600)
    page = context.new_page()
    try:
        interactive_matrix(page, site_url)
        check(page)
    finally:
        context.close()
