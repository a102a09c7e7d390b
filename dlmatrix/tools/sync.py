"""make sync: ask the package registries what they know for certain and compare it with the data.

For every framework that declares `packages:`, PyPI and npm say which stable version is the latest and
when it came out, which Python versions and platforms have wheels, and which GPU packages exist. Each
difference with a cell is reported as `file:line:col: feature: data says X, registry says Y (URL)`.
With write=True the rows whose answer is mechanical (RULES) are rewritten, marked `derived: registry`,
and recorded in data/registry-record.yaml, so that a later hand edit of such a cell can be caught
(dlmatrix.data.record.check_against_record).

Nothing is guessed: frameworks that publish outside the registries, and facts only GitHub holds, are
listed as "check by hand". All answers are gathered before anything is written, so an unreachable
registry stops the run with nothing written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from packaging.version import InvalidVersion, Version
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import SingleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

from dlmatrix.data.errors import DataErrors
from dlmatrix.data.layout import display
from dlmatrix.data.load import load_dataset
from dlmatrix.data.model import Packages, PyPIPackage
from dlmatrix.data.reader import LoadedFile, load_yaml_file
from dlmatrix.data.record import RECORD_FILE, RecordEntry, read_record, record_text
from dlmatrix.data.vocabulary import LEVELS
from dlmatrix.data.writer import DataWriter, WriteError
from dlmatrix.tools import hand_checks, install_sync
from dlmatrix.tools.formatting import (
    FormatError,
    canonicalize,
    catalog_order,
    dump_round_trip,
    format_text,
    load_round_trip,
    strip_schema_line,
)
from dlmatrix.tools.registry import (
    MAX_MINOR,
    NPM_URL,
    PLATFORM_NAMES,
    PYPI_URL,
    Cache,
    Http,
    NpmPackage,
    PyPIProject,
    Pythons,
    Registries,
    RegistryError,
    Release,
    describe,
    urllib_http,
)

ROOT = Path(__file__).resolve().parents[2]
CACHE_DIR = ROOT / ".cache" / "registry"
WINDOWS = ("windows_x64", "windows_arm64")
LINUX = ("linux_x86_64", "linux_aarch64")
MACOS = ("macos_arm64", "macos_x86_64")
# Levels a published package is consistent with: it exists, so not none (and no longer unknown); whether it is
# full, partial, a plugin or deprecated is for a person to say.
SUPPORTED = frozenset(level.id for level in LEVELS.values() if level.route in ("first-party", "other-project"))


# --- registry facts of one framework ----------------------------------------------------------------

@dataclass(frozen=True)
class Package:
    """A PyPI package the framework declares, with PyPI's answer."""

    index: int  # position in packages.pypi, for messages
    spec: PyPIPackage
    project: PyPIProject

    @property
    def latest(self) -> Release | None:
        return self.project.latest


@dataclass(frozen=True)
class Facts:
    framework_id: str
    packages: Packages
    pypi: tuple[Package, ...]  # the declared packages PyPI knows, in declared order
    npm: tuple[NpmPackage, ...]

    @property
    def primary(self) -> Release | None:
        """The latest release of the first declared main package (None when it is missing or has none)."""
        first = next((p for p in self.packages.pypi if p.variant == "main"), None)
        found = next((p for p in self.pypi if first is not None and p.spec == first), None)
        return found.latest if found else None

    @property
    def primary_npm(self) -> NpmPackage | None:
        """The npm package that carries the framework when nothing on PyPI does."""
        return self.npm[0] if not self.packages.pypi and self.npm else None

    def main_releases(self) -> list[Release]:
        """Latest releases of the main packages: what `pip install` of the framework brings."""
        return [p.latest for p in self.pypi if p.spec.variant == "main" and p.latest is not None]

    def is_current(self, package: Package) -> bool:
        """A cpu or gpu build counts only when it is in the main package's release series (same major.minor):
        a split build that stopped being published (paddlepaddle-gpu 2.6 next to paddlepaddle 3.3) proves nothing."""
        primary = self.primary
        if package.latest is None:
            return False
        if package.spec.variant not in ("cpu", "gpu") or primary is None:
            return True
        return package.latest.version.release[:2] == primary.version.release[:2]

    def variants(self, *names: str) -> list[Package]:
        return [p for p in self.pypi if p.spec.variant in names and self.is_current(p)]


