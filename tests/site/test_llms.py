"""llms.txt and llms-full.txt (dlmatrix/site/llms.py): the llms.txt format (a title, a summary, sections of links),
a line per framework, pair and question from the data, and summaries with sources and dates; published at the root."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from dlmatrix.data.load import load_dataset
from dlmatrix.site.api import data_version
from dlmatrix.site.llms import LLMS, LLMS_FULL, llms_files
from dlmatrix.site.urls import Urls
from dlmatrix.site.views import Site
from tests.conftest import ROOT, SITE_URL

LINK = re.compile(r"^-\s*\[(?P<title>[^\]]+)\]\((?P<url>[^\)]+)\)(?::\s*(?P<desc>.*))?$")


def parse(text: str) -> dict[str, object]:
    """The llms.txt format as llmstxt.org's reference parser reads it: '# title', '> summary', then '## section's
    whose every non-empty line is a '- [title](url): description' link."""
    start, *rest = re.split(r"^##\s*(.*?)$", text, flags=re.MULTILINE)
    head = re.match(r"^#\s*(?P<title>.+?)\n+^>\s*(?P<summary>.+?)$", start.strip(), re.MULTILINE)
    assert head, "no title and summary"
    sections = {}
    for name, body in zip(rest[::2], rest[1::2], strict=True):
        links = []
        for line in body.strip().splitlines():
            if line.strip():
                match = LINK.match(line)
                assert match, f"## {name}: not a link line: {line[:80]}"
                links.append(match.groupdict())
        sections[name] = links
    return {**head.groupdict(), "sections": sections}


@pytest.fixture
def site(mini_data: Path) -> Site:
    return Site(load_dataset(mini_data), dt.date(2026, 12, 1))


def test_llms_txt_has_the_format_and_a_line_per_framework_pair_and_question(site: Site) -> None:
    url = Urls("", "https://example.org/m/").public()
    parsed = parse(llms_files(site, url)[LLMS].decode("utf-8"))
    assert parsed["title"] == "Deep Learning Framework Matrix" and data_version(site) in str(parsed["summary"])
    sections = parsed["sections"]
    assert isinstance(sections, dict)
    assert [s for s in sections] == ["Data", "Frameworks", "Comparisons", "Questions", "Optional"]
    assert {link["url"] for link in sections["Data"]} >= {url.api("matrix.csv"), url.api("index.json"), url.api()}
    assert [link["url"] for link in sections["Frameworks"]] == [url.framework(f.id) for f in site.data.frameworks]
    assert [link["url"] for link in sections["Comparisons"]] == [url.compare(a.id, b.id) for a, b in site.pairs()]
    assert len(sections["Questions"]) == len(site.data.questions)
    assert all(link["desc"] for links in sections.values() for link in links)


def test_llms_full_txt_summarises_each_with_sources_and_dates(site: Site) -> None:
    text = llms_files(site, Urls("", "https://example.org/m/").public())[LLMS_FULL].decode("utf-8")
    for framework in site.data.frameworks:
        block = text.split(f"### {framework.name}\n", 1)[1].split("\n### ", 1)[0]
        assert "- Sources: <" in block and "- Checked up to: 20" in block, framework.id
    for a, b in site.pairs():
        assert f"### {a.name} vs {b.name}\n" in text


@pytest.mark.build
def test_the_site_publishes_both_at_its_root(real_site: Path) -> None:
    live = load_dataset(ROOT / "data")
    short = (real_site / LLMS).read_text(encoding="utf-8")
    sections = parse(short)["sections"]
    assert isinstance(sections, dict) and len(sections["Frameworks"]) == len(live.frameworks)
    assert len(sections["Questions"]) == len(live.questions)
    for links in sections.values():
        for link in links:
            if link["url"].startswith(SITE_URL):  # every address of the site names a file of the build
                path = real_site / link["url"].removeprefix(SITE_URL).split("#")[0]
                assert path.is_file() or (path / "index.html").is_file(), link["url"]
    full = (real_site / LLMS_FULL).read_text(encoding="utf-8")
    assert all(f"### {q.question}\n" in full for q in live.questions)
