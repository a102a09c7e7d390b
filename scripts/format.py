"""Rewrite data files in the one canonical format (key order, indentation), keeping comments.

    python scripts/format.py                 # format every file under data/
    python scripts/format.py --check         # change nothing; show the diff of files that would change, exit 1 if any
    python scripts/format.py data/frameworks/pytorch.yaml

Canonical: the `# yaml-language-server: $schema=...` first line; keys in the order of the model
fields (dlmatrix/data/model.py); cells in catalog order; 2-space indentation. Values never change.
Exits 0 when done (or, with --check, when every file is already formatted), 1 otherwise, 2 on bad usage.
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

import _project  # enters the project's virtualenv before the imports below

_project.enter()

from dlmatrix.data.layout import find_data_root
from dlmatrix.data.writer import DataWriter
from dlmatrix.tools.formatting import catalog_order, data_files, format_file


def main(argv: list[str]) -> int:
    if any(arg in ("-h", "--help") for arg in argv):
        print(__doc__.strip())
        return 0
    check = "--check" in argv
    args = [arg for arg in argv if arg != "--check"]
    if unknown := [arg for arg in args if arg.startswith("-")]:
        print(f"format: unknown option {unknown[0]}; see --help", file=sys.stderr)
        return 2
    files: list[Path] = []
    for arg in args or ["data"]:
        path = Path(arg)
        if path.is_dir():  # a data folder, or one of its kind folders
            root = find_data_root(path.resolve())
            files.extend(p for p in data_files(root) if path.resolve() in p.resolve().parents)
        elif path.is_file():
            files.append(path)
        else:
            print(f"{path}: no such file or folder", file=sys.stderr)
            return 2
    orders: dict[Path, list[str]] = {}
    changed, failed = [], []
    diffs: dict[Path, str] = {}
    for file in files:
        root = find_data_root(file.resolve().parent)
        features = orders.setdefault(root, catalog_order(root))
        result = format_file(file, features)
        if result.error:
            failed.append(result.error)
        elif result.changed:
            changed.append(file)
            diffs[file] = result.new_text or ""
            if not check and result.new_text is not None:
                DataWriter(root).write({file: result.new_text}, check=False)  # the formatter never changes a value
    for message in failed:
        print(message, file=sys.stderr)
    shown = [_display(p) for p in changed]
    if check:
        for path, name in zip(changed, shown, strict=True):
            print(f"{name}: not formatted", file=sys.stderr)
            sys.stderr.writelines(difflib.unified_diff(
                path.read_text(encoding="utf-8").splitlines(keepends=True), diffs[path].splitlines(keepends=True),
                fromfile=f"{name} (as written)", tofile=f"{name} (canonical)"))
        if changed:
            print(f"{len(changed)} file(s) would be reformatted; run: python scripts/format.py", file=sys.stderr)
        elif not failed:
            print(f"OK: {len(files)} file(s) already formatted.")
        return 1 if changed or failed else 0
    for name in shown:
        print(f"formatted {name}")
    print(f"{len(changed)} of {len(files)} file(s) reformatted." if changed else f"OK: {len(files)} file(s) already formatted.")
    return 1 if failed else 0


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
