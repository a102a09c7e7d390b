"""The code pages in a real Chromium: a task page on a 390 px phone shows one program at a time without sideways
page scroll (swiped, or picked from the row above it, also when arriving from a link), two programs side by side on
a wide screen, and axe finds nothing on a phone in light and dark. Tasks and programs come from the evidence."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from dlmatrix.data.evidence import load_evidence
from tests.conftest import ROOT, aborted

pytestmark = [pytest.mark.browser, pytest.mark.build, pytest.mark.live_data]

EVIDENCE = load_evidence(ROOT)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# The task with the most blocks, so that the last one is far from the first.
TASK = max(EVIDENCE.tasks, key=lambda task: (len(EVIDENCE.results[task.id].results), task.id))
KEYS = sorted({*EVIDENCE.results[TASK.id].results, *TASK.spec.not_written})  # one block each, not-written ones too


@pytest.fixture
def open_page(browser) -> Iterator[Callable[..., Any]]:  # type: ignore[no-untyped-def]
    """open_page(viewport, scheme) -> a page failing the test on console errors, failed requests and any request
    leaving the site (the `page` fixture's rules, on other screens)."""
    contexts, problems = [], []

    def make(viewport: dict[str, int] = PHONE, scheme: str = "light") -> Any:
        phone = viewport["width"] < 500
        context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone, color_scheme=scheme)
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("requestfailed", lambda r: None if aborted(r) else problems.append(f"failed: {r.url}"))
        page.on("request", lambda r: None if r.url.startswith(("http://127.0.0.1", "data:", "blob:"))
                else problems.append(f"third-party request: {r.url}"))
        page.on("pageerror", lambda error: problems.append(str(error)))
        return page

    yield make
    seen = list(problems)
    for context in contexts:
        context.close()
    assert not seen, seen


def in_view(page: Any, key: str) -> bool:
    """Is the block of this program on screen, left to right (the carousel shows it)?"""
    return bool(page.evaluate("""key => { const r = document.getElementById(key).getBoundingClientRect();
        return r.left >= 0 && r.right <= innerWidth + 1 && r.top < innerHeight && r.bottom > 0; }""", key))


def order(page: Any) -> list[str]:
    return page.eval_on_selector_all("[data-task][data-result]", "blocks => blocks.map(b => b.id)")


def test_a_phone_shows_one_program_at_a_time_without_sideways_scroll(open_page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page()
    page.goto(f"{site_url}code/{TASK.id}/", wait_until="networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    wide = page.evaluate("""() => [...document.querySelectorAll('article *')]
        .filter(e => e.getBoundingClientRect().right > innerWidth + 1
                     && !e.closest('.dlm-snippet-list, .dlm-code-tabs, .dlm-table-scroll')
                     && getComputedStyle(e).position !== 'fixed')
        .map(e => e.tagName + '.' + e.className).slice(0, 5)""")
    assert wide == []
    blocks = order(page)
    assert sorted(blocks) == KEYS
    first, second = (page.locator(f"#{key}").bounding_box() for key in blocks[:2])
    assert first is not None and second is not None
    assert first["x"] >= 0 and first["x"] + first["width"] <= PHONE["width"] and second["x"] >= PHONE["width"]
    # Picked from the row above: the carousel brings it on screen, the page never scrolls sideways.
    last = blocks[-1]
    page.locator(f'.dlm-code-tabs a[href$="#{last}"]').click()
    page.wait_for_function("key => location.hash === '#' + key", arg=last)
    page.wait_for_function("""key => { const r = document.getElementById(key).getBoundingClientRect();
        return r.left >= 0 && r.right <= innerWidth + 1; }""", arg=last)
    assert in_view(page, last) and not in_view(page, blocks[0])
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.locator(".dlm-code-tabs").bounding_box()["y"] >= 0  # type: ignore[index]  # the row stays in sight


def test_a_link_from_the_grid_opens_its_program_on_a_phone(open_page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page()
    page.goto(f"{site_url}code/", wait_until="networkidle")
    key = KEYS[-1]
    page.locator(f'tr[data-task="{TASK.id}"] a[data-snippet="{key}"]').click()  # Material's instant navigation
    page.wait_for_url(f"**/code/{TASK.id}/**")
    page.wait_for_function("""key => { const e = document.getElementById(key); if (!e) return false;
        const r = e.getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth + 1 && r.top < innerHeight; }""",
                           arg=key)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_wide_screen_shows_programs_side_by_side(open_page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page(DESKTOP)
    page.goto(f"{site_url}code/{TASK.id}/", wait_until="networkidle")
    first, second = (page.locator(f"#{key}").bounding_box() for key in order(page)[:2])
    assert first is not None and second is not None
    assert abs(first["y"] - second["y"]) < 1 and second["x"] > first["x"] + first["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]


@pytest.mark.parametrize("path", ["code/", f"code/{TASK.id}/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_a_phone(open_page, site_url: str, path: str, scheme: str) -> None:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    page = open_page(PHONE, scheme)
    page.goto(site_url + path, wait_until="networkidle")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
