"""make sync, install part (#22): per platform, what the wheels themselves say about installing a framework.

For every framework with an `install:` block, from PyPI alone (no download of a wheel):

- which CPython versions have a wheel of the framework's main packages there (the tags say it);
- the oldest glibc (`manylinux_2_28`) or macOS (`macosx_14_0_arm64`) the wheels accept;
- the download size of the whole dependency closure of the CPU install's command there, resolved for one
  Python version: each distribution's newest release with a wheel for the platform, its dependencies read
  from the wheel's own metadata (PEP 658, the `.metadata` file PyPI serves beside it) with the environment
  markers of the *target* platform (pip's `--platform` keeps the markers of the machine it runs on, so a
  Windows closure resolved on Linux would bring NVIDIA's Linux libraries), sizes from PyPI's JSON simple API.

The figures go into `install.registry` (marked `derived: registry`) and into data/registry-record.yaml
under `install:<platform>`, so that the validator refuses a hand edit (dlmatrix.data.install).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import SpecifierSet
from packaging.tags import Tag, compatible_tags, cpython_tags, mac_platforms
from packaging.utils import InvalidWheelFilename, canonicalize_name, parse_wheel_filename
from packaging.version import InvalidVersion, Version
from ruamel.yaml.comments import CommentedMap

from dlmatrix.data.install import index_url_of, packages_of, record_value
from dlmatrix.data.layout import display
from dlmatrix.data.model import Framework, InstallEntry
from dlmatrix.data.record import RECORD_FILE, RecordEntry, read_record, record_text
from dlmatrix.data.vocabulary import WHEEL_PLATFORMS
from dlmatrix.data.writer import DataWriter, WriteError
from dlmatrix.tools.formatting import canonicalize, catalog_order, dump_round_trip, load_round_trip, strip_schema_line
from dlmatrix.tools.registry import PLATFORMS, Registries, RegistryError, Response, describe

MEASURE_PYTHON = (3, 12)  # the closures are resolved for this CPython (every framework in use has wheels for it)
PYTHON_MINORS = range(9, 16)  # the minors whose wheels are listed
GLIBC = 39  # a current distribution (Ubuntu 24.04 has glibc 2.39): the newest manylinux accepted
MACOS = (15, 0)  # macOS 15: the newest macOS version accepted
MIB = 1024 * 1024
MAX_ROUNDS = 30  # restarts of the resolution after a conflict


@dataclass(frozen=True)
class Target:
    """One platform: its wheel tags (best first) and its environment markers."""

    key: str
    platforms: tuple[str, ...]
    markers: dict[str, str]

    def tags(self, minor: int) -> list[Tag]:
        version = (3, minor)
        return [*cpython_tags(version, platforms=self.platforms),
                *compatible_tags(version, f"cp3{minor}", platforms=self.platforms)]

    def environment(self, minor: int) -> dict[str, str]:
        return {**self.markers, "python_version": f"3.{minor}", "python_full_version": f"3.{minor}.0",
                "implementation_name": "cpython", "platform_python_implementation": "CPython",
                "platform_release": "", "platform_version": "", "implementation_version": f"3.{minor}.0",
                "extra": ""}


def _linux(arch: str) -> tuple[str, ...]:
    return (*(f"manylinux_2_{minor}_{arch}" for minor in range(GLIBC, 16, -1)), f"manylinux2014_{arch}",
            f"manylinux2010_{arch}", f"manylinux1_{arch}")


def _markers(system: str, machine: str) -> dict[str, str]:
    return {"sys_platform": {"Linux": "linux", "Windows": "win32", "Darwin": "darwin"}[system],
            "platform_system": system, "platform_machine": machine,
            "os_name": "nt" if system == "Windows" else "posix"}


TARGETS: dict[str, Target] = {t.key: t for t in (
    Target("linux_x86_64", _linux("x86_64"), _markers("Linux", "x86_64")),
    Target("linux_aarch64", _linux("aarch64"), _markers("Linux", "aarch64")),
    Target("macos_arm64", tuple(mac_platforms(MACOS, "arm64")), _markers("Darwin", "arm64")),
    Target("macos_x86_64", tuple(mac_platforms(MACOS, "x86_64")), _markers("Darwin", "x86_64")),
    Target("windows_x64", ("win_amd64",), _markers("Windows", "AMD64")),
    Target("windows_arm64", ("win_arm64",), _markers("Windows", "ARM64")),
)}
assert set(TARGETS) == set(PLATFORMS) == set(WHEEL_PLATFORMS.values())


# --- PyPI, as the resolver reads it -----------------------------------------------------------------

@dataclass(frozen=True)
class File:
    filename: str
    version: Version
    tags: frozenset[Tag]
    size: int | None
    requires_python: str | None
    url: str
    metadata: bool  # PyPI says it serves <url>.metadata (PEP 658); tried anyway, it often does without saying


class Index:
    """PyPI's JSON simple pages (with sizes) and the wheels' metadata files, through the registries' cache."""

    def __init__(self, registries: Registries) -> None:
        self.registries = registries
        self._files: dict[str, list[File]] = {}
        self._metadata: dict[str, list[str]] = {}

    def files(self, name: str) -> list[File]:
        key = str(canonicalize_name(name))
        if key not in self._files:
            document = self.registries.pypi_page(key)
            self._files[key] = _parse_files(document) if document is not None else []
        return self._files[key]

    def requires(self, file: File) -> list[str]:
        """Requires-Dist of one wheel, from its PEP 658 metadata file."""
        if file.url not in self._metadata:
            try:
                text = self.registries.text(file.url + ".metadata", f"metadata of {file.filename}")
            except RegistryError:  # not served for this file: read METADATA out of the wheel by byte ranges
                text = self.registries.wheel_metadata(file.url, f"metadata of {file.filename}")
            self._metadata[file.url] = _requires_dist(text)
        return self._metadata[file.url]


