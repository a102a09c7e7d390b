"""assets: the shipped stylesheet and scripts are the sources minified (rcssmin, rjsmin), the levels' stylesheet first,
and the builder links exactly those files."""

from __future__ import annotations

import yaml

from dlmatrix.site.assets import (
    SCRIPTS,
    SOURCES,
    STYLESHEET,
    STYLESHEETS,
    asset_files,
    level_css,
    minify_css,
    minify_js,
)
from dlmatrix.site.publish import _ConfigLoader  # mkdocs.yml read as MkDocs reads it (!ENV and Python tags)
from tests.conftest import ROOT


def test_shipped_files_are_the_sources_minified() -> None:
    files = asset_files()
    css = "\n".join([level_css(), *((SOURCES / name).read_text(encoding="utf-8") for name in STYLESHEETS)])
    assert files[STYLESHEET].decode() == minify_css(css)
    for name in SCRIPTS:
        source = (SOURCES / name).read_text(encoding="utf-8")
        shipped = next(content for path, content in files.items() if path.endswith("/" + name)).decode()
        assert shipped == minify_js(source)
        assert len(shipped) < len(source) and "\n  " not in shipped


def test_the_builder_links_exactly_the_shipped_files() -> None:
    """mkdocs.yml and the theme override name the shipped files by path: a renamed asset must not leave a page
    linking a file that is no longer published."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    override = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    linked = [*config["extra_css"], *config["extra_javascript"]]
    linked += [path for path in asset_files() if path.endswith(".js") and f"'{path}' | url" in override]
    assert sorted(linked) == sorted(asset_files())
