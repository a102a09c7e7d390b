"""SVG badges: valid SVG with a <title> (also the accessible name), readable colours, escaped text, and
one per framework and per framework and feature in the built site."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from dlmatrix.data.load import load_dataset
from dlmatrix.data.model import Framework
from dlmatrix.data.vocabulary import LEVELS, STATUSES, VALUE
from dlmatrix.site.badges import COLOURS, LABEL_COLOUR, badge_files, cell_badge, framework_badge, render_badge
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
    assert len(files) == len(site.data.frameworks) * (1 + len(site.data.features))
    for content in files.values():
        check_svg(content)
    pytorch = check_svg(files["pytorch.svg"])
    assert [t.text for t in pytorch.iter(f"{SVG}text")] == ["PyTorch", "active · 2.15.0 · checked 2026-11"]
    mobile = check_svg(files["pytorch/mobile_runtime.svg"])
    assert [t.text for t in mobile.iter(f"{SVG}text")] == ["PyTorch: Mobile runtime", "Yes · 2026-11"]
    assert "first-party" in (mobile[0].text or "")  # the level's meaning, for screen readers and tooltips


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
    badge = cell_badge(site, long, steward)
    assert len(badge.message) < 60 and badge.message.startswith("x" * 30) and "x" * 200 in badge.title


@pytest.mark.build
def test_the_site_has_a_badge_per_framework_and_per_framework_and_feature(real_site: Path) -> None:
    dataset = load_dataset(ROOT / "data")
    for framework in dataset.frameworks:
        check_svg((real_site / f"badges/{framework.id}.svg").read_bytes())
        for feature in dataset.features:
            check_svg((real_site / f"badges/{framework.id}/{feature.id}.svg").read_bytes())
    assert len(list((real_site / "badges").rglob("*.svg"))) == len(dataset.frameworks) * (1 + len(dataset.features))


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
