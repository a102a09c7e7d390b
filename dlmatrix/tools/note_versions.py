"""make sync: version numbers written into notes and values that the registry has since overtaken.

A note such as "jax2onnx 0.17.1 converts ..." or "0.12.0.1 requires Python 3.12" was true of the newest
release on the day it was verified. When the registry now has a newer release of that package, the
sentence may have gone stale: the sync lists it as `file:line:col: ... check by hand`. Nothing is written.

Which package a number belongs to:
- a number right after a package's name (`torch 2.15.0`, `jax==0.12.0`, `jaxlib (0.12.0.1`), or after a
  framework's name (`PyTorch 2.15`), for every package a framework declares under `packages:` and every
  package a `plugin` cell names in `via:`;
- in a framework's own file, a bare number of three or more parts (`0.12.0.1 requires ...`) that is a
  release of the framework's main package.

History is not reported: a number counts only when it named the newest release (or its x.y line) at some time
in the WINDOW_DAYS before the text was verified, and is not preceded by a word such as "in", "since" or "until". "Intel-Mac wheels
were dropped in 0.5.0" verified in 2026 is a fact about the past; "0.12.0.1 requires Python 3.12", verified
when 0.12.1 was already out, is a claim about the current line that the newer release may have changed;
"jax-metal stopped at 0.1.1" stays true while 0.1.1 is the newest. Release lists (`releases:`), sources,
`since` and the cells the sync itself keeps are not read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from packaging.version import InvalidVersion, Version

from dlmatrix.data.reader import LoadedFile
from dlmatrix.tools.registry import NpmPackage, PyPIProject

VERSION = r"\d+(?:\.\d+)+(?:\.?post\d+)?"
END = r"(?![\w-]|\.\d)"  # not 2.15.0rc1, not 2.15.0.1 cut short, not a name (3.12-slim)
# A number counts as a claim about the current release if it named the newest release this close to `verified`:
# the person who verified the text may have been a few days behind the registry, but no more.
WINDOW_DAYS = 30
SEPARATOR = r"`?(?:\s*==\s*|\s+v?|\s*\(\s*v?|\s+version\s+)"
HISTORY = re.compile(r"\b(?:in|since|until|till|before|after|from|than|between|pre|post)\s+"
                     r"(?:[\w.+-]+\s+)?`?$", re.IGNORECASE)
# A bare number right after another package's name (`mlx-lm (0.32.2`, `torch_npu 2.14.0`) is that package's.
OTHER_NAME = re.compile(r"[A-Za-z][\w.]*[-_][\w.-]*`?\s*\(?\s*v?$")
SKIPPED_KEYS = frozenset({"sources", "verified", "id", "via", "since", "as_of", "level", "derived", "releases",
                          "packages", "homepage", "repository", "successor_url", "picks", "runners_up", "winners"})


@dataclass(frozen=True)
class Known:
    """A package the sync knows the releases of: (version, date) of every stable, not yanked release."""

    label: str  # 'jax', 'npm @tensorflow/tfjs'
    releases: tuple[tuple[Version, dt.date], ...]  # oldest first
    page: str  # where its newest release is shown

    @property
    def newest(self) -> Version | None:
        return self.releases[-1][0] if self.releases else None

    def newest_on(self, day: dt.date) -> Version | None:
        out = [version for version, date in self.releases if date <= day]
        return max(out) if out else None

    def has(self, version: Version) -> bool:
        return any(v == version for v, _ in self.releases)

    @classmethod
    def from_pypi(cls, project: PyPIProject) -> Known | None:
        releases = sorted((r.version, r.date) for r in project.releases
                          if r.date is not None and not r.version.is_prerelease and not r.yanked)
        if not releases or project.latest is None:
            return None
        return cls(project.name, tuple(releases), project.latest.page)

    @classmethod
    def from_npm(cls, package: NpmPackage) -> Known | None:
        releases: list[tuple[Version, dt.date]] = []
        for text in package.published:
            day = package.date(text)
            try:
                version = Version(text)
            except InvalidVersion:
                continue  # 'created', 'modified'
            if day is not None and not version.is_prerelease:
                releases.append((version, day))
        if not releases or not package.latest:
            return None
        return cls(f"npm {package.name}", tuple(sorted(releases)), package.page(package.latest))


@dataclass
class Names:
    """Words that name a package in prose -> the package; per framework file, its main package for bare numbers."""

    packages: dict[str, Known] = field(default_factory=dict)  # casefolded name -> package
    main: dict[str, Known] = field(default_factory=dict)  # framework id -> its main package

    def add(self, name: str, known: Known) -> None:
        for spelling in {name, name.replace("-", "_"), name.replace("_", "-")}:
            self.packages.setdefault(spelling.casefold(), known)

    def pattern(self) -> re.Pattern[str] | None:
        if not self.packages:
            return None
        names = "|".join(re.escape(n) for n in sorted(self.packages, key=len, reverse=True))
        return re.compile(rf"(?<![\w./@-])`?(?P<name>{names}){SEPARATOR}(?P<version>{VERSION}){END}", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    path: str
    line: int
    column: int
    where: str  # 'cells.onnx_export.note'
    text: str  # 'jax2onnx 0.17.1'
    version: Version
    known: Known
    verified: dt.date

    def __str__(self) -> str:
        return (f"{self.path}:{self.line}:{self.column}: {self.where}: check by hand: says '{self.text}', the newest "
                f"release up to {WINDOW_DAYS} days before it was verified on {self.verified}; the registry now has "
                f"{self.known.label} {self.known.newest} ({self.known.page})")


def _same_line(mentioned: Version, other: Version) -> bool:
    """'2.15' is the line of 2.15.0 and 2.15.1; '2.15.0' is only 2.15.0."""
    length = len(mentioned.release)
    if length < len(other.release):
        return other.release[:length] == mentioned.release
    return mentioned == other


def stale(version: Version, known: Known, verified: dt.date) -> Version | None:
    """When `version` named the newest release (or the x.y line holding it) at some time in the WINDOW_DAYS
    before the text was verified, and the registry has a release outside what it names since: that newest
    release. Else None: the number is history, or still current."""
    now = known.newest
    if now is None or _same_line(version, now) or len(version.release) < 2:
        return None
    start = verified - dt.timedelta(days=WINDOW_DAYS)
    newest = [v for v, day in known.releases if start < day <= verified]
    if (first := known.newest_on(start)) is not None:
        newest.append(first)
    matches = [v for v in newest if _same_line(version, v)]
    return max(matches) if matches else None


def _history(text: str, start: int) -> bool:
    """'dropped in 0.5.0', 'since 2.0', 'until 1.15': a number about the past, not a current claim."""
    return HISTORY.search(text[max(0, start - 24):start]) is not None


def _strings(node: Any, loc: tuple[str | int, ...], verified: dt.date | None, derived: bool,
             kept: frozenset[str]) -> Iterator[tuple[tuple[str | int, ...], str, dt.date]]:
    """Every prose string with the `verified` date of the nearest mapping around it. The values of cells a
    machine keeps, or of rows the sync compares itself (`kept`), are skipped: the sync reports those."""
    if isinstance(node, dict):
        day = node.get("verified")
        verified = day if isinstance(day, dt.date) else verified
        derived = derived or node.get("derived") is not None or (len(loc) == 2 and loc[0] == "cells" and loc[1] in kept)
        for key, value in node.items():
            if key in SKIPPED_KEYS or (key == "value" and derived):
                continue
            yield from _strings(value, (*loc, key), verified, derived, kept)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, (*loc, index), verified, derived, kept)
    elif isinstance(node, str) and verified is not None:
        yield loc, node, verified


def check_file(loaded: LoadedFile, names: Names, main: Known | None,
               kept: frozenset[str] = frozenset()) -> list[Mention]:
    """The stale version numbers in one data file; `main` is the framework's main package for bare numbers
    (None outside framework files)."""
    named = names.pattern()
    bare = re.compile(rf"(?<![\w./@-])(?P<version>\d+\.\d+\.\d+(?:\.\d+)*){END}")
    found: list[Mention] = []
    for loc, text, verified in _strings(loaded.data, (), None, False, kept):
        spans: list[tuple[int, int]] = []
        hits: list[tuple[str, str, Known]] = []
        for match in named.finditer(text) if named else ():
            known = names.packages.get(match.group("name").casefold())
            if known is not None:
                spans.append(match.span())
                if _history(text, match.start()):
                    continue
                hits.append((match.group(0).strip("` ("), match.group("version"), known))
        if main is not None:
            for match in bare.finditer(text):
                if any(start <= match.start() < end for start, end in spans) or _history(text, match.start()) \
                        or OTHER_NAME.search(text[max(0, match.start() - 40):match.start()]):
                    continue
                try:
                    if not main.has(Version(match.group("version"))):
                        continue
                except InvalidVersion:
                    continue
                hits.append((match.group(0), match.group("version"), main))
        for shown, number, known in hits:
            try:
                version = Version(number)
            except InvalidVersion:
                continue
            then = stale(version, known, verified)
            if then is not None:
                line, column = loaded.position(loc)
                where = ".".join(str(part) for part in loc)
                found.append(Mention(loaded.path, line, column, where, shown, version, known, verified))
    return found


def check(files: Sequence[tuple[LoadedFile, Known | None]], names: Names, kept: frozenset[str] = frozenset()) -> list[str]:
    """'check by hand' lines for every file (framework files with their main package, others with None)."""
    return [str(mention) for loaded, main in files for mention in check_file(loaded, names, main, kept)]
