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

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context
from markdown_it import MarkdownIt
from markupsafe import Markup

from dlmatrix.data.vocabulary import CLAIM_VERDICTS, LEVELS, ROLES, STATUSES, VALUE, status_rank
from dlmatrix.site.html_blocks import html_block

TEMPLATES = Path(__file__).parent / "templates"


# What XML 1.0 may not hold (its Char production): C0 controls but tab, LF and CR; lone surrogates; U+FFFE, U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """The one text filter for XML outputs (feeds, badges; the sitemap and any JSON-LD too): characters XML may
    not hold are dropped. Commit subjects, which no data reader checks, can hold any of them."""
    return _XML_ILLEGAL.sub("", text)


def _safe_link(url: str) -> bool:
    return urlsplit(url.strip()).scheme in ("http", "https")


def _markdown() -> MarkdownIt:
    md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False})
    md.enable(["emphasis", "backticks", "link", "escape", "entity"])
    md.validateLink = _safe_link  # type: ignore[method-assign]  # markdown-it's documented hook
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
    return Markup(_MD_SPECIAL.sub(lambda m: f"&#{ord(m.group(1))};", str(text)))


def _collapse_blank_lines(html: str) -> str:
    # Python-Markdown ends a raw HTML block at a blank line: keep every fragment one block.
    return "\n".join(line for line in html.splitlines() if line.strip())


@pass_context
def cell_td(context: Context, view: Any, compact: bool = False, links: bool = True) -> Markup:
    """A cell's <td>, rendered once per Site and reused: the matrix, framework, topic and pair pages show
    the same cells, and rendering them is most of the build's template time. `compact`: the answer at a
    glance, its sources, date and "suggest a fix" link one tap away (a popover); else the full text.
    `links=False` (pair pages): the full text without the cell's code and "suggest a fix" links, which the
    framework page's cell has (a pair page has its own code section)."""
    site, url = context["site"], context["url"]
    key = ("cell_td", view.framework.id, view.feature.id, url.base, compact, links)
    return site.remember(key, lambda: Markup(render("cell.html", view=view, site=site, url=url,  # type: ignore[no-any-return]
                                                    compact=compact, links=links)))


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
    env.filters["xml_text"] = xml_text
    env.globals["html"] = lambda template, **context: Markup(render(template, **context))
    env.globals["cell_td"] = cell_td
    env.globals.update(LEVELS=LEVELS, STATUSES=STATUSES, CLAIM_VERDICTS=CLAIM_VERDICTS, ROLES=ROLES, VALUE=VALUE,
                       status_rank=status_rank)
    return env


def render(template: str, **context: Any) -> str:
    """Render an HTML template file to one HTML block with no blank lines."""
    return _collapse_blank_lines(environment().get_template(template).render(**context))


def render_block(template: str, **context: Any) -> str:
    """Render an HTML template file to a block of a page's Markdown, stored as is (html_blocks)."""
    return html_block(render(template, **context))


def render_markdown(template: str, **context: Any) -> str:
    """Render a page template (*.md): Markdown headings around HTML blocks from `html(...)`."""
    block = lambda template, **context: Markup(render_block(template, **context))  # noqa: E731
    return environment().get_template(template).render(html=block, **context).strip() + "\n"