# --- rules: feature id -> how to compute it from registry facts ---------------------------------------

@dataclass(frozen=True)
class Answer:
    """What the registries say for one row of one framework."""

    evidence: tuple[str, ...]  # registry pages, the most telling first; they become the cell's sources
    value: str | dt.date | None = None  # value rows
    level: str | None = None  # mechanical support rows: the level to write
    allowed: frozenset[str] = frozenset()  # other support rows: the levels the facts are consistent with
    detail: str = ""  # the facts behind a level, in words

    def says(self) -> str:
        if self.value is not None:
            return show(self.value)
        if self.level is not None:
            return f"{self.level} ({self.detail})" if self.detail else self.level
        return self.detail


@dataclass(frozen=True)
class Rule:
    feature: str
    kind: str  # the feature kind the rule expects: version, date, text or support
    mechanical: bool  # True: the registry decides the cell and --write writes it; False: a person decides
    compute: Callable[[Facts], Answer | None]  # None: the registries say nothing about this row here
    same: Callable[[dict[str, Any], Answer], bool]  # does the cell agree with the answer?
    how: str  # one line for people


def show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dt.date):
        return value.isoformat()
    return f"'{value}'" if isinstance(value, str) else str(value)


def _latest_release(facts: Facts) -> Answer | None:
    if (release := facts.primary) is not None:
        return Answer((release.page,), value=str(release.version))
    npm = facts.primary_npm
    if npm is not None and npm.latest:
        return Answer((npm.page(npm.latest),), value=npm.latest)
    return None


def _latest_release_date(facts: Facts) -> Answer | None:
    if (release := facts.primary) is not None:
        return Answer((release.page,), value=release.date) if release.date else None
    npm = facts.primary_npm
    if npm is not None and npm.latest and (day := npm.date(npm.latest)) is not None:
        return Answer((npm.page(npm.latest),), value=day)
    return None


def _python_versions(facts: Facts) -> Answer | None:
    """What installs: the intersection over the main packages (jax is pure Python, jaxlib has the wheels)."""
    found = [(release, pythons) for release in facts.main_releases() if (pythons := release.pythons()) is not None]
    if not found:
        return None
    combined = found[0][1]
    for _, pythons in found[1:]:
        combined = combined & pythons
    return Answer(tuple(release.page for release, _ in found), value=combined.text())


def _binary_tags(release: Release, platforms: tuple[str, ...]) -> list[str]:
    """Wheel platform tags of `release` for those platforms, pure-Python wheels left out."""
    tags = release.platform_tags()
    return sorted({tag for platform in platforms for tag in tags.get(platform, []) if tag != "any"})


def _windows_cpu(facts: Facts) -> Answer | None:
    binary = [r for r in facts.main_releases() if not r.pure]
    if not binary:
        return None  # pure Python installs anywhere; whether it runs on Windows is not the registry's to say
    if all(_binary_tags(r, WINDOWS) for r in binary):
        release = binary[-1]
        return Answer((release.files_page,), allowed=SUPPORTED,
                      detail=f"{describe(_binary_tags(release, WINDOWS))} wheels in {release.label}")
    for package in facts.variants("cpu"):
        assert package.latest is not None  # variants() keeps only packages with a release
        if tags := _binary_tags(package.latest, WINDOWS):
            return Answer((package.latest.files_page,), allowed=SUPPORTED,
                          detail=f"{describe(tags)} wheels in CPU package {package.latest.label}")
    missing = next(r for r in binary if not _binary_tags(r, WINDOWS))
    return Answer((missing.files_page,), allowed=frozenset({"none", "deprecated", "partial"}),
                  detail=f"no Windows wheel in {missing.label}")


def _gpu(platforms: tuple[str, ...], where: str, plugins: bool = False) -> Callable[[Facts], Answer | None]:
    """A GPU row: a current GPU package with wheels there proves at least partial support. The absence of
    one proves nothing (torch's Linux wheels on PyPI carry CUDA themselves), so there is no negative answer."""

    def compute(facts: Facts) -> Answer | None:
        for package in facts.variants("gpu", "plugin") if plugins else facts.variants("gpu"):
            assert package.latest is not None  # variants() keeps only packages with a release
            if tags := _binary_tags(package.latest, platforms):
                what = "GPU package" if package.spec.variant == "gpu" else "plugin"
                return Answer((package.latest.files_page,), allowed=SUPPORTED,
                              detail=f"{where} wheels ({describe(tags)}) in {what} {package.latest.label}")
        return None

    return compute


