"""The install picker's facts (#22): for each framework in use and each platform and accelerator, what the page says.

The one place a verdict is decided: `answer()` (per platform and accelerator, from the `install:` block) and
`verdict()` (plus the Python version: a wheel must exist for it, as make sync recorded). The page's script only
repeats `verdict()`'s one Python test on the attributes these answers write (data-pythons); the browser tests check
the page against `verdict()`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from dlmatrix.data.install import entry_for, measured_by
from dlmatrix.data.model import Framework, InstallEntry, InstallFigures
from dlmatrix.data.vocabulary import (
    ACCELERATORS,
    ARCHITECTURES,
    INSTALL_VERDICTS,
    OPERATING_SYSTEMS,
    PICKER_PYTHONS,
    PLATFORM_ACCELERATORS,
    WHEEL_PLATFORMS,
)
from dlmatrix.site.views import Site

DEFAULTS = {"os": "windows", "arch": "x86_64", "accel": "cpu", "python": "3.12"}  # a student's laptop
RANK = {("yes", "yes"): 0, ("yes", "no"): 1, ("yes", "unknown"): 1, ("unknown", "unknown"): 2, ("no", "no"): 3}
PLATFORM_WORDS = {key: f"{OPERATING_SYSTEMS[o].word} {'x86-64' if a == 'x86_64' else 'Arm64'}"
                  for (o, a), key in WHEEL_PLATFORMS.items()}


def install_label(os_id: str, arch: str, accel: str) -> str:
    """A link's text for the picker on one machine: 'Install picker: Windows x86-64, NVIDIA GPU'."""
    return f"Install picker: {PLATFORM_WORDS[WHEEL_PLATFORMS[(os_id, arch)]]}, {ACCELERATORS[accel].word}"


def install_names_json() -> str:
    """The words of the picker's choices, for the script that shows a pair page's install lines."""
    return json.dumps({"os": {k: v.word for k, v in OPERATING_SYSTEMS.items()},
                       "arch": {k: v.word.split(" (")[0] for k, v in ARCHITECTURES.items()},
                       "accel": {k: v.word for k, v in ACCELERATORS.items()}}, sort_keys=True)


@dataclass(frozen=True)
class Peak:
    label: str  # "PyTorch" or "Keras (JAX backend)"
    mib: int
    platform: str  # where it was measured


@dataclass(frozen=True)
class Answer:
    """One framework on one platform with one accelerator (any Python)."""

    framework: Framework
    os: str
    arch: str
    accel: str
    installs: str  # yes, no, unknown (before the Python test)
    accelerated: str  # yes, no, unknown; a CPU choice is "no": nothing to accelerate
    why: str | None
    entry: InstallEntry | None
    figures: InstallFigures | None  # make sync's, for this platform
    pythons: tuple[str, ...] | None  # CPython versions with a wheel here; None: not known
    cpu_command: str | None = None  # the CPU install's command here: what make sync's download figure measures

    @property
    def platform(self) -> str:
        return WHEEL_PLATFORMS[(self.os, self.arch)]

    @property
    def platform_word(self) -> str:
        return PLATFORM_WORDS[self.platform]

    @property
    def hardware(self) -> str:
        return f"{ARCHITECTURES[self.arch].word.split(' (')[0]}, {ACCELERATORS[self.accel].word}"

    @property
    def accel_word(self) -> str:
        return ACCELERATORS[self.accel].word

    @property
    def install_why(self) -> str | None:
        """Why it does not install (or may not): shown beside the Installs verdict."""
        return self.why if self.installs != "yes" else None

    @property
    def is_cpu(self) -> bool:
        return self.accel == "cpu"

    @property
    def installs_word(self) -> str:
        return INSTALL_VERDICTS[self.installs].word

    @property
    def accelerated_word(self) -> str:
        if self.is_cpu:
            return "CPU only"
        if self.accelerated == "no" and self.installs == "yes":
            return "No: falls back to the CPU"
        return INSTALL_VERDICTS[self.accelerated].word

    @property
    def pythons_attr(self) -> str:
        return " ".join(self.pythons) if self.pythons is not None else ""

    @property
    def pythons_text(self) -> str:
        return self.figures.pythons if self.figures else "not known"

    @property
    def measured(self) -> bool:
        """Does make sync's download figure (the PyPI closure of the CPU install) measure this answer's command?"""
        return self.accel == "cpu" or measured_by(self.entry.command if self.entry else None, self.cpu_command)

    @property
    def download_mib(self) -> float | None:
        figures = self.figures
        return figures.download_mib if figures is not None and self.measured else None

    @property
    def download(self) -> str | None:
        if self.figures is None or self.download_mib is None:
            return None
        count = self.figures.packages
        return f"{self.download_mib:,.1f} MiB in {count} package{'' if count == 1 else 's'}"

    @property
    def download_other(self) -> str | None:
        """When this command is not the one measured: what the CPU install downloads, said as such."""
        if self.download_mib is not None or self.figures is None or self.figures.download_mib is None:
            return None
        return f"Not measured for this command (the CPU install downloads {self.figures.download_mib:,.1f} MiB)"


