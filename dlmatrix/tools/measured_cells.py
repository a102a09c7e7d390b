"""Write the matrix cells that `make evidence` measures (install size, import time), marked `derived: measured`.

After each run the runner writes data/evidence/frameworks.yaml, then this module rewrites the cells of the rows in
dlmatrix/data/measured.py (MEASURES) from that file, with the same care as the registry sync (dlmatrix/tools/sync.py):
a ruamel round trip that keeps comments, the canonical format (checked), the whole data folder validated on a copy
before anything is written, and no write at all when a file changed while we worked. Each cell gets the figure as
`value`, the day it was measured as `as_of`, the framework's `footprint_note` from examples/environments.yaml as
`note`, and the run's file on the forge as its source. `python scripts/evidence.py --cells` does only this, from the
committed file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from dlmatrix import REPOSITORY
from dlmatrix.data.errors import DataError, DataErrors
from dlmatrix.data.evidence import read_environment
from dlmatrix.data.layout import display
from dlmatrix.data.measured import EVIDENCE_FILE, MEASURED_FEATURES, SOURCE_PATH, Figure, measured_figures, read_run
from dlmatrix.data.writer import DataWriter, WriteError
from dlmatrix.tools.formatting import (
    FormatError,
    canonicalize,
    catalog_order,
    dump_round_trip,
    format_text,
    load_round_trip,
    strip_schema_line,
)

Log = Callable[[str], None]


def source_url(root: Path) -> str:
    """The run's file on the forge: mkdocs.yml's repo_url (REPO_URL when set), else the project's repository."""
    from dlmatrix.site.publish import read_config  # the one reader of mkdocs.yml (its !ENV tags)
    from dlmatrix.site.urls import Urls

    repo = ""
    if (root / "mkdocs.yml").exists():
        repo = read_config(root / "mkdocs.yml")[2]
    return Urls("", repo=repo or REPOSITORY).source(SOURCE_PATH)


def _fresh_date(day: dt.date) -> dt.date:
    """A new object for each place (ruamel writes one object used twice as an anchor and an alias)."""
    return dt.date.fromordinal(day.toordinal())


# Rows whose figure is a size: a framework's footprint_short is shown beside it at a glance (#22).
SIZE_FEATURES = ("download_size_mib", "installed_size_mib")


def _short(figure: Figure, feature: str, short: str | None) -> str | None:
    return f"{figure.value:,}: {short}" if short and feature in SIZE_FEATURES else None


def _same(cell: Any, figure: Figure, note: str | None, source: str, short: str | None = None) -> bool:
    return (isinstance(cell, dict) and cell.get("derived") == "measured" and cell.get("value") == figure.value
            and not isinstance(cell.get("value"), bool) and cell.get("as_of") == figure.as_of
            and cell.get("note") == note and cell.get("level") is None and cell.get("sources") == [source]
            and cell.get("short") == short)


def _measured_cell(figure: Figure, note: str | None, source: str, today: dt.date,
                   short: str | None = None) -> CommentedMap:
    cell = CommentedMap()
    cell["value"] = figure.value
    if short:
        cell["short"] = short
    if note:
        cell["note"] = note
    cell["as_of"] = _fresh_date(figure.as_of)
    cell["derived"] = "measured"
    cell["sources"] = CommentedSeq([source])
    cell["verified"] = _fresh_date(today)
    return cell


def _unmeasured_cell(today: dt.date) -> CommentedMap:
    cell = CommentedMap()
    cell["level"] = "unknown"
    cell["note"] = "The last `make evidence` run could not measure it here (see the code page)."
    cell["verified"] = _fresh_date(today)
    return cell


def plan(root: Path, today: dt.date, log: Log = lambda line: None) -> dict[Path, str]:
    """The framework files whose measured cells differ from the committed run, with their new text."""
    data_dir = root / "data"
    run, errors = read_run(data_dir / EVIDENCE_FILE)
    if errors:
        raise DataErrors(errors)
    if run is None:
        return {}
    env_errors: list[DataError] = []
    environment = read_environment(root, env_errors) if (root / "examples").is_dir() else None
    notes = {fw: spec.footprint_note for fw, spec in environment.frameworks.items()} if environment else {}
    shorts = {fw: spec.footprint_short for fw, spec in environment.frameworks.items()} if environment else {}
    order = catalog_order(data_dir)
    rows = [feature for feature in MEASURED_FEATURES if feature in order]  # rows the data defines
    if not rows:
        return {}
    figures = measured_figures(run)
    source = source_url(root)
    texts: dict[Path, str] = {}
    for path in sorted((data_dir / "frameworks").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        try:
            document = load_round_trip(strip_schema_line(text))
        except FormatError as exc:
            raise WriteError(f"{display(path)}: {exc}") from None
        cells = document.get("cells") if isinstance(document, CommentedMap) else None
        if not isinstance(cells, CommentedMap):
            continue
        framework_id = str(document.get("id") or path.stem)
        changed: list[str] = []
        for feature in rows:
            figure = figures.get(framework_id, {}).get(feature)
            cell = cells.get(feature)
            if figure is None:
                # A framework the run covers no more (or could not install): its old figure would be stale.
                if isinstance(cell, dict) and cell.get("derived") == "measured":
                    cells[feature] = _unmeasured_cell(today)
                    changed.append(f"{feature} (not measured)")
                continue
            note = notes.get(framework_id)
            short = _short(figure, feature, shorts.get(framework_id))
            if _same(cell, figure, note, source, short):
                continue
            cells[feature] = _measured_cell(figure, note, source, today, short)
            changed.append(f"{feature} = {figure.value}")
        if not changed:
            continue
        canonicalize(document, "framework", order)
        new_text = dump_round_trip(document, "framework")
        try:
            if format_text(new_text, "framework", order, str(path)) != new_text:
                raise WriteError(f"{display(path)}: the rewritten file is not in canonical format (please report this)")
        except FormatError as exc:
            raise WriteError(f"{display(path)}: {exc}") from None
        texts[path] = new_text
        log(f"{display(path)}: {', '.join(changed)}")
    return texts


def write_measured_cells(root: Path, today: dt.date | None = None, log: Log = lambda line: None) -> list[Path]:
    """Bring the measured cells in line with data/evidence/frameworks.yaml; returns the files written.
    Raises WriteError (nothing written) or DataErrors (the run's file is broken)."""
    today = today or dt.date.today()
    writer = DataWriter(root / "data")
    for path in sorted((root / "data" / "frameworks").glob("*.yaml")):
        writer.original(path)  # as read before planning: a file edited meanwhile is not overwritten
    texts = plan(root, today, log)
    return writer.write(texts) if texts else []