def _wheels(platform: str) -> Callable[[Facts], Answer | None]:
    """full when every main package's latest stable release has a wheel for the platform, none when not."""

    def compute(facts: Facts) -> Answer | None:
        releases = facts.main_releases()
        if not releases:
            return None
        name = PLATFORM_NAMES[platform]
        missing = [r for r in releases if platform not in r.platform_tags()]
        if missing:
            return Answer((missing[0].files_page,), level="none", detail=f"no {name} wheel in {missing[0].label}")
        binary = [r for r in releases if not r.pure] or releases
        tags = sorted({t for r in binary for t in r.platform_tags()[platform]})
        what = "pure-Python wheel" if tags == ["any"] else f"{describe(t for t in tags if t != 'any')} wheel"
        return Answer(tuple(r.files_page for r in binary), level="full",
                      detail=f"{what} in {describe(r.label for r in binary)}")

    return compute


def _same_version(cell: dict[str, Any], answer: Answer) -> bool:
    value = cell.get("value")
    if value is None:
        return False
    try:
        return Version(str(value)) == Version(str(answer.value))
    except InvalidVersion:
        return str(value) == str(answer.value)


def _same_date(cell: dict[str, Any], answer: Answer) -> bool:
    """A partial date ('2026-10') agrees with any day in it: it is less precise, not wrong."""
    value, day = cell.get("value"), answer.value
    if not isinstance(day, dt.date):
        return False
    if isinstance(value, dt.date):
        return value == day
    return isinstance(value, str) and re.fullmatch(r"\d{4}(-\d{2}){0,2}", value) is not None \
        and day.isoformat().startswith(value)


def parse_pythons(text: str) -> Pythons | None:
    """Read the Python versions a cell states: '3.11 to 3.14 (3.10 dropped in 2.15)', '3.10–3.13',
    '3.11 and newer', '3.12 to 3.15, plus free-threaded 3.14t and 3.15t'. Parentheses are commentary and
    are skipped. None when no 3.x is named."""
    text = re.sub(r"\([^)]*\)", " ", text)
    minors: set[int] = set()
    free_threaded: set[int] = set()
    and_newer = False
    version = r"3\.(\d+)(?!\.?\d)"

    def add_range(match: re.Match[str]) -> str:
        minors.update(range(int(match.group(1)), int(match.group(2)) + 1))
        return " "

    text = re.sub(rf"{version}t?\s*(?:-|–|—|to|through)\s*{version}t?", add_range, text)
    for match in re.finditer(rf"(>=\s*)?{version}(t?)(\s*(?:\+|and newer|or newer|and later|or later|and above))?",
                             text):
        minor = int(match.group(2))
        if match.group(3):
            free_threaded.add(minor)
            continue
        minors.add(minor)
        if match.group(1) or match.group(4):
            and_newer = True
            minors.update(range(minor, MAX_MINOR + 1))
    return Pythons(frozenset(minors), and_newer, frozenset(free_threaded)) if minors else None


def _same_pythons(cell: dict[str, Any], answer: Answer) -> bool:
    value = cell.get("value")
    if not isinstance(value, str) or not isinstance(answer.value, str):
        return False
    if value == answer.value:
        return True
    ours, theirs = parse_pythons(value), parse_pythons(answer.value)
    return ours is not None and theirs is not None and ours.text() == theirs.text()


def _same_level(cell: dict[str, Any], answer: Answer) -> bool:
    return cell.get("level") == answer.level


def _level_allowed(cell: dict[str, Any], answer: Answer) -> bool:
    return cell.get("level") in answer.allowed


