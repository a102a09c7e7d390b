"""Issue #23 in a real Chromium: the answer on the first screen of every device. The home page's first screen links
every way in; a site-search hit for a feature opens the matrix at that row, highlighted and clear of the sticky
headers; a code task page puts the two programs its URL names side by side (?a=&b=, a round trip).
Expected links, rows and programs come from the live data and the built site, never from literals."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from dlmatrix import REPOSITORY
from dlmatrix.site.pages.home import DATA_FORMS, INSTALL_PAGE
from dlmatrix.site.snippets import task_view
from dlmatrix.site.urls import Urls
from dlmatrix.site.views import site_for
from tests.conftest import ROOT
from tests.site import test_matrix_browser as matrix_tests
from tests.site.test_matrix_browser import DATA, DESKTOP, PHONE_SCREEN, open_matrix, until

pytestmark = [pytest.mark.browser, pytest.mark.build, pytest.mark.live_data]
open_page = matrix_tests.open_page  # the fixture: a page failing the test on console errors and outside requests

FORGE = Urls("", repo=REPOSITORY)
# A feature of the last topic: far down the matrix, so landing on it means scrolling to it.
LAST_TOPIC = DATA.topics[-1]
FEATURE = LAST_TOPIC.features[-1]


def screens() -> list[Any]:
    return [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE_SCREEN, id="phone")]


# --- the home page's ways in ----------------------------------------------------------------------------------

@pytest.mark.parametrize("screen", screens())
def test_the_home_pages_first_screen_links_every_way_in(open_page, site_url: str, screen: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    page = open_page(screen, phone=screen is PHONE_SCREEN)
    page.goto(site_url, wait_until="networkidle")
    links = page.eval_on_selector_all("[data-entry-points] a", """links => links.map(a => {
        const r = a.getBoundingClientRect();
        return {href: a.href, entry: a.closest('[data-entry]').dataset.entry, bottom: r.bottom, height: r.height}; })""")
    hrefs = {link["href"] for link in links}
    local = {urlsplit(link["href"]).path.removeprefix(urlsplit(site_url).path) for link in links
             if link["href"].startswith(site_url)}
    install = (ROOT / "docs" / "install.md").is_file()
    assert local == {"matrix/", "questions/", "api/"} | ({INSTALL_PAGE} if install else set())
    assert FORGE.contributing in hrefs
    for _, form in DATA_FORMS:
        assert (ROOT / ".github" / "ISSUE_TEMPLATE" / form).is_file(), form
        assert FORGE.issue_form(form) in hrefs
    # every one of them inside the first screen, drawn
    outside = [link["href"] for link in links if not 0 < link["bottom"] <= screen["height"] or not link["height"]]
    assert outside == []


# --- a site-search hit opens the matrix at its row ------------------------------------------------------------

def row_is_revealed(page: Any, feature: str) -> bool:
    """The row is highlighted, on screen, and below the sticky header row of its topic's table."""
    return bool(page.evaluate("""id => {
        const tr = document.getElementById(id);
        if (!tr || !tr.classList.contains('dlm-target') || !tr.checkVisibility()) return false;
        const row = tr.getBoundingClientRect(), head = tr.closest('table').tHead.getBoundingClientRect();
        const header = document.querySelector('.md-header').getBoundingClientRect();
        return row.top >= Math.max(head.bottom, header.bottom) - 1 && row.bottom <= innerHeight && row.height > 0;
    }""", feature))


