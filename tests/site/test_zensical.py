"""The same mkdocs.yml builds with Zensical (Material's successor) into the same site as MkDocs + Material.

For every page: the article's text, every href and src in it resolved against the page's URL, its ids, and the
search entries are the same in both builds. Both builders also build the site under a path prefix (a project
site such as https://example.org/dlmatrix/), and there every link and asset address of every page, the theme's
included, stays inside the prefix and names a file the build wrote.

The sites are built once per test module: MkDocs at the root is the session's `real_site`; Zensical at the root,
and both builders under the prefix, build from copies of the project (the generated files of docs/ depend on the
site's address) with the live data.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Comment, Tag

from tests.conftest import PROJECT_PARTS, ROOT, SITE_URL, VENV_BIN, build_site, copy_project, run
from tests.site.test_csp import assert_strict_policy
from tests.site.test_meta import previews, sitemap

pytestmark = pytest.mark.build

EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}
PREFIX_URL = "https://example.org/dlmatrix/"
ARTICLE = "article.md-content__inner"
# The attributes that hold an address: href and src, and the matrix's page of retired frameworks (its script reads it).
LINKING = ("href", "src", "data-more")
# Addresses a page may hold that are not links into the site (a forge, a licence, a source of a cell).
SCHEMES = ("mailto:", "data:", "javascript:")


def build_zensical(project: Path, site_url: str) -> Path:
    """Zensical collects docs/ before it runs any macro: the generated files first (as `make zensical` does)."""
    copy_project(project, (*PROJECT_PARTS, "scripts"))
    env = {**EPOCH, "SITE_URL": site_url, "DLM_DATA_DIR": str(ROOT / "data")}
    generated = run([str(VENV_BIN / "python"), str(project / "scripts/generate.py"), str(ROOT / "data")],
                    env=env, cwd=project)
    assert generated.returncode == 0, generated.stdout + generated.stderr
    result = run([str(VENV_BIN / "zensical"), "build", "--clean", "--strict"], env=env, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_zensical(tmp_path_factory.mktemp("zensical") / "project", SITE_URL)


@pytest.fixture(scope="module")
def prefixed_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    mkdocs_site = tmp_path_factory.mktemp("prefixed-mkdocs") / "site"
    result = build_site(mkdocs_site, ROOT / "data", site_url=PREFIX_URL)  # from a copy of the project
    assert result.returncode == 0, result.stdout + result.stderr
    zensical = build_zensical(tmp_path_factory.mktemp("prefixed-zensical") / "project", PREFIX_URL)
    return {"mkdocs": mkdocs_site, "zensical": zensical}


# --- what a page is, for the comparison -------------------------------------------------------------------


def pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))


def page_url(site_url: str, page: str) -> str:
    return urljoin(site_url, page.removesuffix("index.html"))


def article(site: Path, page: str) -> Tag | None:
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    return soup.select_one(ARTICLE)


def text(node: Tag) -> str:
    return re.sub(r"\s+", " ", node.get_text(" ", strip=True))


def links(node: Tag, url: str) -> list[str]:
    """Every href and src of the node, in document order, resolved against the page's URL."""
    return [urljoin(url, str(tag[name])) for tag in node.find_all(True) for name in LINKING if tag.has_attr(name)]


def ids(node: Tag) -> list[str]:
    """The ids of the article, but the theme's own (Material's convention: "__skip", "__search"...)."""
    return [str(tag["id"]) for tag in node.find_all(id=True) if not str(tag["id"]).startswith("__")]


def comments(node: Tag) -> list[str]:
    """The HTML comments of the article (a builder must not leave the html_blocks marks in a page)."""
    return [str(c).strip() for c in node.find_all(string=lambda s: isinstance(s, Comment))]


def search_entries(site: Path) -> dict[str, tuple[str, str]]:
    """location -> (title, text) of the builder's search index (MkDocs's search plugin, or Zensical's)."""
    for index, key in (("search/search_index.json", "docs"), ("search.json", "items")):
        if (site / index).is_file():
            entries = json.loads((site / index).read_text(encoding="utf-8"))[key]
            return {e["location"]: (e["title"], re.sub(r"\s+", " ", e["text"]).strip()) for e in entries}
    raise AssertionError(f"no search index in {site}")


