"""The one vocabulary table: support levels, framework statuses, claim verdicts, feature roles and the results of
the code examples.

Everything that names, shows, scores or filters by one of these reads it from here: the model (allowed
values), the validator, the view layer (scores, must-haves), the templates (icon, word, help text), the
matrix script (written into the page as JSON), the badges and the stylesheet (dlmatrix/site/static/levels.css is a
template over LEVELS: colours and icons). Adding a level is one entry here (and its id in LevelId), nothing else
(tests/site/test_vocabulary_change.py adds one to a copy and builds).
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
ResultId = Literal["passed", "failed", "not-run", "not-available", "not-written"]


RouteId = Literal["first-party", "other-project", "none", "unknown"]


@dataclass(frozen=True)
class Colours:
    """A level's text and background colours in the light and the dark scheme (WCAG AA on each other; badges use the
    light text colour as their background, under white text)."""

    light: str
    light_bg: str
    dark: str
    dark_bg: str


@dataclass(frozen=True)
class Level:
    id: str
    word: str  # shown next to the icon: a level is never told by colour alone
    icon: str
    help: str
    score: float  # share of a use-case weight earned at this level (rankings only: never for "ahead" or "has")
    meets: bool | None  # does it satisfy a must-have? None: we do not know (unknown is not "lacks")
    route: RouteId  # how a framework gets there: its own code, another project's, not at all, or not known
    ahead_of: frozenset[str]  # the levels this one is clearly ahead of (full: every other known level, by definition)
    colours: Colours  # the stylesheet's, the badges' (dlmatrix/site/static/levels.css is generated from these)

    @property
    def first_party(self) -> bool | None:
        """Does it satisfy a must-have in "first-party only" mode (strict=1)? Only a full, first-party answer does."""
        return None if self.meets is None else self.id == FULL


@dataclass(frozen=True)
class Status:
    id: str
    word: str
    help: str
    tone: str  # the level whose colours the badge borrows
    badge: bool = True  # shown next to a framework's name (the usual case, active, is not)
    banner: str | None = None  # the admonition a framework's page opens with ("danger", "warning"), None for none


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
class Derivation:
    id: str
    tool: str  # the command that keeps the cell
    checked: str  # the words before its date in a cell ("checked" for a person's check)
    issue_form: str  # the forge's issue form for "this value is wrong" (a hand edit of such a cell is refused)


@dataclass(frozen=True)
class Role:
    id: str
    label: str  # the row label on a framework's identity card


FULL = "full"
# Best first: the legend order, the filter order. "Clearly ahead" is a partial order, not the score: full is ahead of
# every other known level (a new level included, with nothing to add here); partial and plugin are ahead of none;
# plugin and partial are different, not better or worse (one is limited, the other depends on another project), and
# so are deprecated and anything below full.
LEVELS: dict[str, Level] = {level.id: level for level in (
    Level("full", "Yes", "✔", "first-party, maintained and documented", 1.0, True, "first-party",
          frozenset(), Colours("#1b5e20", "#e8f5e9", "#a5d6a7", "#1e3322")),
    Level("partial", "Partial", "◐", "limited, experimental or only on some platforms", 0.5, True, "first-party",
          frozenset({"none"}), Colours("#7a4f01", "#fff3d6", "#ffd98a", "#3b3120")),
    Level("plugin", "Via plugin", "⊕", "through a third-party or separately maintained package", 0.75, True,
          "other-project", frozenset({"none"}), Colours("#0d47a1", "#e3f2fd", "#9ecbff", "#1c2b3d")),
    Level("deprecated", "Deprecated", "⚠", "still there, but deprecated or archived by its maintainers", 0.25, False,
          "first-party", frozenset(), Colours("#8a3a00", "#fde7da", "#ffb38a", "#3d261b")),
    Level("none", "No", "✘", "not available", 0.0, False, "none", frozenset(),
          Colours("#b71c1c", "#fdecea", "#ff9e9e", "#3d1f1f")),
    Level("unknown", "Unknown", "?", "not established yet: a contribution is welcome", 0.0, None, "unknown",
          frozenset(), Colours("#424242", "#eeeeee", "#d0d0d0", "#2e2e2e")),
)}
Comparison = Literal["ahead", "behind", "same", "different", "unknown"]


def compare_levels(a: str, b: str) -> Comparison:
    """How level a stands against level b: the one relation every "ahead", "leads", "has" and "lacks" asks."""
    if a == b:
        return "same"
    if UNKNOWN in (a, b) or a not in LEVELS or b not in LEVELS:
        return "unknown"
    if a == FULL or b in LEVELS[a].ahead_of:
        return "ahead"
    if b == FULL or a in LEVELS[b].ahead_of:
        return "behind"
    return "different"
# A text, date, version or number cell that has a value: shown as the value, no badge.
VALUE = "value"
# The level of a cell whose answer is not established (also a missing cell): never "lacks", never "has".
UNKNOWN: LevelId = "unknown"

STATUSES: dict[str, Status] = {status.id: status for status in (
    Status("active", "Active", "developed, with regular releases", "full", badge=False),
    Status("maintenance", "Maintenance", "its maintainers say it gets fixes, not new features", "partial",
           banner="warning"),
    Status("retired", "Retired", "development has ended", "none", banner="danger"),
    Status("unknown", "Status unknown", "not established yet", "unknown", banner="warning"),
)}

CLAIM_VERDICTS: dict[str, ClaimVerdict] = {verdict.id: verdict for verdict in (
    ClaimVerdict("still-true", "Still true", "✔", "full"),
    ClaimVerdict("partly-true", "Partly true", "◐", "partial"),
    ClaimVerdict("outdated", "Outdated", "⚠", "deprecated"),
    ClaimVerdict("wrong", "Wrong", "✘", "none"),
)}

# Who keeps a cell when a person does not (Cell.derived): its popover says so, and "suggest a fix" opens an issue.
DERIVATIONS: dict[str, Derivation] = {d.id: d for d in (
    Derivation("registry", "make sync", "kept by make sync from the package registries on", "machine-kept-value.yml"),
    Derivation("measured", "make evidence", "measured by make evidence on", "machine-kept-value.yml"),
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
    ResultStatus("not-written", "Not written yet", "…", "nobody has written this program yet: a contribution is welcome",
                 "unknown"),
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
        "levels": {level.id: {"word": level.word, "icon": level.icon, "meets": level.meets,
                              "firstParty": level.first_party, "route": level.route} for level in LEVELS.values()},
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
