"""make sync: what the registries make suspect but only a person can judge (nothing here is written).

Two checks run after the sync has gathered every framework's packages:
- plugin_health: `plugin` cells whose `via:` package may be dead (old, or no wheels for today's Python);
- note_versions: version numbers in notes and values that the registry has since overtaken.
Both report `file:line:col: ... check by hand`. sync.py calls `run` once; it raises RegistryError like the
rest of the sync, before anything is written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from dlmatrix.data.layout import data_files, display, kind_of
from dlmatrix.data.model import Framework, PyPIPackage
from dlmatrix.data.reader import LoadedFile, load_yaml_file
from dlmatrix.tools import note_versions, plugin_health
from dlmatrix.tools.note_versions import Known, Names
from dlmatrix.tools.registry import NpmPackage, PyPIProject, Pythons, Registries, Release


class DeclaredPackage(Protocol):
    @property
    def spec(self) -> PyPIPackage: ...

    @property
    def project(self) -> PyPIProject: ...


class Facts(Protocol):
    """What these checks read of a framework's registry facts (sync.Facts; declared here so that sync.py imports this
    module, never the other way round)."""

    @property
    def framework_id(self) -> str: ...

    @property
    def pypi(self) -> Sequence[DeclaredPackage]: ...

    @property
    def npm(self) -> Sequence[NpmPackage]: ...

    def main_releases(self) -> list[Release]: ...


@dataclass
class HandChecks:
    by_hand: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def _pythons(facts: Facts) -> Pythons | None:
    """What the framework's main packages install on: the intersection of their latest releases' Pythons."""
    combined: Pythons | None = None
    for release in facts.main_releases():
        pythons = release.pythons()
        if pythons is not None:
            combined = pythons if combined is None else combined & pythons
    return combined


def _newest_minor(checked: Sequence[tuple[Facts, LoadedFile]]) -> int:
    """The newest CPython 3 minor any main package builds wheels for: "3.10 and newer" stops there."""
    minors = [int(match.group(1)) for facts, _ in checked for release in facts.main_releases()
              for dist in release.files for tag in dist.tags if (match := re.fullmatch(r"cp3(\d+)", tag.interpreter))]
    return max(minors, default=14)


def _names(checked: Sequence[tuple[Facts, LoadedFile]], frameworks: dict[str, Framework],
           plugins: plugin_health.PluginReport) -> tuple[Names, dict[str, Known]]:
    names = Names()
    main: dict[str, Known] = {}
    for facts, _ in checked:
        first_main = next((p for p in facts.pypi if p.spec.variant == "main"), None)
        for package in facts.pypi:
            known = Known.from_pypi(package.project)
            if known is None:
                continue
            names.add(package.spec.name, known)
            if package is first_main:
                main[facts.framework_id] = known
                framework = frameworks.get(facts.framework_id)
                names.add(facts.framework_id, known)
                if framework is not None:
                    names.add(re.split(r"[\s(]", framework.name.strip())[0], known)
        for npm in facts.npm:
            if (known := Known.from_npm(npm)) is not None:
                names.add(npm.name, known)
    for name, project in plugins.pypi.items():
        if project is not None and (known := Known.from_pypi(project)) is not None:
            names.add(name, known)
    for name, npm_package in plugins.npm.items():
        if npm_package is not None and (known := Known.from_npm(npm_package)) is not None:
            names.add(name, known)
    return names, main


def run(data_dir: Path, frameworks: Sequence[Framework], checked: Sequence[tuple[Facts, LoadedFile]],
        registries: Registries, today: dt.date, kept: frozenset[str] = frozenset()) -> HandChecks:
    """`kept`: the rows the sync itself compares (their values are not read for version numbers)."""
    loaded: dict[Path, LoadedFile] = {}

    def load(path: Path) -> LoadedFile | None:
        if path not in loaded:
            file, _ = load_yaml_file(path, display(path))
            if file is None:
                return None
            loaded[path] = file
        return loaded[path]

    out = HandChecks()
    by_id = {framework.id: framework for framework in frameworks}
    cells = plugin_health.plugin_cells(frameworks, lambda fid: load(data_dir / "frameworks" / f"{fid}.yaml"))
    pythons = {facts.framework_id: p for facts, _ in checked if (p := _pythons(facts)) is not None}
    plugins = plugin_health.check(cells, registries, today, pythons, _newest_minor(checked))
    out.by_hand += plugins.by_hand
    out.problems += plugins.problems
    out.notices += plugins.notices
    names, main = _names(checked, by_id, plugins)
    files: list[tuple[LoadedFile, Known | None]] = []
    for path in data_files(data_dir):
        if kind_of(path) == "site" or (file := load(path)) is None:
            continue
        files.append((file, main.get(path.stem) if kind_of(path) == "framework" else None))
    out.by_hand += note_versions.check(files, names, kept)
    return out
