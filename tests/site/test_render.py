"""Render helpers: safe notes, labels, and fragments that stay one raw HTML block."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bs4 import BeautifulSoup

from dlmatrix.data.load import load_dataset
from dlmatrix.site.html_blocks import END, START
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
    body = html.strip().removeprefix(START).removesuffix(END).strip()  # one marked block (html_blocks)
    assert START not in body and END not in body
    assert "\n\n" not in body  # a builder without html_blocks ends the raw HTML block at a blank line
    soup = BeautifulSoup(html, "html.parser")
    tables = soup.select("table[data-matrix-table]")
    assert [t.parent["data-topic"] for t in tables] == ["overview", "deployment"]  # one table per topic
    for table in tables:  # a class keeps Material's script-measured wrapper away; cells are not indexed
        assert "dlm-grid" in table["class"] and table.has_attr("data-search-exclude")
    assert [a["href"] for a in tables[0].select("thead a")] == ["../frameworks/pytorch/", "../frameworks/tensorflow/"]
    rows = soup.select("tr[data-feature]")
    assert [r["data-feature"] for r in rows] == ["steward", "first_release", "eager_by_default",
                                                 "mobile_runtime", "browser_runtime", "github_stars", "latest_release"]
    assert len(soup.select("td[data-framework]")) == 7 * 2  # the retired framework's column is loaded on request
    assert soup.select_one("[data-dlm-matrix]")["data-more"] == "../matrix-retired/"
    missing = soup.select('tr[data-feature="latest_release"] td[data-framework="tensorflow"]')[0]
    assert missing["data-level"] == "unknown" and missing["data-missing"] == "true"
    assert missing.button.get_text() == "Unknown"
    eager = soup.select('tr[data-feature="eager_by_default"] td[data-framework="tensorflow"]')[0]
    assert eager["data-level"] == "full" and eager.button.get_text() == "Yes"  # the icon comes from CSS
    popover = soup.find(id=eager.button["popovertarget"])
    assert popover.has_attr("popover") and popover in eager.find_all("div")
    assert popover.select_one("a[href='https://www.tensorflow.org/guide/intro_to_graphs']") is not None
    assert popover.select_one("time")["datetime"] == "2026-11-01" and "Since 2.0" in popover.get_text()
    assert popover.select_one("a[data-note]")["href"] == "../frameworks/tensorflow/#eager_by_default"
    stars = soup.select('tr[data-feature="github_stars"] td[data-framework="tensorflow"]')[0]
    assert stars["data-level"] == "value" and stars.button.get_text() == "190,000" and "As of" in stars.get_text()
    # a must-have box in each support row's header, none in the others
    assert [i["value"] for i in soup.select('tr th input[name="must"]')] == ["eager_by_default", "mobile_runtime",
                                                                        "browser_runtime"]
    # one search entry per feature: a heading with the row's id, in an inert template
    entries = soup.select_one("template[data-dlm-search-entries]").find_all("h3")  # (select() skips templates)
    assert [h["id"] for h in entries] == [r["data-feature"] for r in rows]


def test_matrix_cells_link_to_their_line_in_the_data(mini_data: Path) -> None:
    site = Site(load_dataset(mini_data), dt.date(2026, 11, 25))
    page = Page(site, Urls("../", "", "https://github.com/owner/repo"))
    soup = BeautifulSoup(MACROS["matrix"](page), "html.parser")
    fix = next(a for a in soup.select('tr[data-feature="mobile_runtime"] td[data-framework="pytorch"] a')
               if a.get_text() == "Suggest a fix")
    line = next(n for n, text in enumerate((mini_data / "frameworks/pytorch.yaml").read_text().splitlines(), 1)
                if text.startswith("  mobile_runtime:"))
    assert fix.get_text() == "Suggest a fix"
    assert fix["href"] == f"https://github.com/owner/repo/blob/main/data/frameworks/pytorch.yaml#L{line}"
    retired = BeautifulSoup(MACROS["retired_matrix"](page), "html.parser")
    assert {td["data-framework"] for td in retired.select("td[data-framework]")} == {"oldnet"}


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


def test_templates_display_and_do_not_decide() -> None:
    """No template compares a status, a level or a display string: the view layer and the vocabulary decide."""
    import re

    from tests.conftest import ROOT

    decides = re.compile(r"""(\.status|\.level|\blevel|\bstatus)\s*[!=]=\s*["']|["']Unknown["']\s*[!=]=|[!=]=\s*["']Unknown["']""")
    found = [f"{path.name}:{number}" for path in sorted((ROOT / "dlmatrix/site/templates").glob("*.*"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if decides.search(line)]
    assert found == []
