"""The site's own stylesheet and scripts, as shipped: the sources in dlmatrix/site/static/ without their comments and
indentation, the two stylesheets as one file (one request less on every page).

The sources keep their comments for whoever edits them; a reader's phone has no use for them (about 3 KiB of the
matrix page's 120 KiB budget). The minifying is deliberately plain: whole-line comments and the indentation go,
every line of code stays as it is, in order, so the shipped file reads like the source and a line in the browser's
console is findable in it. A comment that shares its line with code is left alone (it may sit in a string); a
block comment that starts a line must end its line, else the build stops with the file and line.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

SOURCES = Path(__file__).parent / "static"
FOLDER = "assets/dlm"  # under docs/ and the site, git-ignored (publish.GENERATED)
STYLESHEETS = ("matrix.css", "pages.css")  # shipped as one, in this order
STYLESHEET = f"{FOLDER}/site.css"
SCRIPTS = ("matrix.js", "search-on-demand.js", "install.js")

_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)


class AssetError(ValueError):
    pass


def minify_css(text: str) -> str:
    """Comments, indentation and blank lines out (no stylesheet of ours has "/*" in a string)."""
    lines = (line.strip() for line in _CSS_COMMENT.sub("", text).splitlines())
    return "\n".join(line for line in lines if line) + "\n"


def minify_js(text: str, name: str = "script") -> str:
    """Whole-line comments (// and /* */), indentation and blank lines out."""
    kept: list[str] = []
    in_comment = False
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if in_comment:
            if "*/" in stripped:
                if not stripped.endswith("*/"):
                    raise AssetError(f"{name}:{number}: code after the end of a block comment; put it on its own line")
                in_comment = False
            continue
        if stripped.startswith("/*"):
            if "*/" not in stripped:
                in_comment = True
            elif not stripped.endswith("*/"):
                raise AssetError(f"{name}:{number}: code after a block comment; put it on its own line")
            continue
        if stripped and not stripped.startswith("//"):
            kept.append(stripped)
    if in_comment:
        raise AssetError(f"{name}: a block comment is not closed")
    return "\n".join(kept) + "\n"


def asset_stamp(sources: Path = SOURCES) -> tuple[tuple[str, int, int], ...]:
    """What the shipped files depend on: each source's name, modification time and size (a few stats, no reading)."""
    stats = {name: (sources / name).stat() for name in (*STYLESHEETS, *SCRIPTS)}
    return tuple((name, stat.st_mtime_ns, stat.st_size) for name, stat in stats.items())


def asset_files(sources: Path = SOURCES) -> dict[str, bytes]:
    """Path relative to the site root -> the bytes shipped; read and minified again only when a source changed
    (Zensical runs the publisher for every page)."""
    return dict(_shipped(sources, asset_stamp(sources)))


@cache
def _shipped(sources: Path, stamp: tuple[tuple[str, int, int], ...]) -> dict[str, bytes]:
    css = "\n".join((sources / name).read_text(encoding="utf-8") for name in STYLESHEETS)
    files = {STYLESHEET: minify_css(css).encode("utf-8")}
    for name in SCRIPTS:
        files[f"{FOLDER}/{name}"] = minify_js((sources / name).read_text(encoding="utf-8"), name).encode("utf-8")
    return files
