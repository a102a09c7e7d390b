"""Our HTML fragments pass through Python-Markdown untouched, without being parsed as HTML.

The macros put finished HTML (tables of every cell, with sources and dates) into each page's Markdown.
Python-Markdown would parse all of it, tag by tag, only to store it unchanged as raw HTML, and MkDocs parses it
once more to learn its anchors (the ids that links to the page are checked against): the two parses were the
largest cost of the build. `html_block` marks a fragment; the `HtmlBlocks` extension stores each marked fragment
as raw HTML before either parse, exactly as the HTML parser would have stored it, and gives MkDocs the ids the
fragment holds. The bridge (main.py) adds the extension to the builder's Markdown extensions.

The marks are HTML comments on lines of their own, set apart by blank lines, so that a builder that runs
without the extension still renders the fragment correctly, only more slowly (and keeps the comments).

Zensical makes each page's Markdown from its configuration before it runs the macros, and the bridge can only
add the extension from the first page's macros on: that page (or the first few, rendered at once) runs without
it. The extension records each Zensical page it runs for (`active_for`), and the bridge leaves the marks out of
the pages it does not run for (`unmarked`), so that no comment reaches them.
"""

from __future__ import annotations

import html
import re
import weakref

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

START = "<!--dlm:html-->"
END = "<!--/dlm:html-->"
# Python-Markdown's raw HTML parser registers at 20, MkDocs's anchor pass at 21: store before both, and hand
# MkDocs the ids right after its pass (which replaces its set of anchors with what it found).
STORE_PRIORITY = 22
ANCHORS_PRIORITY = 20.5
MKDOCS_ANCHORS = "mkdocs_raw_html"  # MkDocs's anchor pass (mkdocs/structure/pages.py, _RawHTMLPreprocessor)
# Our templates quote every attribute with double quotes; an id is what MkDocs's pass would record.
_ID = re.compile(r'\sid="([^"]+)"')
# Zensical's rendering context (zensical/extensions/context.py): a preprocessor holding the page being rendered.
ZENSICAL_CONTEXT = "rendering_context"
_ACTIVE_PAGES: weakref.WeakSet[object] = weakref.WeakSet()


def html_block(fragment: str) -> str:
    """An HTML fragment marked to be stored as raw HTML, as a block of the page's Markdown ("" stays "")."""
    if not fragment.strip():
        return ""
    return f"\n{START}\n\n{fragment.strip()}\n\n{END}\n"


def unmarked(text: str) -> str:
    """The text without the marks (for a page whose Markdown runs without the extension)."""
    return text.replace(f"\n{START}\n", "\n").replace(f"\n{END}\n", "\n")


def active_for(page: object) -> bool:
    """Whether the extension runs in the Markdown that renders this Zensical page."""
    return page in _ACTIVE_PAGES


class UnclosedBlock(ValueError):
    pass


class _StoreMarkedBlocks(Preprocessor):
    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.ids: set[str] = set()

    def run(self, lines: list[str]) -> list[str]:
        self.ids = set()
        out: list[str] = []
        block: list[str] | None = None
        for line in lines:
            if block is None:
                if line.strip() == START:
                    block = []
                else:
                    out.append(line)
            elif line.strip() == END:
                fragment = "\n".join(block).strip("\n")
                self.ids.update(html.unescape(found) for found in _ID.findall(fragment))
                out += ["", self.md.htmlStash.store(fragment), ""]
                block = None
            elif line.strip() == START:
                raise UnclosedBlock(f"{START} inside a marked HTML block: a fragment was marked twice")
            else:
                block.append(line)
        if block is not None:
            raise UnclosedBlock(f"{START} without its {END}: a marked HTML block was cut short")
        return out


class _GiveAnchorsToMkDocs(Preprocessor):
    def __init__(self, md: Markdown, store: _StoreMarkedBlocks) -> None:
        super().__init__(md)
        self.store = store

    def run(self, lines: list[str]) -> list[str]:
        if MKDOCS_ANCHORS in self.md.preprocessors:  # MkDocs; Zensical registers no such pass
            anchors = getattr(self.md.preprocessors[MKDOCS_ANCHORS], "present_anchor_ids", None)
            if not isinstance(anchors, set):
                raise RuntimeError(f"MkDocs's {MKDOCS_ANCHORS} pass keeps no set of anchors any more: "
                                   "dlmatrix/site/html_blocks.py must learn where it keeps them")
            anchors.update(self.store.ids)
        return lines


class HtmlBlocks(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        store = _StoreMarkedBlocks(md)
        md.preprocessors.register(store, "dlm_html_blocks", STORE_PRIORITY)
        md.preprocessors.register(_GiveAnchorsToMkDocs(md, store), "dlm_html_anchors", ANCHORS_PRIORITY)
        if ZENSICAL_CONTEXT in md.preprocessors:  # Zensical registers its page context before other extensions
            page = getattr(md.preprocessors[ZENSICAL_CONTEXT], "page", None)
            if page is not None:
                _ACTIVE_PAGES.add(page)


def makeExtension(**kwargs: object) -> HtmlBlocks:  # Python-Markdown's loading convention (by module name)
    return HtmlBlocks(**kwargs)
