"""Validate data files: the engine behind scripts/validate.py and the build's own check."""

from __future__ import annotations

from pathlib import Path

from dlmatrix.data.dataset import Dataset
from dlmatrix.data.errors import DataError, DataErrors
from dlmatrix.data.evidence import EXAMPLES_DIR, check_evidence
from dlmatrix.data.layout import find_data_root
from dlmatrix.data.load import load_dataset
from dlmatrix.data.reader import read_raw


def _strings(value: object, loc: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        return [(loc, value)]
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in _strings(item, (*loc, key))]
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in _strings(item, (*loc, index))]
    return []


def warnings(root: Path) -> list[DataError]:
    """What is allowed but worth fixing: a source at an http:// address (readers and the link check get https
    wherever the site offers it). Printed by scripts/validate.py; never stops a build."""
    found = []
    for loaded in read_raw(root):
        for loc, text in _strings(loaded.data):
            if text.startswith("http://"):
                found.append(loaded.error(loc, f"warning: '{text}' is an http:// address; use https:// where the "
                                          "site offers it"))
    return sorted(found)


def validate_paths(paths: list[Path]) -> tuple[list[DataError], dict[Path, Dataset]]:
    """Check each data folder that `paths` belong to. Errors of files not named are left out,
    unless a folder was named; cross-file checks always see the whole folder. A folder named whole is
    checked with the code evidence of its project too (a stale result says to run `make evidence`)."""
    wanted: dict[Path, set[Path] | None] = {}
    for path in paths:
        root = find_data_root(path.resolve())
        named = wanted.get(root, set())
        if path.is_dir():
            wanted[root] = None
        elif named is not None:
            wanted[root] = named | {path.resolve()}
    errors: list[DataError] = []
    datasets: dict[Path, Dataset] = {}
    for root, files in wanted.items():
        missing = [f for f in (files or ()) if not f.exists()]
        errors.extend(DataError(str(f), 1, 1, "no such file") for f in missing)
        try:
            datasets[root] = load_dataset(root)
        except DataErrors as exc:
            errors.extend(e for e in exc.errors if files is None or Path(e.path).resolve() in files)
        if files is None and (root.parent / EXAMPLES_DIR / "environments.yaml").is_file():
            errors.extend(check_evidence(root.parent))
    return sorted(set(errors)), datasets
