"""Cells measured by `make evidence`: matrix rows whose value comes from data/evidence/frameworks.yaml.

The evidence run measures, per framework, the download and installed size of its CPU install and the time of its
`import` (dlmatrix/tools/evidence.py). Three number rows of the matrix carry those figures, marked
`derived: measured`, with the run as their source and the date of the measurement as `as_of`:

    download_size_mib    footprint.download_mib, rounded to whole MiB
    installed_size_mib   footprint.installed_mib, rounded to whole MiB
    import_time_ms       import_seconds, in whole milliseconds

`measured_figures()` turns the run's file into those values (the runner writes them with it); `check_files()`
reports a `derived: measured` cell that says something else than the run, like the registry record does for
`derived: registry` cells (dlmatrix/data/record.py). Only the strict reader is needed: no network, no framework.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from dlmatrix import BRANCH
from dlmatrix.data.errors import DataError
from dlmatrix.data.evidence import FrameworkEvidence, FrameworksFile, parse_model
from dlmatrix.data.layout import display
from dlmatrix.data.reader import LoadedFile, load_yaml_file

EVIDENCE_FILE = "evidence/frameworks.yaml"  # inside the data folder
SOURCE_PATH = "data/evidence/frameworks.yaml"  # as the repository names it: the cells' source is its page
RERUN = "run `make evidence` (or `python scripts/evidence.py --cells` to rewrite the cells from the committed run)"


@dataclass(frozen=True)
class Measure:
    feature: str
    what: str  # in words, for messages
    value: Callable[[FrameworkEvidence], int | None]


def _mib(pick: Callable[[FrameworkEvidence], float | None]) -> Callable[[FrameworkEvidence], int | None]:
    def value(info: FrameworkEvidence) -> int | None:
        figure = pick(info)
        return None if figure is None else math.floor(figure + 0.5)  # half up, as people round
    return value


MEASURES: tuple[Measure, ...] = (
    Measure("download_size_mib", "download size (MiB)", _mib(lambda i: i.footprint.download_mib if i.footprint else None)),
    Measure("installed_size_mib", "installed size (MiB)",
            _mib(lambda i: i.footprint.installed_mib if i.footprint else None)),
    Measure("import_time_ms", "import time (ms)",
            lambda i: None if i.import_seconds is None else math.floor(i.import_seconds * 1000 + 0.5)),
)
MEASURED_FEATURES = tuple(measure.feature for measure in MEASURES)


@dataclass(frozen=True)
class Figure:
    """One measured value as a cell holds it."""

    framework: str
    feature: str
    value: int
    as_of: dt.date  # the day the framework was measured


def measured_figures(run: FrameworksFile) -> dict[str, dict[str, Figure]]:
    """framework id -> feature id -> the figure a `derived: measured` cell must hold (figures not measured are
    left out: a framework that did not install has none)."""
    figures: dict[str, dict[str, Figure]] = {}
    for framework_id, info in run.frameworks.items():
        for measure in MEASURES:
            value = measure.value(info)
            if value is not None:
                figures.setdefault(framework_id, {})[measure.feature] = Figure(framework_id, measure.feature, value,
                                                                               info.measured)
    return figures


def read_run(path: Path) -> tuple[FrameworksFile | None, list[DataError]]:
    """The run's file, typed; (None, []) when it does not exist."""
    if not path.exists():
        return None, []
    loaded, errors = load_yaml_file(path, display(path))
    if loaded is None:
        return None, errors
    return parse_model(loaded, FrameworksFile, errors), errors


def is_run_source(url: object) -> bool:
    """Is this the run's file on a forge (…/blob/<branch>/data/evidence/frameworks.yaml, nothing after it)?"""
    if not isinstance(url, str):
        return False
    parts = urlsplit(url)
    return (parts.scheme == "https" and not parts.query and not parts.fragment
            and re.fullmatch(r"/[^/]+/[^/]+/blob/[^/]+/" + re.escape(SOURCE_PATH), parts.path) is not None)


def check_files(framework_files: Iterable[LoadedFile], evidence_path: Path) -> list[DataError]:
    """Cells marked `derived: measured` whose value or `as_of` is not what the run measured, or that name a row
    the run does not measure, with the file, line and column; and problems of the run's file itself."""
    framework_files = list(framework_files)
    marked = [(loaded, feature_id, cell) for loaded in framework_files
              if isinstance(loaded.data, dict) and isinstance(loaded.data.get("cells"), dict)
              for feature_id, cell in loaded.data["cells"].items()
              if isinstance(cell, dict) and cell.get("derived") == "measured"]
    if not marked:
        return []
    run, errors = read_run(evidence_path)
    if errors:
        return sorted(errors)  # the file itself is broken: that message comes first
    figures = measured_figures(run) if run is not None else {}
    for loaded, feature_id, cell in marked:
        framework_id = str(loaded.data.get("id") or Path(loaded.path).stem)
        where = f"cells.{feature_id}"
        if feature_id not in MEASURED_FEATURES:
            errors.append(loaded.error(("cells", feature_id, "derived"), f"{where}: marked `derived: measured`, but "
                                       f"make evidence measures only {', '.join(MEASURED_FEATURES)}; remove `derived`"))
            continue
        figure = figures.get(framework_id, {}).get(feature_id)
        if figure is None:
            errors.append(loaded.error(("cells", feature_id, "derived"), f"{where}: marked `derived: measured`, but "
                                       f"{SOURCE_PATH} has no such figure for {framework_id}; {RERUN}, or remove "
                                       "`derived` to keep a hand-written cell"))
            continue
        value, as_of = cell.get("value"), cell.get("as_of")
        if isinstance(value, bool) or value != figure.value:
            loc = ("cells", feature_id, "value") if "value" in cell else ("cells", feature_id)
            errors.append(loaded.error(loc, f"{where}.value: {value!r} contradicts the evidence run of "
                                       f"{figure.as_of.isoformat()} ({figure.value} in {SOURCE_PATH}); {RERUN}"))
        elif as_of != figure.as_of:
            loc = ("cells", feature_id, "as_of") if "as_of" in cell else ("cells", feature_id)
            shown = as_of.isoformat() if isinstance(as_of, dt.date) else repr(as_of)
            errors.append(loaded.error(loc, f"{where}.as_of: {shown} is not the day the figure was measured "
                                       f"({figure.as_of.isoformat()}, {SOURCE_PATH}); {RERUN}"))
        sources = cell.get("sources")
        if not (isinstance(sources, list) and sources and is_run_source(sources[0])):
            errors.append(loaded.error(("cells", feature_id, "sources") if "sources" in cell else ("cells", feature_id),
                                       f"{where}.sources: a measured cell's first source is the run's file on the "
                                       f"forge (…/blob/{BRANCH}/{SOURCE_PATH}); {RERUN}"))
    return sorted(errors)


def check_against_run(data_dir: Path) -> list[DataError]:
    """check_files for the framework files of a data folder."""
    files = []
    for path in sorted((data_dir / "frameworks").glob("*.yaml")):
        loaded, _ = load_yaml_file(path, display(path))
        if loaded is not None:
            files.append(loaded)
    return check_files(files, data_dir / EVIDENCE_FILE)
