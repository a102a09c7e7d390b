"""The `install:` block of a framework file (#22): coverage, honesty and the registry record.

- every framework in use says something about each platform and accelerator (PLATFORM_ACCELERATORS), once;
- an entry that installs has a command; a `no` has a reason; anything but `unknown` has sources;
- `install.registry` (written by make sync) agrees with data/registry-record.yaml (`install:<platform>`):
  a hand edit of those figures is refused like a hand edit of a release row.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dlmatrix.data.errors import DataError
from dlmatrix.data.model import Framework, InstallEntry
from dlmatrix.data.reader import LoadedFile
from dlmatrix.data.record import read_record
from dlmatrix.data.vocabulary import PLATFORM_ACCELERATORS, WHEEL_PLATFORMS


def in_use(framework: Framework) -> bool:
    return framework.status != "retired"


def entry_for(framework: Framework, os_id: str, arch: str, accel: str) -> tuple[int, InstallEntry] | None:
    """The entry (and its index) that covers one combination, or None."""
    if framework.install is None:
        return None
    for index, entry in enumerate(framework.install.entries):
        if os_id in entry.os and arch in entry.arch and accel in entry.accel:
            return index, entry
    return None


def combinations() -> Iterator[tuple[str, str, str]]:
    for (os_id, arch), accels in PLATFORM_ACCELERATORS.items():
        for accel in accels:
            yield os_id, arch, accel


def check_entries(framework: Framework, loaded: LoadedFile, catalog_has_install: bool = True) -> Iterator[DataError]:
    """`catalog_has_install`: some framework of the catalog answers in its install block. Then every framework in use
    needs one (the picker answers for all of them); a data set without (a small test fixture) is left be."""
    if framework.install is None:
        if in_use(framework) and catalog_has_install:
            yield loaded.error(("id",), "install: missing: a framework in use says how it installs on every "
                               "platform (`install:`; scripts/new.py writes an honest `unknown` one)")
        return
    seen: dict[tuple[str, str, str], int] = {}
    for index, entry in enumerate(framework.install.entries):
        loc: tuple[str | int, ...] = ("install", "entries", index)
        where = f"install.entries.{index}"
        for os_id in entry.os:
            for arch in entry.arch:
                for accel in entry.accel:
                    combo = (os_id, arch, accel)
                    if accel not in PLATFORM_ACCELERATORS.get((os_id, arch), ()):
                        yield loaded.error((*loc, "accel"), f"{where}.accel: {os_id} {arch} has no {accel} "
                                           "accelerator in the picker; leave it out")
                    elif combo in seen:
                        yield loaded.error((*loc, "os"), f"{where}: {os_id} {arch} {accel} is already said by "
                                           f"install.entries.{seen[combo]}; say each combination once")
                    else:
                        seen[combo] = index
        if entry.installs == "yes" and entry.command is None:
            yield loaded.error((*loc, "installs"), f"{where}.command: missing: an install that works has a command")
        if entry.installs == "no" and entry.reason is None:
            yield loaded.error((*loc, "installs"), f"{where}.reason: missing: say why it does not install")
        gpu = [a for a in entry.accel if a != "cpu"]
        if gpu and entry.installs == "yes" and entry.accelerated is None:
            yield loaded.error((*loc, "installs"), f"{where}.accelerated: missing: does it use the "
                               f"{', '.join(gpu)} accelerator (yes, no or unknown)?")
        if "cpu" in entry.accel and entry.accelerated is not None and not gpu:
            yield loaded.error((*loc, "accelerated"), f"{where}.accelerated: only for a GPU or TPU; the CPU is "
                               "not an accelerator")
        if entry.accelerated == "no" and entry.reason is None:
            yield loaded.error((*loc, "accelerated"), f"{where}.reason: missing: say why it does not use the "
                               "accelerator")
        if (entry.installs != "unknown" or entry.accelerated not in (None, "unknown")) and not entry.sources:
            yield loaded.error((*loc, "verified"), f"{where}.sources: missing: an answer other than unknown "
                               "needs a source")
    if in_use(framework):
        for missing in combinations():
            if missing not in seen:
                yield loaded.error(("install", "entries"), f"install.entries: nothing says {' '.join(missing)}; add "
                                   "it (installs: no with a reason, or unknown)")


# --- commands ------------------------------------------------------------------------------------------------

def packages_of(command: str) -> list[str]:
    """The requirements a `pip install` command names (options and their values left out)."""
    words = shlex.split(command)
    if "install" not in words:
        return []
    words = words[words.index("install") + 1:]
    found: list[str] = []
    skip = False
    for word in words:
        if skip:
            skip = False
            continue
        if word.startswith("-"):
            skip = "=" not in word and word in ("--index-url", "--extra-index-url", "-i", "-f", "--find-links",
                                                 "-c", "--constraint", "--pre-index")
            continue
        found.append(word)
    return found


def index_url_of(command: str) -> str | None:
    words = shlex.split(command)
    for i, word in enumerate(words):
        if word in ("--index-url", "-i") and i + 1 < len(words):
            return words[i + 1]
        if word.startswith("--index-url="):
            return word.split("=", 1)[1]
    return None



def measured_by(command: str | None, cpu_command: str | None) -> bool:
    """Does make sync's figure (the PyPI closure of the CPU command's packages) measure this command's download?
    Only when it installs the same packages from PyPI (no index URL of its own)."""
    if not command or not cpu_command:
        return False
    return index_url_of(command) is None and sorted(packages_of(command)) == sorted(packages_of(cpu_command))


# --- the registry figures and their record -----------------------------------------------------------------

def record_value(requirement: str, figures: dict[str, Any]) -> str:
    """One platform's figures as the record holds them: a line a person can read and a machine can compare."""
    size = figures.get("download_mib")
    return (f"{requirement}; python {figures.get('pythons')}; {figures.get('min_os') or 'any OS version'}; "
            f"{'no closure' if size is None else f'{float(size):.1f} MiB'} in {figures.get('packages')} package(s)")


