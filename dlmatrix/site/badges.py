"""SVG badges: one per framework (status, latest version, last check) and one per framework and feature
(level or value, and the month it was checked). Static files written with the API; no badge service.

The layout (texts, widths, colour) is decided here; templates/badge.svg draws it. Widths come from a
table of Verdana 11px advance widths, and each text is drawn with `textLength`, so a badge looks the same
whichever font the viewer falls back to.
"""

from __future__ import annotations

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


def cell_badge(site: Site, framework: Framework, feature: FeatureDef) -> Badge:
    view = site.cell(framework, feature)
    answer = view.display_value if view.level == VALUE else LEVELS[view.level].word
    checked = view.cell.verified.isoformat() if view.cell else ""
    message = shorten(answer) + (f" · {checked[:7]}" if checked else "")
    title = (f"{framework.name}, {feature.name}: {answer}"
             + (f" ({LEVELS[view.level].help})" if view.level != VALUE else "")
             + (f", checked {checked}" if checked else ", no entry yet") + f" ({SITE_NAME})")
    return Badge(f"{framework.name}: {feature.name}", message, COLOURS.get(view.level, COLOURS["unknown"]), title)


def render_badge(badge: Badge) -> bytes:
    svg = environment().get_template("badge.svg").render(badge=badge, label_colour=LABEL_COLOUR)
    return (xml_text(svg).strip() + "\n").encode("utf-8")


def badge_files(site: Site) -> dict[str, bytes]:
    """Every badge: path relative to /badges/ -> SVG bytes."""
    files = {}
    for framework in site.data.frameworks:
        files[f"{framework.id}.svg"] = render_badge(framework_badge(site, framework))
        for feature in site.data.features:
            files[f"{framework.id}/{feature.id}.svg"] = render_badge(cell_badge(site, framework, feature))
    return files