def differences(first: Path, second: Path, site_url: str) -> dict[str, list[str]]:
    """What differs between two builds of the same site, by kind: one line per page (or search entry)."""
    found: dict[str, list[str]] = {"pages": [], "text": [], "links": [], "ids": [], "comments": [], "search": []}
    if pages(first) != pages(second):
        found["pages"].append(f"only in one: {sorted(set(pages(first)) ^ set(pages(second)))}")
    for page in sorted(set(pages(first)) & set(pages(second))):
        a, b = article(first, page), article(second, page)
        if a is None or b is None:
            if (a is None) != (b is None):
                found["pages"].append(f"{page}: an article in one build only")
            continue
        url = page_url(site_url, page)
        if text(a) != text(b):
            found["text"].append(page)
        links_a, links_b = links(a, url), links(b, url)
        if links_a != links_b:
            differing = sum(x != y for x, y in zip(links_a, links_b, strict=False)) + abs(len(links_a) - len(links_b))
            example = next(((x, y) for x, y in zip(links_a, links_b, strict=False) if x != y), None)
            found["links"].append(f"{page}: {differing} of {len(links_a)} links differ, e.g. {example}")
        if ids(a) != ids(b):
            found["ids"].append(page)
        if comments(a) != comments(b):
            found["comments"].append(f"{page}: {sorted(set(comments(a)) ^ set(comments(b)))[:3]}")
    entries_a, entries_b = search_entries(first), search_entries(second)
    found["search"] = [location for location in sorted(set(entries_a) | set(entries_b))
                       if entries_a.get(location) != entries_b.get(location)]
    return found


def outside(site: Path, site_url: str) -> list[str]:
    """Every address in any page (theme included) that leaves the site's prefix or names no file of the build."""
    prefix = urlsplit(site_url)
    problems = []
    for page in pages(site):
        soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
        url = page_url(site_url, page)
        for tag in soup.find_all(True):
            for name in LINKING:
                value = str(tag.get(name) or "")
                if not value or value.startswith(SCHEMES):
                    continue
                target = urlsplit(urljoin(url, value))
                if target.netloc != prefix.netloc:
                    continue  # another site: a source, the forge, a licence
                if not target.path.startswith(prefix.path):
                    problems.append(f"{page}: {value} -> {target.path} (outside {prefix.path})")
                    continue
                path = site / target.path.removeprefix(prefix.path)
                if not (path.is_file() or (path / "index.html").is_file()):
                    problems.append(f"{page}: {value} -> {target.path} (no such file)")
    return problems


def summary(found: dict[str, list[str]], total: int) -> str:
    counts = ", ".join(f"{kind}: {len(items)}" for kind, items in found.items())
    examples = "\n".join(f"  {kind}: {items[:3]}" for kind, items in found.items() if items)
    return f"differences over {total} pages ({counts}):\n{examples}"


# --- the tests ----------------------------------------------------------------------------------------------


def test_zensical_builds_the_same_pages_as_mkdocs(real_site: Path, zensical_site: Path) -> None:
    assert pages(zensical_site) == pages(real_site)
    assert len(pages(real_site)) > 1


def test_every_page_has_the_same_text_links_ids_and_search_entries(real_site: Path, zensical_site: Path) -> None:
    found = differences(real_site, zensical_site, SITE_URL)
    assert not any(found.values()), summary(found, len(pages(real_site)))


def test_the_comparison_sees_a_changed_link_text_and_id(real_site: Path, tmp_path: Path) -> None:
    """The comparison is not blind: one link, one word and one id changed in a copy are all reported."""
    import shutil

    copy = tmp_path / "site"
    shutil.copytree(real_site, copy)
    page = copy / "claims/index.html"
    html = page.read_text(encoding="utf-8")
    first_link = re.search(r'href="\.\./matrix/#[^"]+"', html)
    first_id = re.search(r'<article class="dlm-claim" id="([^"]+)"', html)
    assert first_link and first_id
    html = html.replace(first_link.group(0), 'href="../topics/#changed"', 1)
    html = html.replace(first_id.group(0), first_id.group(0).replace(first_id.group(1), "changed"), 1)
    html = html.replace("</h1>", " changed</h1>", 1)
    page.write_text(html, encoding="utf-8")
    found = differences(real_site, copy, SITE_URL)
    assert [len(found[kind]) for kind in ("links", "ids", "text")] == [1, 1, 1], found


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_under_a_path_prefix_every_address_stays_inside_it(prefixed_sites: dict[str, Path], builder: str) -> None:
    site = prefixed_sites[builder]
    problems = outside(site, PREFIX_URL)
    assert not problems, f"{len(problems)} addresses leave {PREFIX_URL} or name no file:\n" + "\n".join(problems[:20])


def test_both_builders_write_the_same_previews_and_sitemap(real_site: Path, zensical_site: Path) -> None:
    """Description, Open Graph and Twitter meta per page, and the sitemap's addresses and dates (test_meta.py checks
    them against the data on the MkDocs build)."""
    assert previews(zensical_site) == previews(real_site)
    assert sitemap(zensical_site) == sitemap(real_site)


def test_zensical_pages_keep_the_content_security_policy(zensical_site: Path) -> None:
    """The policy's hashes (overrides/main.html) hold for zensical-ui's inline scripts too."""
    assert_strict_policy(zensical_site)


def test_under_a_path_prefix_both_builders_build_the_same_site(prefixed_sites: dict[str, Path]) -> None:
    found = differences(prefixed_sites["mkdocs"], prefixed_sites["zensical"], PREFIX_URL)
    assert not any(found.values()), summary(found, len(pages(prefixed_sites["mkdocs"])))
