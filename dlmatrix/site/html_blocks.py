"""Our HTML fragments pass through Python-Markdown untouched, without its HTML parser.

The macros put finished HTML (tables of every cell, with sources and dates) into each page's Markdown.
Python-Markdown would parse all of it again, tag by tag, only to find that it is raw HTML and store it
unchanged: that parse was the largest cost of the build (about a third of it). `html_block` marks a
fragment, and the `HtmlBlocks` extension stores a marked fragment as raw HTML before that parser runs,
exactly as the parser would have stored it. The bridge (main.py) adds the extension to the builder's
Markdown extensions.

The marks are HTML comments on lines of their own, set apart by blank lines, so that a builder that runs
without the extension still renders the fragment correctly, only more slowly (and keeps the comments).
The extension runs after MkDocs's own pass over raw HTML, which records the anchors that links are
checked against.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

START = "<!--dlm:html-->"
END = "<!--/dlm:html-->"
# Python-Markdown's raw HTML parser registers at 20 and MkDocs's anchor pass at 21: store ours in between.
PRIORITY = 20.5


def html_block(html: str) -> str:
    """An HTML fragment marked to be stored as raw HTML, as a block of the page's Markdown ("" stays "")."""
    if not html.strip():
        return ""
    return f"\n{START}\n\n{html.strip()}\n\n{END}\n"


class UnclosedBlock(ValueError):
    pass


class _StoreMarkedBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        block: list[str] | None = None
        for line in lines:
            if block is None:
                if line.strip() == START:
                    block = []
                else:
                    out.append(line)
            elif line.strip() == END:
                out += ["", self.md.htmlStash.store("\n".join(block).strip("\n")), ""]
                block = None
            elif line.strip() == START:
                raise UnclosedBlock(f"{START} inside a marked HTML block: a fragment was marked twice")
            else:
                block.append(line)
        if block is not None:
            raise UnclosedBlock(f"{START} without its {END}: a marked HTML block was cut short")
        return out


class HtmlBlocks(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_StoreMarkedBlocks(md), "dlm_html_blocks", PRIORITY)


def makeExtension(**kwargs: object) -> HtmlBlocks:  # Python-Markdown's loading convention (by module name)
    return HtmlBlocks(**kwargs)
