"""The one URL builder: entity pages come from the page-kind table, and a link to a page the site does not have fails
(the macro's error names the page that asked); the stubs use the same table."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlmatrix.site.stubs import stub_path, stub_text
from dlmatrix.site.urls import PAGE_KINDS, Urls, page_urls


def test_page_urls_are_the_folder_urls_of_the_docs_files(tmp_path: Path) -> None:
    for name in ("index.md", "claims.md", "about/changes.md", "code/index.md", "code/train.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert page_urls(tmp_path) == {"", "claims/", "about/changes/", "code/", "code/train/"}


def test_a_link_to_a_page_the_site_does_not_have_fails() -> None:
    url = Urls("../", pages=frozenset({"claims/"}))
    assert url.page("claims/") == "../claims/" and url.page("claims/#top") == "../claims/#top"
    with pytest.raises(ValueError, match="'claimz/'"):
        url.page("claimz/")
    assert Urls("").page("anything/") == "anything/"  # no list of pages (a test, a tool): nothing to check against


def test_entity_pages_and_their_stubs_read_one_table(tmp_path: Path) -> None:
    url = Urls("")
    for kind, (folder, macro) in PAGE_KINDS.items():
        assert url.entity(kind, "x") == f"{folder}/x/"
        assert stub_path(tmp_path, kind, "x") == tmp_path / folder / "x.md"
        assert f'{macro}("x")' in stub_text(kind, "x")
    assert (url.framework("x"), url.use_case("x"), url.topic("x")) == (
        url.entity("framework", "x"), url.entity("use_case", "x"), url.entity("topic", "x"))
