"""Pages that preview and index well (dlmatrix/site/meta.py): a description of its own on every page, from the data
where the page is about a record; Open Graph and Twitter meta; the schema.org Dataset as JSON-LD on the home and API
pages, read by a JSON-LD processor; sitemap dates from the data behind each page."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from dlmatrix.data.load import load_dataset
from dlmatrix.site.api import data_date, data_version
from dlmatrix.site.meta import dataset_jsonld, framework_date, page_meta, plain
from dlmatrix.site.urls import Urls
from dlmatrix.site.views import Site, site_for
from tests.conftest import ROOT, SITE_URL

SCHEMA = "https://schema.org/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def site(mini_data: Path) -> Site:
    return Site(load_dataset(mini_data), dt.date(2026, 12, 1))


def test_plain_text_needs_no_escaping_and_keeps_the_words() -> None:
    assert plain('Runs *fast* & [well](https://example.org) with `<T>` "quoted"') == \
        "Runs fast and well with T 'quoted'"


def test_framework_pages_describe_their_framework_and_date_from_its_own_data(site: Site, mini_data: Path) -> None:
    pytorch, tensorflow = (page_meta(site, f"frameworks/{fid}.md", True) for fid in ("pytorch", "tensorflow"))
    assert pytorch.description and tensorflow.description and pytorch.description != tensorflow.description
    assert pytorch.description.startswith("PyTorch (active)") and str(len(site.data.features)) in pytorch.description
    assert pytorch.lastmod == framework_date(site.data.framework("pytorch"))
    # one cell checked later: that framework's page (and its pairs) change date, the other's does not
    path = mini_data / "frameworks/pytorch.yaml"
    path.write_text(path.read_text().replace("sources: [https://pytorch.org/docs], verified: 2026-11-01",
                                             "sources: [https://pytorch.org/docs], verified: 2026-11-20"))
    newer = Site(load_dataset(mini_data), dt.date(2026, 12, 1))
    assert page_meta(newer, "frameworks/pytorch.md", True).lastmod == dt.date(2026, 11, 20)
    assert page_meta(newer, "frameworks/tensorflow.md", True).lastmod == tensorflow.lastmod == dt.date(2026, 11, 1)
    assert page_meta(newer, "compare/pytorch-vs-tensorflow.md", True).lastmod == dt.date(2026, 11, 20)


def test_pair_and_topic_pages_have_descriptions_from_the_data(site: Site) -> None:
    pair = page_meta(site, "compare/pytorch-vs-tensorflow.md", True)
    differing = sum(len(g.rows) for g in site.differences(site.data.framework("pytorch"),
                                                                site.data.framework("tensorflow")))
    assert pair.description and f"differ on {differing} of {len(site.data.features)} features" in pair.description
    topic = site.data.topics[0]
    described = page_meta(site, f"topics/{topic.id}.md", True).description
    assert described and described.startswith(plain(topic.name)) and f"{len(topic.features)} features" in described


def test_pages_without_data_have_no_date_and_others_the_newest(site: Site) -> None:
    assert page_meta(site, "about/maintaining.md", has_macros=False) == page_meta(site, "x.md", False)
    assert page_meta(site, "about/maintaining.md", has_macros=False).lastmod is None
    assert page_meta(site, "matrix.md", has_macros=True).lastmod == data_date(site)
    assert page_meta(site, "matrix.md", has_macros=True).description is None  # its front matter has one


# --- the real site ---------------------------------------------------------------------------------------


def soup_of(site_dir: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site_dir / page).read_text(encoding="utf-8"), "html.parser")


def previews(site_dir: Path) -> dict[str, dict[str, str]]:
    """page -> its title, description, Open Graph and Twitter meta (as a parser reads them)."""
    found = {}
    for path in sorted(site_dir.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        tags = soup.select("meta[name=description], meta[property^='og:'], meta[name^='twitter:']")
        found[str(path.relative_to(site_dir))] = {str(t.get("name") or t.get("property")): str(t["content"])
                                                  for t in tags} | {"title": soup.title.get_text() if soup.title else ""}
    return found


@pytest.mark.build
def test_every_page_has_its_own_description_and_preview_meta(real_site: Path) -> None:
    pages = previews(real_site)
    descriptions = [meta.get("description", "") for meta in pages.values()]
    assert all(descriptions) and len(set(descriptions)) == len(descriptions), "a page has no description of its own"
    for page, meta in pages.items():
        assert meta["og:description"] == meta["twitter:description"] == meta["description"], page
        assert meta["og:title"] and meta["og:title"] == meta["twitter:title"], page
        assert meta["twitter:card"] == "summary" and meta["og:type"] == "website", page
        if page != "404.html":
            canonical = soup_of(real_site, page).find("link", rel="canonical")
            assert canonical and meta["og:url"] == canonical["href"], page
    live = site_for(ROOT / "data", dt.date(2026, 1, 1))
    pytorch = pages["frameworks/pytorch/index.html"]
    assert pytorch["og:title"] == live.data.framework("pytorch").name
    assert pytorch["description"] == page_meta(live, "frameworks/pytorch.md", True).description


def expand(document: dict[str, Any]) -> list[dict[str, Any]]:
    """JSON-LD expansion by a real processor (pyld). schema.org's context is given offline: a vocabulary, as the
    one schema.org serves (no network in tests)."""
    from pyld import jsonld

    def loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
        assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
                "document": {"@context": {"@vocab": SCHEMA}}}

    return jsonld.expand(document, {"documentLoader": loader})  # type: ignore[no-any-return]


@pytest.mark.build
@pytest.mark.parametrize("page", ["index.html", "api/index.html"])
def test_home_and_api_pages_carry_the_dataset_as_json_ld(real_site: Path, page: str) -> None:
    scripts = soup_of(real_site, page).select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    document = json.loads(scripts[0].string or "")
    [dataset] = expand(document)
    assert dataset["@type"] == [f"{SCHEMA}Dataset"]
    value = lambda name: dataset[f"{SCHEMA}{name}"][0].get("@value", dataset[f"{SCHEMA}{name}"][0].get("@id"))  # noqa: E731
    live = site_for(ROOT / "data", dt.date(2026, 1, 1))
    assert value("dateModified") == data_date(live).isoformat()
    assert value("version") == data_version(live)
    assert value("license") == "https://creativecommons.org/licenses/by/4.0/"
    assert value("name") and value("description") and value("citation")
    assert dataset[f"{SCHEMA}creator"][0]["@type"] == [f"{SCHEMA}Organization"]
    downloads = dataset[f"{SCHEMA}distribution"]
    assert {d[f"{SCHEMA}encodingFormat"][0]["@value"] for d in downloads} == {"text/csv", "application/json"}
    for download in downloads:  # every distribution is a file of this build
        url = download[f"{SCHEMA}contentUrl"][0]["@value"]
        assert url.startswith(SITE_URL) and (real_site / url.removeprefix(SITE_URL)).is_file(), url
    # nothing the processor dropped: every key of the document is a schema.org term
    assert len(dataset) == len([k for k in document if not k.startswith("@")]) + 1


def test_json_ld_names_are_plain_and_dated(site: Site) -> None:
    document = dataset_jsonld(site, Urls("", "https://example.org/x/"), 'A "quoted" *text*')
    assert document["description"] == "A 'quoted' text" and document["url"] == "https://example.org/x/"
    assert document["dateModified"] == data_date(site).isoformat()


def sitemap(site_dir: Path) -> dict[str, str | None]:
    root = ET.parse(site_dir / "sitemap.xml").getroot()
    return {str(url.findtext(f"{SITEMAP}loc")): url.findtext(f"{SITEMAP}lastmod") for url in root}


@pytest.mark.build
def test_sitemap_dates_come_from_the_data_behind_each_page(real_site: Path) -> None:
    live = site_for(ROOT / "data", dt.date(2026, 1, 1))
    entries = sitemap(real_site)
    assert len(entries) == len([p for p in real_site.rglob("index.html")])
    for loc, lastmod in entries.items():
        path = loc.removeprefix(SITE_URL).rstrip("/")
        source = next(ROOT / "docs" / candidate for candidate in (f"{path}.md", f"{path}/index.md", "index.md")
                      if (ROOT / "docs" / candidate).is_file())
        src = str(source.relative_to(ROOT / "docs"))
        expected = page_meta(live, src, "{{" in source.read_text(encoding="utf-8")).lastmod
        assert lastmod == (expected.isoformat() if expected else None), loc
    build_day = dt.datetime.fromtimestamp(1767225600, dt.UTC).date().isoformat()
    assert build_day not in entries.values()  # not the build date
