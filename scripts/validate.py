"""Check data files and report every problem as file:line:column: message.

    python scripts/validate.py              # all of data/
    python scripts/validate.py data/frameworks/pytorch.yaml
    python scripts/validate.py --github     # also print GitHub annotations (::error file=...) for CI

Exits 0 with a one-line summary, 1 when there are errors, 2 on bad usage. Never prints a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import _project  # enters the project's virtualenv before the imports below

_project.enter()

from dlmatrix.data.validate import validate_paths, warnings
from dlmatrix.tools.annotations import github_annotation


def main(argv: list[str]) -> int:
    if any(arg in ("-h", "--help") for arg in argv):
        print(__doc__.strip())
        return 0
    github = "--github" in argv
    argv = [arg for arg in argv if arg != "--github"]
    if unknown := [arg for arg in argv if arg.startswith("-")]:
        print(f"validate: unknown option {unknown[0]}; see --help", file=sys.stderr)
        return 2
    paths = [Path(arg) for arg in argv] or [Path("data")]
    try:
        errors, datasets = validate_paths(paths)
    except Exception as exc:  # a bug in the validator itself must still not show a traceback
        print(f"validate: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    for error in errors:
        print(error, file=sys.stderr)
    if github:  # on stdout, where the Actions runner reads workflow commands
        for error in errors:
            print(github_annotation(error))
    if errors:
        print(f"{len(errors)} error(s) found; nothing was built.", file=sys.stderr)
        return 1
    for root in datasets:
        for warning in warnings(root):
            print(warning)
    for dataset in datasets.values():
        cells = len(dataset.frameworks) * len(dataset.features)
        print(f"OK: {len(dataset.frameworks)} frameworks, {len(dataset.topics)} topics, "
              f"{len(dataset.features)} features ({cells} cells), {len(dataset.use_cases)} use cases.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
