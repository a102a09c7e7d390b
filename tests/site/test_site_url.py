"""A build without SITE_URL (a local `make build`) writes no made-up address: no http://127.0.0.1:8000 in its
pages, feeds, sitemap or data files. Only the Pages workflow, which knows the address, sets one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT, build_site

pytestmark = pytest.mark.build

LOCAL = "127.0.0.1:8000"


def test_a_build_without_site_url_names_no_local_address(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = build_site(site, ROOT / "data", site_url="")  # from a copy: docs/ stays the real build's
    assert result.returncode == 0, result.stdout + result.stderr
    written = [p for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".xml", ".json", ".csv", ".txt")]
    assert any(p.name == "sitemap.xml" for p in written) and any(p.name == "changes.xml" for p in written)
    assert [str(p.relative_to(site)) for p in written if LOCAL in p.read_text(encoding="utf-8")] == []
    # the feeds' links stay usable: relative to the feed, which is at the site's root
    assert 'href="about/changes/"' in (site / "changes.xml").read_text(encoding="utf-8")