def _parse_files(document: dict[str, Any]) -> list[File]:
    found = []
    for entry in document.get("files", []):
        name = entry.get("filename") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not name.endswith(".whl") or entry.get("yanked") not in (False, None):
            continue
        try:
            _, version, _, tags = parse_wheel_filename(name)
        except (InvalidWheelFilename, InvalidVersion):
            continue
        size = entry.get("size")
        requires = entry.get("requires-python")
        metadata = entry.get("core-metadata", entry.get("data-dist-info-metadata", False))
        found.append(File(name, version, tags, size if isinstance(size, int) else None,
                          requires if isinstance(requires, str) else None, str(entry.get("url") or ""),
                          bool(metadata)))
    return found


def _requires_dist(text: str) -> list[str]:
    """Requires-Dist lines of a METADATA file (its header part)."""
    header = text.split("\n\n", 1)[0]
    return [line.split(":", 1)[1].strip() for line in header.splitlines() if line.startswith("Requires-Dist:")]


def best_file(files: Iterable[File], tags: list[Tag], minor: int) -> File | None:
    """The wheel pip would pick among one release's files for these tags (best tag first)."""
    rank = {tag: i for i, tag in enumerate(tags)}
    best: tuple[int, File] | None = None
    for file in files:
        if file.requires_python and not _python_ok(file.requires_python, minor):
            continue
        # cp312-none-any: a binary mislabelled as any platform (mindspore has some); pip would install it anywhere,
        # but it runs nowhere in particular, so it counts for no platform (as in make sync's wheel rows).
        score = min((rank[t] for t in file.tags if t in rank and not _odd_any(t)), default=None)
        if score is not None and (best is None or score < best[0]):
            best = (score, file)
    return best[1] if best else None


def _odd_any(tag: Tag) -> bool:
    return tag.platform == "any" and not tag.interpreter.startswith("py")


def _python_ok(spec: str, minor: int) -> bool:
    try:
        return SpecifierSet(spec).contains(f"3.{minor}.0", prereleases=True)
    except ValueError:
        return True


# --- the resolver ---------------------------------------------------------------------------------------

class ResolveError(Exception):
    """No closure: a distribution has no wheel for the platform (said as the reason)."""


@dataclass(frozen=True)
class Closure:
    files: tuple[File, ...]

    @property
    def size(self) -> int:
        return sum(f.size or 0 for f in self.files)


