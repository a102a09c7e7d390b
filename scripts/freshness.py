"""List cells verified more than N months ago, grouped by framework, with file:line of each.

    python scripts/freshness.py                  # older than 12 months, as text
    python scripts/freshness.py --months 6
    python scripts/freshness.py --markdown       # for the `stale-data` issue (.github/workflows/freshness.yml)
    python scripts/freshness.py --data DIR --today 2026-11-25

A report: exits 0 whatever it finds (2 only on bad usage).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import _project  # enters the project's virtualenv before the imports below

_project.enter()

from dlmatrix.tools.freshness import report, stale_cells


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="freshness.py", description="List cells due for re-verification.")
    parser.add_argument("--months", type=int, default=12, help="age in months that counts as stale (default 12)")
    parser.add_argument("--markdown", action="store_true", help="print Markdown (for the stale-data issue)")
    parser.add_argument("--data", type=Path, default=Path("data"), help="the data folder (default data/)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="the date to count from, YYYY-MM-DD (default: today)")
    args = parser.parse_args(argv)
    if args.months < 0:
        parser.error("--months must be 0 or more")
    cells = stale_cells(args.data, args.months, args.today)
    sys.stdout.write(report(cells, args.months, args.today, markdown=args.markdown))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
