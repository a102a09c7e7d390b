"""SVG badges: valid SVG with a <title> (also the accessible name), readable colours, escaped text, and
one per framework and one per feature (the feature across the frameworks in use) in the built site."""

from __future__ import annotations

import dataclasses
import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from dlmatrix.data.load import load_dataset
from dlmatrix.data.model import Framework
from dlmatrix.data.vocabulary import LEVELS, STATUSES, VALUE
from dlmatrix.site.badges import (
    COLOURS,
    LABEL_COLOUR,
    ROW_HEIGHT,
    badge_files,
    feature_badge,
    framework_badge,
    render_badge,
    render_feature_badge,
)
from dlmatrix.site.views import Site
from tests.conftest import FIXTURES, ROOT

pytestmark = pytest.mark.live_data  # checks the live data: the contributor-path test runs it on a scaffolded copy too

SVG = "{http://www.w3.org/2000/svg}"


def check_svg(content: bytes) -> ET.Element:
    """Parse a badge as XML and check what every badge must have; returns the root."""
    root = ET.fromstring(content)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title = root[0]
    assert title.tag == f"{SVG}title" and (title.text or "").strip(), "the first child must be a non-empty <title>"
    assert root.get("aria-label") == title.text
    width = float(root.get("width") or 0)
    rects = [float(r.get("width") or 0) for r in root.iter(f"{SVG}rect") if r.get("fill")]  # the two halves
    assert width > 0 and abs(sum(rects) - width) < 0.05, (width, rects)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert len(texts) == 2 and all(texts), texts
    return root


def check_feature_svg(content: bytes, rows: int) -> ET.Element:
    """A feature's badge: the <title> is its accessible name; a header and a name and an answer per row, as text."""
    root = ET.fromstring(content)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root[0].tag == f"{SVG}title" and (root[0].text or "").strip() and root.get("aria-label") == root[0].text
    assert root.find(f".//{SVG}script") is None and not any(a.startswith("on") for e in root.iter() for a in e.attrib)
    assert float(root.get("height") or 0) == ROW_HEIGHT * (rows + 1)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert len(texts) == 1 + 2 * rows and all(texts), texts
    return root


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def test_every_level_and_status_has_a_colour_white_text_can_be_read_on() -> None:
    assert set(LEVELS) | {VALUE} <= set(COLOURS)
    assert {status.tone for status in STATUSES.values()} <= set(COLOURS)
    for name, colour in [*COLOURS.items(), ("label", LABEL_COLOUR)]:
        contrast = 1.05 / (luminance(colour) + 0.05)
        assert contrast >= 4.5, (name, colour, round(contrast, 2))  # WCAG AA for 11px text


def test_badges_of_the_small_data_set_are_valid_svg_with_a_title() -> None:
    site = Site(load_dataset(FIXTURES / "mini"), dt.date(2026, 11, 26))
    files = badge_files(site)
    assert len(files) == len(site.data.frameworks) + len(site.data.features)  # linear, not frameworks x features
    pytorch = check_svg(files["pytorch.svg"])
    assert [t.text for t in pytorch.iter(f"{SVG}text")] == ["PyTorch", "active · 2.15.0 · checked 2026-11"]
    in_use = site.in_use
    for feature in site.data.features:
        check_feature_svg(files[f"features/{feature.id}.svg"], len(in_use))
    mobile = check_feature_svg(files["features/mobile_runtime.svg"], len(in_use))
    texts = [t.text for t in mobile.iter(f"{SVG}text")]
    assert texts[0] == "Mobile runtime · checked 2026-11"
    expected = [(fw.name, LEVELS[site.cell(fw, site.data.feature("mobile_runtime")).level].word) for fw in in_use]
    assert list(zip(texts[1::2], texts[2::2], strict=True)) == expected
    assert all(f"{name}: {word}" in (mobile[0].text or "") for name, word in expected)  # said in the title too


def test_hostile_names_and_long_values_stay_text() -> None:
    site = Site(load_dataset(FIXTURES / "mini"), dt.date(2026, 11, 26))
    framework = site.data.framework("pytorch")
    hostile: Framework = framework.model_copy(update={"name": "</title><script>alert(1)</script> & <b>"})
    root = check_svg(render_badge(framework_badge(site, hostile)))
    assert root.find(f".//{SVG}script") is None and root.find(f".//{SVG}b") is None
    assert next(root.iter(f"{SVG}text")).text == hostile.name
    steward = site.data.feature("steward")
    long = framework.model_copy(update={"cells": {**framework.cells, "steward": framework.cells["steward"].model_copy(
        update={"value": "x" * 200})}})
    frameworks = tuple(long if f.id == "pytorch" else f for f in site.data.frameworks)
    other = Site(dataclasses.replace(site.data, frameworks=frameworks), site.today)
    badge = feature_badge(other, steward)
    row = next(r for r in badge.rows if r.name == framework.name)
    assert len(row.answer) < 30 and row.answer.startswith("x" * 10) and "x" * 200 in badge.title
    check_feature_svg(render_feature_badge(badge), len(other.in_use))


@pytest.mark.build
def test_the_site_has_a_badge_per_framework_and_per_feature(real_site: Path) -> None:
    dataset = load_dataset(ROOT / "data")
    in_use = [f for f in dataset.frameworks if f.status != "retired"]
    for framework in dataset.frameworks:
        check_svg((real_site / f"badges/{framework.id}.svg").read_bytes())
    for feature in dataset.features:
        check_feature_svg((real_site / f"badges/features/{feature.id}.svg").read_bytes(), len(in_use))
    assert len(list((real_site / "badges").rglob("*.svg"))) == len(dataset.frameworks) + len(dataset.features)


@pytest.mark.browser
def test_badges_render_in_chromium_on_the_framework_page(site_url: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + "frameworks/pytorch/")
    images = page.locator("[data-framework-data] img")
    assert images.count() == 2
    for index in range(images.count()):
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
        assert image.evaluate("img => img.naturalWidth") > 40


@pytest.mark.build
def test_pair_and_framework_pages_offer_a_features_badge_to_copy(real_site: Path) -> None:
    from bs4 import BeautifulSoup

    from tests.conftest import SITE_URL

    pair = sorted((real_site / "compare").glob("*-vs-*/index.html"))[0]
    for page in (pair, real_site / "frameworks/pytorch/index.html"):
        embed = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("[data-feature-badge]")
        assert embed is not None, page
        feature = embed["data-feature-badge"]
        badge, row = f"{SITE_URL}badges/features/{feature}.svg", f"{SITE_URL}matrix/#{feature}"
        markdown = embed.select_one("[data-badge-markdown]").get_text()
        assert markdown.endswith(f"]({badge})]({row})"), markdown
        snippet = BeautifulSoup(embed.select_one("[data-badge-html]").get_text(), "html.parser")
        assert snippet.a["href"] == row and snippet.a.img["src"] == badge and snippet.a.img["alt"]
        shown = embed.select_one("img")
        svg = ET.fromstring((real_site / f"badges/features/{feature}.svg").read_bytes())
        assert shown["height"] == svg.get("height") and int(shown["width"]) >= float(svg.get("width") or 0)
