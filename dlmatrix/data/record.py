"""The registry record: what the last `make sync ARGS=--write` wrote into cells marked `derived: registry`.

data/registry-record.yaml is written by the sync only:

    frameworks:
      pytorch:
        latest_release:
          value: 2.16.0
          evidence: https://pypi.org/project/torch/2.16.0/
          synced: 2026-11-26
        wheels_windows_arm64:
          level: none
          evidence: https://pypi.org/project/torch/2.16.0/#files
          synced: 2026-11-26

check_against_record() reports a derived cell whose value or level differs from the record: someone
edited by hand a cell the sync keeps. It reads files leniently and only needs the strict reader, so the
validator can run it without the network and without the sync's other imports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from dlmatrix.data.atomic import write_atomically
from dlmatrix.data.errors import DataError
from dlmatrix.data.layout import display
from dlmatrix.data.reader import LoadedFile, load_yaml_file

RECORD_FILE = "registry-record.yaml"
HEADER = ("# What `make sync ARGS=--write` (scripts/sync.py) last wrote into cells marked `derived: registry`.\n"
          "# Written by the sync, never by hand: the validator reports a derived cell that contradicts it.\n")

Record = dict[str, dict[str, "RecordEntry"]]  # framework id -> feature id -> entry


@dataclass(frozen=True)
class RecordEntry:
    value: str | None  # value rows, as text (dates as YYYY-MM-DD)
    level: str | None  # support rows
    evidence: str  # the registry page the value came from
    synced: dt.date


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def read_record(path: Path) -> tuple[Record, list[DataError]]:
    """The record, or an empty one when the file does not exist. Malformed entries are errors."""
    if not path.exists():
        return {}, []
    loaded, errors = load_yaml_file(path, display(path))
    if loaded is None:
        return {}, errors
    record: Record = {}
    frameworks = loaded.data.get("frameworks")
    if not isinstance(frameworks, dict):
        return {}, [loaded.error(("frameworks",), "expected `frameworks:`, a mapping of framework ids")]
    for framework_id, features in frameworks.items():
        if not isinstance(features, dict):
            errors.append(loaded.error(("frameworks", framework_id), f"frameworks.{framework_id}: expected a mapping"))
            continue
        for feature_id, entry in features.items():
            loc = ("frameworks", framework_id, feature_id)
            synced = entry.get("synced") if isinstance(entry, dict) else None
            if (not isinstance(entry, dict) or not isinstance(synced, dt.date)
                    or not isinstance(entry.get("evidence"), str)
                    or (entry.get("value") is None) == (entry.get("level") is None)):
                errors.append(loaded.error(loc, f"frameworks.{framework_id}.{feature_id}: expected value or level, "
                                           "evidence and synced (a date)"))
                continue
            record.setdefault(str(framework_id), {})[str(feature_id)] = RecordEntry(
                _text(entry.get("value")), _text(entry.get("level")), entry["evidence"], synced)
    return record, errors


def record_text(record: Record) -> str:
    frameworks: dict[str, Any] = {}
    for framework_id in sorted(record):
        features = {}
        for feature_id in sorted(record[framework_id]):
            entry = record[framework_id][feature_id]
            item: dict[str, Any] = {"value": entry.value} if entry.value is not None else {"level": entry.level}
            # A new date object each time: PyYAML writes one object used twice as an anchor and an alias.
            features[feature_id] = item | {"evidence": entry.evidence,
                                           "synced": dt.date.fromordinal(entry.synced.toordinal())}
        if features:
            frameworks[framework_id] = features
    body = str(yaml.safe_dump({"frameworks": frameworks}, sort_keys=False, allow_unicode=True,
                              default_flow_style=False, width=1_000_000))
    return HEADER + body


def write_record(path: Path, record: Record) -> bool:
    """Write the record when it changed; True when it did."""
    text = record_text(record)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    write_atomically(path, text)
    return True


def check_against_record(data_dir: Path, record_path: Path | None = None) -> list[DataError]:
    """Cells marked `derived: registry` whose value or level is not what the last sync wrote, with the
    file, line and column of the value; and problems of the record file itself."""
    files = []
    for path in sorted((data_dir / "frameworks").glob("*.yaml")):
        loaded, _ = load_yaml_file(path, display(path))  # unreadable files are reported by the validator
        if loaded is not None:
            files.append(loaded)
    return check_files(files, record_path or data_dir / RECORD_FILE)


def check_files(framework_files: Iterable[LoadedFile], record_path: Path) -> list[DataError]:
    """check_against_record for framework files already parsed (the validator's catalog holds them)."""
    record, errors = read_record(record_path)
    for loaded in framework_files:
        if not isinstance(loaded.data.get("cells"), dict):
            continue
        framework_id = str(loaded.data.get("id") or Path(loaded.path).stem)
        for feature_id, cell in loaded.data["cells"].items():
            if not isinstance(cell, dict) or cell.get("derived") != "registry":
                continue
            entry = record.get(framework_id, {}).get(feature_id)
            if entry is None:
                errors.append(loaded.error(("cells", feature_id, "derived"), f"cells.{feature_id}: marked `derived: "
                                           "registry`, but no registry sync wrote it; run make sync ARGS=--write, or "
                                           "remove `derived` to keep a hand-written cell"))
                continue
            key, expected = ("value", entry.value) if entry.value is not None else ("level", entry.level)
            found = _text(cell.get(key))
            if found != expected:
                shown = f"'{found}'" if found is not None else "nothing"
                loc = ("cells", feature_id, key) if key in cell else ("cells", feature_id)
                errors.append(loaded.error(loc, f"cells.{feature_id}.{key}: {shown} is a hand edit that contradicts "
                                           f"the last registry sync of {entry.synced.isoformat()} ('{expected}', "
                                           f"{entry.evidence}); run make sync ARGS=--write"))
    return sorted(errors)
