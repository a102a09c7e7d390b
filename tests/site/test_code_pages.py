"""The code evidence pages of the real site, read back as HTML: /code/ (the grid, the footprint, the run) and a page
per task with one block per program or stated reason (the contract: data-task, data-framework, data-result and a
<time datetime>), code highlighted at build time. Expected values come from the committed evidence."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from dlmatrix.data.evidence import covered_frameworks, load_evidence, status_counts
from dlmatrix.data.measured import measured_figures
from tests.conftest import ROOT, live_dataset, live_site

pytestmark = [pytest.mark.build, pytest.mark.live_data]

EVIDENCE = load_evidence(ROOT)
COVERED = covered_frameworks(ROOT, EVIDENCE.environment, [])
DATA = live_dataset()
CONTRACT = "[data-task][data-framework][data-result]"


def soup_of(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def test_the_grid_has_every_task_and_framework_with_counts_from_the_data(real_site: Path) -> None:
    soup = soup_of(real_site, "code/index.html")
    grid = soup.select_one("table[data-code-grid]")
    assert grid is not None
    assert [tr["data-task"] for tr in grid.select("tbody tr")] == [task.id for task in EVIDENCE.tasks]
    columns = [th["data-framework"] for th in grid.select("thead th[data-framework]")]
    assert sorted(columns) == sorted(COVERED)
    entries = grid.select("a[data-result]")
    # every block the evidence gives: the committed results and, for a framework whose program nobody has written yet
    # (task.yaml's not_written), its "not written yet" entry
    every = [result for task in EVIDENCE.tasks for framework in columns for _, result in EVIDENCE.cell(task.id, framework)]
    assert {s: sum(e["data-result"] == s for e in entries) for s in status_counts(every)} == status_counts(every)
    for status, count in status_counts(every).items():
        if count:
            assert soup.select_one(f'[data-code-summary] ~ p [data-count="{status}"]').get_text().split()[1] == str(count)
    for tr in grid.select("tbody tr"):
        task = tr["data-task"]
        for td in tr.select("td[data-framework]"):
            cell = dict(EVIDENCE.cell(str(task), str(td["data-framework"])))
            assert sorted(str(a["data-snippet"]) for a in td.select("a[data-result]")) == sorted(cell), (task, td["data-framework"])
            for a in td.select("a[data-result]"):
                result = cell[str(a["data-snippet"])]
                assert a["data-result"] == result.status
                if result.file:  # the figure is the program's lines of code
                    assert str(result.lines_of_code) in a.get_text()


def test_every_grid_entry_opens_its_block(real_site: Path) -> None:
    soup = soup_of(real_site, "code/index.html")
    base = "http://site/code/"
    for a in soup.select("table[data-code-grid] a[data-result]"):
        target = urlsplit(urljoin(base, str(a["href"])))
        page = soup_of(real_site, target.path.removeprefix("/") + "index.html")
        block = page.find(id=target.fragment)
        assert block is not None and block["data-result"] == a["data-result"], a["href"]


def test_the_footprint_table_shows_the_measured_figures_and_the_pytorch_caveat(real_site: Path) -> None:
    soup = soup_of(real_site, "code/index.html")
    table = soup.select_one("table[data-code-footprint]")
    assert table is not None and EVIDENCE.frameworks is not None
    rows = {str(tr["data-framework"]): tr for tr in table.select("tbody tr")}
    assert sorted(rows) == sorted(EVIDENCE.frameworks.frameworks)
    for framework_id, figures in measured_figures(EVIDENCE.frameworks).items():
        for feature, figure in figures.items():
            cell = rows[framework_id].select_one(f'[data-figure="{feature}"]')
            assert cell is not None and f"{figure.value:,}" in cell.get_text(), (framework_id, feature)
            assert DATA.framework(framework_id).cells[feature].value == figure.value  # the matrix row agrees
    assert "CUDA" in rows["pytorch"].get_text()
    run = EVIDENCE.frameworks.run
    days = sorted({info.measured.isoformat() for info in EVIDENCE.frameworks.frameworks.values()})
    assert [t["datetime"] for t in table.select("caption time")] == days
    assert run.cpu in soup.select_one("[data-code-run]").get_text()  # type: ignore[union-attr]


def test_every_task_has_a_page_with_a_block_per_result(real_site: Path) -> None:
    for task in EVIDENCE.tasks:
        soup = soup_of(real_site, f"code/{task.id}/index.html")
        assert soup.h1 is not None and soup.h1.get_text(strip=True).startswith(task.spec.title)
        blocks = soup.select(CONTRACT)
        # the committed results and, for a framework whose program nobody has written yet, its "not written yet" entry
        results = {key: result for framework in COVERED for key, result in EVIDENCE.cell(task.id, framework)}
        assert sorted(str(b["data-snippet"]) for b in blocks) == sorted(results)
        assert {str(b["data-framework"]) for b in blocks} == set(COVERED), "a framework without a block"
        for block in blocks:
            result = results[str(block["data-snippet"])]
            assert block["data-task"] == task.id and block["data-result"] == result.status
            assert block["data-result"] in ("passed", "failed", "not-run", "not-available", "not-written")
            assert block.select_one("time[datetime]")["datetime"] == result.date.isoformat()  # type: ignore[index]
            text = block.get_text(" ", strip=True)
            if result.status in ("not-run", "not-available", "not-written"):
                assert result.reason and result.reason.split()[0] in text, "a reason, said out loud"
            if result.status == "not-available":
                assert block.select_one(f'a[href="{result.source}"]') is not None
            if result.file:
                code = block.select_one("div.highlight pre code")
                assert code is not None and code.get_text() == (ROOT / result.file).read_text(encoding="utf-8").rstrip("\n")
                assert code.select("span.k, span.kn"), "keywords highlighted at build time"


def test_task_pages_link_back_and_to_the_matrix_rows(real_site: Path) -> None:
    for task in EVIDENCE.tasks:
        soup = soup_of(real_site, f"code/{task.id}/index.html")
        intro = soup.select_one(f'[data-code-task="{task.id}"]')
        assert intro is not None
        hrefs = [a["href"] for a in intro.select("a")]
        for feature in task.spec.features:
            if DATA.has_feature(feature):
                assert f"../../matrix/#{feature}" in hrefs
        assert "../../code/" in hrefs


def test_framework_pages_list_their_code(real_site: Path) -> None:
    for framework in COVERED:
        soup = soup_of(real_site, f"frameworks/{framework}/index.html")
        section = soup.select_one(f'[data-framework-code="{framework}"]')
        assert section is not None, framework
        assert [li["data-task"] for li in section.select("li[data-task]")] == \
            [t.id for t in EVIDENCE.tasks if EVIDENCE.cell(t.id, framework)]
        passed = sum(any(r.status == "passed" for _, r in EVIDENCE.cell(t.id, framework)) for t in EVIDENCE.tasks)
        assert f"pass in {passed} of" in section.get_text()
    retired = next(f for f in DATA.frameworks if f.id not in COVERED)
    assert soup_of(real_site, f"frameworks/{retired.id}/index.html").select_one("[data-framework-code]") is None


def test_pair_pages_compare_the_code_task_by_task(real_site: Path) -> None:
    a, b = sorted(fw.id for fw in live_site().paired if fw.id in COVERED)[:2]  # two frameworks with a pair page
    soup = soup_of(real_site, f"compare/{a}-vs-{b}/index.html")
    section = soup.select_one("[data-pair-code]")
    assert section is not None
    for li in section.select("li[data-task]"):
        for side in (a, b):
            shown = sorted(str(s["data-result"]) for s in li.select(f'[data-framework="{side}"] [data-result]'))
            assert shown == sorted(r.status for _, r in EVIDENCE.cell(str(li["data-task"]), side)), (li["data-task"], side)
    assert len(section.select("li[data-task]")) == len(EVIDENCE.tasks)
