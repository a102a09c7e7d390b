"""The same mkdocs.yml builds with Zensical (Material's successor) and gives the same matrix cells."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT, VENV_BIN, run

pytestmark = pytest.mark.build

PROJECT_PARTS = ["mkdocs.yml", "main.py", "docs", "data", "dlmatrix", "overrides", "examples"]


def cells(site: Path) -> list[tuple[str, str, str, str]]:
    soup = BeautifulSoup((site / "matrix/index.html").read_text(encoding="utf-8"), "html.parser")
    return [(td.find_parent("tr")["data-feature"], td["data-framework"], td["data-level"], td.get_text(" ", strip=True))
            for td in soup.select("table[data-matrix-table] td[data-framework]")]


def test_zensical_build_has_the_same_cells(real_site: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, project / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, project / part)
    result = run([str(VENV_BIN / "zensical"), "build", "--clean", "--strict"], cwd=project,
                 env={"SOURCE_DATE_EPOCH": "1767225600"})
    assert result.returncode == 0, result.stdout + result.stderr
    zensical_cells = cells(project / "site")
    assert zensical_cells, "Zensical's matrix page has no cells"
    assert zensical_cells == cells(real_site)
    pages = lambda site: sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))  # noqa: E731
    assert pages(project / "site") == pages(real_site)  # every data-driven page, under both builders
