"""Site search lands on features: one entry per feature linking to its matrix row, no wall of cell text, framework
and use-case pages ranked above the matrix, an index small enough to fetch, fetched only once the reader reaches for search."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import live_dataset

pytestmark = pytest.mark.live_data  # checks the live data: the contributor-path test runs it on a scaffolded copy too

# How long a loaded machine may take to fetch and search the index: a wait, not a budget (make bench times it).
WAIT_SECONDS = 90
DATA = live_dataset()


def index(site: Path) -> list[dict[str, Any]]:
    return json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]  # type: ignore[no-any-return]


@pytest.mark.build
def test_one_entry_per_feature_and_no_wall_of_cells(real_site: Path) -> None:
    docs = index(real_site)
    features = {d["location"].split("#")[1]: d for d in docs if d["location"].startswith("matrix/#")
                and d["location"] != "matrix/#frameworks-compared"}
    assert list(features) == [f.id for f in DATA.features]
    for feature in DATA.features:
        entry = features[feature.id]
        assert entry["title"] == feature.name
        assert (feature.description or "")[:30].split("`")[0] in entry["text"]
    # no page is indexed as one long entry: cell text lives in the tables, which are left out
    longest = max(docs, key=lambda d: len(d["text"]))
    assert len(longest["text"]) < 15000, longest["location"]
    assert all(not d["location"].startswith("matrix-retired/") for d in docs)


def search(page: Any, text: str) -> list[str]:
    """The result links Material's search shows for `text`, in order (page results and their sections)."""
    box = page.locator("input[data-md-component=search-query]")
    box.click()
    box.fill("")
    page.keyboard.type(text)
    deadline = time.monotonic() + WAIT_SECONDS
    while not page.locator(".md-search-result__item").count():
        assert time.monotonic() < deadline, f"no search result for {text!r}"
        page.wait_for_timeout(100)
    page.wait_for_timeout(300)  # results settle (each keystroke searches again)
    links: list[str] = page.eval_on_selector_all(
        "a.md-search-result__link", "as => as.map(a => new URL(a.href).pathname + new URL(a.href).hash)")
    page.keyboard.press("Escape")
    return [link for i, link in enumerate(links) if link not in links[:i]]


@pytest.mark.browser
@pytest.mark.build
def test_search_lands_on_features_and_ranks_pages_first(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url, wait_until="networkidle")
    feature = DATA.feature("onnx_export") if DATA.has_feature("onnx_export") else DATA.features[-1]
    links = search(page, feature.name)
    pages = list(dict.fromkeys(link.split("#")[0] for link in links))
    assert "/matrix/" in pages[:3], pages  # among the first pages found, the matrix: at the feature's row
    assert next(link for link in links if link.startswith("/matrix/#")) == f"/matrix/#{feature.id}", links
    for framework in DATA.frameworks[:3]:  # a framework's page comes before any matrix row
        links = search(page, framework.name.split(" (")[0])
        own = links.index(f"/frameworks/{framework.id}/")
        assert all(not link.startswith("/matrix/") for link in links[:own]), links[:own + 1]
    for use_case in DATA.use_cases[:4]:  # so does a use case's page
        links = search(page, use_case.name)
        assert links[0] == f"/use-cases/{use_case.id}/", links[:5]


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("reach", ["click", "key", "url"])
def test_the_index_is_fetched_only_once_the_reader_reaches_for_search(page, site_url: str, reach: str) -> None:  # type: ignore[no-untyped-def]
    """Most visits never search: the index (the largest request) waits for a click in the search field, a search
    key, or a query in the URL; then search works as before."""
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url) if "search_index.json" in request.url else None)
    page.goto(site_url + ("?q=" + DATA.frameworks[0].id if reach == "url" else ""), wait_until="networkidle")
    if reach != "url":
        page.wait_for_timeout(500)
        assert fetched == [], "the index was fetched before anyone searched"
        page.locator("a.md-nav__link").first.click()  # instant navigation: still nothing
        page.wait_for_load_state("networkidle")
        assert fetched == []
        if reach == "key":
            page.keyboard.press("/")
            page.keyboard.press("Escape")
    deadline = time.monotonic() + WAIT_SECONDS
    while reach != "click" and not fetched:
        assert time.monotonic() < deadline, "the index was never fetched"
        page.wait_for_timeout(100)
    assert DATA.frameworks[0].id in " ".join(search(page, DATA.frameworks[0].name.split(" (")[0]))
    assert len(fetched) == 1, fetched


@pytest.mark.browser
@pytest.mark.build
def test_typing_in_the_matrix_search_does_not_fetch_the_site_index(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """s and f are Material's search keys only outside form fields: the matrix's own search box is one."""
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url) if "search_index.json" in request.url else None)
    page.goto(site_url + "matrix/", wait_until="networkidle")
    page.locator('input[name="search"]').click()
    page.keyboard.type("fs /")
    page.wait_for_timeout(500)
    assert fetched == []
    page.keyboard.press("Escape")
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("s")
    deadline = time.monotonic() + WAIT_SECONDS
    while not fetched:
        assert time.monotonic() < deadline, "a search key outside a field did not fetch the index"
        page.wait_for_timeout(100)
