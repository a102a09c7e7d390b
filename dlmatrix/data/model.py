"""The typed data model: what a framework, a topic (a group of features), a cell and a use case are.

Defined once here; the JSON Schema files under data/schema/ are exported from these models
(scripts/export_schema.py) and the validator checks files against them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from dlmatrix.data.vocabulary import (
    PLATFORM_ACCELERATORS,
    AccelId,
    ArchId,
    ClaimVerdictId,
    InstallVerdictId,
    LevelId,
    OsId,
    RoleId,
    StatusId,
)

ValueKind = Literal["support", "text", "date", "version", "number"]

# Lower-case ASCII only: no look-alike Unicode, no two ids differing by case.
ENTITY_ID_PATTERN = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"  # frameworks, topics, use cases: words joined by '-'
FEATURE_ID_PATTERN = r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$"  # features: words joined by '_'
FrameworkId = Annotated[str, StringConstraints(pattern=ENTITY_ID_PATTERN, max_length=40)]
FeatureId = Annotated[str, StringConstraints(pattern=FEATURE_ID_PATTERN, max_length=60)]
TopicId = Annotated[str, StringConstraints(pattern=ENTITY_ID_PATTERN, max_length=40)]
UseCaseId = FrameworkId

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
# Prose fields are inline Markdown (emphasis, code, links); raw HTML is refused rather than shown as text. Code spans
# may hold anything; an autolink <https://...> is Markdown, not HTML.
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.DOTALL)
_RAW_HTML = re.compile(r"<(?!https?://)[A-Za-z/!?]")


def no_raw_html(text: str) -> str:
    found = _RAW_HTML.search(_CODE_SPAN.sub("", text))
    if found:
        start = found.group()
        raise ValueError(f"raw HTML ('{start}...') is not allowed here: write inline Markdown (*emphasis*, `code`, "
                         "[text](https://...)), or put markup in `backticks` to show it as code")
    return text


LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000),
                     AfterValidator(no_raw_html)]
VERSION_PATTERN = r"^v?\d+(\.\d+){0,3}([.-]?(a|b|rc|alpha|beta|dev|post)\.?\d*)?$"
PartialDate = Annotated[str, StringConstraints(pattern=r"^\d{4}(-(0[1-9]|1[0-2]))?$")]


def _check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.netloc or any(c.isspace() for c in url):
        raise ValueError(f"'{url}' is not an absolute http(s) URL")
    if "." not in (parts.hostname or ""):
        raise ValueError(f"'{url}' has no public host name")
    unsafe = sorted(set(re.findall(r'["<>\\^`{|}]', url)))
    if unsafe:  # not allowed unencoded in a URL (RFC 3986); percent-encode them
        raise ValueError(f"'{url}' contains {' '.join(unsafe)}; percent-encode these characters")
    return url


def _check_not_future(day: dt.date) -> dt.date:
    if day > dt.date.today():
        raise ValueError(f"{day.isoformat()} is in the future; give the date you checked the source")
    if day.year < 2000:
        raise ValueError(f"{day.isoformat()} is before 2000; give the date you checked the source")
    return day


Url = Annotated[str, StringConstraints(max_length=500), AfterValidator(_check_url)]
VerifiedDate = Annotated[dt.date, AfterValidator(_check_not_future)]
Sources = Annotated[list[Url], Field(min_length=1, max_length=8)]
Summary = Annotated[str, StringConstraints(strip_whitespace=True, min_length=10, max_length=240)]


# Who keeps a cell up to date when a person does not: the registry sync or the evidence runs (vocabulary.DERIVATIONS).
Derivation = Literal["registry", "measured"]
PackageName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$", max_length=100)]
NpmName = Annotated[str, StringConstraints(pattern=r"^(@[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*$", max_length=214)]
RepoSlug = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*$",
                                            max_length=140)]
PackageVariant = Literal["main", "cpu", "gpu", "plugin", "runtime"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# The project a plugin cell goes through: a PyPI or npm package, or a repository.
VIA_PATTERN = r"^((pypi|npm):[A-Za-z0-9@/._-]+|github:[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*)$"
SHORT_VALUE_LENGTH = 40  # a `short` form is at most this long (the matrix shows it while a long value is cut)


class Cell(Strict):
    """One framework's answer for one feature."""

    level: LevelId | None = Field(None, description="For support features: how well the framework does it. "
                                "Any feature may say `unknown` here instead of giving a value.")
    value: str | int | float | dt.date | None = Field(
        None, description="For text, date, version and number features: the value. Quote versions ('2.10').")
    short: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)] | None = Field(
        None, description="For a long value: the few words the matrix shows at a glance (at most 40 characters, "
                          "checked by the rule short-forms-are-short); "
                          "the full value stays one tap away.")
    note: LongText | None = Field(None, description="Short inline Markdown: *emphasis*, `code`, [links](https://...).")
    since: Annotated[str, StringConstraints(min_length=1, max_length=40)] | None = Field(
        None, description="The version that introduced the support, e.g. '2.0'.")
    as_of: dt.date | None = Field(None, description="For figures (downloads, stars): the date of the figure.")
    derived: Derivation | None = Field(None, description="Set when a machine keeps this cell: 'registry' (make sync "
                                       "reads the package registries) or 'measured' (make evidence measures it). "
                                       "Do not edit such a cell by hand; run the tool instead.")
    via: Annotated[str, StringConstraints(pattern=VIA_PATTERN, max_length=160)] | None = Field(
        None, description="For a `plugin` cell: the package or project it goes through, as pypi:<name>, npm:<name> or "
                          "github:<owner>/<repo> (make sync checks that it is still released for the framework's Python).")
    sources: list[Url] = Field(default_factory=list, description="Primary sources first. Required unless level is unknown.")
    verified: VerifiedDate = Field(description="The date you checked the sources, YYYY-MM-DD.")


