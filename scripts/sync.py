"""Compare the data with what the package registries (PyPI, npm) know for certain.

    python scripts/sync.py                   # report each difference as file:line:col
    python scripts/sync.py --write           # also rewrite the rows the registries decide, and
                                             # data/registry-record.yaml
    python scripts/sync.py --data DIR        # another data folder
    python scripts/sync.py --refresh         # ignore cached answers (.cache/registry/, kept 6 hours)
    python scripts/sync.py --offline         # use only cached answers

Exit status: 0 no difference; 1 differences (after --write: the ones it could not write, such as levels a
person must judge); 2 a registry is unreachable or answered garbage, or the data is invalid (nothing written).
The report goes to stdout, progress to stderr.
"""

from __future__ import annotations

import sys
from pathlib import Path


def run(argv: list[str]) -> int:
    if any(arg in ("-h", "--help") for arg in argv):
        print(__doc__.strip())
        return 0
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from dlmatrix.tools.sync import main

    return main(argv)


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
