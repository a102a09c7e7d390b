"""Page fragments, one module per kind of page. Each public function decorated with @macro becomes a
mkdocs-macros macro of the same name (main.py registers them all); it receives the `Page` it is rendered
for (the Site and the page's URL builder) followed by the arguments written in the Markdown stub.

To add a page kind: write a module here, decorate its functions with @macro, import it in MODULES below.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dlmatrix.site.render import render_block, render_markdown
from dlmatrix.site.urls import Urls
from dlmatrix.site.views import Site


@dataclass(frozen=True)
class Page:
    """What a fragment knows about the page it is rendered on."""

    site: Site
    url: Urls

    def html(self, template: str, **context: Any) -> str:
        return render_block(template, site=self.site, url=self.url, **context)

    def markdown(self, template: str, **context: Any) -> str:
        return render_markdown(template, site=self.site, url=self.url, **context)


Macro = Callable[..., str]
MACROS: dict[str, Macro] = {}


def macro(function: Macro) -> Macro:
    if function.__name__ in MACROS:
        raise RuntimeError(f"macro {function.__name__} is defined twice")
    MACROS[function.__name__] = function
    return function


MODULES = ("matrix", "entities", "home", "claims", "coverage", "data_api", "compare", "questions", "code", "install")
for _module in MODULES:
    importlib.import_module(f"{__name__}.{_module}")
