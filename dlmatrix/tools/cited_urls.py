"""Every URL the data cites: sources, homepages, repositories, and links inside notes and verdicts.

Used by scripts/linkcheck.py (online check) and the link tests (well-formedness)."""

from __future__ import annotations

import re
from pathlib import Path

from dlmatrix.data.reader import read_raw

MARKDOWN_LINK = re.compile(r"\]\(([^)\s]*)\)")
CITED_KEYS = ("sources", "homepage", "repository")


def cited_urls(data_dir: Path) -> list[tuple[str, str]]:
    """(file, url) for every cited URL, in file order; Markdown links may be of any scheme."""
    found: list[tuple[str, str]] = []

    def walk(node: object, file: str, key: str = "") -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, file, str(k))
        elif isinstance(node, list):
            for item in node:
                walk(item, file, key)
        elif isinstance(node, str):
            urls = [node] if key in CITED_KEYS else MARKDOWN_LINK.findall(node)
            found.extend((file, url) for url in urls)

    for loaded in read_raw(data_dir):
        walk(loaded.data, loaded.path)
    return found