class FeatureDef(Strict):
    id: FeatureId
    name: Text
    description: LongText | None = Field(None, description="What the feature means, for any language or platform, "
                                         "and what full, partial and none mean for it.")
    kind: ValueKind = "support"
    role: RoleId | None = Field(None, description="What this row means to the site itself (e.g. 'license' fills "
                                "the licence on framework cards); each role is held by one feature.")
    aliases: Annotated[list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]],
                       Field(max_length=12)] = Field(
        default_factory=list, description="Other words people search for this row with (e.g. int8, fp8 for quantization).")
    scale: dict[LevelId, Text] = Field(
        default_factory=dict, description="What each level means for this feature (full, partial, plugin, ...): "
                                          "shown in the cell's popover so the same situation gets the same level.")


# The one-sentence answer a verdict box leads with (the reasoning follows it on the page).
VerdictSummary = Annotated[str, StringConstraints(strip_whitespace=True, min_length=10, max_length=300),
                           AfterValidator(no_raw_html)]


class TopicVerdict(Strict):
    """Editorial verdict for one topic; ties allowed."""

    winners: Annotated[list[FrameworkId], Field(min_length=1)]
    runners_up: list[FrameworkId] = Field(default_factory=list, description="The next best, if the editors name one.")
    summary: VerdictSummary | None = Field(None, description="The answer in one sentence, shown first in the verdict "
                                           "box (inline Markdown); without it the box shows the reasoning's first sentence.")
    reasoning: LongText
    sources: Sources
    verified: VerifiedDate


class Topic(Strict):
    """One file under data/topics/: a topic and the features in it, in display order."""

    id: TopicId
    name: Text
    description: LongText
    order: int = Field(ge=0, le=1000, description="Topics are shown by increasing order.")
    features: Annotated[list[FeatureDef], Field(min_length=1)]
    verdict: TopicVerdict | None = Field(None, description="Editorial verdict shown on the topic page.")
    install_picker: bool = Field(False, description="The topic's page links to the install picker (/install/): for "
                                 "topics about hardware, operating systems and packages.")


