"""Build the data package: a wheel of every file of the data API and a ten-line loader (dlmatrix/tools/package.py).

    python scripts/package.py [--out dist] [--citation] [DATA_DIR]

--citation also sets CITATION.cff's version and date-released to the data version (the release workflow does).
SITE_URL, REPO_URL and SOURCE_DATE_EPOCH are read as the builders read them.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import _project  # enters the project's virtualenv before the imports below

_project.enter()

from dlmatrix.data.errors import DataErrors
from dlmatrix.site.api import data_version
from dlmatrix.site.api_items import api_v1_files
from dlmatrix.site.history import site_history
from dlmatrix.site.publish import read_config
from dlmatrix.site.urls import Urls
from dlmatrix.site.views import site_for
from dlmatrix.tools.package import build_wheel, set_citation
from main import build_date

ROOT = _project.ROOT


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path,
                        default=Path(os.environ.get("DLM_DATA_DIR") or ROOT / "data"))
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--citation", action="store_true", help="set CITATION.cff's version and date-released")
    args = parser.parse_args()
    _, site_url, repo_url = read_config(ROOT / "mkdocs.yml")
    try:
        site = site_for(args.data_dir, build_date())
    except DataErrors as exc:
        print("\n".join(str(e) for e in exc.errors), file=sys.stderr)
        return 1
    url = Urls("", site_url).public()
    files = api_v1_files(site, url, site.today, site_history(site, args.data_dir), repo_url)
    version = data_version(site)
    wheel = build_wheel(files, version, args.out, site_url)
    print(f"{wheel} (data version {version}, {len(files)} files)")
    if args.citation and set_citation(ROOT / "CITATION.cff", version):
        print(f"CITATION.cff: version {version}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
