"""Use-case, framework and topic pages: one per data file, built from the data, with every framework."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from dlmatrix.data.load import load_dataset
from dlmatrix.site.stubs import expected_stubs, orphan_stubs
from dlmatrix.site.views import Site
from tests.conftest import ROOT

pytestmark = pytest.mark.live_data  # checks the live data: the contributor-path test runs it on a scaffolded copy too


@pytest.fixture(scope="module")
def dataset():  # type: ignore[no-untyped-def]
    return load_dataset(ROOT / "data")


def soup_of(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def test_every_stub_exists_and_has_data_behind_it(dataset) -> None:  # type: ignore[no-untyped-def]
    docs = ROOT / "docs"
    for path, text in expected_stubs(dataset, docs).items():
        assert path.exists(), f"missing stub {path}: run python scripts/new.py or dlmatrix.stubs.write_stubs"
        assert path.read_text(encoding="utf-8") == text, f"stub {path} differs from the generated one"
    assert orphan_stubs(dataset, docs) == [], "stub pages with no data file behind them"


@pytest.mark.build
def test_use_case_pages_rank_every_framework_with_a_breakdown(real_site: Path, dataset) -> None:  # type: ignore[no-untyped-def]
    for use_case in dataset.use_cases:
        soup = soup_of(real_site, f"use-cases/{use_case.id}/index.html")
        ranking = soup.select_one(f'ol[data-ranking="{use_case.id}"]')
        assert ranking is not None, use_case.id
        # frameworks still in use first; the retired ones behind a disclosure, each keeping its computed rank
        view = Site(dataset, dt.date.today()).ranking_view(use_case)
        assert [li["data-framework"] for li in ranking.select(":scope > li")] == [s.framework.id for s in view.current]
        hidden = soup.select(f'details ol[data-ranking-retired="{use_case.id}"] > li')
        assert [li["data-framework"] for li in hidden] == [s.framework.id for s in view.retired]
        every = Site(dataset, dt.date.today()).scores.ranking(use_case)
        expected = [s.framework.id for s in every if s.ranked]
        entries = ranking.select(":scope > li") + hidden
        assert [li["data-framework"] for li in sorted(entries, key=lambda li: int(li["data-rank"]))] == expected
        # too little known: listed apart, after the ranked ones, with the share known; the rule is on the page
        apart = soup.select(f'[data-unranked="{use_case.id}"] li')
        assert [li["data-framework"] for li in apart] == [s.framework.id for s in every if not s.ranked]
        assert all(float(li["data-known"]) < dataset.settings.min_known_share for li in apart)
        assert soup.select_one("[data-rank-rule]") is not None
        for li in apart:
            assert li.sourceline > max(x.sourceline for x in entries)
        for li in ranking.select(":scope > li"):  # the retired ones show no breakdown, to keep the page light
            breakdown = li.select_one(f'table[data-breakdown="{li["data-framework"]}"]')
            assert breakdown is not None, (use_case.id, li["data-framework"])
            weighted = len(Site(dataset, dt.date.today()).scores.weights(use_case))
            assert len(breakdown.select("tbody tr")) == weighted, (use_case.id, li["data-framework"])
        verdict = soup.select_one("[data-verdict]")
        if use_case.verdict:
            assert verdict is not None and verdict.select(".dlm-meta a[href]") and verdict.select_one("time[datetime]")
        top = expected[0]
        disagreement = soup.select_one("[data-disagreement]")
        picks = use_case.verdict.picks if use_case.verdict else [top]
        assert (disagreement is not None) == (top not in picks), use_case.id


@pytest.mark.build
def test_framework_pages_show_identity_and_every_cell(real_site: Path, dataset) -> None:  # type: ignore[no-untyped-def]
    for framework in dataset.frameworks:
        soup = soup_of(real_site, f"frameworks/{framework.id}/index.html")
        assert soup.select_one(f'[data-framework-card="{framework.id}"]') is not None
        features = [tr["data-feature"] for tr in soup.select("table[data-cell-list] tr[data-feature]")]
        assert features == [f.id for f in dataset.features], framework.id
        banner = soup.select_one("[data-status-banner]")
        assert (banner is not None) == (framework.status != "active"), framework.id
        if framework.status == "retired":
            assert framework.successor and framework.successor in banner.get_text()
        assert soup.select_one('a[href*="matrix/?fw="]') is not None  # pre-filtered compare link
        edit = soup.select_one('a[rel="edit"]')
        assert edit is not None and edit["href"].endswith(f"data/frameworks/{framework.id}.yaml")


@pytest.mark.build
def test_topic_pages_have_a_verdict_and_their_matrix(real_site: Path, dataset) -> None:  # type: ignore[no-untyped-def]
    for topic in dataset.topics:
        soup = soup_of(real_site, f"topics/{topic.id}/index.html")
        rows = [tr["data-feature"] for tr in soup.select("table[data-matrix-table] tr[data-feature]")]
        assert rows == [f.id for f in topic.features], topic.id
        assert {tr["data-topic"] for tr in soup.select("tr[data-feature]")} == {topic.id}
        if topic.verdict:
            assert soup.select_one("[data-verdict]") is not None


@pytest.mark.build
def test_index_pages_follow_data_order(real_site: Path, dataset) -> None:  # type: ignore[no-untyped-def]
    for folder, kind, items in [("use-cases", "use_cases", dataset.use_cases),
                                ("topics", "topics", dataset.topics)]:
        soup = soup_of(real_site, f"{folder}/index.html")
        assert [li["data-id"] for li in soup.select(f'ul[data-index="{kind}"] li')] == [i.id for i in items]
    # the frameworks index is a sortable lifecycle table, in data order until the reader sorts it
    soup = soup_of(real_site, "frameworks/index.html")
    rows = soup.select("table[data-lifecycle-table][data-sortable] tbody tr")
    assert [tr["data-framework"] for tr in rows] == [f.id for f in dataset.frameworks]


@pytest.mark.build
def test_coverage_page_counts_every_framework(real_site: Path, dataset) -> None:  # type: ignore[no-untyped-def]
    soup = soup_of(real_site, "coverage/index.html")
    rows = soup.select("table[data-coverage-table] tbody tr")
    assert [r["data-framework"] for r in rows] == [f.id for f in dataset.frameworks]
    for row in rows:
        known, unknown = (int(td.get_text().split()[0]) for td in row.select("td")[:2])
        assert known + unknown == len(dataset.features)


@pytest.mark.build
def test_renaming_a_feature_that_holds_a_role_keeps_the_identity_rows(tmp_path: Path, dataset) -> None:  # type: ignore[no-untyped-def]
    """Pages find identity rows by the role a feature declares, not by its id: rename `steward` everywhere
    in a copy of the data and the framework pages still show who develops each framework."""
    import re
    import shutil

    from tests.conftest import build_site

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    feature = dataset.roles["steward"].id
    for path in data.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        renamed = re.sub(rf"(?m)^(\s*- id: |  ){feature}(:?)$", r"\1developed_by\2", text)
        renamed = re.sub(rf"(?<=[\[ ,]){feature}(?=[\],])", "developed_by", renamed)
        path.write_text(renamed, encoding="utf-8")
    assert "developed_by" in (data / "topics" / f"{dataset.topic_of(feature).id}.yaml").read_text()
    site = tmp_path / "site"
    result = build_site(site, data)
    assert result.returncode == 0, result.stderr[-3000:]
    for framework in dataset.frameworks:
        cell = framework.cells.get(feature)
        if cell is None or cell.value is None:
            continue
        soup = soup_of(site, f"frameworks/{framework.id}/index.html")
        row = soup.select_one('[data-framework-card] [data-role="steward"] dd')
        assert row is not None and row.get_text(strip=True) == str(cell.value), framework.id
        assert soup.select_one('tr[data-feature="developed_by"]') is not None