RULES: tuple[Rule, ...] = (
    Rule("latest_release", "version", True, _latest_release, _same_version,
         "newest stable version of the first main package (pre-releases and yanked releases skipped); "
         "npm: the `latest` dist-tag when nothing is on PyPI"),
    Rule("latest_release_date", "date", True, _latest_release_date, _same_date,
         "earliest upload time of that version's files (npm: its `time`); a month-only date agrees with any day in it"),
    Rule("python_versions", "text", True, _python_versions, _same_pythons,
         "cpXY and abi3 wheel tags of the main packages' latest releases, limited by requires-python "
         "(pure Python: requires-python alone); several main packages: what all of them support"),
    Rule("windows_cpu", "support", False, _windows_cpu, _level_allowed,
         "win_amd64/win_arm64 wheels in the main (or a current cpu) package rule out none and unknown; a binary "
         "main package without them allows only none, deprecated or partial; pure Python proves nothing"),
    Rule("linux_gpu", "support", False, _gpu(LINUX, "Linux"), _level_allowed,
         "a current variant: gpu package with Linux wheels rules out none and unknown; its absence proves nothing"),
    Rule("windows_gpu", "support", False, _gpu(WINDOWS, "Windows"), _level_allowed,
         "a current variant: gpu package with Windows wheels rules out none and unknown"),
    Rule("macos_gpu", "support", False, _gpu(MACOS, "macOS", plugins=True), _level_allowed,
         "a variant: gpu or variant: plugin package with macOS wheels rules out none and unknown"),
    *(Rule(f"wheels_{platform}", "support", True, _wheels(platform), _same_level,
           f"full when every main package's latest stable release has a {PLATFORM_NAMES[platform]} wheel "
           "(a pure-Python wheel counts), none when not")
      for platform in ("linux_x86_64", "linux_aarch64", "macos_arm64", "windows_x64", "windows_arm64")),
)


# --- comparing --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Finding:
    """A cell that disagrees with the registries."""

    shown_path: str
    line: int
    column: int
    framework_id: str
    rule: Rule
    data: str  # what the cell says, shown
    answer: Answer
    by_hand: str | None = None  # why a person must compare it (releases outside the registries)

    @property
    def writable(self) -> bool:
        return self.rule.mechanical and self.by_hand is None

    def __str__(self) -> str:
        text = (f"{self.shown_path}:{self.line}:{self.column}: {self.rule.feature}: data says {self.data}, "
                f"registry says {self.answer.says()} ({self.answer.evidence[0]})")
        if self.by_hand:
            return f"{text}; not compared: {self.by_hand}"
        return text if self.rule.mechanical else f"{text}; the level needs a person, not written"


@dataclass
class Report:
    frameworks: int = 0  # frameworks with packages
    compared: int = 0  # rows the registries answered
    drift: list[Finding] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # declared packages the registries do not have
    by_hand: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)  # what --write did, for people
    wrote: bool = False  # --write rewrote every writable difference
    agreeing: list[tuple[str, str, RecordEntry]] = field(default_factory=list)  # derived cells that agree
    adoptable: list[Finding] = field(default_factory=list)  # mechanical cells that agree but are not marked yet

    @property
    def unresolved(self) -> list[Finding]:
        """Differences still in the data: after --write, the ones it could not write."""
        return [f for f in self.drift if not (self.wrote and f.writable)]

    def text(self) -> str:
        lines: list[str] = []
        sections = (("Differences", [str(f) for f in self.drift] + self.problems), ("Written", self.written),
                    ("Check by hand", self.by_hand), ("Notices", self.notices))
        for title, items in sections:
            if items:
                lines += [f"{title} ({len(items)}):", *items, ""]
        drift = len(self.drift) + len(self.problems)
        written = sum(1 for f in self.drift if f.writable) if self.wrote else 0
        lines.append(f"sync: {self.frameworks} framework(s) with packages, {self.compared} row(s) answered by the "
                     f"registries: {drift} difference(s){f' ({written} written)' if self.wrote else ''}, "
                     f"{len(self.by_hand)} to check by hand, {len(self.notices)} notice(s).")
        return "\n".join(lines) + "\n"


def _where(loaded: LoadedFile, loc: tuple[str | int, ...]) -> str:
    line, column = loaded.position(loc)
    return f"{loaded.path}:{line}:{column}"


