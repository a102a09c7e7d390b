"""The interactive matrix in a real Chromium: search, must-haves, filters, the URL, history, headers that stay in
sight, the phone layout, a cell's details (with and without JavaScript), CSV, the retired columns, no layout shift.
Expected frameworks and counts come from the live data (dlmatrix's own Site), never from literals."""

from __future__ import annotations

import csv
import io
import re
import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from dlmatrix.data.model import Framework
from dlmatrix.data.vocabulary import LEVELS
from tests.conftest import FAVICON, aborted, live_site

pytestmark = [pytest.mark.browser, pytest.mark.build, pytest.mark.live_data]

SITE = live_site()
DATA = SITE.data
FEATURES = len(DATA.features)
IN_USE = [f.id for f in SITE.in_use]
RETIRED = [f.id for f in SITE.retired]
PHONE = [f.id for f in SITE.phone_frameworks]
NAMES = {f.id: f.name for f in DATA.frameworks}
# "I ship on Android and iOS and I train on TPUs": two rows of the data, found by what they are about.
MOBILE = next(f.id for f in DATA.features if f.kind == "support" and "Android" in f.name and "iOS" in f.name)
TPU = next(f.id for f in DATA.features if f.kind == "support" and "TPU" in f.name)
DESKTOP = {"width": 1280, "height": 900}
PHONE_SCREEN = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def base_url(site_url: str) -> str:
    return site_url


