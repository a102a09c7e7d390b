"""The macros bridge (mkdocs-macros `define_env`, also run by Zensical): exposes dlmatrix to pages.

Keep it thin: load the data once, register one macro per page fragment. All logic lives in dlmatrix/,
all HTML in dlmatrix/templates/.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # Zensical loads this file by path, not from the project root
if os.environ.get("DLM_RELOAD"):  # make serve: pick up edits to dlmatrix/ on every rebuild
    for name in [m for m in sys.modules if m == "dlmatrix" or m.startswith("dlmatrix.")]:
        del sys.modules[name]

from dlmatrix.site import pages  # noqa: E402
from dlmatrix.data.errors import DataErrors  # noqa: E402
from dlmatrix.data.load import Dataset, load_dataset_cached  # noqa: E402


def _dataset() -> Dataset:
    try:
        return load_dataset_cached(os.environ.get("DLM_DATA_DIR") or ROOT / "data")
    except DataErrors as exc:
        # Same messages as scripts/validate.py; exiting here stops the build with no traceback.
        print("\n".join(str(e) for e in exc.errors), file=sys.stderr)
        print(f"{len(exc.errors)} data error(s): the site was not built.", file=sys.stderr)
        raise SystemExit(1) from None


def build_date() -> dt.date:
    # Reproducible builds: the date comes from SOURCE_DATE_EPOCH when it is set.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date() if epoch else dt.date.today()


def define_env(env: Any) -> None:
    # Loaded once per build: mkdocs-macros runs define_env at every (re)build of `mkdocs serve`,
    # and Zensical runs it for every page (load_dataset_cached then returns the parsed data).
    dataset = _dataset()

    def base() -> str:
        # Relative path from the current page to the site root, so links work under any prefix.
        url = getattr(env.page, "url", "") or ""
        return "../" * url.count("/")

    @env.macro
    def matrix(categories: list[str] | None = None, frameworks: list[str] | None = None) -> str:
        return pages.matrix_html(dataset, base(), categories, frameworks)

    @env.macro
    def legend() -> str:
        return pages.legend_html()

    @env.macro
    def frameworks_table() -> str:
        return pages.frameworks_table_html(dataset, base())

    @env.macro
    def compare(frameworks: list[str], features: list[str] | None = None, category: str | None = None,
                caption: str = "") -> str:
        return pages.compare_html(dataset, base(), frameworks, features, category, caption=caption)

    @env.macro
    def framework_page(framework_id: str) -> str:
        return pages.framework_page_md(dataset, base(), framework_id)

    @env.macro
    def use_case_page(use_case_id: str) -> str:
        return pages.use_case_page_md(dataset, base(), use_case_id)

    @env.macro
    def topic_page(category_id: str) -> str:
        return pages.topic_page_md(dataset, base(), category_id)

    @env.macro
    def index(kind: str) -> str:
        return pages.index_html(dataset, base(), kind)

    @env.macro
    def verdicts(kind: str) -> str:
        return pages.verdict_summary_html(dataset, base(), kind)

    @env.macro
    def claims() -> str:
        return pages.claims_html(dataset, base())

    @env.macro
    def coverage_table() -> str:
        return pages.coverage_html(dataset, base(), build_date())

    env.variables["dataset_counts"] = {
        "frameworks": len(dataset.frameworks),
        "features": len(dataset.features),
        "categories": len(dataset.categories),
        "use_cases": len(dataset.use_cases),
    }
