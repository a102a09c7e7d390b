"""Write the generated files into docs/: the data API (api/v1/), the Atom feeds (changes*.xml), the badges
(badges/) and the site's own assets as shipped (assets/dlm/). Git-ignored; see dlmatrix/site/publish.py.

    python scripts/generate.py [--config mkdocs.yml] [DATA_DIR]

MkDocs builds do this themselves (main.py publishes before MkDocs collects files); Zensical collects
files before it runs the macros, so `make zensical` runs this first. SITE_URL, REPO_URL and
SOURCE_DATE_EPOCH are read as the builders read them.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import _project  # enters the project's virtualenv before the imports below

_project.enter()

from dlmatrix.data.errors import DataErrors
from dlmatrix.site.publish import publish, read_config
from dlmatrix.site.views import site_for
from main import build_date

ROOT = _project.ROOT


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path,
                        default=Path(os.environ.get("DLM_DATA_DIR") or ROOT / "data"))
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    args = parser.parse_args()
    docs_dir, site_url, repo_url = read_config(args.config)
    try:
        site = site_for(args.data_dir, build_date())
    except DataErrors as exc:
        print("\n".join(str(e) for e in exc.errors), file=sys.stderr)
        return 1
    try:
        changed = publish(site, docs_dir, site_url, repo_url, args.data_dir)
    except DataErrors as exc:  # a link where a generated folder or file is: refused, nothing written through it
        print("\n".join(str(e) for e in exc.errors), file=sys.stderr)
        return 1
    print(f"{len(changed)} generated file(s) written or removed under {docs_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