@pytest.fixture
def open_page(browser) -> Iterator[Callable[..., Any]]:  # type: ignore[no-untyped-def]
    """open_page(viewport, javascript=True, phone=False) -> a page failing the test on console errors, failed
    requests and any request leaving the site (the `page` fixture's rules, for other screens)."""
    contexts, problems = [], []

    def make(viewport: dict[str, int] = DESKTOP, javascript: bool = True, phone: bool = False) -> Any:
        context = browser.new_context(viewport=viewport, java_script_enabled=javascript, is_mobile=phone,
                                      has_touch=phone, accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        # a request aborted because the test moved on (Material fetches the sitemap and the search index in the
        # background) is the harness's doing; any other failure is the site's
        page.on("requestfailed", lambda r: None if aborted(r)
                else problems.append(f"failed: {r.url} {r.failure}"))
        page.on("request", lambda r: None if r.url.startswith(("http://127.0.0.1", "data:", "blob:"))
                else problems.append(f"third-party request: {r.url}"))
        page.on("pageerror", lambda error: problems.append(str(error)))
        return page

    yield make
    seen = list(problems)
    for context in contexts:
        context.close()
    assert not seen, seen


def until(page: Any, script: str, timeout: float = 60.0) -> Any:
    """Poll a JavaScript expression until it is truthy (Playwright's wait_for_function polls with eval(), which the
    site's Content-Security-Policy refuses, as it should). The timeout is how long a loaded machine may take, not a
    budget: speed is measured by make bench."""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(f"(() => {{ try {{ return ({script}); }} catch (error) {{ return false; }} }})()")
        if value or time.monotonic() > deadline:
            assert value, f"timed out waiting for: {script}"
            return value
        page.wait_for_timeout(50)


def open_matrix(page: Any, base_url: str, params: str = "") -> None:
    page.goto(f"{base_url}matrix/{params}")
    until(page, "document.querySelector('[data-dlm-count]').textContent.includes(' of ')")


def visible_rows(page: Any) -> list[str]:
    return page.eval_on_selector_all("table[data-matrix-table] tr[data-feature]",
                                     "rows => rows.filter(r => r.checkVisibility()).map(r => r.dataset.feature)")


def visible_columns(page: Any) -> list[str]:
    """The frameworks whose header cell shows, in the first topic's table that shows."""
    return page.evaluate("""() => [...[...document.querySelectorAll('[data-dlm-box] table')].find(t => t.checkVisibility())
        .tHead.rows[0].cells].filter(t => t.dataset.framework && t.checkVisibility()).map(t => t.dataset.framework)""")


def meeting(must_have: list[str], frameworks: tuple[Framework, ...], first_party: bool = False) -> list[Framework]:
    """What the must-have answer should say, from the cells: the frameworks meeting every must-have (an unknown answer
    neither meets nor lacks it); first_party: only with a full answer on each."""
    def meets(level: str) -> bool:
        known = LEVELS.get(level)
        return known is None or (known.meets is True and (not first_party or known.first_party is True))

    return [fw for fw in frameworks if all(meets(SITE.cell(fw, DATA.feature(f)).level) for f in must_have)]


def first_header(page: Any, framework: str) -> Any:
    return page.locator(f'[data-dlm-box] .dlm-topic:first-child th[data-framework="{framework}"]')


def query(page: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def meets(page: Any, attribute: str = "data-meets") -> list[str]:
    value = page.get_attribute("[data-must-summary]", attribute)
    return value.split(",") if value else []


def mark_says(mark: str, fw: str, first_party: list[str], partly: list[str]) -> bool:
    """A column header's must-have mark agrees with the data: "all first-party", "all, … via plugin/partly", or not."""
    if fw in first_party:
        return "all first-party" in mark
    if fw in partly:
        return "all," in mark and "first-party" not in mark
    return "all" not in mark


# --- the default view, rendered before the script runs -------------------------------------------------------

# Layout shift since the page started: all of it, and the part that moved something of the matrix itself (the grid the
# script draws). On a slow CPU Chromium paints a half-parsed page, and the controls bar shifts a little as the rest of
# it arrives (0.004 at 6x throttling): that counts against the page's budget, not against the script.
LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0, grid = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) {
    total += e.value;
    if (e.sources.some(s => s.node && s.node.closest && s.node.closest('[data-dlm-box]'))) grid += e.value;
  } }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve({total, grid}), 500);
})"""
CLS_BUDGET = 0.02  # issue #12: cumulative layout shift on every page


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_the_default_view_is_in_the_html_and_nothing_moves(open_page, base_url: str, screen: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page(DESKTOP if screen == "desktop" else PHONE_SCREEN, phone=screen == "phone")
    open_matrix(page, base_url)
    assert visible_columns(page) == (IN_USE if screen == "desktop" else PHONE)
    assert len(visible_rows(page)) == FEATURES
    shift = page.evaluate(LAYOUT_SHIFT)
    assert shift["grid"] <= 0.001  # the script starts without moving the matrix
    assert shift["total"] <= CLS_BUDGET
    assert page.inner_text("[data-dlm-count]") == (
        f"{FEATURES} of {FEATURES} features, {len(visible_columns(page))} of {len(DATA.frameworks)} frameworks")


# --- search ------------------------------------------------------------------------------------------------------

ROW_TEXT = """tr => (tr.cells[0].innerText + ' ' + [...tr.cells].slice(1).filter(td => td.checkVisibility())
  .map(td => td.dataset.level === 'value' ? (td.querySelector('.dlm-full') || td.firstChild).textContent : '')
  .join(' ')).toLowerCase()"""


def test_typing_a_phrase_keeps_its_spaces_and_every_word_must_match(open_page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page()
    open_matrix(page, base_url)
    box = page.locator('input[name="search"]')
    typed = ""
    for key in "gpu windows":  # a key at a time, as a person types: the spaces stay
        box.press(key if key != " " else "Space")
        typed += key
        assert box.input_value() == typed
    rows = visible_rows(page)
    assert {"windows_gpu", "wsl2_gpu"} <= set(rows)  # both words, in either order
    for row in page.locator("table[data-matrix-table] tr[data-feature]").all():  # descriptions count too
        feature = row.get_attribute("data-feature")
        text = row.evaluate(ROW_TEXT) + " " + (DATA.feature(feature).description or "").lower()
        if feature in rows:
            assert "gpu" in text and "windows" in text, feature
    until(page, "new URLSearchParams(location.search).get('search') === 'gpu windows'")  # after a pause
    assert page.evaluate("CSS.highlights.get('dlm-search').size") >= 2 * len(rows)  # both words painted


def test_a_search_that_finds_nothing_says_so_and_clears(open_page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page()
    open_matrix(page, base_url)
    page.fill('input[name="search"]', "zzzz nothing")
    assert visible_rows(page) == []
    assert "No feature matches \u201czzzz nothing\u201d" in page.inner_text("[data-dlm-empty]")
    page.click('[data-dlm-empty] [data-action="clear-search"]')
    assert len(visible_rows(page)) == FEATURES and page.input_value('input[name="search"]') == ""
    assert page.evaluate("document.activeElement.name") == "search"


def first_rows(page: Any, n: int = 3) -> list[str]:
    return [r for r in page.evaluate("""() => [...document.querySelectorAll('table[data-matrix-table] tr[data-feature]')]
        .filter(tr => tr.checkVisibility()).map(tr => tr.dataset.feature)""")][:n]


def test_searching_a_feature_by_its_exact_name_puts_that_row_first(open_page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page()
    open_matrix(page, base_url)
    for feature in DATA.features:
        page.fill('input[name="search"]', feature.name)
        assert first_rows(page, 1) == [feature.id], feature.name


def test_search_results_do_not_depend_on_the_screen_and_each_says_why(open_page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    # words that sit in names, in descriptions and in answers only (values of the first framework's licence row)
    licence = str(DATA.framework(IN_USE[0]).cells[DATA.roles["license"].id].value).split()[0].lower()
    queries = ["gpu", "windows", "export", licence, "tpu"]
    found: dict[str, dict[str, list[str]]] = {}
    for screen, viewport in (("desk", DESKTOP), ("phone", PHONE_SCREEN)):
        page = open_page(viewport, phone=screen == "phone")
        open_matrix(page, base_url)
        for q in queries:
            page.fill('input[name="search"]', q)
            found.setdefault(q, {})[screen] = first_rows(page, 10_000)
            reasons = page.evaluate("""q => [...document.querySelectorAll('table[data-matrix-table] tr[data-feature]')]
                .filter(tr => tr.checkVisibility()).map(tr => [tr.dataset.feature,
                  tr.querySelector('.dlm-fname').textContent.toLowerCase().includes(q),
                  (tr.querySelector('.dlm-why') || {}).hidden === false ? tr.querySelector('.dlm-why').textContent : ''])""", q)
            for feature, in_name, why in reasons:  # the name shows the match (highlighted), or a visible reason
                assert in_name or why, (q, feature)
    for q in queries:
        assert found[q]["desk"] == found[q]["phone"], q
        assert found[q]["desk"], q


def test_search_matches_values_in_the_columns_shown(open_page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    licence = DATA.roles["license"]
    value = str(DATA.framework(IN_USE[0]).cells[licence.id].value)
    page = open_page()
    open_matrix(page, base_url)
    page.fill('input[name="search"]', value.lower())
    assert licence.id in visible_rows(page)


# --- must-haves ----------------------------------------------------------------------------------------------------

def test_two_must_haves_in_three_actions_give_the_frameworks_the_data_says(open_page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    expected = [f.id for f in meeting([MOBILE, TPU], SITE.in_use)]
    page = open_page()
    open_matrix(page, base_url)
    page.click('details[data-panel="must"] > summary')  # 1
    page.check(f'fieldset input[name="must"][value="{MOBILE}"]')  # 2
    page.check(f'fieldset input[name="must"][value="{TPU}"]')  # 3
    assert meets(page) == expected
    answer = page.inner_text("[data-must-answer]")
    assert all(NAMES[fw] in answer for fw in expected)
    until(page, f"location.search.includes('must={MOBILE},{TPU}')")
    for feature in (MOBILE, TPU):  # the same must-have, ticked in its row's header too
        assert page.is_checked(f'tr[data-feature="{feature}"] th input[name="must"]')
    first_party = [f.id for f in meeting([MOBILE, TPU], SITE.in_use, first_party=True)]
    assert meets(page, "data-meets-first-party") == first_party
    for fw in IN_USE:  # each column's header says how it fares
        mark = first_header(page, fw).get_attribute("data-must-note") or ""
        assert mark_says(mark, fw, first_party, [f for f in expected if f not in first_party]), (fw, mark)
    page.click('[data-action="only-meeting"]')
    assert visible_columns(page) == expected


def test_must_haves_from_the_row_headers_on_a_phone(open_page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    expected = [f.id for f in meeting([MOBILE, TPU], SITE.in_use)]
    page = open_page(PHONE_SCREEN, phone=True)
    open_matrix(page, base_url)
    page.tap(f'tr[data-feature="{MOBILE}"] th input[name="must"]')
    page.tap(f'tr[data-feature="{TPU}"] th input[name="must"]')
    assert meets(page) == expected
    # the headers in sight say which of the columns shown have both
    header = page.locator(f'tr[data-feature="{TPU}"]').locator("xpath=ancestor::table").locator("thead")
    first_party = [f.id for f in meeting([MOBILE, TPU], SITE.in_use, first_party=True)]
    for fw in PHONE:
        mark = header.locator(f'th[data-framework="{fw}"]').get_attribute("data-must-note") or ""
        assert mark_says(mark, fw, first_party, [f for f in expected if f not in first_party]), (fw, mark)


def level_set_to_unknown(html: str, framework: str, feature: str) -> str:
    """The matrix page with one cell's level made unknown (the script reads levels from data-level)."""
    cell = f'<td data-framework="{framework}" data-level="'
    start = html.index(cell, html.index(f'data-feature="{feature}"')) + len(cell)
    return html[:start] + "unknown" + html[html.index('"', start):]


