"""The install picker (/install/, #22) in a real Chromium: for several machines, each framework's verdict on the page
is the one the data gives (dlmatrix.site.install_view, from data/frameworks/*.yaml), frameworks that work come first,
the choice round-trips through the URL, Copy link copies it, the no-JavaScript tables hold every combination, axe
finds nothing and a 390 px phone never scrolls sideways. Expected values come from the live data, never literals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from dlmatrix.data.evidence import Known, project_evidence
from dlmatrix.data.load import load_dataset
from dlmatrix.data.vocabulary import OPERATING_SYSTEMS, PLATFORM_ACCELERATORS
from dlmatrix.site import install_view
from dlmatrix.site.views import Site
from tests.conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.build]

_DATA = load_dataset(ROOT / "data")
SITE = Site(_DATA, dt.date.today(), project_evidence(ROOT / "data", Known(
    {f.id: f.status for f in _DATA.frameworks}, {f.id for f in _DATA.features})))
FRAMEWORKS = install_view.in_use(SITE)
PHONE = {"width": 390, "height": 844}
# The five machines (os, arch, accel, python), and one Python no framework in use has wheels for everywhere.
MACHINES = [("windows", "x86_64", "cpu", "3.12"), ("macos", "arm64", "apple", "3.12"),
            ("linux", "x86_64", "nvidia", "3.12"), ("linux", "arm64", "cpu", "3.12"), ("windows", "arm64", "cpu", "3.12"),
            ("linux", "x86_64", "cpu", "3.10")]


def expected(os_id: str, arch: str, accel: str, python: str) -> dict[str, tuple[str, str]]:
    return {f.id: install_view.verdict(install_view.answer(f, os_id, arch, accel), python) for f in FRAMEWORKS}


@pytest.fixture
def phone(browser) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda r: None if r.url.startswith(("http://127.0.0.1", "data:", "blob:"))
            else problems.append(f"third-party request: {r.url}"))
    yield page
    seen = list(problems)
    context.close()
    assert not seen, seen


def shown(page: Any) -> list[tuple[str, str, str]]:
    """The cards shown, in page order: (framework, installs, accelerated), read in one go once the script ran."""
    page.locator("[data-install-summary]").wait_for(state="visible")
    found: list[list[str]] = page.eval_on_selector_all(
        "[data-install] [data-framework]", "rows => rows.filter(r => r.offsetParent !== null).map(r => "
        "[r.dataset.framework, r.dataset.installs, r.dataset.accelerated])")
    return [(a, b, c) for a, b, c in found]


@pytest.mark.parametrize("machine", MACHINES, ids=["-".join(m) for m in MACHINES])
def test_each_verdict_is_the_datas_and_working_frameworks_come_first(phone: Any, site_url: str,
                                                                    machine: tuple[str, str, str, str]) -> None:
    os_id, arch, accel, python = machine
    phone.goto(f"{site_url}install/?os={os_id}&arch={arch}&accel={accel}&python={python}", wait_until="networkidle")
    cards = shown(phone)
    want = expected(*machine)
    assert sorted(c[0] for c in cards) == sorted(want), "one card per framework in use"
    assert {c[0]: (c[1], c[2]) for c in cards} == want
    ranks = [install_view.rank(c[1], c[2]) for c in cards]
    assert ranks == sorted(ranks), f"frameworks that work come first: {cards}"
    # A wheel missing for the chosen Python is said, with the Python; an install that has one says nothing of it.
    for framework_id, installs, _ in cards:
        answer = install_view.answer(SITE.data.framework(framework_id), os_id, arch, accel)
        note = phone.locator(f'[data-framework="{framework_id}"]:visible [data-python-missing]')
        assert note.is_visible() == (answer.installs == "yes" and installs == "no")
        if note.is_visible():
            assert python in note.text_content()
    working = sum(1 for c in cards if c[1] == "yes")
    assert phone.locator("[data-install-summary]").text_content().startswith(f"{working} of {len(cards)} ")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "no sideways scroll at 390 px"
    # one column of cards: every visible card starts at the same x
    lefts = {round(box["x"]) for r in phone.locator("[data-install] [data-framework]:visible").all()
             if (box := r.bounding_box())}
    assert len(lefts) == 1


def test_the_choice_round_trips_through_the_url_and_copy_link_copies_it(phone: Any, site_url: str) -> None:
    phone.goto(f"{site_url}install/", wait_until="networkidle")
    state = parse_qs(urlsplit(phone.url).query)
    assert {k: v[0] for k, v in state.items()} == install_view.DEFAULTS, "the defaults are written into the URL"
    assert sorted(c[0] for c in shown(phone)) == sorted(f.id for f in FRAMEWORKS)
    phone.select_option('select[name="os"]', "linux")
    phone.select_option('select[name="accel"]', "tpu")
    phone.select_option('select[name="python"]', "3.13")
    query = {k: v[0] for k, v in parse_qs(urlsplit(phone.url).query).items()}
    assert query == {"os": "linux", "arch": "x86_64", "accel": "tpu", "python": "3.13"}
    assert {c[0]: (c[1], c[2]) for c in shown(phone)} == expected("linux", "x86_64", "tpu", "3.13")
    # An accelerator the platform does not have cannot be chosen; the URL falls back to the CPU.
    phone.select_option('select[name="os"]', "windows")
    assert parse_qs(urlsplit(phone.url).query)["accel"] == ["cpu"]
    assert phone.locator('select[name="accel"] option[value="tpu"]').is_disabled()
    phone.click('[data-action="copy-link"]')
    copied = phone.evaluate("navigator.clipboard.readText()")
    assert copied == phone.url
    assert phone.url in phone.locator("[data-install-status]").text_content()
    phone.goto(copied, wait_until="networkidle")  # the copied link opens the same choice
    assert phone.locator('select[name="os"]').input_value() == "windows"
    assert phone.locator('select[name="python"]').input_value() == "3.13"


def test_without_javascript_one_table_per_operating_system_holds_every_combination(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{site_url}install/?os=linux", wait_until="load")
        assert page.locator("[data-install-picker]").is_hidden()
        tables = page.locator("[data-install-os]")
        assert tables.count() == len(OPERATING_SYSTEMS)
        for os_id in OPERATING_SYSTEMS:
            rows = page.locator(f'[data-install-os="{os_id}"] [data-framework]')
            combos = sum(len(a) for (o, _), a in PLATFORM_ACCELERATORS.items() if o == os_id)
            assert rows.count() == combos * len(FRAMEWORKS)
            assert rows.first.is_visible()
        # the facts are the same as the cards': the verdict for any Python, the command
        for framework in FRAMEWORKS:
            answer = install_view.answer(framework, "windows", "x86_64", "cpu")
            row = page.locator(f'[data-install-os="windows"] [data-framework="{framework.id}"][data-arch="x86_64"]'
                               f'[data-accel="cpu"]')
            assert (row.get_attribute("data-installs"), row.get_attribute("data-accelerated")) == \
                (answer.installs, answer.accelerated)
            if answer.entry and answer.entry.command:
                assert answer.entry.command in row.text_content()
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_picker_in_use_has_no_accessibility_violation(browser, site_url: str, scheme: str) -> None:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(f"{site_url}install/?os=macos&arch=arm64&accel=apple&python=3.12", wait_until="networkidle")
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
    finally:
        context.close()


def test_a_pair_page_shows_both_install_lines_for_the_machine_in_its_url(phone: Any, site_url: str,
                                                                         real_site: Any) -> None:
    pair = sorted(p.parent.name for p in (real_site / "compare").glob("*-vs-*/index.html"))[0]
    a, b = pair.split("-vs-")
    phone.goto(f"{site_url}compare/{pair}/", wait_until="networkidle")
    assert phone.locator("[data-install-lines]").is_hidden(), "nothing is said without a machine in the URL"
    phone.goto(f"{site_url}compare/{pair}/?os=windows&accel=nvidia", wait_until="networkidle")
    lines = phone.locator("[data-install-line]:visible")
    assert lines.count() == 2
    for framework_id in (a, b):
        line = phone.locator(f'[data-install-line][data-framework="{framework_id}"]:visible')
        answer = install_view.answer(SITE.data.framework(framework_id), "windows", "x86_64", "nvidia")
        assert (line.get_attribute("data-installs"), line.get_attribute("data-accelerated")) == \
            (answer.installs, answer.accelerated)
    more = phone.locator("[data-install-more]").get_attribute("href")
    assert more.endswith("install/?os=windows&arch=x86_64&accel=nvidia")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_picker_works_after_material_instant_navigation(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(site_url, wait_until="networkidle")
        page.evaluate("window.__sameDocument = true")
        page.locator('article a[href$="/install/"]').first.click()
        page.wait_for_url("**/install/**")
        page.locator("[data-install-summary]").wait_for(state="visible")
        assert page.evaluate("window.__sameDocument") is True  # no full reload: Material's instant navigation
        assert sorted(c[0] for c in shown(page)) == sorted(f.id for f in FRAMEWORKS)
    finally:
        context.close()
