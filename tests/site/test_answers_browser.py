"""Decision pages on a phone, in a real Chromium: the pair page, the questions page, a use case, the claims,
a framework page with its timeline and the home page fit a 390 px screen without sideways scrolling and pass
axe; the teaching answer is on the home page's first screen; timelines need no JavaScript."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import live_dataset

pytestmark = [pytest.mark.browser, pytest.mark.build, pytest.mark.live_data]

DATA = live_dataset()
PHONE = {"width": 390, "height": 844}
TEACHING = next(q.id for q in DATA.questions if q.home and "teaching" in q.use_cases)
PAGES = ["compare/pytorch-vs-tensorflow/", "questions/", "use-cases/teaching/", "claims/", "frameworks/pytorch/",
         "frameworks/chainer/", "topics/hardware/", "frameworks/", ""]


def phone(browser: Any, scheme: str = "light", **options: Any) -> Any:
    return browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, color_scheme=scheme, **options)


@pytest.mark.parametrize("path", PAGES)
def test_no_sideways_scroll_on_a_phone(browser: Any, site_url: str, path: str) -> None:
    context = phone(browser)
    page = context.new_page()
    page.goto(site_url + path, wait_until="networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
    wide = page.evaluate("""() => [...document.querySelectorAll('article *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                     && !e.closest('.dlm-table-scroll, .md-typeset__scrollwrap, details:not([open])')
                     && getComputedStyle(e).position !== 'fixed')
        .map(e => e.tagName + '.' + e.className).slice(0, 5)""")
    assert wide == [], (path, wide)
    context.close()


@pytest.mark.parametrize("path", ["compare/pytorch-vs-tensorflow/", "questions/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_a_phone(browser: Any, site_url: str, path: str, scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = phone(browser, scheme)
    page = context.new_page()
    page.goto(site_url + path, wait_until="networkidle")
    results = Axe().run(page)
    context.close()
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("path, part", [("use-cases/teaching/", "article"), ("claims/", "article"),
                                        ("topics/hardware/", "[data-verdict]"), ("frameworks/chainer/", "[data-lifecycle]")])
def test_axe_on_other_decision_pages(browser: Any, site_url: str, path: str, part: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = phone(browser)
    page = context.new_page()
    page.goto(site_url + path, wait_until="networkidle")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    results = Axe().run(page, context=part)
    context.close()
    assert results.violations_count == 0, results.generate_report()


def test_teaching_answer_is_on_the_home_pages_first_phone_screen(browser: Any, site_url: str) -> None:
    context = phone(browser)
    page = context.new_page()
    page.goto(site_url, wait_until="networkidle")
    answer = page.locator(f'[data-quick-answers] li[data-question="{TEACHING}"]')
    box = answer.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"], box
    answer.locator("a").first.click()
    page.wait_for_url(f"**/questions/#{TEACHING}")
    assert page.locator(f'[data-question="{TEACHING}"]').is_visible()
    context.close()


def test_verdict_box_is_on_the_first_phone_screen(browser: Any, site_url: str) -> None:
    context = phone(browser)
    page = context.new_page()
    for use_case in DATA.use_cases:
        page.goto(f"{site_url}use-cases/{use_case.id}/", wait_until="networkidle")
        box = page.locator("article [data-verdict]").first.bounding_box()
        assert box is not None and box["y"] < PHONE["height"] / 2, use_case.id
    context.close()


def test_timeline_renders_without_javascript(browser: Any, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    for framework in DATA.frameworks:
        if framework.releases is None:
            continue
        page.goto(f"{site_url}frameworks/{framework.id}/")
        svg = page.locator("svg[data-timeline]")
        assert svg.count() == 1 and svg.is_visible(), framework.id
        box = svg.bounding_box()
        assert box is not None and 0 < box["width"] <= PHONE["width"] and box["height"] > 40, (framework.id, box)
        assert page.locator("svg[data-timeline] circle").count() >= len(framework.releases.versions)
    context.close()
