"""The code evidence pages: /code/ (the task x framework grid of results, the footprint table, the run) and one
page per task (/code/<task>/: every framework's program side by side, each with its result line).

Programs are highlighted here, at build time, with Pygments: the page carries the token classes that the theme's
own code styles colour (light and dark), so no highlighter runs in the browser and no stylesheet is added.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from dlmatrix.data.measured import MEASURES
from dlmatrix.site.pages import Page, macro
from dlmatrix.site.snippets import FootprintRow, Snippet, TaskView, overview, task_view

_FORMATTER = HtmlFormatter(nowrap=True)
_TRAILING_NEWLINES = re.compile(r"\n+$")
# Names, punctuation, operators and whitespace are drawn in the code's own colour: no span for them (most of the
# elements a program would need; each costs the build and the reader's browser).
_PLAIN_TOKENS = re.compile(r'<span class="(?:n|w|p|o)">([^<]*)</span>')


def preformatted(html: str) -> Markup:
    """HTML for a <pre> as one line: each newline a character reference. A raw HTML block of a Markdown page ends
    at a blank line (and the renderer drops blank lines), so a program's empty lines must not be written as such."""
    return Markup(_TRAILING_NEWLINES.sub("", html).replace("\n", "&#10;"))


def highlighted(page: Page, snippet: Snippet) -> Markup:
    """A program's text as highlighted HTML (Pygments token spans), once per Site."""
    def compute() -> Markup:
        html = str(highlight(snippet.source or "", PythonLexer(), _FORMATTER))
        return preformatted(_PLAIN_TOKENS.sub(r"\1", html))
    return page.site.remember(("code-highlight", snippet.task.id, snippet.key), compute)


def footprint_figures(row: FootprintRow) -> dict[str, int | None]:
    """The footprint as the matrix rows give it (dlmatrix/data/measured.py): whole MiB and milliseconds."""
    return {measure.feature: measure.value(row.info) for measure in MEASURES}


@macro
def code_index(page: Page) -> str:
    """/code/: every task against every framework (result and lines of code), the footprint and the run."""
    ov = overview(page.site)
    if ov is None:
        return page.html("code_missing.html")
    figures = {row.framework.id: footprint_figures(row) for row in ov.footprint}
    download = sum(f["download_size_mib"] or 0 for f in figures.values())
    return page.markdown("code_index.md", ov=ov, figures=figures, download=download)


@macro
def code_task(page: Page, task_id: str) -> str:
    """/code/<task>/: the task's programs side by side, highlighted, each with its result line."""
    if page.site.evidence is None:
        return page.html("code_missing.html")
    view = task_view(page.site, task_id)
    code = {s.key: highlighted(page, s) for s in view.snippets if s.has_code}
    output = {s.key: preformatted(str(escape(s.result.output))) for s in view.snippets if s.result.output}
    return page.markdown("code_task.md", v=view, code=code, output=output, ov=overview(page.site),
                         pair=default_pair(page, view))


def default_pair(page: Page, view: TaskView) -> tuple[str, str]:
    """The two programs a task page puts side by side when its URL names none (?a=&b= name others): PyTorch's and
    that of the second framework of data/site.yaml's framework_order (the first two blocks without them)."""
    order = page.site.data.settings.framework_order
    wanted = ["pytorch", *(fw for fw in order[1:] if fw != "pytorch")]
    keys = [next((s.key for s in view.snippets if s.framework.id == fw), None) for fw in wanted]
    chosen = [key for key in keys if key][:2]
    for s in view.snippets:
        if len(chosen) < 2 and s.key not in chosen:
            chosen.append(s.key)
    return chosen[0], chosen[-1]
