"""Render HTML fragments from the Jinja templates in dlmatrix/site/templates/.

Every data string is escaped by Jinja's autoescape; notes go through a small safe Markdown
subset (emphasis, code, http(s) links, no raw HTML). Data is only ever passed to templates
as values, never compiled as a template, so `{{ }}` inside data stays text.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markdown_it import MarkdownIt
from markupsafe import Markup

from dlmatrix.data.model import LEVELS

TEMPLATES = Path(__file__).parent / "templates"

# Icon and word for each level: never colour alone.
LEVEL_LABELS: dict[str, tuple[str, str]] = {
    "full": ("✔", "Yes"),
    "partial": ("◐", "Partial"),
    "plugin": ("⊕", "Via plugin or third party"),
    "deprecated": ("⚠", "Deprecated"),
    "none": ("✘", "No"),
    "unknown": ("?", "Unknown"),
    "value": ("", ""),
}
LEVEL_HELP: dict[str, str] = {
    "full": "first-party, maintained and documented",
    "partial": "limited, experimental or only on some platforms",
    "plugin": "through a third-party or separately maintained package",
    "deprecated": "still there, but deprecated or archived by its maintainers",
    "none": "not available",
    "unknown": "not established yet: a contribution is welcome",
}
assert set(LEVEL_HELP) == set(LEVELS)


def _safe_link(url: str) -> bool:
    return urlsplit(url.strip()).scheme in ("http", "https")


def _markdown() -> MarkdownIt:
    md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False})
    md.enable(["emphasis", "backticks", "link", "escape", "entity"])
    md.validateLink = _safe_link  # type: ignore[method-assign]
    return md


_MD = _markdown()


def note_html(text: str | None) -> Markup:
    """Inline Markdown subset to HTML; links get rel=nofollow and open in the same tab."""
    if not text:
        return Markup("")
    html = _MD.renderInline(text)
    html = html.replace("<a href=", '<a rel="nofollow noopener" href=')
    return Markup(html)


def host_label(url: str) -> str:
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#!|~<>&])")


def markdown_text(text: str) -> Markup:
    """A data string placed in Markdown (e.g. a heading): shown as text, never as Markdown or HTML."""
    return Markup(_MD_SPECIAL.sub(lambda m: "&#%d;" % ord(m.group(1)), str(text)))


def _collapse_blank_lines(html: str) -> str:
    # Python-Markdown ends a raw HTML block at a blank line: keep every fragment one block.
    return "\n".join(line for line in html.splitlines() if line.strip())


_cells: dict[tuple[str, str], tuple[object, Markup]] = {}


def cell_td(view: Any) -> Markup:
    """A cell's <td>, rendered once and reused: the matrix, framework and topic pages show the same
    cells, and rendering them is most of the build's template time."""
    key = (view.framework.id, view.feature.id)
    cached = _cells.get(key)
    if cached is not None and cached[0] is view.framework:  # same data: a reload brings new objects
        return cached[1]
    html = Markup(render("cell.html", view=view))
    _cells[key] = (view.framework, html)
    return html


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["note"] = note_html
    env.filters["host"] = host_label
    env.filters["md"] = markdown_text
    env.globals["html"] = lambda template, **context: Markup(render(template, **context))
    env.globals["cell_td"] = cell_td
    env.globals["LEVEL_LABELS"] = LEVEL_LABELS
    env.globals["LEVEL_HELP"] = LEVEL_HELP
    env.globals["LEVELS"] = LEVELS
    return env


def render(template: str, **context: Any) -> str:
    """Render an HTML template file to one HTML block with no blank lines."""
    return _collapse_blank_lines(environment().get_template(template).render(**context))


def render_markdown(template: str, **context: Any) -> str:
    """Render a page template (*.md): Markdown headings around HTML blocks from `html(...)`."""
    return environment().get_template(template).render(**context).strip() + "\n"