def gather(framework_id: str, packages: Packages, loaded: LoadedFile, registries: Registries, report: Report) -> Facts:
    """Ask the registries about every package the framework declares. Raises RegistryError."""
    found: list[Package] = []
    for index, spec in enumerate(packages.pypi):
        project = registries.pypi(spec.name)
        if project is None:
            report.problems.append(f"{_where(loaded, ('packages', 'pypi', index, 'name'))}: "
                                   f"packages.pypi.{index}.name: "
                                   f"PyPI has no project '{spec.name}' ({registries.pypi_api_url(spec.name)}); "
                                   "correct the name or remove it")
            continue
        found.append(Package(index, spec, project))
    npm: list[NpmPackage] = []
    for index, name in enumerate(packages.npm):
        package = registries.npm(name)
        if package is None:
            report.problems.append(f"{_where(loaded, ('packages', 'npm', index))}: packages.npm.{index}: npm has no "
                                   f"package '{name}' ({registries.npm_api_url(name)}); correct the name or remove it")
            continue
        npm.append(package)
    return Facts(framework_id, packages, tuple(found), tuple(npm))


def _notices(facts: Facts, loaded: LoadedFile, report: Report) -> None:
    fid = facts.framework_id
    for package in facts.pypi:
        project, latest = package.project, package.latest
        if latest is None:
            pre = project.newer_pre_releases()
            only = f" (only pre-releases, newest {pre[-1].version})" if pre else ""
            report.notices.append(f"{fid}: {project.name} has no stable release on PyPI{only}; "
                                  "its rows are not checked")
        for release in project.newer_yanked()[-1:]:
            reason = f": {release.yank_reason}" if release.yank_reason else ""
            report.notices.append(f"{fid}: {release.label} was yanked{reason}; the latest stable release is "
                                  f"{latest.version if latest else 'none'} ({release.page})")
        if latest is not None and (odd := latest.odd_any_tags()):
            report.notices.append(f"{fid}: {latest.label} has wheels tagged for any platform but one CPython "
                                  f"({describe(odd)}); they count for no platform ({latest.files_page})")
        pre_releases = project.newer_pre_releases()
        if latest is not None and pre_releases:
            release = pre_releases[-1]
            report.notices.append(f"{fid}: {release.label} ({show(release.date)}) is a pre-release, newer than "
                                  f"{latest.version}; not counted as the latest ({release.page})")
        if package.spec.variant in ("cpu", "gpu") and latest is not None and not facts.is_current(package):
            primary = facts.primary
            report.by_hand.append(
                f"{_where(loaded, ('packages', 'pypi', package.index, 'name'))}: {package.spec.name} on PyPI stops at "
                f"{latest.version} ({show(latest.date)}), behind {primary.label if primary else 'the main package'}; "
                f"its {package.spec.variant.upper()} builds are published elsewhere, so the rows they would prove "
                f"are not checked against it ({latest.page})")
    for npm in facts.npm:
        if npm.latest is None:
            report.notices.append(f"{fid}: npm {npm.name} has no `latest` dist-tag")
            continue
        if npm is not facts.primary_npm:  # no row holds it yet: said once, for people
            report.notices.append(f"{fid}: npm {npm.name} latest is {npm.latest}, published "
                                  f"{show(npm.date(npm.latest))} ({npm.page(npm.latest)})")
        if npm.deprecated:
            report.notices.append(f"{fid}: npm marks {npm.name} {npm.latest} deprecated: {npm.deprecated}")
        for tag, version in npm.newer_tags():
            report.notices.append(f"{fid}: npm {npm.name} {version} (dist-tag '{tag}', {show(npm.date(version))}) "
                                  f"is newer than latest {npm.latest}; not counted as the latest")


def _by_hand_lines(facts: Facts, loaded: LoadedFile, cells: dict[str, Any], report: Report) -> None:
    packages = facts.packages
    if packages.outside_registries:
        primary = facts.primary
        said = (f"; PyPI has {primary.label} ({show(primary.date)}, {primary.page})" if primary else "")
        report.by_hand.append(f"{_where(loaded, ('packages', 'outside_registries'))}: {facts.framework_id}: "
                              f"{packages.outside_registries} Compare latest_release, latest_release_date and "
                              f"python_versions there by hand{said}")
    if packages.github:
        latest = cells.get("latest_release", {}).get("value") if isinstance(cells.get("latest_release"), dict) else None
        report.by_hand.append(f"{_where(loaded, ('packages', 'github'))}: {facts.framework_id}: release tags of "
                              f"{packages.github} cannot be read from here (github.com is not reachable); compare the "
                              f"newest tag with latest_release {show(latest)} at https://github.com/{packages.github}/tags")


