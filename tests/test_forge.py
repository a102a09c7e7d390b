"""The repository's address and branch are set once (dlmatrix.REPOSITORY, dlmatrix.BRANCH); the files that cannot read
them (YAML and templates the forge or the theme reads as they are) must say the same."""

from __future__ import annotations

import re

import yaml

from dlmatrix import BRANCH, REPOSITORY
from dlmatrix.site.publish import _ConfigLoader
from tests.conftest import ROOT


def test_every_file_that_names_the_forge_agrees_with_the_one_setting() -> None:
    mkdocs = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(rf'^repo_url: !ENV \[REPO_URL, "{re.escape(REPOSITORY)}"\]$', mkdocs, re.M)
    assert yaml.load(mkdocs, Loader=_ConfigLoader)["edit_uri"] == f"edit/{BRANCH}/docs/"
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["repository-code"] == REPOSITORY
    forms = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE/config.yml").read_text(encoding="utf-8"))
    assert all(link["url"].startswith(f"{REPOSITORY}/blob/{BRANCH}/") for link in forms["contact_links"])
    actions = (ROOT / "overrides/partials/actions.html").read_text(encoding="utf-8")
    assert set(re.findall(r'"/(?:edit|tree)/(\w+)/"', actions)) == {BRANCH}


def test_no_python_module_writes_the_forge_or_the_branch_itself() -> None:
    for path in (ROOT / "dlmatrix").rglob("*.py"):
        if path.name == "__init__.py" and path.parent.name == "dlmatrix":
            continue
        text = path.read_text(encoding="utf-8")
        assert REPOSITORY not in text and f"/blob/{BRANCH}/" not in text and "/blob/main/" not in text, path
