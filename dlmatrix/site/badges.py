"""SVG badges: one per framework (status, latest version, last check) and one per feature (the feature across the
frameworks in use: each one's level or value, and the month of the newest check). Static files written with the
API; no badge service. Per-cell badges are retired: their count grew with frameworks times features.

The layout (texts, widths, colour) is decided here; templates/badge.svg draws it. Widths come from a
table of Verdana 11px advance widths, and each text is drawn with `textLength`, so a badge looks the same
whichever font the viewer falls back to.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from dlmatrix.data.model import FeatureDef, Framework
from dlmatrix.data.vocabulary import LEVELS, STATUSES, VALUE
from dlmatrix.site.render import environment, xml_text
from dlmatrix.site.views import Site

SITE_NAME = "Deep Learning Framework Matrix"
# Background of the message side, by level: the vocabulary's light-scheme text colours (white text on them passes
# WCAG AA); a value's badge has its own.
COLOURS: dict[str, str] = {level.id: level.colours.light for level in LEVELS.values()} | {VALUE: "#37474f"}
LABEL_COLOUR = "#555555"
MAX_MESSAGE = 40  # characters of a value shown on a badge (the <title> has all of it)
PADDING = 6  # pixels each side of a text
# Verdana 11px advance widths in pixels, by character; others count as DEFAULT_WIDTH.
_WIDTHS: dict[str, float] = {
    **dict.fromkeys(" ", 3.9), **dict.fromkeys("il|'", 3.1), **dict.fromkeys("jI", 4.3), **dict.fromkeys("frt", 4.6),
    **dict.fromkeys(".,:;!", 4.0), **dict.fromkeys("()[]{}-/\\", 4.8), **dict.fromkeys("sz", 5.8),
    **dict.fromkeys("abcdeghknopquvxy", 6.6), **dict.fromkeys("0123456789", 7.0), **dict.fromkeys("mw", 9.9),
    **dict.fromkeys("MW", 10.6), **dict.fromkeys("ABCDEFGHJKLNOPQRSTUVXYZ", 7.6), **dict.fromkeys("·", 4.6),
}
DEFAULT_WIDTH = 7.0


@cache  # a badge asks for each width several times; labels repeat across a framework's badges
def text_width(text: str) -> float:
    return round(sum(_WIDTHS.get(ch, DEFAULT_WIDTH) for ch in text), 1)


def shorten(text: str, limit: int = MAX_MESSAGE) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Badge:
    label: str
    message: str
    colour: str  # background of the message side
    title: str  # the accessible name: <title> and aria-label

    @property
    def label_text(self) -> float:
        return text_width(self.label)

    @property
    def message_text(self) -> float:
        return text_width(self.message)

    @property
    def label_width(self) -> float:
        return round(self.label_text + 2 * PADDING, 1)

    @property
    def message_width(self) -> float:
        return round(self.message_text + 2 * PADDING, 1)

    @property
    def width(self) -> float:
        return round(self.label_width + self.message_width, 1)

    @property
    def label_x(self) -> float:
        return round(self.label_width / 2, 2)

    @property
    def message_x(self) -> float:
        return round(self.label_width + self.message_width / 2, 2)


def framework_badge(site: Site, framework: Framework) -> Badge:
    latest = site.role_cell(framework, "latest_release")
    version = latest.display_value if latest and latest.level == VALUE else ""
    checked = max([framework.verified, *(c.verified for c in framework.cells.values())])
    status = STATUSES[framework.status]
    parts = [status.word.lower(), version, f"checked {checked.isoformat()[:7]}"]
    title = (f"{framework.name}: {status.word.lower()}" + (f", latest release {version}" if version else "")
             + f", data last checked {checked.isoformat()} ({SITE_NAME})")
    return Badge(framework.name, " · ".join(p for p in parts if p), COLOURS.get(status.tone, COLOURS["unknown"]), title)


def render_badge(badge: Badge) -> bytes:
    svg = environment().get_template("badge.svg").render(badge=badge, label_colour=LABEL_COLOUR)
    return (xml_text(svg).strip() + "\n").encode("utf-8")


def badge_files(site: Site) -> dict[str, bytes]:
    """Every badge: path relative to /badges/ -> SVG bytes. One per framework and one per feature: the count
    grows with frameworks plus features, not with their product (per-cell badges are retired)."""
    files = {f"{framework.id}.svg": render_badge(framework_badge(site, framework)) for framework in site.data.frameworks}
    files |= {f"features/{feature.id}.svg": render_feature_badge(feature_badge(site, feature))
              for feature in site.data.features}
    return files


# --- one feature across the frameworks in use ---------------------------------------------------------------

ROW_HEIGHT = 20


@dataclass(frozen=True)
class FeatureRow:
    name: str  # the framework
    answer: str
    colour: str
    y: int  # the row's top

    @property
    def name_text(self) -> float:
        return text_width(self.name)

    @property
    def answer_text(self) -> float:
        return text_width(self.answer)


@dataclass(frozen=True)
class FeatureBadge:
    """A header row (the feature and its newest check), then one row per framework in use with its answer."""

    header: str
    title: str  # the accessible name: <title> and aria-label
    rows: tuple[FeatureRow, ...]

    @property
    def header_text(self) -> float:
        return text_width(self.header)

    @property
    def name_width(self) -> float:
        return round(max([r.name_text for r in self.rows], default=0) + 2 * PADDING, 1)

    @property
    def answer_width(self) -> float:
        widest = max([r.answer_text for r in self.rows], default=0) + 2 * PADDING
        return round(max(widest, self.header_text + 2 * PADDING - self.name_width), 1)

    @property
    def width(self) -> float:
        return round(self.name_width + self.answer_width, 1)

    @property
    def height(self) -> int:
        return ROW_HEIGHT * (len(self.rows) + 1)


def feature_badge(site: Site, feature: FeatureDef) -> FeatureBadge:
    rows, said = [], []
    dates = []
    for i, framework in enumerate(site.in_use, start=1):
        view = site.cell(framework, feature)
        answer = view.display_value if view.level == VALUE else LEVELS[view.level].word
        if view.cell:
            dates.append(view.cell.verified)
        rows.append(FeatureRow(framework.name, shorten(answer, MAX_MESSAGE // 2), COLOURS.get(view.level, COLOURS["unknown"]),
                               ROW_HEIGHT * i))
        said.append(f"{framework.name}: {answer}")
    checked = max(dates).isoformat() if dates else ""
    header = feature.name + (f" · checked {checked[:7]}" if checked else "")
    title = (f"{feature.name}, in the {len(rows)} frameworks in use: " + "; ".join(said)
             + (f". Checked up to {checked}" if checked else "") + f" ({SITE_NAME})")
    return FeatureBadge(shorten(header, MAX_MESSAGE + 10), title, tuple(rows))


def render_feature_badge(badge: FeatureBadge) -> bytes:
    svg = environment().get_template("feature_badge.svg").render(badge=badge, label_colour=LABEL_COLOUR,
                                                                  padding=PADDING, row_height=ROW_HEIGHT)
    return (svg.strip() + "\n").encode("utf-8")


@dataclass(frozen=True)
class Embed:
    """What a page shows to embed a feature's badge: its id and name, and its size (None: not drawn here)."""

    id: str
    name: str
    width: int | None = None
    height: int | None = None


def feature_embed(site: Site, feature: FeatureDef) -> Embed:
    badge = feature_badge(site, feature)
    return Embed(feature.id, feature.name, math.ceil(badge.width), badge.height)


# The matrix's popover fills these in for the feature it describes (dlmatrix/site/static/matrix.js).
PLACEHOLDER = Embed("__feature__", "__name__")