def _cell_key(cell: dict[str, Any], kind: str) -> str:
    return "level" if kind == "support" or "value" not in cell else "value"


def _data_says(cell: Any, kind: str) -> str:
    if not isinstance(cell, dict):
        return "nothing (no cell)"
    if kind == "support" or cell.get("value") is None:
        return str(cell.get("level") or "nothing")
    return show(cell.get("value"))


def _record_entry(cell: dict[str, Any], answer: Answer, today: dt.date) -> RecordEntry:
    value = cell.get("value")
    text = value.isoformat() if isinstance(value, dt.date) else None if value is None else str(value)
    return RecordEntry(value=text, level=cell.get("level") if value is None else None, evidence=answer.evidence[0],
                       synced=today)


def compare(facts: Facts, loaded: LoadedFile, rules: list[Rule], report: Report, today: dt.date) -> None:
    cells = loaded.data.get("cells") if isinstance(loaded.data.get("cells"), dict) else {}
    by_hand = facts.packages.outside_registries
    for rule in rules:
        answer = rule.compute(facts)
        if answer is None:
            continue
        report.compared += 1
        cell = cells.get(rule.feature)
        if isinstance(cell, dict) and rule.same(cell, answer):
            if cell.get("derived") == "registry":
                report.agreeing.append((facts.framework_id, rule.feature, _record_entry(cell, answer, today)))
            elif rule.mechanical and not by_hand:  # right, but kept by hand so far: --write marks it
                line, column = loaded.position(("cells", rule.feature, _cell_key(cell, rule.kind)))
                report.adoptable.append(Finding(loaded.path, line, column, facts.framework_id, rule,
                                                _data_says(cell, rule.kind), answer))
            continue
        if cell is None and not rule.mechanical:
            continue  # nothing to contradict, and nothing the sync may write
        if isinstance(cell, dict):
            line, column = loaded.position(("cells", rule.feature, _cell_key(cell, rule.kind)))
        else:  # no cell: point at `cells:`
            line, column = loaded.position(("cells",), key=True)
        finding = Finding(loaded.path, line, column, facts.framework_id, rule, _data_says(cell, rule.kind), answer,
                          by_hand)
        if by_hand:
            report.by_hand.append(str(finding))
        else:
            report.drift.append(finding)


# --- writing ----------------------------------------------------------------------------------------

def _new_value(rule: Rule, answer: Answer) -> Any:
    if rule.kind == "version":
        return SingleQuotedScalarString(str(answer.value))  # unquoted, 2.20 would read back as a number
    return _fresh(answer.value)


def _fresh(value: Any) -> Any:
    """A new object for every place it is written: ruamel writes one object used twice as an anchor and an
    alias (&id001 / *id001), which data files may not hold."""
    return dt.date.fromordinal(value.toordinal()) if isinstance(value, dt.date) else value


def _drop_line_comment(cell: CommentedMap, key: str) -> str:
    """Remove the end-of-line comment of `key` (comment lines below it stay); returns its text."""
    entry = cell.ca.items.get(key)
    token = entry[2] if entry and len(entry) > 2 else None
    if not isinstance(token, CommentToken) or not token.value.startswith("#"):
        return ""
    comment, _, rest = token.value.partition("\n")
    if rest.strip():
        token.value = "\n" + rest
    else:
        entry[2] = None
    return comment.lstrip("# ").strip()


def _mark_derived(cell: CommentedMap) -> None:
    """Add `derived: registry` where the canonical order puts it (before sources): appended last, it would
    take over the comment that follows the cell (a topic heading such as `# --- platforms ---`)."""
    if "derived" in cell:
        cell["derived"] = "registry"
        return
    keys = list(cell.keys())
    at = next((keys.index(k) for k in ("sources", "verified") if k in keys), len(keys))
    cell.insert(at, "derived", "registry")


