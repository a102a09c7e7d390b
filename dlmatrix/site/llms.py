"""llms.txt and llms-full.txt at the site's root (https://llmstxt.org/): what the site is, where its data is, and
one short Markdown summary per framework, pair and question, generated from the data with sources and dates.

Written by the publisher (dlmatrix/site/publish.py) like the API and the feeds, the same for both builders. The
text is Markdown for language models and people, not HTML: data strings go in as they are (inline Markdown).
"""

from __future__ import annotations

from dlmatrix.data.model import Framework
from dlmatrix.data.vocabulary import LEVELS, ROLES, STATUSES
from dlmatrix.site.api import CSV_FILE, LICENCE_URL, TITLE, data_date, data_version
from dlmatrix.site.api_items import CHECKSUMS
from dlmatrix.site.meta import framework_date, framework_meta, pair_meta
from dlmatrix.site.urls import Urls
from dlmatrix.site.views import Site, first_sentence

LLMS = "llms.txt"
LLMS_FULL = "llms-full.txt"
PAIR_ROWS = 12  # rows where a pair differs, listed in llms-full.txt (the pair page has them all)


def _line(text: str) -> str:
    return " ".join(text.split())  # one line: a list item of llms.txt never wraps


def _link(text: str, address: str, note: str = "") -> str:
    return f"- [{_line(text)}]({address})" + (f": {_line(note)}" if note else "")


def _sources(sources: list[str] | tuple[str, ...], most: int = 3) -> str:
    return ", ".join(f"<{s}>" for s in list(sources)[:most]) or "none given"


def _names(frameworks: tuple[Framework, ...]) -> str:
    return ", ".join(f.name for f in frameworks)


def _head(site: Site, url: Urls) -> list[str]:
    return [f"# {TITLE}", "",
            f"> Deep learning frameworks compared feature by feature, for choosing one: {_names(site.in_use)}, "
            f"and the retired ones still met in old code ({_names(site.retired)}). Data version {data_version(site)}, "
            f"newest fact checked {data_date(site).isoformat()}; licence CC BY 4.0 ({LICENCE_URL}).", "",
            f"{len(site.data.frameworks)} frameworks, {len(site.data.features)} features: every answer has its sources "
            "and the date it was verified, and 'unknown' is an answer of its own. Levels: "
            + "; ".join(f"{level.id} ({level.word}): {level.help}" for level in LEVELS.values()) + ".", ""]


def _data_section(url: Urls) -> list[str]:
    return ["## Data", "",
            _link("Data API documentation", url.api(), "files, fields, versioning, licence"),
            _link("index.json", url.api("index.json"), "every file of the API, its JSON Schema and the data version"),
            _link("all.json", url.api("all.json"), "everything in one file"),
            _link(CSV_FILE, url.api(CSV_FILE), "the whole matrix, one row per framework and feature"),
            _link("changes.json", url.api("changes.json"), "the data's changes, commit by commit"),
            _link(CHECKSUMS, url.api(CHECKSUMS), "SHA-256 of every API file"),
            _link("Atom feed", url.feed(), "every change to the data"), ""]


def llms_txt(site: Site, url: Urls) -> str:
    """The short file: what the site is, where the data is, and a line per framework, pair and question."""
    lines = _head(site, url) + _data_section(url)
    lines += ["## Frameworks", ""]
    lines += [_link(f.name, url.framework(f.id), framework_meta(site, f.id).description or "") for f in site.data.frameworks]
    lines += ["", "## Comparisons", ""]
    lines += [_link(f"{a.name} vs {b.name}", url.compare(a.id, b.id), pair_meta(site, a.id, b.id).description or "")
              for a, b in site.pairs()]
    lines += ["", "## Questions", ""]
    lines += [_link(q.question, url.page(f"questions/#{q.id}"),
                    f"{q.short or first_sentence(q.answer)} (checked {q.verified.isoformat()})") for q in site.data.questions]
    lines += ["", "## Optional", "",
              _link(LLMS_FULL, url.page(LLMS_FULL), "one summary per framework, pair and question, with sources and dates"),
              _link("The matrix", url.matrix(), "every framework against every feature"), ""]
    return "\n".join(lines)


def _framework_summary(site: Site, framework: Framework, url: Urls) -> list[str]:
    lines = [f"### {framework.name}", "", f"Page: {url.framework(framework.id)}", "",
             f"- Status: {STATUSES[framework.status].word}" + (f". {framework.status_note}" if framework.status_note else "")]
    if framework.successor:
        lines.append(f"- Use instead: {framework.successor}")
    for role in ROLES.values():
        if role.id in site.data.roles:
            lines.append(f"- {role.label}: {site.identity_value(framework, role.id) or 'unknown'}")
    profile = site.profile(framework)
    if profile.strengths:
        lines.append("- Stands out on: " + ", ".join(f.name for f in profile.strengths))
    if profile.gaps:
        lines.append("- Lacks what most others have: " + ", ".join(f.name for f in profile.gaps))
    lines += [f"- Sources: {_sources(framework.sources)}",
              f"- Checked up to: {framework_date(framework).isoformat()}", ""]
    return lines


def _pair_summary(site: Site, a: Framework, b: Framework, url: Urls) -> list[str]:
    rows = [row for group in site.differences(a, b) for row in group.rows]
    lines = [f"### {a.name} vs {b.name}", "", f"Page: {url.compare(a.id, b.id)}", "",
             pair_meta(site, a.id, b.id).description or "", ""]
    for row in rows[:PAIR_ROWS]:
        answers = "; ".join(f"{cell.framework.name}: {cell.display_value or LEVELS[cell.level].word}"
                            + (f" (checked {cell.cell.verified.isoformat()})" if cell.cell else "")
                            for cell in row.cells)
        lines.append(f"- {row.feature.name}: {answers}")
    if len(rows) > PAIR_ROWS:
        lines.append(f"- and {len(rows) - PAIR_ROWS} more rows on the page")
    return lines + [""]


def llms_full_txt(site: Site, url: Urls) -> str:
    """The long file: llms.txt's head, then one summary per framework, pair and question, with sources and dates."""
    lines = _head(site, url) + _data_section(url)
    lines += ["## Frameworks", ""]
    for framework in site.data.frameworks:
        lines += _framework_summary(site, framework, url)
    lines += ["## Comparisons", ""]
    for a, b in site.pairs():
        lines += _pair_summary(site, a, b, url)
    lines += ["## Questions", ""]
    for q in site.data.questions:
        lines += [f"### {q.question}", "", q.answer, "", f"- Sources: {_sources(q.sources)}",
                  f"- Checked: {q.verified.isoformat()}", f"- Page: {url.page(f'questions/#{q.id}')}", ""]
    return "\n".join(lines)


def llms_files(site: Site, url: Urls) -> dict[str, bytes]:
    """path relative to the site root -> bytes. `url` gives the public addresses."""
    return {LLMS: llms_txt(site, url).encode("utf-8"), LLMS_FULL: llms_full_txt(site, url).encode("utf-8")}