def resolve(index: Index, requirements: list[str], target: Target, minor: int) -> Closure:
    """Newest versions with a wheel for the target, dependencies from each wheel's metadata under the target's
    markers. A later requirement that excludes an earlier pick restarts the resolution with both constraints
    (enough for these trees; pip's backtracking is not needed for them). Raises ResolveError."""
    tags = target.tags(minor)
    environment = target.environment(minor)
    constraints: dict[str, SpecifierSet] = {}
    for _ in range(MAX_ROUNDS):
        pins: dict[str, File] = {}
        extras_done: dict[str, set[str]] = {}
        queue: list[tuple[Requirement, str]] = [(_requirement(r), "") for r in requirements]
        restart = False
        while queue:
            requirement, extra = queue.pop(0)
            if requirement.marker is not None and not requirement.marker.evaluate({**environment, "extra": extra}):
                continue
            name = str(canonicalize_name(requirement.name))
            if name in pins:
                if not requirement.specifier.contains(pins[name].version, prereleases=True):
                    constraints[name] = constraints.get(name, SpecifierSet()) & requirement.specifier
                    restart = True
                    break
            else:
                pins[name] = _pick(index, name, requirement.specifier & constraints.get(name, SpecifierSet()),
                                   tags, minor, target)
                extras_done[name] = set()
                queue += [(_requirement(r), "") for r in index.requires(pins[name])]
            for wanted in sorted(set(requirement.extras) - extras_done[name]):
                extras_done[name].add(wanted)
                queue += [(_requirement(r), wanted) for r in index.requires(pins[name])
                          if _requirement(r).marker is not None]
        if not restart:
            return Closure(tuple(pins[n] for n in sorted(pins)))
    raise ResolveError(f"no consistent set of versions after {MAX_ROUNDS} attempts")


def _requirement(text: str) -> Requirement:
    try:
        return Requirement(text)
    except InvalidRequirement as exc:
        raise ResolveError(f"cannot read the requirement '{text}': {exc}") from None


def _pick(index: Index, name: str, specifier: SpecifierSet, tags: list[Tag], minor: int, target: Target) -> File:
    by_version: dict[Version, list[File]] = {}
    for file in index.files(name):
        by_version.setdefault(file.version, []).append(file)
    candidates = sorted((v for v in by_version if specifier.contains(v, prereleases=False)), reverse=True)
    if not candidates:  # only pre-releases match (as pip does then)
        candidates = sorted((v for v in by_version if specifier.contains(v, prereleases=True)), reverse=True)
    for version in candidates:
        if (chosen := best_file(by_version[version], tags, minor)) is not None:
            return chosen
    wanted = f"{name}{specifier}" if str(specifier) else name
    raise ResolveError(f"no wheel of {wanted} for {target.key} and CPython 3.{minor}")


# --- what the wheels say per platform -----------------------------------------------------------------------

def pythons_text(minors: list[int]) -> str:
    if not minors:
        return "none"
    runs: list[list[int]] = []
    for minor in sorted(minors):
        if runs and minor == runs[-1][-1] + 1:
            runs[-1].append(minor)
        else:
            runs.append([minor])
    return ", ".join(f"3.{r[0]}" if len(r) == 1 else f"3.{r[0]} to 3.{r[-1]}" for r in runs)


def min_os(files: Iterable[File], target: Target) -> str | None:
    """The oldest glibc or macOS among the wheels that install on the target (None on Windows, or pure Python)."""
    glibc: list[tuple[int, int]] = []
    macos: list[tuple[int, int]] = []
    platforms = set(target.platforms)
    for file in files:
        for tag in file.tags:
            if tag.platform not in platforms:
                continue
            if m := re.fullmatch(r"manylinux_(\d+)_(\d+)_\w+", tag.platform):
                glibc.append((int(m.group(1)), int(m.group(2))))
            elif tag.platform.startswith("manylinux2014"):
                glibc.append((2, 17))
            elif tag.platform.startswith("manylinux2010"):
                glibc.append((2, 12))
            elif tag.platform.startswith("manylinux1"):
                glibc.append((2, 5))
            elif m := re.fullmatch(r"macosx_(\d+)_(\d+)_\w+", tag.platform):
                macos.append((int(m.group(1)), int(m.group(2))))
    if glibc:
        return "glibc {}.{}".format(*min(glibc))
    if macos:
        return "macOS {}.{}".format(*min(macos))
    return None