def test_level_set_to_unknown_changes_exactly_that_cell() -> None:
    html = ('<tr data-feature="a"><td data-framework="x" data-level="full"></td></tr>'
            '<tr data-feature="b"><td data-framework="x" data-level="full"></td><td data-framework="y" data-level="none">')
    assert level_set_to_unknown(html, "x", "b") == html.replace('"b"><td data-framework="x" data-level="full"',
                                                                 '"b"><td data-framework="x" data-level="unknown"')


def test_an_unknown_answer_is_not_a_lack(open_page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    unknown = next(((fw.id, f.id) for f in DATA.features if f.kind == "support" for fw in SITE.in_use
                    if SITE.cell(fw, f).meets is None), None)
    page = open_page()
    if unknown is None:  # every answer is known: make one unknown in the page the script reads, never skip
        unknown = (IN_USE[0], next(f.id for f in DATA.features if f.kind == "support"))
        chosen = unknown

        def serve_with_unknown(route: Any) -> None:
            response = route.fetch()
            route.fulfill(response=response, body=level_set_to_unknown(response.text(), *chosen))

        page.route(re.compile(r"/matrix/(\?.*)?$"), serve_with_unknown)
    framework, feature = unknown
    open_matrix(page, base_url, f"?must={feature}")
    assert framework not in meets(page)
    mark = first_header(page, framework).get_attribute("data-must-note") or ""
    assert "unknown" in mark and "lacks" not in mark
    assert f"{NAMES[framework]}: " in page.inner_text("[data-must-others]")


def level_set(html: str, framework: str, feature: str, level: str) -> str:
    """The matrix page with one cell's level changed (the script reads levels from data-level)."""
    return level_set_to_unknown(html, framework, feature).replace(
        f'<td data-framework="{framework}" data-level="unknown"', f'<td data-framework="{framework}" data-level="{level}"', 1) \
        if level != "unknown" else level_set_to_unknown(html, framework, feature)


def plugin_case() -> tuple[str, str, str]:
    """(feature, a framework that has it only through a plugin, one that has it first-party) from the data; when the
    data has no such pair, the first support row's first full answer and another framework, made 'plugin' in the page."""
    for f in DATA.features:
        if f.kind != "support":
            continue
        plugin = [fw.id for fw in SITE.in_use if SITE.cell(fw, f).level == "plugin"]
        full = [fw.id for fw in SITE.in_use if SITE.cell(fw, f).level == "full"]
        if plugin and full:
            return f.id, plugin[0], full[0]
    feature = next(f for f in DATA.features
                   if f.kind == "support" and sum(SITE.cell(fw, f).level == "full" for fw in SITE.in_use) >= 2)
    full = [fw.id for fw in SITE.in_use if SITE.cell(fw, feature).level == "full"]
    return feature.id, full[1], full[0]


def open_with_plugin(page: Any, base_url: str, query: str) -> tuple[str, str, str]:
    feature, plugin, full = plugin_case()
    if SITE.cell(DATA.framework(plugin), DATA.feature(feature)).level != "plugin":

        def serve_with_plugin(route: Any) -> None:
            response = route.fetch()
            route.fulfill(response=response, body=level_set(response.text(), plugin, feature, "plugin"))

        page.route(re.compile(r"/matrix/(\?.*)?$"), serve_with_plugin)
    open_matrix(page, base_url, query.format(feature=feature))
    return feature, plugin, full


def test_a_framework_that_qualifies_only_through_a_plugin_is_shown_apart(open_page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page()
    feature, plugin, full = open_with_plugin(page, base_url, "?must={feature}&fw=" + ",".join(IN_USE))
    assert plugin in meets(page) and full in meets(page)
    assert full in meets(page, "data-meets-first-party") and plugin not in meets(page, "data-meets-first-party")
    partly = page.inner_text("[data-must-partly]")
    assert f"{NAMES[plugin]}: " in partly and "via" in partly and NAMES[full] + ":" not in partly
    assert NAMES[plugin] not in page.inner_text("[data-must-answer]").split(",")[0]  # not among the first-party ones
    assert "via plugin" in (first_header(page, plugin).get_attribute("data-must-note") or "")
    assert "all first-party" in (first_header(page, full).get_attribute("data-must-note") or "")
    links = page.locator(f'[data-must-partly] a[href$="frameworks/{plugin}/#{feature}"]')  # the answer and its note, a tap away
    assert links.count() == 1


def test_first_party_only_round_trips_through_the_url_and_changes_who_meets(open_page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page()
    _, plugin, full = open_with_plugin(page, base_url, "?must={feature}&strict=1")
    assert page.is_checked('input[name="strict"]')
    assert full in meets(page) and plugin not in meets(page)  # strict: only first-party answers count
    assert meets(page) == meets(page, "data-meets-first-party")
    page.click('details[data-panel="must"] > summary')
    page.uncheck('input[name="strict"]')
    assert plugin in meets(page)
    until(page, "!new URLSearchParams(location.search).has('strict')")
    page.check('input[name="strict"]')
    until(page, "new URLSearchParams(location.search).get('strict') === '1'")
    assert plugin not in meets(page)


def test_the_url_round_trip_keeps_every_parameter(open_page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    fws = IN_USE[:3]
    params = f"?search=gpu&must={MOBILE},{TPU}&fw={','.join(fws)}&diff=1"
    page = open_page()
    open_matrix(page, base_url, params)
    assert page.input_value('input[name="search"]') == "gpu" and page.is_checked('input[name="diff"]')
    assert visible_columns(page) == fws
    assert meets(page) == [f.id for f in meeting([MOBILE, TPU], SITE.in_use)]
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click('[data-action="copy"]')
    copied = page.evaluate("navigator.clipboard.readText()")
    assert parse_qs(urlsplit(copied).query) == parse_qs(params[1:])
    page.goto(copied)  # the copied link opens the same view
    until(page, "document.querySelector('[data-must-summary]').dataset.meets !== ''")
    assert visible_columns(page) == fws and page.is_checked(f'tr[data-feature="{TPU}"] th input[name="must"]')


def test_old_links_keep_working(open_page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    topic = DATA.topic_of(MOBILE).id
    page = open_page()
    open_matrix(page, base_url, f"?fw={IN_USE[1]},{IN_USE[0]}&cat={topic}&level=none,partial")
    assert visible_columns(page) == IN_USE[:2]  # column order is the data's
    rows = visible_rows(page)
    assert rows and set(rows) <= {f.id for f in DATA.topic(topic).features}
    for row in rows:  # a row shows when one of the frameworks shown is at one of the levels asked for
        levels = {SITE.cell(DATA.framework(fw), DATA.feature(row)).level for fw in IN_USE[:2]}
        assert levels & {"none", "partial"}, row
    assert page.is_checked('input[name="level"][value="none"]')


# --- history and sharing -------------------------------------------------------------------------------------------

def test_filters_replace_the_history_entry(open_page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page()
    page.goto(base_url)
    open_matrix(page, base_url)
    length = page.evaluate("history.length")
    page.check('input[name="diff"]')
    page.click('details[data-panel="rows"] > summary')
    page.uncheck(f'input[name="cat"][value="{DATA.topics[0].id}"]')
    page.fill('input[name="search"]', "onnx")
    until(page, "location.search.includes('search=onnx')")
    assert page.evaluate("history.length") == length  # no entry per checkbox
    until(page, "location.search.includes('diff=1') && location.search.includes('cat=')")
    page.wait_for_load_state("networkidle")  # nothing of Material's still loading when Back leaves the page
    page.go_back()
    assert urlsplit(page.url).path == "/"  # Back leaves the matrix


def test_instant_navigation_and_back_restore_the_view(open_page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page()
    page.goto(base_url)
    page.evaluate("window.__sameDocument = true")
    page.locator('a.md-nav__link[href$="/matrix/"]').first.click()
    page.wait_for_url("**/matrix/")
    until(page, "document.querySelector('[data-dlm-count]').textContent.includes(' of ')")
    assert page.evaluate("window.__sameDocument") is True  # no full reload: Material's instant navigation
    page.fill('input[name="search"]', "tpu")
    assert TPU in visible_rows(page)


# --- headers in sight, columns on a phone ------------------------------------------------------------------------

IN_SIGHT = """el => { const r = el.getBoundingClientRect(); const hit = document.elementFromPoint(r.left + r.width / 2,
  r.top + Math.min(r.height / 2, 10)); return !!hit && el.contains(hit); }"""


def header_of(page: Any, feature: str, framework: str) -> Any:
    return page.locator(f'tr[data-feature="{feature}"]').locator("xpath=ancestor::table").locator(
        f'thead th[data-framework="{framework}"]')


SCROLL_PAST_TOP = """async id => {
  const box = document.querySelector('[data-dlm-box]'), topic = document.getElementById('topic-' + id);
  const boxed = box.classList.contains('dlm-boxed');
  if (boxed) { box.scrollIntoView(); box.scrollTop += topic.getBoundingClientRect().top - box.getBoundingClientRect().top + 120; }
  else window.scrollBy(0, topic.getBoundingClientRect().top + 120);
  await new Promise(done => setTimeout(done, 100));
  return topic.getBoundingClientRect().top < (boxed ? box.getBoundingClientRect().top : 0); }"""


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_headers_stay_in_sight_scrolling_down_and_right(open_page, base_url: str, screen: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page(DESKTOP if screen == "desktop" else PHONE_SCREEN, phone=screen == "phone")
    open_matrix(page, base_url)
    # topics out of sight are drawn one a frame once the page is idle; each drawing moves what follows it, so the
    # scrolling below starts when all are drawn (this tests the headers, not the drawing)
    until(page, "[...document.querySelectorAll('[data-dlm-box] .dlm-topic')].every(t => t.style.contentVisibility === 'visible')")
    first = (IN_USE if screen == "desktop" else PHONE)[0]
    # scroll down until a topic's table starts above the top of the screen (or of the box, when the default columns
    # are wider than the screen and the table scrolls in its own box); the longest topic that can: its table
    # outgrows the screen
    for topic in sorted(DATA.topics, key=lambda t: -len(t.features)):
        if page.evaluate(SCROLL_PAST_TOP, topic.id):
            break
    else:
        pytest.fail("no topic's table can be scrolled past the top of the screen")
    row = topic.features[len(topic.features) // 2].id
    header = header_of(page, row, first)
    assert header.evaluate(IN_SIGHT), "the header row scrolled away"
    assert header.bounding_box()["y"] >= page.evaluate("document.querySelector('.md-header').offsetHeight") - 1
    # every framework: wider than the screen, so the table scrolls sideways in a box as tall as the screen at most
    page.click('details[data-panel="fw"] > summary')
    page.click('[data-action="show-retired"]')
    until(page, f"!!document.querySelector('th[data-framework=\"{RETIRED[-1]}\"]')")
    until(page, "document.querySelector('[data-dlm-box]').classList.contains('dlm-boxed')")
    box = page.locator("[data-dlm-box]")
    assert box.evaluate("b => b.getBoundingClientRect().height <= innerHeight")
    box.evaluate("b => b.scrollIntoView()")
    # down and right inside the box: the topic's table starts above the box's top, the last column is in sight
    box.evaluate(f"""b => {{ b.scrollTop += document.getElementById('topic-{topic.id}').getBoundingClientRect().top
        - b.getBoundingClientRect().top + 120; b.scrollLeft = b.scrollWidth; }}""")
    page.wait_for_timeout(100)
    assert box.evaluate("b => b.scrollLeft > 0 && b.scrollTop > 0")
    assert header_of(page, row, RETIRED[-1]).evaluate(IN_SIGHT), "the header cell is hidden"
    assert page.locator(f'tr[data-feature="{row}"] th[scope="row"]').evaluate(IN_SIGHT), "the feature column is hidden"
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")  # the page itself never scrolls sideways


def test_keyboard_scrolls_the_box_sideways(open_page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page()
    open_matrix(page, base_url, f"?fw={','.join(IN_USE + RETIRED)}")
    until(page, "document.querySelector('[data-dlm-box]').classList.contains('dlm-boxed')")
    box = page.locator("[data-dlm-box]")
    assert box.get_attribute("tabindex") == "0" and box.get_attribute("role") == "region"  # reachable, named
    box.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    until(page, "document.querySelector('[data-dlm-box]').scrollLeft > 0")
    for _ in range(3):
        page.keyboard.press("ArrowLeft")
    until(page, "document.querySelector('[data-dlm-box]').scrollLeft === 0")


@pytest.mark.parametrize("chosen", ["", "?fw=" + ",".join(PHONE[:2])])
def test_a_phone_compares_its_frameworks_without_sideways_scrolling(open_page, base_url: str, chosen: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page(PHONE_SCREEN, phone=True)
    open_matrix(page, base_url, chosen)
    assert visible_columns(page) == (PHONE if not chosen else PHONE[:2])
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_SCREEN["width"]
    box = page.locator("[data-dlm-box]")
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth + 1 && !b.classList.contains('dlm-boxed')")
    cells = page.locator(f'tr[data-feature="{MOBILE}"] td[data-framework]').all()
    shown = [c for c in cells if c.is_visible()]
    assert len(shown) == len(visible_columns(page))
    for cell in shown:  # each answer fully on the screen
        rect = cell.bounding_box()
        assert rect["x"] >= 0 and rect["x"] + rect["width"] <= PHONE_SCREEN["width"] + 0.5


# --- a cell's details, by keyboard, with and without JavaScript ---------------------------------------------------

def fix_link(framework: str, feature: str) -> str:
    path, line = SITE.cell_source(SITE.cell(DATA.framework(framework), DATA.feature(feature)))
    return f"/blob/main/{path}#L{line}"


@pytest.mark.parametrize("javascript", [True, False])
def test_a_cells_details_and_fix_link_by_keyboard(open_page, base_url: str, javascript: bool) -> None:  # type: ignore[no-untyped-def]
    framework, feature = IN_USE[0], MOBILE
    page = open_page(javascript=javascript)
    page.goto(f"{base_url}matrix/?fw={framework}")
    if not javascript:
        assert page.locator(".dlm-notice").is_visible()  # says the full matrix is shown
        assert page.locator("[data-dlm-controls]").is_hidden()
    button = page.locator(f'tr[data-feature="{feature}"] td[data-framework="{framework}"] > button')
    button.focus()
    page.keyboard.press("Enter")
    popover = page.locator(f'#{button.get_attribute("popovertarget")}')
    assert popover.evaluate("p => p.matches(':popover-open')")
    assert popover.locator("a").first.is_visible() and popover.locator("time").last.is_visible()
    for _ in range(12):  # Tab walks into the popover, to its "suggest a fix" link
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Suggest a fix":
            break
    assert page.evaluate("document.activeElement.getAttribute('href')").endswith(fix_link(framework, feature))
    page.keyboard.press("Escape")
    assert not popover.evaluate("p => p.matches(':popover-open')")


def test_without_javascript_the_whole_matrix_is_shown_with_a_notice(open_page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page(javascript=False)
    page.goto(f"{base_url}matrix/?fw={IN_USE[0]}&search=tpu&must={TPU}")
    assert "full matrix" in page.inner_text(".dlm-notice")
    assert page.locator("table[data-matrix-table] tr[data-feature]").count() == FEATURES
    visible = page.eval_on_selector_all("table[data-matrix-table] td[data-framework]",
                                        "tds => tds.filter(t => t.checkVisibility()).length")
    assert visible == FEATURES * len(IN_USE)
    retired = page.locator(".dlm-notice a")
    assert retired.get_attribute("href") == "../matrix-retired/"


def test_a_cells_note_opens_in_place(open_page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    framework, feature = next((fw.id, f.id) for f in DATA.features for fw in SITE.in_use[:1]
                              if fw.cells.get(f.id) is not None and fw.cells[f.id].note)
    page = open_page()
    open_matrix(page, base_url)
    page.click(f'tr[data-feature="{feature}"] td[data-framework="{framework}"] > button')
    note = page.locator(f'tr[data-feature="{feature}"] td[data-framework="{framework}"] .dlm-note')
    note.wait_for()
    assert note.inner_text().strip()


def test_a_features_name_shows_what_it_means(open_page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    feature = DATA.feature(TPU)
    page = open_page()
    open_matrix(page, base_url)
    page.click(f'tr[data-feature="{TPU}"] a.dlm-fname')
    pop = page.locator("[data-dlm-feature-pop]")
    assert pop.evaluate("p => p.matches(':popover-open')")
    assert (feature.description or "")[:20] in pop.inner_text()
    assert pop.locator("a.dlm-anchor").get_attribute("href") == f"#{TPU}"
    pop.locator("details summary").click()  # embed this row: the feature's badge in Markdown and HTML
    markdown = pop.locator("[data-badge-markdown]").inner_text()
    assert f"badges/features/{TPU}.svg" in markdown and feature.name in markdown and "__" not in markdown
    assert f"badges/features/{TPU}.svg" in pop.locator("[data-badge-html]").inner_text()
    nojs = open_page(javascript=False)  # without JavaScript the name opens its topic page, at the row
    nojs.goto(f"{base_url}matrix/")
    nojs.click(f'tr[data-feature="{TPU}"] a.dlm-fname')
    nojs.wait_for_url(f"**/topics/{DATA.topic_of(TPU).id}/#{TPU}")


# --- CSV, retired frameworks, the frameworks table -------------------------------------------------------------------

def test_the_csv_is_exactly_the_rows_and_columns_in_view(open_page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    fws = [IN_USE[2], IN_USE[0]]
    page = open_page()
    open_matrix(page, base_url, f"?fw={','.join(fws)}&search=gpu")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    with page.expect_download() as download:
        page.click('[data-action="csv"]')
    raw = download.value.path().read_bytes()
    assert all(url.startswith("blob:") or url.endswith(FAVICON) for url in requests)  # made in the page
    text = raw.decode("utf-8")
    assert "\r\n" in text and text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    columns = visible_columns(page)
    assert rows[0] == ["Feature", *[NAMES[fw] for fw in columns]]
    shown = visible_rows(page)
    assert [r[0] for r in rows[1:]] == [DATA.feature(f).name for f in shown]
    for feature, line in zip(shown, rows[1:], strict=True):
        for fw, value in zip(columns, line[1:], strict=True):
            view = SITE.cell(DATA.framework(fw), DATA.feature(feature))
            assert value == (view.display_value if view.level == "value" else LEVELS[view.level].word), (feature, fw)


def test_retired_frameworks_join_the_table_on_request(open_page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page()
    open_matrix(page, base_url)
    assert page.locator(f'th[data-framework="{RETIRED[0]}"]').count() == 0  # not in the page until asked for
    page.click('details[data-panel="fw"] > summary')
    page.click('[data-action="show-retired"]')
    until(page, f"document.querySelectorAll('td[data-framework=\"{RETIRED[0]}\"]').length === {FEATURES}")
    assert visible_columns(page) == IN_USE + RETIRED
    page.click(f'tr[data-feature="{MOBILE}"] td[data-framework="{RETIRED[0]}"] > button')  # their details work too
    assert page.locator(f'tr[data-feature="{MOBILE}"] td[data-framework="{RETIRED[0]}"] [popover]').evaluate(
        "p => p.matches(':popover-open')")
    old = open_page()  # an old link naming a retired framework loads it
    open_matrix(old, base_url, f"?fw={IN_USE[0]},{RETIRED[0]}")
    until(old, f"!!document.querySelector('th[data-framework=\"{RETIRED[0]}\"]')")
    until(old, "document.querySelector('[data-dlm-count]').textContent.includes(', 2 of')")
    assert visible_columns(old) == [IN_USE[0], RETIRED[0]]


def test_reset_restores_the_default_view(open_page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page()
    open_matrix(page, base_url, f"?search=tpu&fw={IN_USE[0]}&diff=1&must={TPU}")
    page.click('form [data-action="reset"]')
    until(page, "location.search === ''")
    assert len(visible_rows(page)) == FEATURES and visible_columns(page) == IN_USE and meets(page) == []


def test_sortable_tables(open_page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page()
    page.goto(f"{base_url}frameworks/")
    table = page.locator("table[data-sortable]").first
    header = table.locator("thead th").nth(0)
    names = lambda: table.locator("tbody tr > :first-child").all_text_contents()  # noqa: E731
    header.locator("button").focus()
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "ascending"
    ascending = [n.strip() for n in names()]
    assert ascending == sorted(ascending, key=str.casefold)
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "descending" and [n.strip() for n in names()] == ascending[::-1]


def test_every_level_shows_an_icon_and_a_word(open_page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page()
    open_matrix(page, base_url)
    page.click("[data-howto] > summary")  # the legend, folded into "How to read this"
    for level, term in LEVELS.items():
        badge = page.locator(f"dl.dlm-legend .dlm-level--{level}").first
        assert badge.inner_text().strip().endswith(term.word)
        assert term.icon in badge.evaluate("e => getComputedStyle(e, '::before').content"), level  # never colour alone
        cell = page.locator(f'td[data-level="{level}"] > button').first
        if cell.count():
            assert cell.text_content() == term.word
            assert term.icon in cell.evaluate("e => getComputedStyle(e, '::before').content"), level


def test_use_case_pages_open_their_must_haves_in_the_matrix(open_page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    use_case = next(u for u in DATA.use_cases if len(u.must_have) >= 1)
    page = open_page()
    page.goto(f"{base_url}use-cases/{use_case.id}/")
    page.click(".dlm-must-link a")
    until(page, "location.pathname.endsWith('/matrix/') && !!document.querySelector('[data-must-answer]')"
                " && document.querySelector('[data-must-answer]').textContent !== ''")
    assert query(page)["must"] == [",".join(use_case.must_have)]
    assert meets(page) == [f.id for f in meeting(use_case.must_have, SITE.in_use)]
