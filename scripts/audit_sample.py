"""Draw a random sample of matrix cells to audit by hand, with the seed printed so the same sample can be drawn
again (before and after a re-check).

    python scripts/audit_sample.py                       # 45 cells, a new seed (printed)
    python scripts/audit_sample.py --seed 2112 --n 45    # the same sample again
    python scripts/audit_sample.py --seed 2112 --data /tmp/before/data   # the same cells in an older copy

The sample is drawn from every (framework, feature) cell of the data, sorted, so two copies of the data with the
same cells give the same sample for a seed. Each cell is printed with its file:line, what it says, its note,
sources and verified date, for a person to judge (correct, or a defect and why). An older copy of the data:
`git archive <commit> data | tar -x -C /tmp/before`.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import Any

import _project  # enters the project's virtualenv before the imports below

_project.enter()

from dlmatrix.data.layout import folder_files
from dlmatrix.data.reader import LoadedFile, load_yaml_file


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="audit_sample.py", description="A random sample of cells to audit.")
    parser.add_argument("--seed", type=int, default=None, help="the seed (default: a new one, printed)")
    parser.add_argument("--n", type=int, default=45, help="how many cells (default 45)")
    parser.add_argument("--data", type=Path, default=Path("data"), help="the data folder (default data/)")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 10_000)
    # The raw files, not the checked Dataset: an older copy of the data may break a rule added since.
    files: dict[str, LoadedFile] = {}
    for path in folder_files(args.data / "frameworks"):
        loaded, errors = load_yaml_file(path, str(path))
        if loaded is None:
            for error in errors:
                print(error, file=sys.stderr)
            return 2
        files[path.stem] = loaded
    cells: dict[tuple[str, str], dict[str, Any]] = {
        (framework_id, feature): cell for framework_id, loaded in files.items()
        for feature, cell in (loaded.data.get("cells") or {}).items() if isinstance(cell, dict)}
    keys = sorted(cells)
    sample = sorted(random.Random(seed).sample(keys, min(args.n, len(keys))))
    print(f"seed {seed}: {len(sample)} of {len(keys)} cells")
    for number, (framework_id, feature) in enumerate(sample, start=1):
        cell = cells[(framework_id, feature)]
        line, _ = files[framework_id].position(("cells", feature), key=True)
        says = cell.get("level") if cell.get("value") is None else repr(cell.get("value"))
        extra = f" via {cell['via']}" if cell.get("via") else ""
        kept = f" [derived: {cell['derived']}]" if cell.get("derived") else ""
        print(f"\n{number}. {framework_id}.{feature} = {says}{extra}{kept}  "
              f"({files[framework_id].path}:{line}, verified {cell.get('verified')})")
        if cell.get("note"):
            print(f"   note: {cell['note']}")
        for source in cell.get("sources") or []:
            print(f"   - {source}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