class PyPIPackage(Strict):
    name: PackageName
    variant: PackageVariant = Field("main", description="main: the package people install; cpu/gpu: a split build; "
                                    "plugin: a hardware plugin; runtime: a separate deployment runtime.")


class Packages(Strict):
    """Where the framework is published, for make sync: registry names and the repository of its tags."""

    pypi: list[PyPIPackage] = Field(default_factory=list, description="PyPI distributions, the main one first.")
    npm: list[NpmName] = Field(default_factory=list, description="npm packages (browser or Node.js runtimes).")
    github: RepoSlug | None = Field(None, description="owner/name of the repository whose tags mark releases.")
    outside_registries: LongText | None = Field(
        None, description="Where releases appear before (or instead of) the registries; make sync then says "
                          "'check by hand' instead of guessing.")


class Release(Strict):
    version: Annotated[str, StringConstraints(pattern=VERSION_PATTERN, max_length=40)] = Field(
        description="The version, quoted: '2.0.0'.")
    date: dt.date | PartialDate = Field(description="When it was published: 2019-09-30, or '2019-09' / '2019' quoted.")


class Releases(Strict):
    """Dated releases of one framework, from one kind of record (a registry's history, the repository's tags)."""

    versions: Annotated[list[Release], Field(min_length=1)] = Field(description="Oldest first.")
    note: LongText | None = Field(None, description="Which releases are listed and where the dates come from.")
    sources: Sources
    verified: VerifiedDate


class InstallEntry(Strict):
    """How one framework installs on some platforms with some accelerators (every combination of the listed
    os, arch and accel), or why it does not."""

    os: Annotated[list[OsId], Field(min_length=1)] = Field(description="Operating systems: linux, windows, macos.")
    arch: Annotated[list[ArchId], Field(min_length=1)] = Field(description="Architectures: x86_64, arm64.")
    accel: Annotated[list[AccelId], Field(min_length=1)] = Field(
        description="Accelerators: cpu (none), nvidia, amd, apple, intel, tpu.")
    installs: InstallVerdictId = Field(description="Does it install there: yes, no, or unknown until someone checks.")
    accelerated: InstallVerdictId | None = Field(
        None, description="For a GPU or TPU: does it use it (no: it installs but runs on the CPU). Not for cpu.")
    command: Annotated[str, StringConstraints(strip_whitespace=True, min_length=5, max_length=300)] | None = Field(
        None, description="The command to copy (pip, with the index URL the project documents); required when it "
                          "installs. make sync resolves the packages it names.")
    python: Text | None = Field(None, description="The Python versions the project documents for this install.")
    min_os: Text | None = Field(None, description="The oldest OS version, from the project's documentation "
                                "(make sync adds the wheels' own minimum glibc or macOS).")
    cpu: Text | None = Field(None, description="CPU requirements the project documents (e.g. AVX).")
    caveats: list[LongText] = Field(default_factory=list, description="WSL2 only, plugin needed, ... (inline Markdown).")
    reason: LongText | None = Field(None, description="Why it does not install or does not use the accelerator; "
                                    "required then.")
    sources: list[Url] = Field(default_factory=list, max_length=8,
                               description="Primary sources first; required unless the answer is unknown.")
    verified: VerifiedDate


class InstallFigures(Strict):
    """What the registry says for one platform (written by make sync)."""

    pythons: Text = Field(description="CPython versions with a wheel of the framework's main packages.")
    min_os: Text | None = Field(None, description="The oldest glibc or macOS the wheels' tags accept.")
    download_mib: float | None = Field(None, ge=0, description="Download size of the whole dependency closure, "
                                       "MiB (None: no closure resolves there).")
    packages: int | None = Field(None, ge=0, description="Distributions in that closure.")
    evidence: Url


