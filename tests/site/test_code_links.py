"""Links from the matrix to the code evidence, in the real site: a matrix cell (its popover) and a framework page's
full cell link to the programs that demonstrate the feature in that framework, one per task, with its result."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from dlmatrix.data.evidence import covered_frameworks, load_evidence
from tests.conftest import ROOT

pytestmark = pytest.mark.build

EVIDENCE = load_evidence(ROOT)
COVERED = covered_frameworks(ROOT, EVIDENCE.environment, [])


def soup_of(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def expected_links(feature: str, framework: str) -> list[str]:
    """The tasks whose programs demonstrate a feature in a framework: one link per task, from the evidence."""
    return [task.id for task in EVIDENCE.tasks if feature in task.spec.features
            and any(result.file for _, result in EVIDENCE.cell(task.id, framework))]


def test_matrix_cells_link_to_the_programs_that_demonstrate_them(real_site: Path) -> None:
    soup = soup_of(real_site, "matrix/index.html")
    linked = 0
    for tr in soup.select("table[data-matrix-table] tr[data-feature]"):
        for td in tr.select("td[data-framework]"):
            links = td.select("a[data-code]")
            tasks = [urlsplit(str(a["href"])).path.rstrip("/").rsplit("/", 1)[-1] for a in links]
            where = (str(tr["data-feature"]), str(td["data-framework"]))
            assert tasks == expected_links(*where), where
            for a in links:
                result = EVIDENCE.results[tasks[links.index(a)]].results[urlsplit(str(a["href"])).fragment]
                assert a["data-code"] == result.status and result.framework == td["data-framework"]
            linked += len(links)
    assert linked > 0




def test_framework_pages_cells_link_to_their_programs(real_site: Path) -> None:
    for framework in COVERED:
        soup = soup_of(real_site, f"frameworks/{framework}/index.html")
        for row in soup.select("table[data-cell-list] tr[data-feature]"):
            links = row.select(".dlm-code-links a[data-code]")
            tasks = [urlsplit(str(a["href"])).path.rstrip("/").rsplit("/", 1)[-1] for a in links]
            assert tasks == expected_links(str(row["data-feature"]), framework), (framework, row["data-feature"])
