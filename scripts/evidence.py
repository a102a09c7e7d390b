"""Run every example program in its framework's own virtualenv and record the results (make evidence).

    python scripts/evidence.py                          # every task, every framework (about 15 minutes here)
    python scripts/evidence.py --frameworks pytorch,keras-torch --tasks export
    python scripts/evidence.py --check                  # only check the committed results against examples/
    python scripts/evidence.py --cells                  # only rewrite the measured matrix cells from the committed run

Writes data/evidence/tasks/<task>.yaml and data/evidence/frameworks.yaml, then the matrix cells marked
`derived: measured` (install size, import time) in data/frameworks/; venvs live in .cache/evidence/venvs/.
Exits 0 when the run finished (failed programs are results, not errors), 1 on configuration errors, when the
measured cells could not be written (the results are) or, with --check, when a committed result is stale or
missing; 2 on bad usage.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import _project  # enters the project's virtualenv before the imports below

_project.enter()

from dlmatrix.data.evidence import check_evidence
from dlmatrix.tools.evidence import parse_args, run, update_measured_cells

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    if "--check" in argv:
        errors = check_evidence(ROOT)
        for error in errors:
            print(error)
        print(f"evidence: {len(errors)} problem(s)" if errors else "evidence: every result matches its program")
        return 1 if errors else 0
    if "--cells" in argv:
        errors = update_measured_cells(ROOT, dt.date.today(), lambda line: print(line, flush=True))
        for error in errors:
            print(error, file=sys.stderr)
        return 1 if errors else 0
    options = parse_args(argv)
    errors = run(ROOT, options, log=lambda line: print(line, flush=True))
    for error in errors:
        print(error, file=sys.stderr)
    if errors:
        return 1
    problems = check_evidence(ROOT)
    for problem in problems:
        print(problem)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
