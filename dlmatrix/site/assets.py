"""The site's own stylesheet and scripts, as shipped: the sources in dlmatrix/site/static/ minified by rcssmin and
rjsmin (kept libraries: the bytes count on a phone's first load), the stylesheets as one file (one request less on
every page), the levels' colours and icons first (levels.css, a template over the vocabulary).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import rcssmin  # type: ignore[import-untyped]
import rjsmin  # type: ignore[import-untyped]
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from dlmatrix.data.vocabulary import LEVELS

SOURCES = Path(__file__).parent / "static"
FOLDER = "assets/dlm"  # under docs/ and the site, git-ignored (publish.GENERATED)
LEVELS_CSS = "levels.css"  # a template over the vocabulary's levels, shipped first
STYLESHEETS = ("matrix.css", "pages.css")  # shipped as one, after it, in this order
STYLESHEET = f"{FOLDER}/site.css"
SCRIPTS = ("matrix.js", "search-on-demand.js", "install.js")

def minify_css(text: str) -> str:
    return str(rcssmin.cssmin(text)) + "\n"


def minify_js(text: str) -> str:
    return str(rjsmin.jsmin(text)) + "\n"


def level_css(sources: Path = SOURCES) -> str:
    """Each level's colours and icon, from the one vocabulary table (no escaping: a stylesheet, not HTML)."""
    css = Environment(loader=FileSystemLoader(sources), autoescape=False, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    return css.get_template(LEVELS_CSS).render(levels=LEVELS.values())


def asset_stamp(sources: Path = SOURCES) -> tuple[tuple[str, int, int], ...]:
    """What the shipped files depend on: each source's name, modification time and size (a few stats, no reading)."""
    stats = {name: (sources / name).stat() for name in (LEVELS_CSS, *STYLESHEETS, *SCRIPTS)}
    return tuple((name, stat.st_mtime_ns, stat.st_size) for name, stat in stats.items())


def asset_files(sources: Path = SOURCES) -> dict[str, bytes]:
    """Path relative to the site root -> the bytes shipped; read and minified again only when a source changed
    (Zensical runs the publisher for every page)."""
    return dict(_shipped(sources, asset_stamp(sources)))


@cache
def _shipped(sources: Path, stamp: tuple[tuple[str, int, int], ...]) -> dict[str, bytes]:
    css = "\n".join([level_css(sources), *((sources / name).read_text(encoding="utf-8") for name in STYLESHEETS)])
    files = {STYLESHEET: minify_css(css).encode("utf-8")}
    for name in SCRIPTS:
        files[f"{FOLDER}/{name}"] = minify_js((sources / name).read_text(encoding="utf-8")).encode("utf-8")
    return files
