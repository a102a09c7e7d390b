"""Render helpers: safe notes, labels, and fragments that stay one raw HTML block."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

import datetime as dt

from dlmatrix.data.load import load_dataset
from dlmatrix.site.pages import MACROS, Page
from dlmatrix.site.render import host_label, note_html
from dlmatrix.site.urls import Urls
from dlmatrix.site.views import Site


def page_for(mini_data: Path, base: str) -> Page:
    return Page(Site(load_dataset(mini_data), dt.date(2026, 11, 25)), Urls(base))


def test_note_allows_a_small_markdown_subset() -> None:
    html = note_html("*Renamed* `LiteRT` in [Sept 2024](https://developers.googleblog.com/x).")
    assert html == ('<em>Renamed</em> <code>LiteRT</code> in <a rel="nofollow noopener" '
                    'href="https://developers.googleblog.com/x">Sept 2024</a>.')


def test_note_shows_html_and_bad_links_as_text() -> None:
    html = note_html('<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) {{ 7*7 }}')
    assert "<script" not in html and "<img" not in html and "href" not in html
    assert "&lt;script&gt;" in html and "{{ 7*7 }}" in html


def test_host_label() -> None:
    assert host_label("https://www.tensorflow.org/install/pip") == "tensorflow.org"
    assert host_label("https://docs.pytorch.org/docs/stable/") == "docs.pytorch.org"


def test_matrix_fragment_contract(mini_data: Path) -> None:
    html = MACROS["matrix"](page_for(mini_data, "../"))
    assert "\n\n" not in html  # a blank line would end Python-Markdown's raw HTML block
    soup = BeautifulSoup(html, "html.parser")
    table = soup.find("table")
    assert table is not None and not table.has_attr("class")
    rows = soup.select("tr[data-feature]")
    assert [r["data-feature"] for r in rows] == ["steward", "first_release", "eager_by_default",
                                                 "mobile_runtime", "browser_runtime", "github_stars", "latest_release"]
    cells = soup.select("td[data-framework]")
    assert len(cells) == 7 * 3
    missing = soup.select('tr[data-feature="latest_release"] td[data-framework="tensorflow"]')[0]
    assert missing["data-level"] == "unknown" and missing["data-missing"] == "true"
    assert "Unknown" in missing.get_text()
    eager = soup.select('tr[data-feature="eager_by_default"] td[data-framework="tensorflow"]')[0]
    assert eager["data-level"] == "full"
    badge = eager.select_one(".dlm-level--full")  # the icon comes from CSS, the word is in the HTML
    assert badge is not None and badge.get_text() == "Yes"
    assert eager.select_one("a[href='https://www.tensorflow.org/guide/intro_to_graphs']") is not None
    assert eager.select_one("time")["datetime"] == "2026-11-01"
    assert "since 2.0" in eager.get_text()
    stars = soup.select('tr[data-feature="github_stars"] td[data-framework="tensorflow"]')[0]
    assert stars["data-level"] == "value" and "190,000" in stars.get_text() and "as of" in stars.get_text()
    header_links = [a["href"] for a in soup.select("thead a")]
    assert header_links == ["../frameworks/pytorch/", "../frameworks/tensorflow/", "../frameworks/oldnet/"]


def test_frameworks_table_and_compare(mini_data: Path) -> None:
    page = page_for(mini_data, "")
    soup = BeautifulSoup(MACROS["frameworks_table"](page), "html.parser")
    rows = soup.select("tbody tr")
    assert [r["data-framework"] for r in rows] == ["pytorch", "tensorflow", "oldnet"]
    assert "→ PyTorch" in rows[2].get_text()
    # identity columns are the roles the fixture declares: steward, first release, latest release
    assert [td.get_text() for td in rows[0].select("td")][:3] == ["PyTorch Foundation", "2016", "2.15.0"]
    soup = BeautifulSoup(MACROS["compare"](page, ["tensorflow", "pytorch"], topic="overview"), "html.parser")
    assert [r["data-feature"] for r in soup.select("tbody tr")] == ["steward", "first_release", "eager_by_default"]
    assert soup.caption.get_text() == "TensorFlow vs PyTorch at a glance"
