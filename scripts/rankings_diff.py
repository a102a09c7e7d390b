"""How each use case's computed ranking changes against another version of the data.

    python scripts/rankings_diff.py                 # against main
    python scripts/rankings_diff.py --base origin/main --top 5

Prints Markdown (the pull-request workflow posts it as a comment). Exit 0 whether or not rankings move;
2 when either version of the data cannot be loaded.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

import _project  # enters the project's virtualenv before the imports below

_project.enter()

from dlmatrix.data.dataset import Dataset
from dlmatrix.tools.rankings_diff import compare, data_at, load_or_explain, report


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--base", default="main", help="git ref to compare with (default: main)")
    parser.add_argument("--data", type=Path, default=_project.ROOT / "data", help="the new data (default: data/)")
    parser.add_argument("--top", type=int, default=5, help="how many places to show per use case")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        try:
            before = load_or_explain(data_at(args.base, _project.ROOT, Path(tmp)))
        except ValueError as exc:
            print(f"rankings-diff: {exc}", file=sys.stderr)
            return 2
        after = load_or_explain(args.data)
        for label, loaded in (("the data at " + args.base, before), ("the new data", after)):
            if not isinstance(loaded, Dataset):
                print(f"rankings-diff: {label} does not load: {loaded}", file=sys.stderr)
                return 2
        assert isinstance(before, Dataset) and isinstance(after, Dataset)
        print(report(compare(before, after, dt.date.today()), args.base, args.top), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
