"""Structured data in pages: the schema.org Dataset of the home and API pages (dlmatrix/site/meta.py)."""

from __future__ import annotations

from dlmatrix.site.meta import dataset_jsonld as dataset_document
from dlmatrix.site.pages import Page, macro


@macro
def dataset_jsonld(page: Page, description: str, repo_url: str = "") -> str:
    """The data set as a schema.org Dataset (JSON-LD): name, description, licence, creator, date, version,
    distributions and citation."""
    return page.html("jsonld.html", document=dataset_document(page.site, page.url, description, repo_url))