@dataclass(frozen=True)
class Figures:
    pythons: str
    min_os: str | None
    download_mib: float | None
    packages: int | None
    evidence: str
    reason: str | None = None  # why no closure resolved (said in the report, not stored)
    note: str | None = None  # how it was measured, when not as the command says (said in the report)

    def as_dict(self) -> dict[str, Any]:
        return {"pythons": self.pythons, "min_os": self.min_os, "download_mib": self.download_mib,
                "packages": self.packages, "evidence": self.evidence}


def cpu_command(framework: Framework, platform: str) -> InstallEntry | None:
    """The entry that installs the framework for the CPU on that platform."""
    assert framework.install is not None
    for (os_id, arch), key in WHEEL_PLATFORMS.items():
        if key != platform:
            continue
        for entry in framework.install.entries:
            if os_id in entry.os and arch in entry.arch and "cpu" in entry.accel and entry.installs == "yes":
                return entry
    return None


def main_packages(framework: Framework) -> list[str]:
    if framework.packages is None:
        return []
    return [p.name for p in framework.packages.pypi if p.variant == "main"]


def derive(framework: Framework, index: Index) -> tuple[str, dict[str, Figures]]:
    """(the resolved requirement, figures per platform)."""
    mains = main_packages(framework)
    latest: dict[str, Version] = {}
    for name in mains:
        stable = sorted({f.version for f in index.files(name) if not f.version.is_prerelease})
        if stable:
            latest[name] = stable[-1]
    head = mains[0] if mains else None
    requirement = f"{head}=={latest[head]}" if head and head in latest else (head or "")
    figures: dict[str, Figures] = {}
    for platform, target in TARGETS.items():
        minors = []
        tagged: list[File] = []
        for minor in PYTHON_MINORS:
            picks = []
            for name, version in latest.items():
                files = [f for f in index.files(name) if f.version == version]
                picks.append(best_file(files, target.tags(minor), minor))
            if picks and all(p is not None for p in picks):
                minors.append(minor)
                tagged += [p for p in picks if p is not None]
        evidence = (f"https://pypi.org/project/{head}/{latest[head]}/#files" if head and head in latest
                    else "https://pypi.org/")
        entry = cpu_command(framework, platform)
        packages = packages_of(entry.command) if entry and entry.command else []
        pinned = [f"{p}=={latest[p]}" if p in latest else p for p in packages]
        size: float | None = None
        count: int | None = None
        reason = None
        note = None
        if not packages:
            reason = "no CPU install command for this platform"
        else:
            try:
                closure = resolve(index, pinned, target, MEASURE_PYTHON[1])
                size, count = round(closure.size / MIB, 1), len(closure.files)
            except ResolveError as exc:
                reason = str(exc)
            if entry is not None and entry.command and index_url_of(entry.command) is not None:
                # PyTorch's CPU index on Linux: what plain `pip install` from PyPI brings is measured instead, and
                # the data's caveat says so beside the figure.
                note = "measured from PyPI: the command's own index is not read by make sync"
        figures[platform] = Figures(pythons_text(minors), min_os(tagged, target), size, count, evidence, reason, note)
    return requirement, figures


# --- comparing with the data and writing ---------------------------------------------------------------------

@dataclass
class Outcome:
    differences: list[str]
    notes: list[str]
    new: dict[str, tuple[str, dict[str, Figures]]]  # framework id -> what to write


