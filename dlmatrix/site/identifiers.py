"""Identifiers that join a framework to other databases, derived from its data: a Package URL (purl,
https://github.com/package-url/purl-spec) per registry package, and its GitHub repository.

They are derived, not typed by hand: `packages` (what `make sync` reads) and `repository` are the data. The
conda-forge name and the Wikidata id need sourced entries of their own in the data, which it does not have yet.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from dlmatrix.data.model import Framework

_GITHUB_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*$")


def pypi_purl(name: str) -> str:
    """The purl of a PyPI distribution: the name lowercased, underscores as dashes (the purl spec's PyPI rule)."""
    return f"pkg:pypi/{name.lower().replace('_', '-')}"


def npm_purl(name: str) -> str:
    """The purl of an npm package: a scope is the namespace, its "@" percent-encoded."""
    scope, _, package = name.rpartition("/")
    return f"pkg:npm/{quote(scope, safe='')}/{quote(package, safe='')}" if scope else f"pkg:npm/{quote(name, safe='')}"


def purls(framework: Framework) -> list[str]:
    """Every registry package of the framework as a purl: PyPI (main first, as the data lists them), then npm."""
    packages = framework.packages
    if packages is None:
        return []
    return [pypi_purl(p.name) for p in packages.pypi] + [npm_purl(name) for name in packages.npm]


def github_repository(framework: Framework) -> str | None:
    """owner/name on GitHub: the repository whose tags mark releases, else the framework's repository there."""
    if framework.packages and framework.packages.github:
        return framework.packages.github
    if framework.repository and urlsplit(framework.repository).hostname == "github.com":
        slug = urlsplit(framework.repository).path.strip("/").removesuffix(".git")
        return slug if _GITHUB_SLUG.match(slug) else None
    return None