def _rewrite(text: str, findings: list[Finding], order: list[str], today: dt.date,
             log: list[str], adopted: Sequence[Finding] = ()) -> str:
    """The framework file with the findings' cells rewritten, in canonical format, comments kept."""
    document = load_round_trip(strip_schema_line(text))
    cells = document["cells"]
    for finding in adopted:
        cell = cells[finding.rule.feature]
        # Right already: keep the note, put the registry page first among the sources, mark it as the sync's.
        _mark_derived(cell)
        cell["sources"] = CommentedSeq(list(dict.fromkeys([*finding.answer.evidence, *cell.get("sources", [])]))[:8])
        cell["verified"] = _fresh(today)
    for finding in findings:
        rule, answer = finding.rule, finding.answer
        cell = cells.get(rule.feature)
        if not isinstance(cell, CommentedMap):
            cell = cells[rule.feature] = CommentedMap()
        # The sync now owns the cell: a note written for the old value would describe something else.
        note = cell.pop("note", None)
        if note:
            log.append(f"  {rule.feature}: note removed (it described the old value): {note}")
        key = "level" if rule.kind == "support" else "value"
        cell.pop("value" if key == "level" else "level", None)
        if comment := _drop_line_comment(cell, key):
            log.append(f"  {rule.feature}: end-of-line comment removed (it described the old value): {comment}")
        cell[key] = answer.level if key == "level" else _new_value(rule, answer)
        _mark_derived(cell)
        cell["sources"] = CommentedSeq(list(dict.fromkeys(answer.evidence)))
        cell["verified"] = _fresh(today)
    canonicalize(document, "framework", order)
    return dump_round_trip(document, "framework")


def write(data_dir: Path, report: Report, today: dt.date) -> None:
    """Rewrite the drifted mechanical cells and update the record. Everything is checked on a copy of the
    data folder first; any problem raises WriteError with nothing written."""
    findings: dict[Path, list[Finding]] = {}
    adopted: dict[Path, list[Finding]] = {}
    for finding in report.drift:
        if finding.writable:
            findings.setdefault(data_dir / "frameworks" / f"{finding.framework_id}.yaml", []).append(finding)
    for finding in report.adoptable:
        adopted.setdefault(data_dir / "frameworks" / f"{finding.framework_id}.yaml", []).append(finding)
    order = catalog_order(data_dir)
    writer = DataWriter(data_dir)
    new_texts: dict[Path, str] = {}
    log: list[str] = []
    for path in sorted(set(findings) | set(adopted)):
        items = findings.get(path, [])
        original = writer.original(path) or ""
        if items:
            log.append(f"{display(path)}: {', '.join(f.rule.feature for f in items)}")
        if adopted.get(path):
            log.append(f"{display(path)}: marked as kept by the sync (already right): "
                       f"{', '.join(f.rule.feature for f in adopted[path])}")
        try:
            new_texts[path] = _rewrite(original, items, order, today, log, adopted.get(path, []))
            if format_text(new_texts[path], "framework", order, str(path)) != new_texts[path]:
                raise WriteError(f"{display(path)}: the rewritten file is not in canonical format "
                                 "(please report this)")
        except FormatError as exc:
            raise WriteError(f"{display(path)}: {exc}") from None
    record_path = data_dir / RECORD_FILE
    record, record_errors = read_record(record_path)
    if record_errors:
        raise WriteError("; ".join(str(e) for e in record_errors) + f"; fix or delete {display(record_path)}")
    for items in [*findings.values(), *adopted.values()]:
        for finding in items:
            answer = finding.answer
            cell = {"level": answer.level} if finding.rule.kind == "support" else {"value": answer.value}
            if finding in report.adoptable:  # the cell's own value, which agrees with the registry
                loaded, _ = load_yaml_file(data_dir / "frameworks" / f"{finding.framework_id}.yaml")
                cell = loaded.data["cells"][finding.rule.feature] if loaded else cell
            record.setdefault(finding.framework_id, {})[finding.rule.feature] = _record_entry(cell, answer, today)
    for framework_id, feature, entry in report.agreeing:  # derived cells the record lost track of
        old = record.get(framework_id, {}).get(feature)
        if old is None or (old.value, old.level) != (entry.value, entry.level):
            record.setdefault(framework_id, {})[feature] = entry
    # The record goes through the same check: the validator checks derived cells against it.
    if record_path in writer.write({**new_texts, record_path: record_text(record)}):
        log.append(f"{display(record_path)}: updated")
    report.written = log
    report.wrote = True


# --- the run ----------------------------------------------------------------------------------------