def compare(data_dir: Path, frameworks: Iterable[Framework], registries: Registries, today: dt.date,
            progress: Callable[[str], None] = lambda message: None) -> Outcome:
    index = Index(registries)
    outcome = Outcome([], [], {})
    for framework in sorted(frameworks, key=lambda f: f.id):
        if framework.install is None or framework.packages is None or not main_packages(framework):
            continue
        progress(f"{framework.id}: resolving the install per platform")
        requirement, figures = derive(framework, index)
        path = display(data_dir / "frameworks" / f"{framework.id}.yaml")
        for platform, found in figures.items():
            if found.reason and found.pythons != "none":
                outcome.notes.append(f"{framework.id}: {platform}: download size not measured: {found.reason}")
            if found.note:
                outcome.notes.append(f"{framework.id}: {platform}: {found.note}")
        stored = framework.install.registry
        old = {k: v.model_dump() for k, v in stored.platforms.items()} if stored else {}
        new = {k: v.as_dict() for k, v in figures.items()}
        if stored is None or stored.requirement != requirement or old != new \
                or stored.python != f"3.{MEASURE_PYTHON[1]}":
            changed = sorted(k for k in new if old.get(k) != new[k]) or ["requirement"]
            outcome.differences.append(f"{path}: install.registry: data says "
                                       f"{'nothing' if stored is None else stored.requirement}, registry says "
                                       f"{requirement} ({describe(changed)} changed: "
                                       f"{'; '.join(_says(k, figures[k]) for k in changed if k in figures)})")
            outcome.new[framework.id] = (requirement, figures)
    return outcome


class _Report(Protocol):
    problems: list[str]
    notices: list[str]
    written: list[str]
    wrote: bool


def check(data_dir: Path, frameworks: Iterable[Framework], registries: Registries, report: _Report, today: dt.date,
          progress: Callable[[str], None]) -> Outcome:
    """make sync's hook: compare before anything is written (an unreachable registry stops the run first)."""
    return compare(data_dir, frameworks, registries, today, progress)


def finish(data_dir: Path, outcome: Outcome, report: _Report, write_changes: bool, today: dt.date) -> None:
    """make sync's hook after its own writing: report the differences, or write them."""
    report.notices += outcome.notes
    if write_changes and outcome.new:
        report.written += write(data_dir, outcome, today)
        report.wrote = True
        return
    report.problems += outcome.differences


def _says(platform: str, figures: Figures) -> str:
    size = f"{figures.download_mib:,.1f} MiB" if figures.download_mib is not None else "no closure"
    return f"{platform} Python {figures.pythons}, {figures.min_os or 'any OS version'}, {size}"


def write(data_dir: Path, outcome: Outcome, today: dt.date) -> list[str]:
    """Write install.registry and the record entries; returns what was written, for people."""
    order = catalog_order(data_dir)
    log = []
    record_path = data_dir / RECORD_FILE
    record, errors = read_record(record_path)
    if errors:
        raise RegistryError("; ".join(str(e) for e in errors))
    writer, texts = DataWriter(data_dir), {}
    for framework_id, (requirement, figures) in sorted(outcome.new.items()):
        path = data_dir / "frameworks" / f"{framework_id}.yaml"
        document = load_round_trip(strip_schema_line(writer.original(path) or ""))
        platforms = CommentedMap()
        for key in PLATFORMS:
            platforms[key] = CommentedMap(figures[key].as_dict())
        block = CommentedMap([("derived", "registry"), ("requirement", requirement),
                              ("python", f"3.{MEASURE_PYTHON[1]}"),
                              ("synced", dt.date.fromordinal(today.toordinal())), ("platforms", platforms)])
        document["install"]["registry"] = block
        canonicalize(document, "framework", order)
        texts[path] = dump_round_trip(document, "framework")
        for key in PLATFORMS:
            record.setdefault(framework_id, {})[f"install:{key}"] = RecordEntry(
                record_value(requirement, figures[key].as_dict()), None, figures[key].evidence, today)
        log.append(f"{display(path)}: install.registry ({requirement})")
    try:  # the record goes through the same check: the validator compares install.registry with it
        written = writer.write({**texts, record_path: record_text(record)})
    except WriteError as exc:
        raise RegistryError(str(exc)) from None
    if record_path in written:
        log.append(f"{display(record_path)}: updated (install)")
    return log


def http_text(response: Response) -> str:
    return response.body.decode("utf-8", "replace")
