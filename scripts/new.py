"""Start a new data file: valid, canonical and honest from the first commit (unknowns say unknown).

    python scripts/new.py framework <id> [--name NAME] [--homepage URL] [--repository URL]
    python scripts/new.py feature <topic-id> <feature-id> [--kind support|text|date|version|number] [--name NAME]
    python scripts/new.py use-case <id> [--name NAME]
    python scripts/new.py stubs      # write missing stub pages, remove orphaned ones (e.g. after a status change)

A framework lists every catalog feature as `level: unknown`; frameworks and use cases also get their
stub page under docs/. Existing or invalid ids are refused (exit 1). The new files are validated;
the next steps are printed. Options --data DIR and --docs DIR point at other folders (tests use them).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
import _project  # enters the project's virtualenv before the imports below

_project.enter()

from dlmatrix.data.layout import is_data_root
from dlmatrix.tools.formatting import FormatError
from dlmatrix.tools.scaffold import KIND_NAMES, ScaffoldError, Written, new_feature, new_framework, new_use_case


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="new.py", description="Start a new framework, feature or use case.")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="data folder (default: data/)")
    parser.add_argument("--docs", type=Path, default=None, help="docs folder (default: docs/ beside the data folder)")
    commands = parser.add_subparsers(dest="command", required=True)
    framework = commands.add_parser("framework", help="a new framework file with every cell 'unknown'")
    framework.add_argument("id")
    framework.add_argument("--name")
    framework.add_argument("--homepage")
    framework.add_argument("--repository")
    feature = commands.add_parser("feature", help="a new feature at the end of a category")
    feature.add_argument("topic")
    feature.add_argument("id")
    feature.add_argument("--kind", default="support", choices=KIND_NAMES)
    feature.add_argument("--name")
    use_case = commands.add_parser("use-case", help="a new use case")
    use_case.add_argument("id")
    use_case.add_argument("--name")
    commands.add_parser("stubs", help="write missing stub pages under docs/ and remove orphaned ones")
    return parser


def _show(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    data: Path = args.data
    docs: Path = args.docs or data.resolve().parent / "docs"
    if not is_data_root(data):
        print(f"new: {data} is not a data folder (expected topics/ and frameworks/ in it)", file=sys.stderr)
        return 1
    if args.command == "stubs":
        return _stubs(data, docs)
    try:
        if args.command == "framework":
            written = new_framework(data, docs, args.id, name=args.name, homepage=args.homepage,
                                    repository=args.repository)
        elif args.command == "use-case":
            written = new_use_case(data, docs, args.id, name=args.name)
        else:
            written = new_feature(data, args.topic, args.id, kind=args.kind, name=args.name)
    except (ScaffoldError, FormatError) as exc:
        print(f"new: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # never a traceback for a contributor
        print(f"new: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return _report(written, args)


def _stubs(data: Path, docs: Path) -> int:
    from dlmatrix.data.errors import DataErrors
    from dlmatrix.data.load import load_dataset
    from dlmatrix.site.stubs import update_stubs

    try:
        written, removed = update_stubs(load_dataset(data), docs)
    except DataErrors as exc:
        print("\n".join(str(e) for e in exc.errors), file=sys.stderr)
        print("new: the data has errors; fix them first (make validate)", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {_show(path)}")
    for path in removed:
        print(f"removed {_show(path)}")
    print(f"stubs: {len(written)} written, {len(removed)} removed; commit docs/ with the data.")
    return 0


def _report(written: Written, args: argparse.Namespace) -> int:
    if written.errors:
        for error in written.errors:
            print(error, file=sys.stderr)
        print("new: the new file did not validate, so nothing was written (see the errors above)", file=sys.stderr)
        return 1
    for path in written.created:
        print(f"created {_show(path)}")
    for path in written.changed:
        print(f"changed {_show(path)}")
    print("Valid. Next steps:")
    steps = ["fill in what you can check, each fact with its sources and the day you checked; the comments in "
             "the file say what (guide and templates: CONTRIBUTING.md)"]
    if args.command == "framework":
        steps += ["for each cell you can check, replace `level: unknown` with a level or value, add `sources` "
                  "(primary first) and set `verified` to the day you checked; leave the rest `unknown`"]
    elif args.command == "feature":
        steps += [f"add a `{args.id}` cell to each file in data/frameworks/ you can check (cells go in catalog "
                  "order; python scripts/format.py puts them there); cells nobody wrote show as unknown",
                  "make rankings-diff: a weighted topic's new row can move use-case rankings"]
    else:
        steps += ["set the weights and must-haves, and write the verdict in your own words with its sources"]
    steps += ["python scripts/validate.py && python scripts/format.py",
              "make serve to preview, then open a pull request"]
    for number, step in enumerate(steps, start=1):
        print(f"  {number}. {step}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
