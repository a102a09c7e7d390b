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

import _project  # enters the project's virtualenv before the imports below

_project.enter()

from dlmatrix.tools.sync import main

if __name__ == "__main__":
    if any(arg in ("-h", "--help") for arg in sys.argv[1:]):
        print(__doc__.strip())
        sys.exit(0)
    sys.exit(main(sys.argv[1:]))
