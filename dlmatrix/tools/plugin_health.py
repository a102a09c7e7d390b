"""make sync: is the plugin a `plugin` cell goes through still alive?

A `plugin` cell names its route in `via:` (pypi:<name>, npm:<name> or github:<owner>/<repo>). For a
registry package the sync asks when its newest stable release came out and which Python versions its
wheels cover. A plugin whose newest release is more than MAX_AGE_MONTHS old, or whose wheels stop
before the newest Python version the framework itself supports today (and that has had no release for
GRACE_MONTHS, so it is not merely catching up), is listed as "check by hand: plugin may be dead":
a person reads its repository and decides whether the cell should stay `plugin` or become `deprecated`
(or `none`). Nothing is written. GitHub cannot be read from here, so github: routes are only counted.
Retired frameworks are skipped: their cells describe the state at retirement.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from dlmatrix.data.model import Framework
from dlmatrix.data.reader import LoadedFile
from dlmatrix.site.views import months_before
from dlmatrix.tools.registry import NpmPackage, PyPIProject, Pythons, Registries, Release, describe

MAX_AGE_MONTHS = 18
# A plugin released within this many months that lacks the newest Python is behind, not dead: not reported.
GRACE_MONTHS = 6
DEAD = "check by hand: plugin may be dead"
T = TypeVar("T")


@dataclass
class PluginReport:
    by_hand: list[str] = field(default_factory=list)  # plugins that may be dead, file:line:col first
    problems: list[str] = field(default_factory=list)  # via names the registry does not know: wrong data
    notices: list[str] = field(default_factory=list)
    checked: int = 0  # plugin cells whose package the registries answered for
    pypi: dict[str, PyPIProject | None] = field(default_factory=dict)  # what was asked, for other checks
    npm: dict[str, NpmPackage | None] = field(default_factory=dict)


@dataclass(frozen=True)
class PluginCell:
    framework: Framework
    feature: str
    via: str
    loaded: LoadedFile


def plugin_cells(frameworks: Iterable[Framework], files: Callable[[str], LoadedFile | None]) -> list[PluginCell]:
    """Every `plugin` cell with a `via:` of a framework that is not retired, in file order."""
    found: list[PluginCell] = []
    for framework in sorted(frameworks, key=lambda f: f.id):
        if framework.status == "retired":
            continue
        plugins = [(feature, cell.via) for feature, cell in framework.cells.items()
                   if cell.level == "plugin" and cell.via]
        if not plugins:
            continue
        loaded = files(framework.id)
        if loaded is None:
            continue
        found += [PluginCell(framework, feature, via, loaded) for feature, via in plugins]
    return found


def _missing_pythons(plugin: Pythons, framework: Pythons, newest_minor: int) -> list[int]:
    """Python 3 minors the framework supports (up to the newest CPython any wheel here is built for) that are
    newer than every one the plugin's wheels cover: a plugin that stopped following Python. (A plugin that
    dropped an old Python the framework still supports is moving on, not dying.)"""
    covered = plugin.expanded()
    if not covered:
        return sorted(m for m in framework.expanded() if m <= newest_minor)
    return sorted(m for m in framework.expanded() if max(covered) < m <= newest_minor)


def _known(cache: dict[str, T | None], name: str, fetch: Callable[[str], T | None], missing: str, where: str,
           report: PluginReport) -> T | None:
    """A registry's answer for a `via:` name, asked once per name; a name it does not know is a problem to correct."""
    if name not in cache:
        cache[name] = fetch(name)
    found = cache[name]
    if found is None:
        report.problems.append(f"{where}: via: {missing}; correct the name")
    else:
        report.checked += 1
    return found


def check(cells: Sequence[PluginCell], registries: Registries, today: dt.date,
          framework_pythons: dict[str, Pythons], newest_minor: int) -> PluginReport:
    """Ask the registries about each plugin's package. Raises RegistryError when a registry cannot be reached."""
    report = PluginReport()
    cutoff = months_before(today, MAX_AGE_MONTHS)
    pypi, npm = report.pypi, report.npm
    github: list[str] = []
    for item in cells:
        kind, _, name = item.via.partition(":")
        line, column = item.loaded.position(("cells", item.feature, "via"))
        where = f"{item.loaded.path}:{line}:{column}: {item.framework.id}: {item.feature}"
        if kind == "github":
            github.append(f"{item.framework.id}.{item.feature} ({name})")
            continue
        if kind == "pypi":
            project = _known(pypi, name, registries.pypi, f"PyPI has no project '{name}' ({registries.pypi_api_url(name)})",
                             where, report)
            if project is None:
                continue
            latest = project.latest
            if latest is None:
                report.by_hand.append(f"{where}: {DEAD}: {name} has no stable release on PyPI "
                                      f"(https://pypi.org/project/{name}/)")
                continue
            reasons = _pypi_reasons(latest, cutoff, months_before(today, GRACE_MONTHS),
                                    framework_pythons.get(item.framework.id), newest_minor, item.framework.name)
            if reasons:
                report.by_hand.append(f"{where}: {DEAD}: {'; '.join(reasons)} ({latest.files_page})")
        elif kind == "npm":
            package = _known(npm, name, registries.npm, f"npm has no package '{name}' ({registries.npm_api_url(name)})",
                             where, report)
            if package is None:
                continue
            day = package.date(package.latest) if package.latest else None
            if package.latest is None or day is None:
                report.by_hand.append(f"{where}: {DEAD}: npm {name} has no dated `latest` release")
            elif day < cutoff:
                report.by_hand.append(f"{where}: {DEAD}: npm {name} {package.latest} ({day.isoformat()}) is its newest "
                                      f"release, more than {MAX_AGE_MONTHS} months ago ({package.page(package.latest)})")
            elif package.deprecated:
                report.by_hand.append(f"{where}: {DEAD}: npm marks {name} {package.latest} deprecated: "
                                      f"{package.deprecated} ({package.page(package.latest)})")
    if github:
        report.notices.append(f"{len(github)} plugin cell(s) go through a GitHub repository, whose releases cannot be "
                              f"read from here; check them by hand: {describe(github)}")
    return report


def _pypi_reasons(latest: Release, cutoff: dt.date, grace: dt.date, framework: Pythons | None, newest_minor: int,
                  framework_name: str) -> list[str]:
    reasons: list[str] = []
    day = latest.date
    if day is not None and day < cutoff:
        reasons.append(f"{latest.label} ({day.isoformat()}) is its newest release, more than {MAX_AGE_MONTHS} "
                       "months ago")
    plugin = latest.pythons()
    if framework is not None and plugin is not None and day is not None and day < grace:
        missing = _missing_pythons(plugin, framework, newest_minor)
        if missing:
            reasons.append(f"{latest.label} has no wheel for Python {describe(f'3.{m}' for m in missing)}, which "
                           f"{framework_name} supports")
    return reasons
