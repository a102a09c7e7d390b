"""Stub pages: the one thin Markdown file each data-driven page needs.

MkDocs and Zensical only render pages that exist as files, and we render through macros only (no
hooks, no gen-files), so each framework, use case and topic has a stub under docs/ that calls
its macro, and so has each pair of frameworks still in use (docs/compare/<a>-vs-<b>.md, ids in
alphabetical order) and each code task (docs/code/<task>.md, one per examples/<task>/task.yaml of the
project the docs folder belongs to). scripts/new.py writes them (`python scripts/new.py stubs` brings them all up to
date after a status change); a test fails when one is missing, stale or orphaned.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

from dlmatrix.data.dataset import Dataset
from dlmatrix.data.layout import path_of
from dlmatrix.site.urls import PAGE_KINDS


def stub_text(kind: str, entity_id: str) -> str:
    _, macro = PAGE_KINDS[kind]
    return (f"---\ndata_file: {path_of(kind, entity_id)}\n---\n\n"
            f'{{{{ {macro}("{entity_id}") }}}}\n')


def stub_path(docs_dir: Path, kind: str, entity_id: str) -> Path:
    return docs_dir / PAGE_KINDS[kind][0] / f"{entity_id}.md"


# Pair pages: one per two frameworks that are not retired, in docs/compare/ (the URL builder's url.compare).
PAIR_FOLDER = "compare"


def pair_ids(framework_ids: list[str]) -> list[tuple[str, str]]:
    """Every pair of the ids given, each pair and the list in alphabetical order."""
    return list(combinations(sorted(set(framework_ids)), 2))


def pair_stub_path(docs_dir: Path, a: str, b: str) -> Path:
    first, second = sorted((a, b))
    return docs_dir / PAIR_FOLDER / f"{first}-vs-{second}.md"


def pair_stub_text(a: str, b: str) -> str:
    first, second = sorted((a, b))
    return f'{{{{ pair_page("{first}", "{second}") }}}}\n'


def pair_stubs(docs_dir: Path, framework_ids: list[str]) -> dict[Path, str]:
    """The pair stubs for frameworks with these ids (those not retired), with their exact content."""
    return {pair_stub_path(docs_dir, a, b): pair_stub_text(a, b) for a, b in pair_ids(framework_ids)}


# Code task pages: one per task of the code evidence (examples/<task>/task.yaml), in docs/code/ (url.code).
CODE_FOLDER = "code"


def code_task_ids(project_root: Path) -> list[str]:
    """The code tasks of a project: the folders of its examples/ that hold a task.yaml."""
    return sorted(path.parent.name for path in (project_root / "examples").glob("*/task.yaml"))


def code_stub_path(docs_dir: Path, task_id: str) -> Path:
    return docs_dir / CODE_FOLDER / f"{task_id}.md"


def code_stub_text(task_id: str) -> str:
    """A task page: its edit link opens the task's task.yaml; wide, so that two programs fit side by side."""
    return (f"---\ndata_file: examples/{task_id}/task.yaml\nhide:\n  - navigation\n  - toc\n---\n\n"
            f'{{{{ code_task("{task_id}") }}}}\n')


def code_stubs(docs_dir: Path, task_ids: list[str]) -> dict[Path, str]:
    return {code_stub_path(docs_dir, task_id): code_stub_text(task_id) for task_id in task_ids}


def expected_stubs(dataset: Dataset, docs_dir: Path, project_root: Path | None = None) -> dict[Path, str]:
    """Every stub the data needs, with its exact content (the code tasks are those of `project_root`, by default
    the folder that holds docs_dir)."""
    ids = {
        "framework": [f.id for f in dataset.frameworks],
        "use_case": [u.id for u in dataset.use_cases],
        "topic": [t.id for t in dataset.topics],
    }
    stubs = {stub_path(docs_dir, kind, entity_id): stub_text(kind, entity_id)
             for kind, entity_ids in ids.items() for entity_id in entity_ids}
    stubs |= code_stubs(docs_dir, code_task_ids(project_root or docs_dir.parent))
    return stubs | pair_stubs(docs_dir, [f.id for f in dataset.frameworks if dataset.settings.has_pair_pages(f)])


def orphan_stubs(dataset: Dataset, docs_dir: Path) -> list[Path]:
    """Stub files with no data behind them (index.md pages excluded)."""
    expected = set(expected_stubs(dataset, docs_dir))
    folders = [folder for folder, _ in PAGE_KINDS.values()] + [PAIR_FOLDER, CODE_FOLDER]
    return sorted(p for folder in folders for p in (docs_dir / folder).glob("*.md")
                  if p.name != "index.md" and p not in expected)


def write_stubs(dataset: Dataset, docs_dir: Path) -> list[Path]:
    """Write the stubs that are missing or differ; returns the paths written (orphans are left alone)."""
    written = []
    for path, text in expected_stubs(dataset, docs_dir).items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def update_stubs(dataset: Dataset, docs_dir: Path) -> tuple[list[Path], list[Path]]:
    """Bring docs/ in line with the data: write missing or stale stubs, delete orphaned ones.
    Returns (written, removed)."""
    written = write_stubs(dataset, docs_dir)
    removed = orphan_stubs(dataset, docs_dir)
    for path in removed:
        path.unlink()
    return written, removed