RECORD_PARTS = ("requirement", "pythons", "min_os", "download_mib")  # record_value's parts, in order


def _edited(loc: tuple[str | int, ...], ours: str, recorded: str, figures: Any) -> tuple[str | int, ...]:
    """Where the hand edit is: the first part of the record's line that differs, when the YAML has that key."""
    for part, (mine, theirs) in zip(RECORD_PARTS, zip(ours.split("; "), recorded.split("; "), strict=False), strict=False):
        if mine != theirs:
            if part == "requirement":
                return ("install", "registry", "requirement")
            if isinstance(figures, dict) and part in figures:
                return (*loc, part)
            break
    return loc


def check_registry_files(framework_files: Iterable[LoadedFile], record_path: Path) -> list[DataError]:
    """install.registry blocks whose figures are not what the last sync recorded (a hand edit)."""
    record, _ = read_record(record_path)
    found: list[DataError] = []
    for loaded in framework_files:
        install = loaded.data.get("install")
        block = install.get("registry") if isinstance(install, dict) else None
        if not isinstance(block, dict):
            continue
        framework_id = str(loaded.data.get("id") or Path(loaded.path).stem)
        found_platforms = block.get("platforms")
        platforms: dict[str, Any] = found_platforms if isinstance(found_platforms, dict) else {}
        recorded = {k for k in record.get(framework_id, {}) if k.startswith("install:")}
        if not recorded:
            found.append(loaded.error(("install", "registry", "derived"), "install.registry: no registry sync wrote "
                                      "it; run make sync ARGS=--write (this block is the sync's, not a person's)"))
            continue
        for key in sorted(set(WHEEL_PLATFORMS.values())):
            entry = record.get(framework_id, {}).get(f"install:{key}")
            figures = platforms.get(key)
            loc = ("install", "registry", "platforms", key) if isinstance(figures, dict) else \
                ("install", "registry")
            if entry is None:
                found.append(loaded.error(loc, f"install.registry.platforms.{key}: no registry sync wrote it; run "
                                          "make sync ARGS=--write (this block is the sync's, not a person's)"))
                continue
            value = record_value(str(block.get("requirement")), figures if isinstance(figures, dict) else {})
            if value != entry.value:
                where = _edited(loc, value, entry.value or "", figures)
                found.append(loaded.error(where, f"install.registry.platforms.{key}: '{value}' is a hand edit that "
                                          f"contradicts the last registry sync of {entry.synced.isoformat()} "
                                          f"('{entry.value}', {entry.evidence}); run make sync ARGS=--write"))
    return sorted(found)  # problems of the record file itself are the derived-cells rule's to report


@dataclass(frozen=True)
class Verdict:
    """What the picker says for one framework and one choice of os, arch, accel and Python."""

    installs: str  # yes, no, unknown
    accelerated: str  # yes, no, unknown (cpu: no, said as 'CPU')
    entry: InstallEntry | None
    why: str | None  # why not, in words
