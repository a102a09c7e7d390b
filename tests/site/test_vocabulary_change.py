"""One home per idea, proven by a change: a level added to a copy of the vocabulary (and nowhere else) reaches the
stylesheet, the badges, the matrix script and the pages, and the tests that read the vocabulary still pass."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import PROJECT_PARTS, VENV_BIN, copy_project, live_dataset, run

pytestmark = pytest.mark.build

NEW_LEVEL = ('    Level("experimental", "Experimental", "✻", "behind a flag, may change without notice", 0.4, True, '
             '"first-party", frozenset({"none"}), Colours("#4a148c", "#f3e5f5", "#e1bee7", "#2d1b33")),\n')


def add_level(vocabulary: Path) -> None:
    text = vocabulary.read_text(encoding="utf-8")
    text, typed = re.subn(r'LevelId = Literal\["full", "partial",', 'LevelId = Literal["full", "partial", "experimental",', text)
    at = text.index('    Level("plugin"')
    assert typed == 1
    vocabulary.write_text(text[:at] + NEW_LEVEL + text[at:], encoding="utf-8")


def test_a_new_level_is_one_entry_in_the_vocabulary(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", (*PROJECT_PARTS, "tests", "pyproject.toml", "data", "examples"))
    add_level(project / "dlmatrix/data/vocabulary.py")
    # one answer of a retired framework takes the new level (a retired framework never tops a ranking the editors
    # would then have to explain)
    retired = next(f for f in live_dataset().frameworks if f.status == "retired")
    feature = next(fid for fid, cell in retired.cells.items() if cell.level == "none")
    framework = project / "data" / "frameworks" / f"{retired.id}.yaml"
    text = framework.read_text(encoding="utf-8")
    at = text.index(f"  {feature}:")
    framework.write_text(text[:at] + text[at:].replace("level: none", "level: experimental", 1), encoding="utf-8")

    # the parts that used to hold a copy of the levels: the stylesheet, the badges, the matrix script, the sync
    check = ("from dlmatrix.site.assets import level_css; from dlmatrix.site.badges import COLOURS; "
             "from dlmatrix.data.vocabulary import script_table; from dlmatrix.tools.sync import SUPPORTED; "
             "css = level_css(); assert '.dlm-level--experimental' in css and '\"✻\"' in css, css; "
             "assert COLOURS['experimental'] == '#4a148c'; "
             "assert script_table()['levels']['experimental']['meets'] is True; assert 'experimental' in SUPPORTED")
    result = run([sys.executable, "-c", check], cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr

    site = tmp_path / "site"
    built = run([str(VENV_BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site)], cwd=project,
                env={"SOURCE_DATE_EPOCH": "1767225600"})
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    matrix = (site / "matrix-retired" / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'<td data-framework="{retired.id}" data-level="experimental"[^>]*><button[^>]*>Experimental<', matrix)
    matrix = (site / "matrix" / "index.html").read_text(encoding="utf-8")
    table = json.loads(BeautifulSoup(matrix, "html.parser").select_one("[data-vocabulary]")["data-vocabulary"])
    assert table["levels"]["experimental"]["word"] == "Experimental"  # what the matrix script reads

    # the tests that read the vocabulary take the new level as it comes (they broke in five places before)
    tests = run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "0", "-m", "not build and not browser",
                 "tests/data/test_vocabulary.py", "tests/site/test_badges.py", "tests/tools/test_bench_data.py",
                 "tests/data/test_scoring.py", "tests/site/test_views.py"], cwd=project)
    assert tests.returncode == 0, tests.stdout[-3000:] + tests.stderr[-2000:]
