"""The code evidence in the view layer and its page fragments, without a build: a block for every framework of
every task (never a silent gap), programs highlighted without losing a line, the links from a feature to its
programs, task stubs, a build without evidence, and a stale result stopping the site like a data error.
Expected values come from the committed evidence (dlmatrix.data.evidence), never from literals."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from dlmatrix.data.errors import DataErrors
from dlmatrix.data.evidence import Result, covered_frameworks, load_evidence
from dlmatrix.data.load import load_dataset
from dlmatrix.data.vocabulary import RESULTS
from dlmatrix.site.pages import MACROS, Page
from dlmatrix.site.snippets import overview, snippets_for, task_view
from dlmatrix.site.stubs import code_stub_path, code_stub_text, expected_stubs, orphan_stubs
from dlmatrix.site.urls import Urls
from dlmatrix.site.views import Site, site_for
from tests.conftest import FIXTURES, ROOT

pytestmark = pytest.mark.live_data  # checks the live data: the contributor-path test runs it on a scaffolded copy too

EVIDENCE = load_evidence(ROOT)
COVERED = covered_frameworks(ROOT, EVIDENCE.environment, [])


@pytest.fixture(scope="module")
def site() -> Site:
    return Site(load_dataset(ROOT / "data"), dt.date.today(), EVIDENCE)


def page(site: Site, depth: int = 2) -> Page:
    return Page(site, Urls("../" * depth, "", "https://github.com/dl-framework-matrix/dl-framework-matrix"))


def blocks_of(task_id: str) -> dict[str, Result]:
    """Every block the evidence gives a task: its committed results and, for a framework whose program nobody has
    written yet (task.yaml's not_written), its "not written yet" entry."""
    return {key: result for framework in COVERED for key, result in EVIDENCE.cell(task_id, framework)}


def test_every_task_has_a_block_for_every_framework_it_covers(site: Site) -> None:
    for task in EVIDENCE.tasks:
        view = task_view(site, task.id)
        assert {s.framework.id for s in view.snippets} == set(COVERED), task.id
        results = blocks_of(task.id)
        assert sorted(s.key for s in view.snippets) == sorted(results), task.id
        for s in view.snippets:
            assert s.status in RESULTS and s.result == results[s.key]
            if s.status in ("not-available", "not-written"):
                assert not s.has_code and s.result.reason and (s.result.source or s.not_written)
            else:
                assert s.source == (ROOT / task.snippet_file(s.key)).read_text(encoding="utf-8")
        assert sum(view.counts.values()) == len(results)


def test_the_task_page_holds_every_line_of_every_program(site: Site) -> None:
    for task in EVIDENCE.tasks:
        html = MACROS["code_task"](page(site), task.id)
        soup = BeautifulSoup(html, "html.parser")
        blocks = soup.select("[data-task][data-framework][data-result]")
        assert [b["data-snippet"] for b in blocks] == [s.key for s in task_view(site, task.id).snippets]
        for block in blocks:
            result = blocks_of(task.id)[str(block["data-snippet"])]
            assert block["data-task"] == task.id and block["data-framework"] == result.framework
            assert block["data-result"] == result.status
            assert block.select_one("time[datetime]")["datetime"] == result.date.isoformat()  # type: ignore[index]
            code = block.select_one(".highlight code")
            if result.file is None:  # no program: its source says why (or, not written yet, how to add one)
                assert code is None and (result.source is None or block.select_one(f'a[href="{result.source}"]') is not None)
                continue
            source = (ROOT / result.file).read_text(encoding="utf-8")
            assert code is not None and code.get_text() == source.rstrip("\n"), result.file  # blank lines kept
            assert code.select("span[class]"), "highlighted at build time (token classes)"
        # each block stays inside one raw HTML block of the page's Markdown: no blank line within it
        assert all(chunk.count("<section") == chunk.count("</section>") for chunk in html.split("\n\n"))


def test_result_lines_name_the_run(site: Site) -> None:
    soup = BeautifulSoup(MACROS["code_task"](page(site), "autodiff"), "html.parser")
    for block in soup.select("[data-task][data-result]"):
        result = blocks_of("autodiff")[str(block["data-snippet"])]
        line = block.select_one(".dlm-result").get_text(" ", strip=True)  # type: ignore[union-attr]
        if result.ran:
            assert line.startswith(f"ran on {result.date.isoformat()}")
            for name, version in result.versions.items():
                assert f"{name} {version}" in line
            assert f"Python {result.python}" in line and str(result.platform) in line
            assert f"{'passed in' if result.status == 'passed' else 'failed after'} {result.wall_seconds:.1f} s" in line
        else:
            assert str(result.reason).split()[0] in line


def test_snippets_for_follow_the_tasks_features(site: Site) -> None:
    named = {f for task in EVIDENCE.tasks for f in task.spec.features}
    for feature in named:
        for framework in COVERED:
            expected = [(t.id, key) for t in EVIDENCE.tasks if feature in t.spec.features
                        for key, result in EVIDENCE.cell(t.id, framework) if result.file]
            found = [(s.task.id, s.key) for s in snippets_for(site, feature, framework)]
            assert sorted(found) == sorted(expected), (feature, framework)
    other = next(f.id for f in site.data.features if f.id not in named)
    assert snippets_for(site, other, COVERED[0]) == ()


def test_an_unknown_task_in_a_stub_fails_the_page(site: Site) -> None:
    with pytest.raises(ValueError, match="unknown task id"):
        MACROS["code_task"](page(site), "no-such-task")


def test_a_build_without_evidence_says_so(site: Site) -> None:
    bare = Site(site.data, site.today)
    for html in (MACROS["code_index"](page(bare, 1)), MACROS["code_task"](page(bare), EVIDENCE.tasks[0].id)):
        assert "data-code-missing" in html
    assert snippets_for(bare, EVIDENCE.tasks[0].spec.features[0], COVERED[0]) == () and overview(bare) is None


def test_index_counts_come_from_the_results(site: Site) -> None:
    ov = overview(site)
    assert ov is not None
    for status in RESULTS:
        assert ov.counts[status] == sum(r.status == status for t in EVIDENCE.tasks for r in blocks_of(t.id).values())
    assert [f.id for f in ov.frameworks] == [f.id for f in site.data.frameworks if f.id in COVERED]


def test_every_task_has_a_stub_page(tmp_path: Path) -> None:
    dataset = load_dataset(ROOT / "data")
    stubs = expected_stubs(dataset, ROOT / "docs")
    for task in EVIDENCE.tasks:
        path = code_stub_path(ROOT / "docs", task.id)
        assert stubs[path] == code_stub_text(task.id) and f'code_task("{task.id}")' in stubs[path]
    docs = tmp_path / "docs"
    (docs / "code").mkdir(parents=True)
    (docs / "code" / "index.md").write_text("# Code\n")
    (docs / "code" / "gone.md").write_text(code_stub_text("gone"))
    # a docs folder without examples/ beside it expects no task page: the old one is an orphan
    assert orphan_stubs(dataset, docs) == [docs / "code" / "gone.md"]


def test_site_for_reads_the_evidence_and_a_stale_result_stops_it(tmp_path: Path) -> None:
    for part in ("data", "examples"):
        shutil.copytree(ROOT / part, tmp_path / part)
    today = dt.date.today()
    assert site_for(tmp_path / "data", today).evidence is not None
    program = tmp_path / "examples" / "autodiff" / "pytorch.py"
    program.write_text(program.read_text(encoding="utf-8") + "# edited after the run\n", encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        site_for(tmp_path / "data", today)  # the edit is seen (the cache watches examples/) and stops the site
    assert any("examples/autodiff/pytorch.py" in str(e) and "make evidence" in str(e) for e in caught.value.errors)
    assert site_for(FIXTURES / "mini", today).evidence is None  # a data set of its own has no code evidence