def _pythons(figures: InstallFigures | None) -> tuple[str, ...] | None:
    """'3.11 to 3.15' / '3.10, 3.12 to 3.13' / 'none' -> the picker's versions it covers."""
    if figures is None:
        return None
    found: list[str] = []
    for part in figures.pythons.split(", "):
        if part == "none":
            continue
        low, _, high = part.partition(" to ")
        first, last = int(low.split(".")[1]), int((high or low).split(".")[1])
        found += [f"3.{m}" for m in range(first, last + 1)]
    return tuple(v for v in PICKER_PYTHONS if v in found)


def answer(framework: Framework, os_id: str, arch: str, accel: str) -> Answer:
    found = entry_for(framework, os_id, arch, accel)
    entry = found[1] if found else None
    registry = framework.install.registry if framework.install else None
    figures = registry.platforms.get(WHEEL_PLATFORMS[(os_id, arch)]) if registry else None
    if entry is None:
        return Answer(framework, os_id, arch, accel, "unknown", "unknown", "Not checked yet.", None, figures, None)
    installs = entry.installs
    if accel == "cpu" or installs == "no":
        accelerated = "no"
    elif installs == "unknown":
        accelerated = "unknown"
    else:
        accelerated = entry.accelerated or "unknown"
    cpu = entry_for(framework, os_id, arch, "cpu")
    cpu_command = cpu[1].command if cpu else None
    why = entry.reason if (installs != "yes" or (accelerated == "no" and accel != "cpu")
                           or accelerated == "unknown") else None
    return Answer(framework, os_id, arch, accel, installs, accelerated, why, entry, figures, _pythons(figures),
                  cpu_command)


def verdict(answer_: Answer, python: str) -> tuple[str, str]:
    """(installs, accelerated) for one Python version: an install needs a wheel for it."""
    if answer_.installs == "yes" and answer_.pythons is not None and python not in answer_.pythons:
        return "no", "no"
    return answer_.installs, answer_.accelerated


def rank(installs: str, accelerated: str) -> int:
    """Frameworks that work sort first: installs and uses the accelerator, then installs, unknown, no."""
    return RANK.get((installs, accelerated), 2)


@dataclass(frozen=True)
class OsTable:
    os: str
    word: str
    answers: tuple[Answer, ...]


@dataclass(frozen=True)
class Picker:
    frameworks: tuple[Framework, ...]
    tables: tuple[OsTable, ...]
    peaks: dict[str, tuple[Peak, ...]]
    platforms: dict[str, str]  # "os/arch" -> its accelerators, space-separated (for the script)
    verified: str  # the newest date the install facts were checked
    synced: str | None  # when make sync measured them


def in_use(site: Site) -> tuple[Framework, ...]:
    return tuple(f for f in site.in_use if f.install is not None)


def peaks(site: Site) -> dict[str, tuple[Peak, ...]]:
    """Peak memory of the small training program (code evidence, task `train`) per framework."""
    evidence = site.evidence
    found: dict[str, list[Peak]] = {}
    if evidence is None:
        return {}
    for framework in in_use(site):
        for _, result in evidence.cell("train", framework.id):
            if result.peak_memory_mib is None or result.status != "passed":
                continue
            spec = evidence.environment.frameworks.get(framework.id)
            target = spec.backends.get(result.backend) if spec and result.backend else None
            backend = site.names.get(target or "", result.backend or "") if result.backend else ""
            label = f"{framework.name} ({backend} backend)" if backend else framework.name
            found.setdefault(framework.id, []).append(Peak(label, result.peak_memory_mib, result.platform or ""))
    return {k: tuple(v) for k, v in found.items()}


def picker(site: Site) -> Picker:
    def compute() -> Picker:
        frameworks = in_use(site)
        tables = []
        for os_id, choice in OPERATING_SYSTEMS.items():
            answers = [answer(f, os_id, arch, accel) for (o, arch), accels in PLATFORM_ACCELERATORS.items()
                       if o == os_id for accel in accels for f in frameworks]
            tables.append(OsTable(os_id, choice.word, tuple(answers)))
        dates = [e.verified for f in frameworks if f.install for e in f.install.entries]
        synced = [f.install.registry.synced for f in frameworks if f.install and f.install.registry]
        return Picker(frameworks, tuple(tables), peaks(site),
                      {f"{o}/{a}": " ".join(accels) for (o, a), accels in PLATFORM_ACCELERATORS.items()},
                      max(dates).isoformat() if dates else "", max(synced).isoformat() if synced else None)

    return site.remember(("install-picker",), compute)


def framework_answers(site: Site, framework: Framework) -> tuple[Answer, ...]:
    """A framework page's own install table: every platform and accelerator."""
    if framework.install is None:
        return ()
    return tuple(answer(framework, o, a, accel) for (o, a), accels in PLATFORM_ACCELERATORS.items()
                 for accel in accels)