def sync(data_dir: Path, registries: Registries, *, write_changes: bool = False, today: dt.date | None = None,
         progress: Callable[[str], None] = lambda message: None) -> Report:
    """Compare (and with write_changes, write). Raises DataErrors (invalid data), RegistryError, WriteError."""
    today = today or dt.date.today()
    dataset = load_dataset(data_dir)
    kinds = {feature.id: feature.kind for feature in dataset.features}
    report = Report()
    rules = []
    for rule in RULES:
        if rule.feature in kinds and kinds[rule.feature] != rule.kind:
            report.notices.append(f"feature {rule.feature} is a {kinds[rule.feature]} feature, but the sync's rule "
                                  f"gives a {rule.kind}; not compared")
        elif rule.feature in kinds:
            rules.append(rule)
    checked: list[tuple[Facts, LoadedFile]] = []
    for framework in sorted(dataset.frameworks, key=lambda f: f.id):  # file order: a stable report
        if framework.packages is None:
            continue
        path = data_dir / "frameworks" / f"{framework.id}.yaml"
        loaded, errors = load_yaml_file(path, display(path))
        if loaded is None:
            raise DataErrors(errors)
        progress(f"{framework.id}: asking the registries")
        checked.append((gather(framework.id, framework.packages, loaded, registries, report), loaded))
    report.frameworks = len(checked)
    for facts, loaded in checked:  # every answer is in: from here on nothing can fail half-way
        cells = loaded.data.get("cells") if isinstance(loaded.data.get("cells"), dict) else {}
        _by_hand_lines(facts, loaded, cells, report)
        compare(facts, loaded, rules, report, today)
        _notices(facts, loaded, report)
    if not checked:
        report.notices.append("no framework declares `packages:`; nothing to compare")
    # Plugins that may be dead and version numbers the registry has overtaken: for a person (hand_checks.py).
    found = hand_checks.run(data_dir, dataset.frameworks, checked, registries, today,
                             frozenset(rule.feature for rule in RULES if rule.mechanical))
    report.by_hand += found.by_hand
    report.problems += found.problems
    report.notices += found.notices
    install = install_sync.check(data_dir, dataset.frameworks, registries, report, today, progress)  # #22
    if write_changes and (any(f.writable for f in report.drift) or report.agreeing or report.adoptable):
        progress("writing")
        write(data_dir, report, today)
    install_sync.finish(data_dir, install, report, write_changes, today)
    return report


def main(argv: list[str] | None = None, *, http: Http | None = None, today: dt.date | None = None,
         cache_dir: Path | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="sync.py", description="Compare the data with what PyPI and npm know for certain. Exit status: 0 no "
        "difference, 1 differences (after --write: ones it could not write), 2 registry unreachable or bad data.")
    parser.add_argument("--write", action="store_true",
                        help="rewrite the differing rows the registries decide, and data/registry-record.yaml")
    parser.add_argument("--data", type=Path, default=Path("data"), help="the data folder (default data/)")
    parser.add_argument("--refresh", action="store_true", help="ignore cached registry answers")
    parser.add_argument("--offline", action="store_true", help="use only cached registry answers, of any age")
    parser.add_argument("--pypi-url", default=PYPI_URL, help=argparse.SUPPRESS)  # a mirror, or a test server
    parser.add_argument("--npm-url", default=NPM_URL, help=argparse.SUPPRESS)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.refresh and args.offline:
        print("sync: --refresh and --offline contradict each other; choose one", file=sys.stderr)
        return 2

    def progress(message: str) -> None:
        print(f"sync: {message}", file=sys.stderr, flush=True)

    registries = Registries(http or urllib_http, Cache(cache_dir or CACHE_DIR), refresh=args.refresh,
                            offline=args.offline, pypi_url=args.pypi_url, npm_url=args.npm_url, progress=progress)
    try:
        report = sync(args.data, registries, write_changes=args.write, today=today, progress=progress)
    except RegistryError as exc:
        print(f"sync: {exc}; nothing was written", file=sys.stderr)
        return 2
    except DataErrors as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        print("sync: the data has errors (see above); fix them first (make validate); nothing was written",
              file=sys.stderr)
        return 2
    except WriteError as exc:
        print(f"sync: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        print(f"sync: internal error: {type(exc).__name__}: {exc}; nothing was written", file=sys.stderr)
        return 2
    sys.stdout.write(report.text())
    return 1 if report.unresolved or report.problems else 0
