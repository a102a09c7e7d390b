"""Every internal link and anchor in the built site resolves; every source URL in data/ is well-formed https.

External links are not fetched here (see `make linkcheck`)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT, SITE_URL  # the address real_site is built for: canonical links use it

pytestmark = pytest.mark.live_data  # checks the live data: the contributor-path test runs it on a scaffolded copy too

LINK_ATTRIBUTES = {"a": "href", "link": "href", "area": "href", "script": "src", "img": "src", "iframe": "src",
                   "source": "src", "form": "action"}


def page_url(site: Path, page: Path) -> str:
    relative = page.relative_to(site).as_posix()
    return SITE_URL + (relative.removesuffix("index.html") if relative.endswith("index.html") else relative)


def target_file(site: Path, path: str) -> Path | None:
    candidate = site / unquote(path)
    if path == "" or path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


@cache
def ids_in(page: Path) -> frozenset[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    ids |= {tag["name"] for tag in soup.find_all("a", attrs={"name": True})}
    return frozenset(ids)


def check_link(site: Path, base: str, href: str) -> str | None:
    """None if `href` (on the page at `base`) resolves, else why not. External links: None."""
    href = href.strip()
    if not href or href.startswith(("mailto:", "tel:")):
        return None
    absolute = urljoin(base, href)
    if not absolute.startswith(SITE_URL):
        scheme = urlsplit(absolute).scheme
        return None if scheme in ("http", "https") else f"unexpected scheme {scheme!r}"
    parts = urlsplit(absolute)
    path = parts.path[len(urlsplit(SITE_URL).path):]
    target = target_file(site, path)
    if target is None:
        return f"no file for /{path}"
    fragment = unquote(parts.fragment)
    if fragment and target.suffix == ".html" and fragment not in ids_in(target):
        return f"no element with id {fragment!r} in /{target.relative_to(site).as_posix()}"
    return None


def test_every_internal_link_and_anchor_resolves(real_site: Path) -> None:
    broken: list[str] = []
    pages = sorted(real_site.rglob("*.html"))
    checked = 0
    for page in pages:
        base = page_url(real_site, page)
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(list(LINK_ATTRIBUTES)):
            value = tag.get(LINK_ATTRIBUTES[tag.name])
            if value is None:
                continue
            checked += 1
            problem = check_link(real_site, base, value)
            if problem:
                broken.append(f"{page.relative_to(real_site)}: {value} -> {problem}")
    assert checked > 500, f"only {checked} links found: is the site empty?"
    assert not broken, f"{len(broken)} broken internal link(s):\n" + "\n".join(sorted(set(broken)))


def test_every_framework_topic_and_use_case_page_is_linked_and_exists(real_site: Path) -> None:
    """The matrix links each active framework and every topic, the retired matrix each retired framework;
    those targets must be pages (strict by design)."""
    import yaml

    def hrefs_of(page: str) -> set[str]:
        soup = BeautifulSoup((real_site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
        return {a["href"] for a in soup.find_all("a", href=True)}

    matrix, retired = hrefs_of("matrix"), hrefs_of("matrix-retired")
    for data_file in sorted((ROOT / "data/frameworks").glob("*.yaml")):
        is_retired = yaml.safe_load(data_file.read_text(encoding="utf-8")).get("status") == "retired"
        page, hrefs = ("matrix-retired", retired) if is_retired else ("matrix", matrix)
        link = f"../frameworks/{data_file.stem}/"
        assert link in hrefs, f"{page} does not link {link}"
        assert (real_site / "frameworks" / data_file.stem / "index.html").is_file(), f"/frameworks/{data_file.stem}/ missing"
    for data_file in sorted((ROOT / "data/topics").glob("*.yaml")):
        link = f"../topics/{data_file.stem}/"
        assert link in matrix, f"matrix does not link {link}"
        assert (real_site / "topics" / data_file.stem / "index.html").is_file(), f"/topics/{data_file.stem}/ missing"


def test_search_index_and_sitemap_point_at_pages(real_site: Path) -> None:
    index = json.loads((real_site / "search/search_index.json").read_text(encoding="utf-8"))
    broken = [doc["location"] for doc in index["docs"]
              if check_link(real_site, SITE_URL, doc["location"] or "./") is not None]
    assert not broken, broken
    sitemap = (real_site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locations and all(check_link(real_site, SITE_URL, loc) is None for loc in locations), locations


def test_link_checker_finds_broken_links(tmp_path: Path) -> None:
    """The checker itself can fail: a missing page and a missing anchor are both reported."""
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<p id="top">x</p>')
    (tmp_path / "a/index.html").write_text('<h2 id="here">y</h2>')
    assert check_link(tmp_path, SITE_URL + "a/", "../#top") is None
    assert check_link(tmp_path, SITE_URL + "a/", "#here") is None
    assert check_link(tmp_path, SITE_URL + "a/", "https://example.org/x") is None
    assert check_link(tmp_path, SITE_URL + "a/", "../b/") == "no file for /b/"
    assert check_link(tmp_path, SITE_URL + "a/", "../#nope") == "no element with id 'nope' in /index.html"
    assert check_link(tmp_path, SITE_URL, "javascript:alert(1)") == "unexpected scheme 'javascript'"


# --- Source URLs in data/ --------------------------------------------------------------------------

# http:// only where the source has no https: URL prefix -> the reason. Empty today: every source in data/
# is https. Add an entry like
#     "http://example.edu/~lab": "the lab's page has no certificate; no https mirror exists",
# only after checking that no https address serves the same page.
HTTP_ALLOWED: dict[str, str] = {}
URL_PATTERN = re.compile(r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d+)?(/[^\s\"'<>\\^`{|}]*)?$")


def data_urls() -> list[tuple[str, str]]:
    """(file, url) for every URL in data/: homepage, repository, `sources` and links in notes."""
    from dlmatrix.tools.cited_urls import cited_urls

    return cited_urls(ROOT / "data")


def test_every_source_url_is_well_formed_https() -> None:
    urls = data_urls()
    assert len(urls) > 500
    bad = [f"{file}: {url}" for file, url in urls if not URL_PATTERN.match(url)]
    assert not bad, "malformed URLs:\n" + "\n".join(bad)
    plain = [f"{file}: {url}" for file, url in urls
             if url.startswith("http://") and not url.startswith(tuple(HTTP_ALLOWED))]
    assert not plain, "http:// URLs (use https, or add the host to HTTP_ALLOWED with a reason):\n" + "\n".join(plain)


def test_http_allow_list_has_no_stale_entries() -> None:
    used = {url for _, url in data_urls() if url.startswith("http://")}
    stale = [prefix for prefix in HTTP_ALLOWED if not any(url.startswith(prefix) for url in used)]
    assert not stale, f"remove from HTTP_ALLOWED, no data URL uses them: {stale}"