def test_a_site_search_hit_opens_the_matrix_at_that_row(open_page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page(DESKTOP)
    page.goto(site_url, wait_until="networkidle")
    box = page.locator("input[data-md-component=search-query]")
    box.click()
    page.keyboard.type(FEATURE.name)
    hit = page.locator(f'a.md-search-result__link[href*="/matrix/"][href$="#{FEATURE.id}"]').first  # ?h=: the words
    hit.wait_for(state="attached", timeout=60_000)
    page.wait_for_timeout(300)  # results settle (each keystroke searches again)
    hit.evaluate("a => { const more = a.closest('details'); if (more) more.open = true; }")  # "more on this page"
    hit.click()  # Material's instant navigation
    page.wait_for_url(lambda url: "/matrix/" in url and url.endswith(f"#{FEATURE.id}"), timeout=60_000)
    until(page, f"document.getElementById('{FEATURE.id}').classList.contains('dlm-target')")
    until(page, f"document.getElementById('{FEATURE.id}').closest('.dlm-topic').checkVisibility()")
    page.wait_for_timeout(300)  # the second scroll, after Material's own
    assert row_is_revealed(page, FEATURE.id)
    assert page.locator("tr.dlm-target").count() == 1


@pytest.mark.parametrize("screen", screens())
def test_a_link_to_a_row_shows_it_whatever_the_filters(open_page, site_url: str, screen: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    page = open_page(screen, phone=screen is PHONE_SCREEN)
    other = next(t.id for t in DATA.topics if t.id != LAST_TOPIC.id)
    # a shared link whose filters hide the row: the row wins, the other filters stay
    open_matrix(page, site_url, f"?cat={other}&search=zzzqqq#{FEATURE.id}")
    until(page, f"document.getElementById('{FEATURE.id}').classList.contains('dlm-target')")
    page.wait_for_timeout(300)
    assert row_is_revealed(page, FEATURE.id)
    until(page, "!new URLSearchParams(location.search).has('search')")
    # another row named in the address (a link inside the page): it takes the highlight
    second = LAST_TOPIC.features[0].id if LAST_TOPIC.features[0].id != FEATURE.id else DATA.topics[0].features[0].id
    page.evaluate(f"location.hash = '{second}'")
    until(page, f"document.getElementById('{second}').classList.contains('dlm-target')")
    page.wait_for_timeout(300)
    assert row_is_revealed(page, second)
    assert page.locator("tr.dlm-target").count() == 1


def test_without_an_anchor_no_row_is_highlighted(open_page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page(DESKTOP)
    open_matrix(page, site_url)
    assert page.locator("tr.dlm-target").count() == 0
    assert page.evaluate("scrollY") == 0


# --- /code/<task>/?a=&b= ---------------------------------------------------------------------------------------

def code_task() -> tuple[str, list[tuple[str, str]]]:
    """The task with the most programs, and its blocks as (key, framework) in page order."""
    site = site_for(ROOT / "data", dt.date.today())  # with the code evidence
    assert site.evidence is not None
    views = [task_view(site, task.id) for task in site.evidence.tasks]
    view = max(views, key=lambda v: (sum(s.has_code for s in v.snippets), v.task.id))
    return view.task.id, [(s.key, s.framework.id) for s in view.snippets]


TASK, BLOCKS = code_task()
key_of = {fw: next(key for key, f in BLOCKS if f == fw) for _, fw in BLOCKS}  # a framework's first program


def shown_pair(page: Any) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = page.eval_on_selector_all(".dlm-snippet-list [data-snippet]", """blocks =>
        blocks.slice(0, 2).map(b => { const r = b.getBoundingClientRect(); return {key: b.id, x: r.x, y: r.y, width: r.width}; })""")
    return blocks


def side_by_side(page: Any, a: str, b: str) -> None:
    until(page, f"(() => {{ const k = [...document.querySelectorAll('.dlm-snippet-list [data-snippet]')].map(b => b.id);"
                f" return k[0] === '{a}' && k[1] === '{b}'; }})()")
    first, second = shown_pair(page)
    assert abs(first["y"] - second["y"]) < 1 and second["x"] >= first["x"] + first["width"]
    assert page.eval_on_selector_all("[data-code-pair] select", "s => s.map(x => x.value)") == [a, b]


def test_a_code_page_puts_the_two_frameworks_of_its_url_side_by_side(open_page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    order = DATA.settings.framework_order
    page = open_page(DESKTOP)
    # no parameters: PyTorch and the second framework of framework_order
    page.goto(f"{site_url}code/{TASK}/", wait_until="networkidle")
    side_by_side(page, key_of["pytorch"], key_of[order[1]])
    assert page.locator("[data-code-pair]").is_visible()
    # ?a=<framework>&b=<framework>: their first programs, in that order
    a, b = [fw for _, fw in BLOCKS if fw not in ("pytorch", order[1])][-1], "pytorch"
    page.goto(f"{site_url}code/{TASK}/?a={a}&b={b}", wait_until="networkidle")
    side_by_side(page, key_of[a], key_of[b])
    # chosen on the page: the address says so, and opening it again shows the same two
    other = next(key for key, fw in BLOCKS if fw not in (a, b))
    page.select_option('[data-code-pair] select[name="a"]', other)
    until(page, f"new URLSearchParams(location.search).get('a') === '{other}'")
    assert parse_qs(urlsplit(page.url).query) == {"a": [other], "b": [key_of[b]]}
    side_by_side(page, other, key_of[b])
    page.reload(wait_until="networkidle")
    side_by_side(page, other, key_of[b])
    # back to the default pair: the address loses its parameters
    page.select_option('[data-code-pair] select[name="a"]', key_of["pytorch"])
    page.select_option('[data-code-pair] select[name="b"]', key_of[order[1]])
    until(page, "location.search === ''")
    side_by_side(page, key_of["pytorch"], key_of[order[1]])


def test_a_pair_pages_code_links_open_its_two_frameworks_side_by_side(open_page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    pair = [fw for fw in DATA.settings.framework_order if fw in key_of][:2]
    page = open_page(DESKTOP)
    page.goto(f"{site_url}{Urls('').compare(*pair)}", wait_until="networkidle")
    link = page.locator(f'[data-pair-code] li[data-task="{TASK}"] a').first
    query = parse_qs(urlsplit(link.get_attribute("href") or "").query)
    a, b = query["a"][0], query["b"][0]
    assert sorted(query) == ["a", "b"] and {a, b} == set(pair)
    link.click()
    page.wait_for_url(f"**/code/{TASK}/**", timeout=60_000)
    side_by_side(page, key_of[a], key_of[b])


# --- the frameworks' lifecycle: the whole table on a desk, a card per framework on a phone ----------------------

LIFECYCLE = """() => { const table = document.querySelector('[data-lifecycle-table]'), region = table.closest('.dlm-table-scroll');
  const box = region.getBoundingClientRect();
  return {scrollWidth: region.scrollWidth, clientWidth: region.clientWidth, page: document.documentElement.scrollWidth,
    cut: [...table.querySelectorAll('th, td')].filter(c => c.checkVisibility() && c.getBoundingClientRect().right > box.right + 1)
      .map(c => c.textContent.trim().slice(0, 30)),
    rows: [...table.tBodies[0].rows].map(tr => { const r = tr.getBoundingClientRect(), ended = tr.querySelector('.dlm-ended');
      return {id: tr.dataset.framework, top: r.top, bottom: r.bottom, left: r.left, right: r.right,
              display: getComputedStyle(tr).display, ended: ended ? ended.textContent : '',
              endedShown: !!ended && ended.checkVisibility() && ended.getBoundingClientRect().width > 0,
              sources: [...tr.querySelectorAll('td[data-ended] .dlm-meta a')].map(a => a.href)}; }),
    headShown: table.tHead.getBoundingClientRect().height > 2}; }"""


def check_ended(rows: list[dict[str, Any]]) -> None:
    """Each framework that ended or has a successor says when and what instead, with its sources, in sight."""
    by_id = {row["id"]: row for row in rows}
    assert list(by_id) == [fw.id for fw in DATA.frameworks]
    for fw in DATA.frameworks:
        row = by_id[fw.id]
        if not (fw.end_date or fw.successor):
            assert row["ended"] == "" and row["sources"] == []
            continue
        assert row["endedShown"], fw.id
        if fw.end_date:
            assert row["ended"].startswith(f"Ended {fw.end_date}"), row["ended"]
        if fw.successor:
            assert f"use instead: {fw.successor}" in row["ended"].replace("Use instead", "use instead")
        assert [s.rstrip("/") for s in row["sources"]] == [str(s).rstrip("/") for s in fw.sources]


def test_the_lifecycle_table_fits_a_desk(open_page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page({"width": 1280, "height": 900})
    page.goto(f"{site_url}frameworks/", wait_until="networkidle")
    seen = page.evaluate(LIFECYCLE)
    assert seen["cut"] == [] and seen["scrollWidth"] <= seen["clientWidth"], seen
    assert seen["headShown"] and all(row["display"] == "table-row" for row in seen["rows"])
    check_ended(seen["rows"])


def test_the_lifecycle_is_a_card_per_framework_on_a_phone(open_page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page(PHONE_SCREEN, phone=True)
    page.goto(f"{site_url}frameworks/", wait_until="networkidle")
    seen = page.evaluate(LIFECYCLE)
    assert seen["page"] <= PHONE_SCREEN["width"] and seen["cut"] == [], seen["cut"]
    assert not seen["headShown"]  # each value carries its own label
    rows = seen["rows"]
    assert all(row["display"] != "table-row" and row["left"] >= 0 and row["right"] <= PHONE_SCREEN["width"]
               for row in rows)
    assert all(later["top"] >= earlier["bottom"] for earlier, later in pairwise(rows))  # stacked, not side by side
    check_ended(rows)
    # each value after its label: a card reads "First release: 2016"
    labels = page.eval_on_selector_all("[data-lifecycle-table] tbody tr:first-child td[data-label]:not([data-label=''])",
                                       "tds => tds.map(td => getComputedStyle(td, '::before').content)")
    assert labels and all(label.startswith('"') and label.endswith(': "') for label in labels)


# --- cells show what fits ------------------------------------------------------------------------------------

VALUE_BUTTONS = """() => [...document.querySelectorAll('[data-dlm-box] td[data-level="value"] > button')]
  .filter(b => b.checkVisibility()).map(b => { const full = b.parentNode.querySelector('.dlm-full');
    const long = b.querySelector('.dlm-long');
    return {id: b.parentNode.parentNode.dataset.feature + '/' + b.parentNode.dataset.framework,
            shown: b.innerText.replace(/\\s+/g, ' ').trim(), full: full ? full.textContent.replace(/\\s+/g, ' ').trim() : null,
            long: long ? long.textContent.replace(/\\s+/g, ' ').trim() : null,
            cut: b.scrollHeight > b.clientHeight + 1, lines: b.clientHeight / parseFloat(getComputedStyle(b).lineHeight)}; })"""


def value_buttons(page: Any) -> list[dict[str, Any]]:
    page.evaluate("document.querySelectorAll('.dlm-topic').forEach(t => t.style.contentVisibility = 'visible')")
    buttons: list[dict[str, Any]] = page.evaluate(VALUE_BUTTONS)
    assert buttons, "no value cell in view"
    return buttons


def values_of(framework_id: str) -> int:
    framework = next(f for f in DATA.frameworks if f.id == framework_id)
    return sum(1 for cell in framework.cells.values() if cell.value is not None)


TWO = sorted(matrix_tests.IN_USE, key=values_of, reverse=True)[:2]  # the side-by-side view with the most text


def test_cells_are_cut_by_the_room_their_column_has(open_page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page(DESKTOP)
    open_matrix(page, site_url)  # every framework in use: narrow columns
    buttons = value_buttons(page)
    cut = [b for b in buttons if b["cut"]]
    assert cut, "with every framework shown, no value is cut: the test shows nothing"
    for button in buttons:
        assert button["full"], button["id"]  # the popover has the value in full, cut or not
        if not button["long"]:  # no `short` form: the button holds the whole value, CSS decides what shows
            assert button["shown"] == button["full"] or button["cut"], button
        assert button["lines"] <= 3.5, button  # three lines at most
    # the popover keeps the full text
    first = cut[0]["id"]
    feature, framework = first.split("/")
    page.locator(f'tr[data-feature="{feature}"] td[data-framework="{framework}"] > button').click()
    pop = page.locator(f'tr[data-feature="{feature}"] td[data-framework="{framework}"] [popover]')
    until(page, f"document.querySelector('tr[data-feature=\"{feature}\"] td[data-framework=\"{framework}\"] [popover]')"
                ".matches(':popover-open')")
    assert pop.locator(".dlm-full").inner_text().split() == cut[0]["full"].split()


@pytest.mark.parametrize("view", ["two chosen", "phone default"])
def test_with_few_columns_values_show_in_full(open_page, site_url: str, view: str) -> None:  # type: ignore[no-untyped-def]
    if view == "two chosen":
        page = open_page(DESKTOP)
        open_matrix(page, site_url, f"?fw={','.join(TWO)}")
    else:
        page = open_page(PHONE_SCREEN, phone=True)
        open_matrix(page, site_url)
    buttons = value_buttons(page)
    cut = [b["id"] for b in buttons if b["cut"]]
    assert cut == []
    for button in buttons:  # the whole value, the long form where the data has a short one
        assert button["shown"] == button["full"], button


# --- the matrix's first screen on a phone ---------------------------------------------------------------------

COMMON = DATA.settings.common_must_haves
FEATURE_NAMES = {f.id: f.name for f in DATA.features}


def rect(page: Any, selector: str) -> dict[str, float]:
    box: dict[str, float] = page.evaluate(f"""(() => {{ const r = document.querySelector('{selector}').getBoundingClientRect();
        return {{top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height}}; }})()""")
    return box


@pytest.mark.parametrize("must", [False, True], ids=["no must-haves", "two must-haves"])
def test_a_phones_first_screen_has_the_controls_and_the_answer(open_page, site_url: str, must: bool) -> None:  # type: ignore[no-untyped-def]
    page = open_page(PHONE_SCREEN, phone=True)
    open_matrix(page, site_url, f"?must={','.join(COMMON[:2])}" if must else "")
    header = rect(page, ".md-header")
    wanted = ["input[name=search]", "[data-panel=must] > summary", "[data-panel=fw] > summary"]
    if must:
        until(page, "document.querySelector('[data-must-answer]').textContent.length > 0")
        wanted.append("[data-must-answer]")
    for selector in wanted:
        box = rect(page, selector)
        assert header["bottom"] <= box["top"] and box["bottom"] <= PHONE_SCREEN["height"] and box["height"] > 0, selector
    # the intro and the legend: one line, folded; the legend one tap away
    howto = rect(page, "[data-howto] > summary")
    assert howto["height"] < 3 * 16 and not page.locator("[data-howto] .dlm-legend").is_visible()
    page.click("[data-howto] > summary")
    assert page.locator("[data-howto] .dlm-legend").is_visible()


def test_the_must_have_sheet_opens_filters_and_closes(open_page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page(PHONE_SCREEN, phone=True)
    open_matrix(page, site_url)
    opener = '[data-panel="must"] > summary'
    page.tap(opener)
    sheet = rect(page, '[data-panel="must"] .dlm-sheet')
    assert sheet["top"] <= 0.5 and sheet["bottom"] >= PHONE_SCREEN["height"] - 0.5  # the whole screen
    assert sheet["left"] <= 0.5 and sheet["right"] >= PHONE_SCREEN["width"] - 0.5
    # the editors' common must-haves first, then every other support feature by topic, each once
    groups = page.eval_on_selector_all("[data-must-list] .dlm-group", """gs => gs.map(g => ({name: g.firstChild.textContent,
        ids: [...g.querySelectorAll('input')].map(i => i.value)}))""")
    assert groups[0]["ids"] == COMMON
    support = {t.id: [f.id for f in t.features if f.kind == "support" and f.id not in COMMON] for t in DATA.topics}
    assert [(g["name"], g["ids"]) for g in groups[1:]] == [
        (t.name, support[t.id]) for t in DATA.topics if support[t.id]]
    # its own filter field: a word of a feature's name keeps the must-haves that have it
    word = max(FEATURE_NAMES[COMMON[-1]].split(), key=len).strip("()").lower()
    page.fill("[data-must-filter]", word)
    shown = page.eval_on_selector_all("[data-must-list] label",
                                      "ls => ls.filter(l => l.checkVisibility()).map(l => l.querySelector('input').value)")
    expected = [f for g in groups for f in g["ids"]
                if word in (FEATURE_NAMES[f] + " " + " ".join(DATA.feature(f).aliases)).lower()]
    assert shown == expected and COMMON[-1] in shown
    # ticked in the sheet: the answer at its foot, in sight however far the list scrolls
    page.tap(f'[data-must-list] input[value="{COMMON[-1]}"]')
    until(page, "document.querySelector('[data-must-sheet-answer]').textContent"
                " === document.querySelector('[data-must-answer]').textContent")
    page.evaluate("document.querySelector('[data-must-list]').scrollTop = 1e6")
    foot = rect(page, "[data-must-sheet-answer]")
    assert foot["height"] > 0 and foot["bottom"] <= PHONE_SCREEN["height"]
    # Escape closes it, the focus back on the opener; so does Close
    page.keyboard.press("Escape")
    until(page, "!document.querySelector('[data-panel=\"must\"]').open")
    assert page.evaluate(f"document.activeElement === document.querySelector('{opener}')")
    page.tap(opener)
    page.tap('[data-panel="must"] [data-action="close-panel"]')
    until(page, "!document.querySelector('[data-panel=\"must\"]').open")
    assert page.evaluate(f"document.activeElement === document.querySelector('{opener}')")
    until(page, f"new URLSearchParams(location.search).get('must') === {COMMON[-1]!r}")  # written just after
    assert query_of(page)["must"] == [COMMON[-1]]


def query_of(page: Any) -> dict[str, list[str]]:
    until(page, "location.search.includes('must=')")
    return parse_qs(urlsplit(page.url).query)


@pytest.mark.parametrize("screen", screens())
def test_two_must_haves_by_keyboard_in_at_most_twelve_presses(open_page, site_url: str, screen: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    page = open_page(screen, phone=screen is PHONE_SCREEN)
    open_matrix(page, site_url)
    page.focus("input[name=search]")  # where the controls start
    presses = 0

    def press(key: str) -> None:
        nonlocal presses
        presses += 1
        page.keyboard.press(key)

    press("Tab")  # Must-haves
    press("Enter")  # opens: the focus in its filter field
    until(page, "document.activeElement.matches('[data-must-filter]')")
    for _ in COMMON[:2]:
        press("Tab")
        press("Space")
    until(page, "document.querySelector('[data-must-summary]').getAttribute('data-meets') !== ''"
                " && document.querySelectorAll('[data-must-list] input:checked').length === 2")
    press("Escape")
    assert presses <= 12
    # the address follows the view just after a change (matrix.js writes it 50 ms later): wait for it, then read it
    until(page, f"new URLSearchParams(location.search).get('must') === {','.join(COMMON[:2])!r}")
    assert query_of(page)["must"] == [",".join(COMMON[:2])]
    expected = [f.id for f in matrix_tests.meeting(COMMON[:2], matrix_tests.SITE.in_use)]
    assert (page.get_attribute("[data-must-summary]", "data-meets") or "").split(",") == expected
    assert page.evaluate("document.activeElement === document.querySelector('[data-panel=\"must\"] > summary')")
    assert page.locator("[data-must-answer]").is_visible()


def test_feature_names_wrap_between_words_only(open_page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page(PHONE_SCREEN, phone=True)
    open_matrix(page, site_url)
    page.evaluate("document.querySelectorAll('.dlm-topic').forEach(t => t.style.contentVisibility = 'visible')")
    broken = page.evaluate("""() => [...document.querySelectorAll('[data-dlm-box] .dlm-fname')].flatMap(name => {
        const text = name.firstChild, cell = name.closest('th').getBoundingClientRect(), out = [];
        for (const m of text.textContent.matchAll(/[^\\s-]+-?/g)) {  // a line may end after a hyphen
          const range = document.createRange();
          range.setStart(text, m.index); range.setEnd(text, m.index + m[0].length);
          const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
          if (lines.size > 1 || range.getBoundingClientRect().right > cell.right + 1) out.push(text.textContent + ': ' + m[0]);
        }
        return out; })""")
    assert broken == []
    assert page.locator("[data-dlm-box] .dlm-fname").count() == len(DATA.features)


@pytest.mark.parametrize("screen", screens())
def test_nothing_covers_the_sticky_header(open_page, site_url: str, screen: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    page = open_page(screen, phone=screen is PHONE_SCREEN)
    open_matrix(page, site_url)
    # Into a topic taller than a screen's top part, so that its header is held at the top whatever the layout above.
    # The table scrolls with the page while it fits; wider (more frameworks than the screen holds), in its own box,
    # whose top the page brings into sight first.
    page.evaluate("""() => { const box = document.querySelector('[data-dlm-box]');
      const topic = [...box.querySelectorAll('.dlm-topic')]
        .filter(t => t.checkVisibility()).sort((a, b) => b.offsetHeight - a.offsetHeight)[0];
      topic.style.contentVisibility = 'visible';
      const into = Math.min(topic.offsetHeight / 2, 600);
      if (box.classList.contains('dlm-boxed')) {
        window.scrollTo(0, box.getBoundingClientRect().top + scrollY - 120);
        box.scrollTop += topic.getBoundingClientRect().top - box.getBoundingClientRect().top + into;
      } else window.scrollTo(0, topic.getBoundingClientRect().top + scrollY + into); }""")
    page.wait_for_timeout(300)
    page.mouse.move(1, 1)  # over Material's header: the wheel scrolls the page, not the table's box
    page.mouse.wheel(0, -60)  # scrolling back up: Material shows its "Back to top" pill
    until(page, "!document.querySelector('.md-top').hidden")
    page.wait_for_timeout(500)  # its transition
    seen = page.evaluate("""() => { const pill = document.querySelector('.md-top').getBoundingClientRect();
        const box = document.querySelector('[data-dlm-box]');
        const top = box.classList.contains('dlm-boxed') ? box.getBoundingClientRect().top + box.clientTop : 0;
        const stuck = [...box.querySelectorAll('thead th')].filter(th => th.checkVisibility()
          && Math.abs(th.getBoundingClientRect().top - top - parseFloat(getComputedStyle(th).top)) < 1);  // held
        return {stuck: stuck.length, covered: stuck.filter(th => { const r = th.getBoundingClientRect();
          return r.left < pill.right && pill.left < r.right && r.top < pill.bottom && pill.top < r.bottom;
        }).map(th => th.textContent.trim())}; }""")
    assert seen["stuck"] > 0 and seen["covered"] == [], seen
