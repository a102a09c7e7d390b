"""Decision pages answer first (issue 14), checked on the real build: the verdict box right under the title of
every use-case and topic page, a pair page for every two frameworks still in use (in the sitemap and the
search index, listing exactly the rows where the two differ), the questions page, lifecycle and release
timelines (no script, the same bytes in two builds), the claims summary, the 404 page and plain words."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from dlmatrix.data.model import Framework, UseCase
from dlmatrix.data.scoring import cell_level
from dlmatrix.data.vocabulary import CLAIM_VERDICTS, compare_levels
from dlmatrix.site.views import Site
from tests.conftest import ROOT, SITE_URL, build_site, live_dataset

pytestmark = [pytest.mark.build, pytest.mark.live_data]

DATA = live_dataset()
SITE = Site(DATA, dt.date.today())


def soup_of(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def first_after_title(soup: BeautifulSoup):  # type: ignore[no-untyped-def]
    title = soup.select_one("article h1")
    assert title is not None
    return title.find_next_sibling()


def test_every_use_case_and_topic_page_answers_first(real_site: Path) -> None:
    pages = [(f"use-cases/{u.id}/index.html", SITE.use_case_verdict(u)) for u in DATA.use_cases]
    pages += [(f"topics/{t.id}/index.html", SITE.topic_verdict(t)) for t in DATA.topics]
    for path, verdict in pages:
        box = first_after_title(soup_of(real_site, path))
        assert box is not None and box.has_attr("data-verdict"), (path, box)
        if verdict is None:
            assert box["data-verdict"] == "none", path
            continue
        text = box.get_text(" ", strip=True)
        for pick in verdict.picks + verdict.runners_up:
            assert box.select_one(f'a[href$="frameworks/{pick.id}/"]') is not None, (path, pick.id)
        assert box.select_one(f'time[datetime="{verdict.verified.isoformat()}"]') is not None, path
        assert len(text) < 700, (path, "the box is a short answer", len(text))
        if verdict.explains:  # the page says why it differs from the computed ranking, from the data
            assert box.select_one('a[href="#why-not-the-score"]') is not None, path
            why = soup_of(real_site, path).select_one("#why-not-the-score")
            assert why is not None and "The score counts features" in why.get_text(), path
            if verdict.disagreement:  # the headline pick differs: the editors' own words are required (a rule)
                assert verdict.why_not_computed and verdict.why_not_computed.split()[0] in why.get_text(), path


def test_use_case_rankings_show_frameworks_in_use_and_hide_retired_ones(real_site: Path) -> None:
    for use_case in DATA.use_cases:
        soup = soup_of(real_site, f"use-cases/{use_case.id}/index.html")
        shown = [li["data-framework"] for li in soup.select(f'ol[data-ranking="{use_case.id}"] > li')]
        assert shown and all(DATA.framework(i).status != "retired" for i in shown), use_case.id
        for li in soup.select(f'ol[data-ranking-retired="{use_case.id}"] > li'):
            assert DATA.framework(li["data-framework"]).status == "retired"
            assert li.find_parent("details") is not None and not li.find_parent("details").has_attr("open")


def test_a_pair_page_for_every_two_frameworks_in_use_that_the_editors_list(real_site: Path) -> None:
    pairs = SITE.pairs()
    paired = [f for f in DATA.frameworks if DATA.settings.has_pair_pages(f)]  # the rule has its own unit test
    assert len(pairs) == len(paired) * (len(paired) - 1) // 2
    sitemap = (real_site / "sitemap.xml").read_text(encoding="utf-8")
    index = json.loads((real_site / "search/search_index.json").read_text(encoding="utf-8"))
    searchable = {doc["location"].split("#")[0] for doc in index["docs"]}
    for a, b in pairs:
        assert a.id < b.id
        path = f"compare/{a.id}-vs-{b.id}/"
        assert (real_site / path / "index.html").is_file(), path
        assert f"{SITE_URL}{path}</loc>" in sitemap, path
        assert path in searchable, path
    index_page = soup_of(real_site, "compare/index.html")
    listed = index_page.select("[data-compare-index] a[href*='-vs-']")
    assert {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in listed} == {f"{a.id}-vs-{b.id}" for a, b in pairs}
    # any other framework still in use is compared in the matrix, with only the rows that differ
    unpaired = {f.id for f in DATA.frameworks if f.status != "retired" and f not in paired}
    others = index_page.select("[data-unpaired] a")
    assert {a["href"].split("fw=")[1].split(",")[0] for a in others} == unpaired
    assert all("diff=1" in a["href"] for a in others)


@pytest.mark.parametrize("pair", SITE.pairs(), ids=lambda pair: f"{pair[0].id}-vs-{pair[1].id}")
def test_pair_page_lists_exactly_the_rows_where_the_two_differ(real_site: Path, pair) -> None:  # type: ignore[no-untyped-def]
    a, b = pair
    expected = [f.id for f in DATA.features
                if SITE.cell(a, f).compare_key != SITE.cell(b, f).compare_key]
    soup = soup_of(real_site, f"compare/{a.id}-vs-{b.id}/index.html")
    shown = [tr["data-feature"] for tr in soup.select("table[data-pair-differences] tbody tr[data-feature]")]
    assert shown == expected
    for tr in soup.select("table[data-pair-differences] tbody tr"):
        cells = tr.select("td[data-framework]")
        assert [td["data-framework"] for td in cells] == [a.id, b.id]
        for td in cells:  # each answer with its sources and date (unknown answers may go without sources)
            if td["data-level"] != "unknown":
                assert td.select_one("time[datetime]") is not None and td.select_one(".dlm-meta a[href]"), (tr["id"], td)
            # the framework page's cell has the code and "suggest a fix" links; this page has a code section
            assert not td.select("a.dlm-fix, a[data-code]"), (tr["id"], td)
    assert len(soup.select("[data-pair-topics] p[data-topic]")) == len(DATA.topics)  # a verdict per topic
    links = [x["href"] for x in soup.select("[data-pair-summary] a")]
    assert any(f"fw={a.id},{b.id}" in href and "diff=1" in href for href in links)


def editors_outcome(use_case: UseCase, a: str, b: str) -> tuple[str, str]:
    """(outcome, basis) as the editors' verdict gives it: a framework id, "tie", or ("?", "score") where the verdict
    names neither (the computed ranking may speak there, labelled so)."""
    verdict = use_case.verdict
    rank = {fw: 0 if fw in verdict.picks else 1 if fw in verdict.runners_up else 2 for fw in (a, b)} if verdict else {}
    if not verdict or rank[a] == rank[b] == 2:
        return "?", "score"
    return ("tie" if rank[a] == rank[b] else a if rank[a] < rank[b] else b), "editors"


@pytest.mark.parametrize("pair", SITE.pairs(), ids=lambda pair: f"{pair[0].id}-vs-{pair[1].id}")
def test_pair_page_claims_only_what_the_cells_and_the_editors_say(real_site: Path, pair) -> None:  # type: ignore[no-untyped-def]
    a, b = pair
    other = {a.id: b, b.id: a}
    soup = soup_of(real_site, f"compare/{a.id}-vs-{b.id}/index.html")

    def relation(fw: Framework, feature_id: str) -> str:
        feature = DATA.feature(feature_id)
        return compare_levels(cell_level(feature, fw.cells.get(feature_id)), cell_level(feature, other[fw.id].cells.get(feature_id)))

    # "clearly ahead" on a row: the vocabulary's relation between the two cells, never the score; and every such row is said
    claimed: dict[str, set[str]] = {a.id: set(), b.id: set()}
    for span in soup.select("[data-pair-topics] [data-ahead]"):
        fw = DATA.framework(span["data-ahead"])
        for feature_id in span["data-features"].split():
            assert relation(fw, feature_id) == "ahead", (fw.id, feature_id)
            claimed[fw.id].add(feature_id)
    for fw in (a, b):
        expected = {f.id for f in DATA.features if f.kind == "support" and relation(fw, f.id) == "ahead"}
        assert claimed[fw.id] == expected
        leads = {x["data-feature"] for x in soup.select(f'[data-choose="{fw.id}"][data-kind="leads"] [data-feature]')}
        assert leads == expected
    # use cases: the editors' verdict decides wherever it names either framework; a co-pick is a tie
    for li in soup.select("[data-pair-use-cases] li[data-use-case]"):
        outcome, basis = editors_outcome(DATA.use_case(li["data-use-case"]), a.id, b.id)
        assert li["data-basis"] == basis, li["data-use-case"]
        if basis == "editors":
            assert li["data-outcome"] == outcome, li["data-use-case"]
    for fw in (a, b):
        for link in soup.select(f'[data-choose="{fw.id}"] [data-use-case]'):
            outcome, basis = editors_outcome(DATA.use_case(link["data-use-case"]), a.id, b.id)
            assert outcome in (fw.id, "?"), (fw.id, link["data-use-case"], outcome)
        for link in soup.select(f'[data-choose="{fw.id}"] [data-topic]'):
            verdict = DATA.topic(link["data-topic"]).verdict
            assert verdict and fw.id in verdict.winners and other[fw.id].id not in verdict.winners
    for link in soup.select("[data-pair-ties] [data-use-case]"):
        outcome, basis = editors_outcome(DATA.use_case(link["data-use-case"]), a.id, b.id)
        assert outcome in ("tie", "?"), link["data-use-case"]


def test_topic_pages_and_questions_make_no_computed_lead_claims(real_site: Path) -> None:
    """Only pair pages derive "ahead" from cells (checked above); topic pages and questions say what the editors say."""
    pages = [f"topics/{t.id}/index.html" for t in DATA.topics] + ["questions/index.html"]
    for page in pages:
        soup = soup_of(real_site, page)
        assert not soup.select("[data-ahead], [data-choose]"), page
        assert "clearly ahead" not in soup.get_text(" "), page


def test_home_page_answers_the_teaching_question_first(real_site: Path) -> None:
    soup = soup_of(real_site, "index.html")
    article = soup.select_one("article")
    assert article is not None
    quick = article.select_one("[data-quick-answers]")
    assert quick is not None
    # before the first section: in the first phone screen (the browser test measures it)
    first_h2 = article.select_one("h2")
    assert quick.sourceline < first_h2.sourceline
    home = [q.id for q in DATA.questions if q.home]
    assert [li["data-question"] for li in quick.select("li[data-question]")] == home
    teaching = next(q for q in DATA.questions if "teaching" in q.use_cases and q.home)
    assert quick.select_one(f'a[href$="questions/#{teaching.id}"]') is not None
    assert article.select_one('a[href$="compare/pytorch-vs-tensorflow/"]') is not None


def test_questions_page_answers_every_question_with_links_and_a_date(real_site: Path) -> None:
    assert len(DATA.questions) >= 15
    soup = soup_of(real_site, "questions/index.html")
    answers = soup.select("[data-question]")
    assert [a["data-question"] for a in answers] == [q.id for q in DATA.questions]
    for question, answer in zip(DATA.questions, answers, strict=True):
        heading = soup.find(id=question.id)
        assert heading is not None and heading.name == "h2", question.id
        sentences = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z`(])", question.answer.strip()) if s]
        assert 2 <= len(sentences) <= 4, (question.id, len(sentences))
        inside = [a["href"] for a in answer.select("a[href]") if not a["href"].startswith("http")]
        assert any(re.search(r"(matrix|frameworks|use-cases|topics|compare)/", href) for href in inside), question.id
        assert answer.select_one(f'time[datetime="{question.verified.isoformat()}"]') is not None
        assert answer.select_one(".dlm-meta a[href]") is not None


def test_frameworks_index_is_a_sortable_lifecycle_table(real_site: Path) -> None:
    soup = soup_of(real_site, "frameworks/index.html")
    rows = soup.select("table[data-lifecycle-table][data-sortable] tbody tr")
    assert [tr["data-framework"] for tr in rows] == [f.id for f in DATA.frameworks]
    for tr, framework in zip(rows, DATA.frameworks, strict=True):
        assert tr.select_one(f".dlm-status--{framework.status}") is not None
        if framework.successor:
            assert framework.successor in tr.get_text()


def _timelines(site: Path) -> dict[str, str]:
    found = {}
    for framework in DATA.frameworks:
        text = (site / f"frameworks/{framework.id}/index.html").read_text(encoding="utf-8")
        match = re.search(r"<svg class=\"dlm-timeline\".*?</svg>", text, re.S)
        if match:
            found[framework.id] = match.group(0)
    return found


def test_every_framework_page_has_a_static_release_timeline(real_site: Path, tmp_path: Path) -> None:
    timelines = _timelines(real_site)
    assert set(timelines) == {f.id for f in DATA.frameworks if f.releases}
    for framework in DATA.frameworks:
        soup = soup_of(real_site, f"frameworks/{framework.id}/index.html")
        svg = soup.select_one("svg[data-timeline]")
        if framework.releases is None:
            continue
        assert svg is not None and svg.get("role") == "img"
        title, desc = svg.find("title"), svg.find("desc")
        assert title is not None and framework.name in title.get_text() and desc is not None
        assert set(svg["aria-labelledby"].split()) == {title["id"], desc["id"]}
        assert not svg.select("script, [onload], foreignObject")
        listed = soup.select("[data-lifecycle] .dlm-release-list li")
        assert len(listed) == len(framework.releases.versions)  # the text alternative names every release
        if framework.status == "retired":
            assert svg.select_one(".dlm-timeline__end") is not None
            assert framework.successor and framework.successor in soup.select_one("[data-lifecycle]").get_text()
            if framework.migration:
                assert soup.select_one("[data-lifecycle] [data-migration]") is not None
        if framework.status == "maintenance":
            assert soup.select_one("[data-lifecycle] [data-status-note]") is not None
    # a second build of the same data on the same day draws the same bytes
    again = tmp_path / "again"
    result = build_site(again)
    assert result.returncode == 0, result.stderr[-2000:]
    assert _timelines(again) == timelines


def test_claims_page_opens_with_a_summary_and_a_card_per_claim(real_site: Path) -> None:
    soup = soup_of(real_site, "claims/index.html")
    article = soup.select_one("article")
    summary = article.select_one("[data-claims-summary]")
    assert summary is not None and "Comparing TensorFlow and PyTorch for Deep Learning (2025 Edition)" in summary.get_text()
    counts = {}
    for link in summary.select("a[href^='#verdict-']"):
        verdict = link["href"].removeprefix("#verdict-")
        counts[verdict] = int(link.get_text().rsplit(":", 1)[1])
        assert article.find(id=f"verdict-{verdict}") is not None
    expected = {v: sum(c.verdict == v for c in DATA.claims) for v in CLAIM_VERDICTS}
    assert counts == {v: n for v, n in expected.items() if n}
    cards = article.select("article[data-claim]")
    assert len(cards) == len(DATA.claims) and not article.select("table[data-claims-table]")


def test_not_found_page_offers_search_and_the_main_pages(real_site: Path) -> None:
    soup = soup_of(real_site, "404.html")
    assert soup.select_one('label[for="__search"]') is not None
    hrefs = [a["href"] for a in soup.select("[data-not-found-links] a")]
    for page in ("questions/", "matrix/", "use-cases/", "frameworks/", "compare/"):
        assert any(href.endswith(page) for href in hrefs), page


def test_no_page_speaks_of_the_seed(real_site: Path) -> None:
    for page in real_site.rglob("*.html"):
        if page.relative_to(real_site).parts[:2] == ("about", "changes"):
            continue  # quotes commit messages as they were written, some from before this rule
        text = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text(" ")
        assert not re.search(r"\bthe seed\b|\bseed('s)? (post|claim|answer)", text, re.I), page
    for path in [*(ROOT / "data").rglob("*.yaml"), *(ROOT / "docs").rglob("*.md")]:
        assert not re.search(r"\bthe seed\b|\bseed's\b", path.read_text(encoding="utf-8"), re.I), path