class InstallRegistry(Strict):
    """Figures make sync derives from the registry; a hand edit is refused like a release row's."""

    derived: Literal["registry"]
    requirement: Text = Field(description="What was resolved, e.g. torch==2.15.0.")
    python: Text = Field(description="The Python version the closures were resolved for.")
    synced: VerifiedDate
    platforms: dict[str, InstallFigures]


class Install(Strict):
    """How the framework installs per platform and accelerator; every combination said, even 'no'."""

    entries: Annotated[list[InstallEntry], Field(min_length=1)]
    registry: InstallRegistry | None = Field(None, description="Written by make sync ARGS=--write; do not edit.")


class Framework(Strict):
    """One file under data/frameworks/: identity plus one cell per feature."""

    id: FrameworkId
    name: Text
    summary: Summary | None = None
    status: StatusId = Field(description="active, maintenance (fixes only, as its maintainers say), retired, "
                             "or unknown until someone checks.")
    status_note: LongText | None = Field(None, description="Why this status, in a sentence or two: what the "
                                         "maintainers said and when (the source goes under `sources`).")
    successor: Text | None = Field(None, description="For maintenance or retired frameworks: what to use instead.")
    migration: LongText | None = Field(None, description="For maintenance or retired frameworks: short notes on "
                                       "moving code to the successor (inline Markdown).")
    end_date: dt.date | PartialDate | None = Field(None, description="For retired frameworks: when development ended.")
    homepage: Url | None = None
    repository: Url | None = None
    sources: list[Url] = Field(default_factory=list, max_length=8,
                               description="Sources for the identity fields above (status, successor, end date); "
                                           "required unless status is unknown.")
    verified: VerifiedDate
    packages: Packages | None = Field(None, description="Registry packages that carry the framework (make sync).")
    releases: Releases | None = Field(None, description="Release history for the timeline on the framework's page: "
                                      "the first release of each feature line, oldest first, with the source.")
    install: Install | None = Field(None, description="Per platform and accelerator: installs or not, the command, "
                                    "Python, minimum OS, CPU needs, caveats (the /install/ page).")
    cells: dict[FeatureId, Cell]


class Verdict(Strict):
    picks: Annotated[list[FrameworkId], Field(min_length=1)] = Field(description="Recommended framework ids; several means a tie.")
    runners_up: list[FrameworkId] = Field(default_factory=list)
    summary: VerdictSummary | None = Field(None, description="The answer in one sentence, shown first in the verdict "
                                           "box (inline Markdown); without it the box shows the reasoning's first sentence.")
    reasoning: LongText
    why_not_computed: LongText | None = Field(
        None, description="Why the picks differ from the top of the computed ranking, in your own words. Required "
                          "while the computed ranking puts another framework first (the validator says so).")
    caveats: list[LongText] = Field(default_factory=list)
    sources: Sources
    verified: VerifiedDate


class Weights(Strict):
    topics: dict[TopicId, Annotated[float, Field(gt=0, le=10)]] = Field(default_factory=dict)
    features: dict[FeatureId, Annotated[float, Field(ge=0, le=10)]] = Field(default_factory=dict)


class UseCase(Strict):
    """One file under data/use_cases/: who it is for, what matters, and an editorial verdict."""

    id: UseCaseId
    name: Text
    order: int = Field(ge=0, le=1000)
    audience: LongText | None = None
    summary: Summary | None = None
    must_have: list[FeatureId] = Field(default_factory=list)
    weights: Weights = Field(default_factory=Weights)
    verdict: Verdict | None = Field(None, description="The editors' pick; without one the page shows the computed "
                                    "ranking only.")


def is_version(text: str) -> bool:
    return re.fullmatch(VERSION_PATTERN, text) is not None


