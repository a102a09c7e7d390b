"""The one vocabulary table: support levels, framework statuses, claim verdicts, feature roles and the results of
the code examples.

Everything that names, shows, scores or filters by one of these reads it from here: the model (allowed
values), the validator, the view layer (scores, must-haves), the templates (icon, word, help text), the
matrix script (written into the page as JSON) and the stylesheet (tests/data/test_vocabulary.py checks
that dlmatrix/site/static/matrix.css has a rule for every icon). Adding a level is one entry here, one colour
pair in the CSS, and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

# The ids as types, for the model and the type checker; the tables below must cover exactly these.
LevelId = Literal["full", "partial", "plugin", "deprecated", "none", "unknown"]
StatusId = Literal["active", "maintenance", "retired", "unknown"]
ClaimVerdictId = Literal["still-true", "partly-true", "outdated", "wrong"]
# Features that give a framework's identity (its card and the frameworks table) or that make sync keeps,
# found by the role the data declares, never by a feature id written in code.
RoleId = Literal["steward", "first_release", "api_languages", "license", "latest_release", "latest_release_date",
                 "python_versions", "release_cadence"]
# What happened to a code example (examples/) in the last `make evidence` run (data/evidence/tasks/).
ResultId = Literal["passed", "failed", "not-run", "not-available"]


@dataclass(frozen=True)
class Level:
    id: str
    word: str  # shown next to the icon: a level is never told by colour alone
    icon: str
    help: str
    score: float  # share of a use-case weight earned at this level
    meets: bool | None  # does it satisfy a must-have? None: we do not know (unknown is not "lacks")


@dataclass(frozen=True)
class Status:
    id: str
    word: str
    help: str
    tone: str  # the level whose colours the badge borrows


@dataclass(frozen=True)
class ClaimVerdict:
    id: str
    word: str
    icon: str
    tone: str


@dataclass(frozen=True)
class ResultStatus:
    id: str
    word: str
    icon: str
    help: str
    tone: str  # the level whose colours it borrows


@dataclass(frozen=True)
class Role:
    id: str
    label: str  # the row label on a framework's identity card


# Best first: the legend order, the filter order.
LEVELS: dict[str, Level] = {level.id: level for level in (
    Level("full", "Yes", "✔", "first-party, maintained and documented", 1.0, True),
    Level("partial", "Partial", "◐", "limited, experimental or only on some platforms", 0.5, True),
    Level("plugin", "Via plugin", "⊕", "through a third-party or separately maintained package", 0.75, True),
    Level("deprecated", "Deprecated", "⚠", "still there, but deprecated or archived by its maintainers", 0.25, False),
    Level("none", "No", "✘", "not available", 0.0, False),
    Level("unknown", "Unknown", "?", "not established yet: a contribution is welcome", 0.0, None),
)}
# A text, date, version or number cell that has a value: shown as the value, no badge.
VALUE = "value"

STATUSES: dict[str, Status] = {status.id: status for status in (
    Status("active", "Active", "developed, with regular releases", "full"),
    Status("maintenance", "Maintenance", "its maintainers say it gets fixes, not new features", "partial"),
    Status("retired", "Retired", "development has ended", "none"),
    Status("unknown", "Status unknown", "not established yet", "unknown"),
)}

CLAIM_VERDICTS: dict[str, ClaimVerdict] = {verdict.id: verdict for verdict in (
    ClaimVerdict("still-true", "Still true", "✔", "full"),
    ClaimVerdict("partly-true", "Partly true", "◐", "partial"),
    ClaimVerdict("outdated", "Outdated", "⚠", "deprecated"),
    ClaimVerdict("wrong", "Wrong", "✘", "none"),
)}

ROLES: dict[str, Role] = {role.id: role for role in (
    Role("steward", "Developed by"),
    Role("first_release", "First release"),
    Role("latest_release", "Latest release"),
    Role("latest_release_date", "Released"),
    Role("license", "Licence"),
    Role("api_languages", "API languages"),
    Role("python_versions", "Python versions"),
    Role("release_cadence", "Release cadence"),
)}
RESULTS: dict[str, ResultStatus] = {result.id: result for result in (
    ResultStatus("passed", "Passed", "✔", "it ran here and its own checks held", "full"),
    ResultStatus("failed", "Failed", "✘", "it ran here and a check failed, it crashed or it ran out of time", "none"),
    ResultStatus("not-run", "Not run here", "–", "the program exists but cannot run on the evidence machine",
                 "deprecated"),
    ResultStatus("not-available", "Not available", "∅", "the framework has no such feature: no program", "unknown"),
)}

# Roles every catalog must have: pages are built from them.
REQUIRED_ROLES: tuple[str, ...] = ("steward", "first_release", "latest_release", "latest_release_date", "license")

for _table, _type in ((LEVELS, LevelId), (STATUSES, StatusId), (CLAIM_VERDICTS, ClaimVerdictId), (ROLES, RoleId),
                     (RESULTS, ResultId)):
    if set(_table) != set(get_args(_type)):  # fail at import, not on a page
        raise RuntimeError(f"vocabulary: {sorted(_table)} differ from {get_args(_type)}")


def meeting_levels() -> tuple[str, ...]:
    """The levels that satisfy a must-have, as the use-case scoring counts them."""
    return tuple(level.id for level in LEVELS.values() if level.meets)


def status_rank(status: str) -> int:
    return list(STATUSES).index(status)


def script_table() -> dict[str, object]:
    """What the matrix script needs to know, written into the page as JSON."""
    return {
        "levels": {level.id: {"word": level.word, "meets": level.meets} for level in LEVELS.values()},
        "meets": list(meeting_levels()),
    }


# --- install picker (#22): operating systems, architectures, accelerators and the yes/no/unknown verdicts ----
OsId = Literal["linux", "windows", "macos"]
ArchId = Literal["x86_64", "arm64"]
AccelId = Literal["cpu", "nvidia", "amd", "apple", "intel", "tpu"]
InstallVerdictId = Literal["yes", "no", "unknown"]


@dataclass(frozen=True)
class Choice:
    id: str
    word: str


OPERATING_SYSTEMS: dict[str, Choice] = {c.id: c for c in (
    Choice("windows", "Windows"), Choice("macos", "macOS"), Choice("linux", "Linux"))}
ARCHITECTURES: dict[str, Choice] = {c.id: c for c in (Choice("x86_64", "x86-64 (Intel, AMD)"),
                                                       Choice("arm64", "Arm64 (Apple silicon, Snapdragon)"))}
ACCELERATORS: dict[str, Choice] = {c.id: c for c in (
    Choice("cpu", "No GPU (CPU only)"), Choice("nvidia", "NVIDIA GPU"), Choice("amd", "AMD GPU"),
    Choice("apple", "Apple GPU (Metal)"), Choice("intel", "Intel GPU"), Choice("tpu", "Google TPU"))}
INSTALL_VERDICTS: dict[str, Choice] = {c.id: c for c in (
    Choice("yes", "Yes"), Choice("no", "No"), Choice("unknown", "Unknown"))}
# The accelerators each platform (os, arch) has, so that every framework's install block says something about
# each: an entry may not name another, and the picker says a combination outside this table does not exist.
PLATFORM_ACCELERATORS: dict[tuple[str, str], tuple[str, ...]] = {
    ("linux", "x86_64"): ("cpu", "nvidia", "amd", "intel", "tpu"),
    ("linux", "arm64"): ("cpu", "nvidia"),
    ("windows", "x86_64"): ("cpu", "nvidia", "amd", "intel"),
    ("windows", "arm64"): ("cpu",),
    ("macos", "arm64"): ("cpu", "apple"),
    ("macos", "x86_64"): ("cpu",),
}
# The registry's platform key (make sync, data/registry-record.yaml) of each (os, arch).
WHEEL_PLATFORMS: dict[tuple[str, str], str] = {
    ("linux", "x86_64"): "linux_x86_64", ("linux", "arm64"): "linux_aarch64",
    ("windows", "x86_64"): "windows_x64", ("windows", "arm64"): "windows_arm64",
    ("macos", "arm64"): "macos_arm64", ("macos", "x86_64"): "macos_x86_64",
}
PICKER_PYTHONS: tuple[str, ...] = ("3.10", "3.11", "3.12", "3.13", "3.14", "3.15")

for _choices, _ids in ((OPERATING_SYSTEMS, OsId), (ARCHITECTURES, ArchId), (ACCELERATORS, AccelId),
                      (INSTALL_VERDICTS, InstallVerdictId)):
    if set(_choices) != set(get_args(_ids)):
        raise RuntimeError(f"vocabulary: {sorted(_choices)} differ from {get_args(_ids)}")
