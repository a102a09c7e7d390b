"""html_blocks: a marked fragment reaches the page byte for byte without going through Python-Markdown's HTML
parser; the Markdown around it is still Markdown; a builder without the extension renders the same HTML."""

from __future__ import annotations

import pytest
from markdown import Markdown
from markdown.preprocessors import HtmlBlockPreprocessor

from dlmatrix.site.html_blocks import END, START, HtmlBlocks, UnclosedBlock, html_block

FRAGMENT = '<table data-x="1">\n<tr><td><a href="https://example.org/a?b=1&amp;c=2">a *b*</a></td></tr>\n</table>'
PAGE = f"# Title\n\nSome *text*.\n{html_block(FRAGMENT)}\n## After\n\nMore *text*.\n"


def convert(text: str, extension: bool) -> str:
    return Markdown(extensions=[HtmlBlocks()] if extension else []).convert(text)


def test_marked_fragment_skips_the_html_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    original = HtmlBlockPreprocessor.run

    def spy(self: HtmlBlockPreprocessor, lines: list[str]) -> list[str]:
        seen.extend(lines)
        return original(self, lines)

    monkeypatch.setattr(HtmlBlockPreprocessor, "run", spy)
    html = convert(PAGE, extension=True)
    assert FRAGMENT in html
    assert not any("<table" in line for line in seen), "the fragment went through the HTML parser"
    assert "<em>text</em>" in html and "<h2>After</h2>" in html  # the Markdown around it is still Markdown
    assert START not in html and END not in html


def test_same_html_with_and_without_the_extension() -> None:
    def lines(html: str) -> list[str]:
        return [line for line in html.splitlines() if line.strip() and line.strip() not in (START, END)]

    assert lines(convert(PAGE, extension=True)) == lines(convert(PAGE, extension=False))


def test_empty_fragment_is_no_block() -> None:
    assert html_block("  \n") == ""


@pytest.mark.parametrize("text", [f"{START}\n<p>x</p>\n", f"{START}\n<p>x</p>\n{START}\n<p>y</p>\n{END}\n"])
def test_broken_marks_fail(text: str) -> None:
    with pytest.raises(UnclosedBlock):
        convert(text, extension=True)


def test_mkdocs_learns_the_ids_of_a_marked_fragment() -> None:
    """MkDocs checks links to page#id against the anchors its own pass finds; that pass no longer sees our HTML,
    so the extension hands it the fragment's ids (a markdown link to a matrix row must still validate)."""
    from mkdocs.structure.pages import _RawHTMLPreprocessor  # the pass the extension feeds

    md = Markdown(extensions=[HtmlBlocks()])
    mkdocs_pass = _RawHTMLPreprocessor()
    mkdocs_pass._register(md)
    md.convert('<p id="own">hand-written</p>\n' + html_block('<table id="rows">\n<tr id="a&amp;b"><td>x</td></tr>\n</table>'))
    assert mkdocs_pass.present_anchor_ids == {"own", "rows", "a&b"}


def test_a_zensical_page_rendered_without_the_extension_gets_no_marks() -> None:
    """Zensical makes a page's Markdown before the macros add the extension: the extension records the pages it
    runs for (through Zensical's rendering context), and without the marks such a page has the same HTML."""
    from markdown import Extension
    from markdown.preprocessors import Preprocessor

    from dlmatrix.site.html_blocks import ZENSICAL_CONTEXT, active_for, unmarked

    class Context(Extension):  # what Zensical registers first (zensical/extensions/context.py)
        def __init__(self, page: object) -> None:
            super().__init__()
            self.page = page

        def extendMarkdown(self, md: Markdown) -> None:
            context = Preprocessor(md)
            context.page = self.page  # type: ignore[attr-defined]
            md.preprocessors.register(context, ZENSICAL_CONTEXT, 0)

    with_extension, without = type("Page", (), {})(), type("Page", (), {})()
    Markdown(extensions=[Context(with_extension), HtmlBlocks()])
    Markdown(extensions=[Context(without)])
    assert active_for(with_extension) and not active_for(without)
    assert START not in unmarked(PAGE) and END not in unmarked(PAGE)
    lines = lambda html: [line for line in html.splitlines() if line.strip()]  # noqa: E731
    assert lines(convert(unmarked(PAGE), extension=False)) == lines(convert(PAGE, extension=True))
