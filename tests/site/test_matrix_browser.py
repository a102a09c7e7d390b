"""The interactive matrix in a real Chromium: every control, URL state, history, instant navigation,
no-JavaScript, the phone layout and axe."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from dlmatrix.data.load import load_dataset
from tests.conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.build]

# Expected counts come from the live data, so adding a framework or a feature keeps these tests green.
DATA = load_dataset(ROOT / "data")
FEATURES = len(DATA.features)
FRAMEWORKS = len(DATA.frameworks)
RETIRED = {f.id for f in DATA.frameworks if f.status == "retired"}


@pytest.fixture(scope="module")
def base_url(site_url: str) -> str:
    return site_url


def visible_rows(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.eval_on_selector_all("table[data-matrix-table] tr[data-feature]",
                                     "rows => rows.filter(r => !r.hidden).map(r => r.dataset.feature)")


def visible_columns(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.eval_on_selector_all("table[data-matrix-table] thead th[data-framework]",
                                     "ths => ths.filter(t => !t.hidden).map(t => t.dataset.framework)")


def query(page) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return parse_qs(urlsplit(page.url).query)


def open_matrix(page, base_url: str, params: str = "") -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base_url}matrix/{params}")
    page.wait_for_selector("[data-dlm-controls]:not([hidden])")


def test_controls_appear_and_retired_frameworks_are_hidden_by_default(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    open_matrix(page, base_url)
    columns = visible_columns(page)
    assert columns and not RETIRED & set(columns)
    status = page.locator("[data-dlm-count]")
    assert status.get_attribute("role") == "status"
    assert status.inner_text() == f"Showing {FEATURES} of {FEATURES} features for {len(columns)} of {FRAMEWORKS} frameworks."
    page.click('[data-action="show-retired"]')
    assert len(visible_columns(page)) == FRAMEWORKS
    assert set(query(page)["fw"][0].split(",")) == set(visible_columns(page))


def test_search_filters_highlights_and_goes_into_the_url(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    open_matrix(page, base_url)
    page.fill('input[name="search"]', "onnx")
    rows = visible_rows(page)
    assert "onnx_export" in rows and "onnx_import" in rows and "nvidia_cuda" not in rows
    highlighted = "() => CSS.highlights.get('dlm-search').size"
    assert page.evaluate(highlighted) >= 2  # matches painted with the CSS Custom Highlight API
    page.wait_for_function("new URLSearchParams(location.search).get('search') === 'onnx'")  # after a pause
    assert f"Showing {len(rows)} of {FEATURES}" in page.inner_text("[data-dlm-count]")
    page.fill('input[name="search"]', "zzzz-no-such-feature")
    assert visible_rows(page) == []
    assert page.locator("[data-dlm-empty]").is_visible()
    assert page.evaluate(highlighted) == 0


def test_topic_toggle(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    open_matrix(page, base_url)
    page.locator("details[data-dlm-more]").evaluate("d => d.open = true")
    page.check('input[name="cat"][value="hardware"]')  # already on: no change
    page.uncheck('input[name="cat"][value="hardware"]')
    assert page.locator('tbody[data-topic="hardware"]').is_hidden()
    assert "nvidia_cuda" not in visible_rows(page) and "onnx_export" in visible_rows(page)
    assert "hardware" not in query(page)["cat"][0].split(",")


def test_framework_picker_level_filter_and_differences_from_url(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    open_matrix(page, base_url, "?fw=pytorch,jax&level=none,partial")
    assert visible_columns(page) == ["jax", "pytorch"] or set(visible_columns(page)) == {"jax", "pytorch"}
    assert page.is_checked('input[name="level"][value="none"]')
    for feature in visible_rows(page):
        levels = page.eval_on_selector_all(
            f'tr[data-feature="{feature}"] td[data-framework="pytorch"], '
            f'tr[data-feature="{feature}"] td[data-framework="jax"]', "tds => tds.map(t => t.dataset.level)")
        assert {"none", "partial"} & set(levels), feature
    open_matrix(page, base_url, "?fw=pytorch,tensorflow&diff=1")
    rows = visible_rows(page)
    assert 0 < len(rows) < FEATURES
    for feature in rows:
        values = page.eval_on_selector_all(
            f'tr[data-feature="{feature}"] td[data-framework="pytorch"], '
            f'tr[data-feature="{feature}"] td[data-framework="tensorflow"]', "tds => tds.map(t => t.dataset.value)")
        assert len(set(values)) == 2, feature
    assert page.is_checked('input[name="diff"]')


def test_reset_restores_the_default_view(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    open_matrix(page, base_url, "?search=tpu&fw=jax&diff=1")
    page.click('form [data-action="reset"]')
    assert urlsplit(page.url).query == ""
    assert len(visible_rows(page)) == FEATURES
    assert page.input_value('input[name="search"]') == ""


def test_back_and_forward_restore_views(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    open_matrix(page, base_url)
    page.check('input[name="diff"]')
    page.locator("details[data-dlm-more]").evaluate("d => d.open = true")
    page.uncheck('input[name="cat"][value="adoption"]')
    with_cat = page.url
    page.go_back()
    assert "cat=" not in page.url and page.is_checked('input[name="diff"]')
    assert page.locator('tbody[data-topic="adoption"] tr[data-feature]:not([hidden])').count() >= 0
    assert page.is_checked('input[name="cat"][value="adoption"]')
    page.go_back()
    assert not page.is_checked('input[name="diff"]') and len(visible_rows(page)) == FEATURES
    page.go_forward()
    page.go_forward()
    assert page.url == with_cat and not page.is_checked('input[name="cat"][value="adoption"]')


def test_arriving_through_instant_navigation(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url)
    page.evaluate("window.__sameDocument = true")
    page.locator('a.md-nav__link[href$="/matrix/"]').first.click()
    page.wait_for_url("**/matrix/")
    page.wait_for_selector("[data-dlm-controls]:not([hidden])")
    assert page.evaluate("window.__sameDocument") is True  # no full reload: Material's instant navigation
    page.fill('input[name="search"]', "tpu")
    assert visible_rows(page) == ["google_tpu"] or "google_tpu" in visible_rows(page)


def test_permalinks_and_sortable_frameworks_table(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    open_matrix(page, base_url)
    assert page.get_attribute("tr#onnx_export a.dlm-anchor", "href").endswith("#onnx_export")
    header = page.locator("table[data-frameworks-table] thead th").nth(0)
    names = lambda: page.eval_on_selector_all(  # noqa: E731
        "table[data-frameworks-table] tbody th", "ths => ths.map(t => t.textContent.trim())")
    header.locator("button").focus()
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "ascending"
    ascending = names()
    assert ascending == sorted(ascending, key=str.casefold)
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "descending" and names() == ascending[::-1]


def test_page_without_javascript_is_complete(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}matrix/?fw=pytorch&search=tpu")
    assert page.locator("[data-dlm-controls]").is_hidden()
    assert page.locator("table[data-matrix-table] tr[data-feature]").count() == FEATURES
    assert page.locator("table[data-matrix-table] td[data-framework]").count() == FEATURES * FRAMEWORKS
    context.close()


def test_phone_layout_scrolls_inside_with_sticky_headers(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{base_url}matrix/")
    page.wait_for_selector("[data-dlm-controls]:not([hidden])")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # the page itself does not scroll sideways
    box = page.locator(".dlm-matrix .dlm-table-scroll")
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")
    assert page.locator("table[data-matrix-table] thead th").first.evaluate(
        "th => getComputedStyle(th).position") == "sticky"
    assert page.locator("table[data-matrix-table] tbody th[scope=row]").first.evaluate(
        "th => getComputedStyle(th).position") == "sticky"
    assert page.locator("details[data-dlm-more]").evaluate("d => d.open") is False  # controls fold away
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation(browser, base_url: str, scheme: str) -> None:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{base_url}matrix/?fw=pytorch,tensorflow&search=onnx")
    page.wait_for_selector("[data-dlm-controls]:not([hidden])")
    page.locator("details[data-dlm-more]").evaluate("d => d.open = true")
    results = Axe().run(page)
    context.close()
    assert results.violations_count == 0, results.generate_report()


def test_every_level_shows_an_icon_and_a_word(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    from dlmatrix.data.vocabulary import LEVELS

    open_matrix(page, base_url)
    for level, term in LEVELS.items():
        icon, word = term.icon, term.word
        badge = page.locator(f"dl.dlm-legend .dlm-level--{level}").first
        assert badge.inner_text().strip().endswith(word)
        content = badge.evaluate("e => getComputedStyle(e, '::before').content")
        assert icon in content, (level, content)  # never colour alone