class Claim(Strict):
    """A claim common in 2025 framework comparisons, checked against today's facts."""

    id: FeatureId
    section: Text = Field(description="The comparison's section, e.g. 'Deployment and production'.")
    topic: Text = Field(description="The row or question, e.g. 'Mobile and edge runtime'.")
    claim: LongText = Field(description="What such comparisons said, paraphrased in your own words.")
    verdict: ClaimVerdictId
    today: LongText = Field(description="What is true today, inline Markdown.")
    features: list[FeatureId] = Field(default_factory=list, description="Matrix rows holding the facts.")
    use_cases: list[UseCaseId] = Field(default_factory=list, description="Use-case pages that cover it.")
    sources: Sources
    verified: VerifiedDate


class ClaimList(Strict):
    """data/claims.yaml: the claims of a 2025 TensorFlow-vs-PyTorch blog post, each checked."""

    claims: Annotated[list[Claim], Field(min_length=1)]


QuestionId = Annotated[str, StringConstraints(pattern=ENTITY_ID_PATTERN, max_length=60)]
FrameworkPair = Annotated[list[FrameworkId], Field(min_length=2, max_length=2)]


class InstallChoice(Strict):
    """A machine for the install picker: operating system, architecture, accelerator."""

    os: OsId
    arch: ArchId
    accel: AccelId

    @model_validator(mode="after")
    def _exists(self) -> InstallChoice:
        if self.accel not in PLATFORM_ACCELERATORS[(self.os, self.arch)]:
            raise ValueError(f"{self.os} {self.arch} has no {self.accel} accelerator in the install picker")
        return self


class Question(Strict):
    """A question people ask about choosing a framework, answered in a few dated sentences."""

    id: QuestionId = Field(description="The answer's anchor on the questions page: words joined by '-'.")
    question: Text = Field(description="As people ask it.")
    answer: LongText = Field(description="Two to four sentences, your own words, inline Markdown.")
    short: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=100)] | None = Field(
        None, description="The answer in a few words, for the home page's quick answers (plain text).")
    home: bool = Field(False, description="Also shown on the home page, in file order, with its short answer.")
    features: list[FeatureId] = Field(default_factory=list, description="Matrix rows holding the facts.")
    use_cases: list[UseCaseId] = Field(default_factory=list, description="Use-case pages that go deeper.")
    topics: list[TopicId] = Field(default_factory=list, description="Topic pages that go deeper.")
    frameworks: list[FrameworkId] = Field(default_factory=list, description="Framework pages that go deeper.")
    compare: list[FrameworkPair] = Field(default_factory=list, description="Pair pages: [a, b] compares a and b.")
    install: InstallChoice | None = Field(None, description="The install picker for the machine the question is "
                                          "about (/install/ with these URL parameters).")
    sources: Sources
    verified: VerifiedDate


class QuestionList(Strict):
    """data/questions.yaml: the questions people ask, answered with links to the rows and pages that hold the facts."""

    questions: Annotated[list[Question], Field(min_length=1)]


class SiteSettings(Strict):
    """data/site.yaml: site-wide choices that belong to the editors, not to the code."""

    framework_order: list[FrameworkId] = Field(
        default_factory=list, description="Columns first, in this order (the frameworks people ask about most); "
                                          "the others follow by status, then name. Each two of these not retired "
                                          "get a comparison page (every two not retired when the list is empty).")
    phone_frameworks: list[FrameworkId] = Field(
        default_factory=list, max_length=3, description="The frameworks a phone shows side by side by default.")
    common_must_haves: list[FeatureId] = Field(
        default_factory=list, max_length=12, description="The must-haves people ask for most (support features), "
                                                         "offered first in the matrix's must-have picker.")
    min_known_share: float = Field(
        default=0.5, ge=0, le=1, description="A use-case ranking places a framework only when at least this share of the use "
                                     "case's weighted rows is known for it; the others are listed apart as "
                                     "'not enough known to rank'.")

    def has_pair_pages(self, framework: Framework) -> bool:
        """Pair pages grow with the square of the frameworks, so only those people ask about most get them; any
        other two are compared in the matrix (only their differences)."""
        return framework.status != "retired" and (not self.framework_order or framework.id in self.framework_order)
