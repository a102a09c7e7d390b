"""assets: the shipped stylesheet and scripts are the sources without comments and indentation, every line of code
kept in order; a comment sharing a line with code is left alone; an unclosed or code-trailing block comment stops."""

from __future__ import annotations

import pytest
import yaml

from dlmatrix.site.assets import SCRIPTS, SOURCES, STYLESHEET, STYLESHEETS, AssetError, asset_files, minify_css, minify_js
from dlmatrix.site.publish import _ConfigLoader  # mkdocs.yml read as MkDocs reads it (!ENV and Python tags)
from tests.conftest import ROOT


def test_js_keeps_every_line_of_code_in_order() -> None:
    source = '/* header\n   more */\nfunction f(a) {\n  // why\n  return a + "//not a comment"; // kept\n\n}\n'
    assert minify_js(source) == 'function f(a) {\nreturn a + "//not a comment"; // kept\n}\n'


@pytest.mark.parametrize("source", ["/* a */ let x = 1;\n", "/* a\n b */ x();\n", "/* never closed\nx();\n"])
def test_js_block_comments_must_own_their_lines(source: str) -> None:
    with pytest.raises(AssetError):
        minify_js(source, "x.js")


def test_css_drops_comments_and_indentation() -> None:
    assert minify_css("/* why */\n.a {\n  color: red; /* inline */\n}\n\n") == ".a {\ncolor: red;\n}\n"


def test_shipped_files_are_the_sources_minified() -> None:
    files = asset_files()
    css = "\n".join((SOURCES / name).read_text(encoding="utf-8") for name in STYLESHEETS)
    assert files[STYLESHEET].decode() == minify_css(css)
    for name in SCRIPTS:
        source = (SOURCES / name).read_text(encoding="utf-8")
        shipped = next(content for path, content in files.items() if path.endswith("/" + name)).decode()
        assert shipped == minify_js(source, name)
        assert len(shipped) < len(source) and "\n  " not in shipped


def test_the_builder_links_exactly_the_shipped_files() -> None:
    """mkdocs.yml and the theme override name the shipped files by path: a renamed asset must not leave a page
    linking a file that is no longer published."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    override = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    linked = [*config["extra_css"], *config["extra_javascript"]]
    linked += [path for path in asset_files() if path.endswith(".js") and f"'{path}' | url" in override]
    assert sorted(linked) == sorted(asset_files())
