"""Stub pages: the one thin Markdown file each data-driven page needs.

MkDocs and Zensical only render pages that exist as files, and we render through macros only (no
hooks, no gen-files), so each framework, use case and topic has a stub under docs/ that calls
its macro. scripts/new.py writes them; a test fails when one is missing, stale or orphaned.
"""

from __future__ import annotations

from pathlib import Path

from dlmatrix.data.load import Dataset

# kind -> (docs folder, data folder, macro)
PAGE_KINDS: dict[str, tuple[str, str, str]] = {
    "framework": ("frameworks", "frameworks", "framework_page"),
    "use_case": ("use-cases", "use_cases", "use_case_page"),
    "topic": ("topics", "topics", "topic_page"),
}


def stub_text(kind: str, entity_id: str) -> str:
    _, data_folder, macro = PAGE_KINDS[kind]
    return (f"---\ndata_file: data/{data_folder}/{entity_id}.yaml\n---\n\n"
            f'{{{{ {macro}("{entity_id}") }}}}\n')


def stub_path(docs_dir: Path, kind: str, entity_id: str) -> Path:
    return docs_dir / PAGE_KINDS[kind][0] / f"{entity_id}.md"


def expected_stubs(dataset: Dataset, docs_dir: Path) -> dict[Path, str]:
    """Every stub the data needs, with its exact content."""
    ids = {
        "framework": [f.id for f in dataset.frameworks],
        "use_case": [u.id for u in dataset.use_cases],
        "topic": [t.id for t in dataset.topics],
    }
    return {stub_path(docs_dir, kind, entity_id): stub_text(kind, entity_id)
            for kind, entity_ids in ids.items() for entity_id in entity_ids}


def orphan_stubs(dataset: Dataset, docs_dir: Path) -> list[Path]:
    """Stub files with no data behind them (index.md pages excluded)."""
    expected = set(expected_stubs(dataset, docs_dir))
    return sorted(p for folder, _, _ in PAGE_KINDS.values() for p in (docs_dir / folder).glob("*.md")
                  if p.name != "index.md" and p not in expected)


def write_stubs(dataset: Dataset, docs_dir: Path) -> list[Path]:
    written = []
    for path, text in expected_stubs(dataset, docs_dir).items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
