"""The data API, version 1: the documents under /api/v1/, their JSON Schemas, and matrix.csv.

Every document is a pydantic model below, so its JSON Schema (published under /api/v1/schema/) is derived
from the same class that produces it, and the API page documents the fields from the same descriptions.
Version 1 only grows: fields and files may be added, never renamed, removed or given another meaning; a
change that breaks a reader gets /api/v2/.

Everything here is a pure function of the dataset, the site address and the build date, so two builds of
the same data are byte-identical, whichever builder runs them.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from typing import Any, Literal, cast

from pydantic import BaseModel, ConfigDict, Field

from dlmatrix.data.model import Framework
from dlmatrix.data.vocabulary import VALUE, AccelId, ArchId, ClaimVerdictId, InstallVerdictId, LevelId, OsId, StatusId
from dlmatrix.site.identifiers import github_repository, purls
from dlmatrix.site.install_view import framework_answers, in_use
from dlmatrix.site.urls import Urls
from dlmatrix.site.views import Site

API_VERSION = "v1"
LICENCE_ID: Literal["CC-BY-4.0"] = "CC-BY-4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
PUBLISHER = "Deep Learning Framework Matrix contributors"
TITLE = "Deep Learning Framework Matrix"
Value = str | int | float | None


class ApiModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Document(ApiModel):
    schema_: str = Field(alias="$schema", description="The address of this document's JSON Schema.")
    api_version: Literal["v1"] = Field(description="The API version: v1 only ever grows (fields and files are "
                                       "added, never removed or renamed).")
    data_version: str = Field(description="Identifies the data: the newest verification date and a hash of the "
                                          "data's content. Equal versions mean equal data.")


# --- frameworks and cells -----------------------------------------------------------------------


class ApiCell(ApiModel):
    topic: str = Field(description="The id of the topic the feature belongs to.")
    kind: Literal["support", "text", "date", "version", "number"] = Field(
        description="support: the answer is a level; text, date, version, number: the answer is a value.")
    level: LevelId | None = Field(description="How well the framework does it (support features), or 'unknown' "
                                  "for any feature whose answer is not established. Null when a value answers.")
    value: Value = Field(description="The answer of text, date, version and number features: dates as "
                         "YYYY-MM-DD (or YYYY-MM), versions as text, figures as numbers.")
    note: str | None = Field(description="A short explanation, inline Markdown (emphasis, code, links).")
    since: str | None = Field(description="The version that introduced the support.")
    via: str | None = Field(description="For a `plugin` level: the package or project it goes through "
                            "(pypi:<name>, npm:<name> or github:<owner>/<repo>).")
    as_of: dt.date | None = Field(description="For figures (downloads, stars): the date of the figure.")
    sources: list[str] = Field(description="Where the answer comes from, primary source first.")
    verified: dt.date | None = Field(description="When the sources were last checked (null when missing).")
    derived: Literal["registry", "measured"] | None = Field(
        description="Set when a tool keeps the cell: 'registry' (read from PyPI/npm by make sync) or 'measured' "
                    "(measured by running code, make evidence); null when a person checked the sources.")
    missing: bool = Field(description="True when the data has no entry for this feature yet (level is "
                          "'unknown').")


class ApiPackage(ApiModel):
    name: str
    variant: Literal["main", "cpu", "gpu", "plugin", "runtime"]


class ApiPackages(ApiModel):
    pypi: list[ApiPackage] = Field(description="PyPI distributions, the main one first.")
    npm: list[str] = Field(description="npm packages.")
    github: str | None = Field(description="owner/name of the repository whose tags mark releases.")


class ApiRelease(ApiModel):
    version: str
    date: str = Field(description="YYYY-MM-DD, YYYY-MM or YYYY.")


class ApiReleases(ApiModel):
    versions: list[ApiRelease] = Field(description="Oldest first.")
    note: str | None = Field(description="Which releases are listed and where the dates come from.")
    sources: list[str]
    verified: dt.date


class ApiLinks(ApiModel):
    page: str = Field(description="The framework's page on the site.")
    json_: str = Field(alias="json", description="This framework's document in the API.")
    feed: str = Field(description="Atom feed of changes to this framework's data.")
    badge: str = Field(description="SVG badge: status, latest version and last check.")


class ApiIdentifiers(ApiModel):
    purl: list[str] = Field(description="A Package URL (purl) per registry package: PyPI (main first), then npm.")
    github: str | None = Field(description="owner/name of the framework's repository on GitHub, if it is there.")


class ApiFramework(ApiModel):
    id: str
    name: str
    summary: str | None
    status: StatusId = Field(description="active, maintenance, retired or unknown.")
    status_note: str | None = Field(description="Why this status: what the maintainers said and when.")
    successor: str | None = Field(description="For maintenance or retired frameworks: what to use instead.")
    migration: str | None = Field(description="For maintenance or retired frameworks: notes on moving code to the "
                                  "successor (inline Markdown).")
    end_date: str | None = Field(description="For retired frameworks: when development ended (YYYY-MM-DD or YYYY-MM).")
    homepage: str | None
    repository: str | None
    sources: list[str] = Field(description="Sources of the identity fields (status, successor, end date).")
    verified: dt.date = Field(description="When the identity fields were last checked.")
    last_checked: dt.date = Field(description="The newest verification date of the framework and its cells.")
    roles: dict[str, Value] = Field(description="Identity facts by role (steward, license, latest_release, ...): "
                                    "the value of the cell holding the role, null when unknown.")
    packages: ApiPackages | None = Field(description="Where the framework is published.")
    releases: ApiReleases | None = Field(description="Dated releases (the first of each feature line), with sources.")
    links: ApiLinks
    identifiers: ApiIdentifiers = Field(description="Identifiers that join other databases, derived from packages "
                                        "and repository.")


class FrameworkDocument(Document):
    framework: ApiFramework
    cells: dict[str, ApiCell] = Field(description="One cell per feature, by feature id, in matrix order: every "
                                      "feature is present (a missing entry says missing: true).")


class FrameworksDocument(Document):
    frameworks: list[ApiFramework] = Field(description="Every framework, in the site's order (active first).")


# --- features -----------------------------------------------------------------------------------


class ApiTopicVerdict(ApiModel):
    winners: list[str] = Field(description="Framework ids; several means a tie.")
    runners_up: list[str]
    summary: str | None = Field(description="The answer in one sentence (inline Markdown).")
    reasoning: str
    sources: list[str]
    verified: dt.date


class ApiFeature(ApiModel):
    id: str
    name: str
    description: str | None = Field(description="What the feature means and what each level means for it.")
    kind: Literal["support", "text", "date", "version", "number"]
    role: str | None = Field(description="What the row means to the site (e.g. 'license'), if anything.")
    url: str = Field(description="The feature's row in the matrix.")


class ApiTopic(ApiModel):
    id: str
    name: str
    description: str
    order: int
    url: str = Field(description="The topic's page.")
    verdict: ApiTopicVerdict | None = Field(description="The editors' verdict for the topic, if any.")
    features: list[ApiFeature]


class FeaturesDocument(Document):
    topics: list[ApiTopic] = Field(description="Every topic and its features, in display order.")


# --- use cases ----------------------------------------------------------------------------------


class ApiVerdict(ApiModel):
    picks: list[str] = Field(description="The editors' recommended framework ids; several means a tie.")
    runners_up: list[str]
    summary: str | None = Field(description="The answer in one sentence (inline Markdown).")
    reasoning: str
    why_not_computed: str | None = Field(description="Why the picks differ from the computed ranking, if they do.")
    caveats: list[str]
    sources: list[str]
    verified: dt.date


class ApiRank(ApiModel):
    rank: int = Field(description="1 is best; 0 for a framework not ranked (too little known). Frameworks lacking a "
                      "must-have rank last, those whose must-haves are unknown just before them.")
    ranked: bool = Field(description="False when less than the editors' share of the weighted rows is known for the "
                         "framework (data/site.yaml min_known_share): it is listed after every ranked one, unranked.")
    known_share: float = Field(description="0 to 1: the share of the use case's weighted rows whose answer is known.")
    framework: str
    score: float = Field(description="0 to 100: the weighted share of the use case's features the framework has.")
    meets_must_haves: bool
    missing_must_haves: list[str] = Field(description="Must-have features the framework lacks.")
    unknown_must_haves: list[str] = Field(description="Must-have features whose answer is unknown.")
    unknown_features: list[str] = Field(description="Weighted features whose answer is unknown (scored 0).")


class ApiUseCase(ApiModel):
    id: str
    name: str
    order: int
    audience: str | None
    summary: str | None
    url: str = Field(description="The use case's page.")
    must_have: list[str] = Field(description="Feature ids a framework must have.")
    weights: dict[str, float] = Field(description="The weight of each scored feature (its own, else its topic's).")
    verdict: ApiVerdict | None = Field(description="The editors' pick, if any.")
    computed_top: str | None = Field(description="The framework ranked first by the computed score.")
    editors_agree: bool | None = Field(description="Whether the computed top is among the editors' picks "
                                       "(null without a verdict).")
    ranking: list[ApiRank] = Field(description="Every framework scored, best first.")


class UseCasesDocument(Document):
    use_cases: list[ApiUseCase]


# --- claims -------------------------------------------------------------------------------------


class ApiClaim(ApiModel):
    id: str
    section: str
    topic: str
    claim: str = Field(description="What 2025 comparisons said, paraphrased.")
    verdict: ClaimVerdictId
    today: str = Field(description="What is true today, inline Markdown.")
    features: list[str] = Field(description="Matrix rows holding the facts.")
    use_cases: list[str]
    sources: list[str]
    verified: dt.date


class ClaimsDocument(Document):
    claims: list[ApiClaim]


# --- install (the /install/ picker) -----------------------------------------------------------------


class ApiInstallAnswer(ApiModel):
    framework: str
    os: OsId
    arch: ArchId
    accel: AccelId = Field(description="cpu means no accelerator.")
    installs: InstallVerdictId = Field(description="Does it install there (for a Python with a wheel, see "
                                       "pythons_with_wheels).")
    accelerated: InstallVerdictId = Field(description="Does it use the accelerator; 'no' for cpu, and when it falls "
                                          "back to the CPU.")
    why: str | None = Field(description="Why not (or why unknown), inline Markdown.")
    command: str | None = Field(description="The install command, as the project documents it.")
    python: str | None = Field(description="The Python versions the project documents for this install.")
    pythons_with_wheels: list[str] | None = Field(description="CPython versions (3.10 to 3.15) with a wheel on this "
                                                  "platform, from PyPI (make sync); null when not known.")
    min_os: str | None = Field(description="The oldest OS version the project documents.")
    min_os_wheels: str | None = Field(description="The oldest glibc or macOS the wheels' tags accept (make sync).")
    cpu: str | None = Field(description="CPU requirements the project documents.")
    caveats: list[str] = Field(description="Inline Markdown.")
    download_mib: float | None = Field(description="Download size of this command's whole dependency closure on this "
                                       "platform, MiB, from PyPI's file sizes (make sync); null when not measured.")
    download_packages: int | None = Field(description="How many distributions the CPU install's closure has.")
    cpu_download_mib: float | None = Field(description="What the CPU install's command downloads on this platform (the "
                                           "figure make sync measures); download_mib is this only when the command "
                                           "is the same.")
    sources: list[str]
    verified: dt.date | None
    page: str = Field(description="The picker for this machine.")


class InstallDocument(Document):
    measured_python: str | None = Field(description="The Python version the download sizes were resolved for.")
    answers: list[ApiInstallAnswer] = Field(description="Every framework in use, on every platform and accelerator.")


# --- index --------------------------------------------------------------------------------------


class ApiLicence(ApiModel):
    id: Literal["CC-BY-4.0"]
    url: str
    attribution: str = Field(description="The attribution to give when you reuse the data.")


class ApiFile(ApiModel):
    path: str = Field(description="Relative to /api/v1/.")
    url: str
    schema_url: str | None = Field(description="Its JSON Schema (null for matrix.csv, described on the API page).")
    description: str


class IndexDocument(Document):
    title: str
    build_date: dt.date = Field(description="When the site was built.")
    data_date: dt.date = Field(description="The newest verification date in the data.")
    documentation: str = Field(description="The API page: fields, versioning and licence.")
    licence: ApiLicence
    counts: dict[str, int] = Field(description="How many frameworks, features, topics, use cases and claims.")
    files: list[ApiFile] = Field(description="Every file of the API but the per-framework documents, which "
                                 "frameworks.json links to.")


# name -> (model, file, description): one schema per document kind, published as schema/<name>.schema.json
DOCUMENTS: dict[str, tuple[type[Document], str, str]] = {
    "index": (IndexDocument, "index.json", "What exists: the files, the data version, the build date and the licence."),
    "frameworks": (FrameworksDocument, "frameworks.json", "Every framework's identity, with links to its document."),
    "framework": (FrameworkDocument, "frameworks/{id}.json", "One framework: identity and every cell."),
    "features": (FeaturesDocument, "features.json", "Every topic and feature, with the topic verdicts."),
    "use-cases": (UseCasesDocument, "use-cases.json", "Use cases with weights, computed rankings and verdicts."),
    "claims": (ClaimsDocument, "claims.json", "The claims of 2025 comparisons, each checked."),
    "install": (InstallDocument, "install.json", "Per framework, platform and accelerator: installs or not, uses the "
                "accelerator or not, the command, Python, minimum OS, download size, caveats and sources."),
}
CSV_FILE = "matrix.csv"
CSV_COLUMNS = ("framework", "framework_name", "topic", "feature", "feature_name", "kind", "level", "value", "note",
               "since", "as_of", "sources", "verified", "derived", "missing")


def schema_path(name: str) -> str:
    return f"schema/{name}.schema.json"


def json_schema(name: str, url: Urls, documents: dict[str, tuple[type[Document], str, str]] | None = None) -> dict[str, Any]:
    """The JSON Schema of a document kind of DOCUMENTS (or of another such table: api_items.ITEMS)."""
    model, file, description = (documents or DOCUMENTS)[name]
    schema = model.model_json_schema(by_alias=True, mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": url.api(schema_path(name)),
            "title": f"{TITLE} API v1: {file}", "description": description,
            **{key: value for key, value in schema.items() if key not in ("title", "description")}}


def dump(document: dict[str, Any]) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# --- building the documents ---------------------------------------------------------------------


def _date_text(day: dt.date | str) -> str:
    return day.isoformat() if isinstance(day, dt.date) else day


def _value(value: Any) -> Value:
    return value.isoformat() if isinstance(value, dt.date) else value


def data_date(site: Site) -> dt.date:
    """The newest verification date anywhere in the data."""
    data = site.data
    dates = [f.verified for f in data.frameworks] + [c.verified for f in data.frameworks for c in f.cells.values()]
    dates += [c.verified for c in data.claims] + [q.verified for q in data.questions]
    dates += [f.releases.verified for f in data.frameworks if f.releases]
    dates += [u.verdict.verified for u in data.use_cases if u.verdict]
    dates += [t.verdict.verified for t in data.topics if t.verdict]
    return max(dates)


def data_version(site: Site) -> str:
    """The newest verification date and the first 8 hex digits of a hash of every fact in the data."""
    def compute() -> str:
        data = site.data
        content = {
            "topics": [t.model_dump(mode="json") for t in data.topics],
            "frameworks": [f.model_dump(mode="json") for f in data.frameworks],
            "use_cases": [u.model_dump(mode="json") for u in data.use_cases],
            "claims": [c.model_dump(mode="json") for c in data.claims],
            "questions": [q.model_dump(mode="json") for q in data.questions],
            "settings": data.settings.model_dump(mode="json"),
        }
        digest = hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()
        return f"{data_date(site).isoformat()}.{digest[:8]}"
    return site.remember(("api", "data_version"), compute)


def last_checked(framework: Framework) -> dt.date:
    return max([framework.verified, *(c.verified for c in framework.cells.values())])


def _cell(site: Site, framework: Framework, feature_id: str) -> ApiCell:
    """A cell as the pages show it (views.CellView owns what a cell means), in the API's terms: a known value has
    level null (its `value` answers), anything not established is 'unknown'."""
    view = site.cell(framework, site.data.feature(feature_id))
    cell = view.cell
    topic = site.data.topic_of(feature_id).id
    level = None if view.level == VALUE else cast(LevelId, view.level)  # CellView.level: a LevelId or VALUE
    if cell is None:
        return ApiCell(topic=topic, kind=view.feature.kind, level=level, value=None, note=None, since=None, via=None,
                       as_of=None, sources=[], verified=None, derived=None, missing=True)
    return ApiCell(topic=topic, kind=view.feature.kind, level=level, value=_value(cell.value), note=cell.note,
                   since=cell.since, via=cell.via, as_of=cell.as_of, sources=list(cell.sources), verified=cell.verified,
                   derived=cell.derived, missing=False)


def _framework(site: Site, framework: Framework, url: Urls) -> ApiFramework:
    roles: dict[str, Value] = {}
    for role in site.data.roles:
        view = site.role_cell(framework, role)
        roles[role] = _value(view.cell.value) if view and view.cell and view.cell.level != "unknown" else None
    packages, releases = framework.packages, framework.releases
    return ApiFramework(
        id=framework.id, name=framework.name, summary=framework.summary, status=framework.status,
        status_note=framework.status_note, successor=framework.successor, migration=framework.migration,
        end_date=_date_text(framework.end_date) if framework.end_date else None,
        homepage=framework.homepage, repository=framework.repository, sources=list(framework.sources),
        verified=framework.verified, last_checked=last_checked(framework), roles=roles,
        packages=ApiPackages(pypi=[ApiPackage(name=p.name, variant=p.variant) for p in packages.pypi],
                             npm=list(packages.npm), github=packages.github) if packages else None,
        releases=ApiReleases(versions=[ApiRelease(version=r.version, date=_date_text(r.date)) for r in releases.versions],
                             note=releases.note, sources=list(releases.sources),
                             verified=releases.verified) if releases else None,
        links=ApiLinks(page=url.framework(framework.id), json=url.api(f"frameworks/{framework.id}.json"),
                       feed=url.feed(framework.id), badge=url.badge(framework.id)),
        identifiers=ApiIdentifiers(purl=purls(framework), github=github_repository(framework)))


def _head(name: str, site: Site, url: Urls) -> dict[str, Any]:
    return {"$schema": url.api(schema_path(name)), "api_version": API_VERSION, "data_version": data_version(site)}


def framework_document(site: Site, framework: Framework, url: Urls) -> FrameworkDocument:
    return FrameworkDocument(**_head("framework", site, url), framework=_framework(site, framework, url),
                             cells={f.id: _cell(site, framework, f.id) for f in site.data.features})


def frameworks_document(site: Site, url: Urls) -> FrameworksDocument:
    return FrameworksDocument(**_head("frameworks", site, url),
                              frameworks=[_framework(site, f, url) for f in site.data.frameworks])


def features_document(site: Site, url: Urls) -> FeaturesDocument:
    topics = []
    for topic in site.data.topics:
        verdict = topic.verdict
        topics.append(ApiTopic(
            id=topic.id, name=topic.name, description=topic.description, order=topic.order, url=url.topic(topic.id),
            verdict=ApiTopicVerdict(winners=list(verdict.winners), runners_up=list(verdict.runners_up),
                                    summary=verdict.summary, reasoning=verdict.reasoning,
                                    sources=list(verdict.sources), verified=verdict.verified) if verdict else None,
            features=[ApiFeature(id=f.id, name=f.name, description=f.description, kind=f.kind, role=f.role,
                                 url=url.feature(f.id)) for f in topic.features]))
    return FeaturesDocument(**_head("features", site, url), topics=topics)


def use_cases_document(site: Site, url: Urls) -> UseCasesDocument:
    use_cases = []
    for use_case in site.data.use_cases:
        ranking = site.scores.ranking(use_case)
        verdict = use_case.verdict
        top = ranking[0].framework.id if ranking else None
        use_cases.append(ApiUseCase(
            id=use_case.id, name=use_case.name, order=use_case.order, audience=use_case.audience,
            summary=use_case.summary, url=url.use_case(use_case.id), must_have=list(use_case.must_have),
            weights=site.scores.weights(use_case),
            verdict=ApiVerdict(picks=list(verdict.picks), runners_up=list(verdict.runners_up),
                               summary=verdict.summary, reasoning=verdict.reasoning,
                               why_not_computed=verdict.why_not_computed, caveats=list(verdict.caveats),
                               sources=list(verdict.sources), verified=verdict.verified) if verdict else None,
            computed_top=top, editors_agree=None if verdict is None else site.scores.disagreement(use_case) is None,
            ranking=[ApiRank(rank=s.rank, ranked=s.ranked, known_share=round(s.known_share, 4), framework=s.framework.id,
                             score=s.score,
                             meets_must_haves=s.meets_must_haves,
                             missing_must_haves=[f.id for f in s.missing_must_haves],
                             unknown_must_haves=[f.id for f in s.unknown_must_haves],
                             unknown_features=[f.id for f in s.unknown]) for s in ranking]))
    return UseCasesDocument(**_head("use-cases", site, url), use_cases=use_cases)


def claims_document(site: Site, url: Urls) -> ClaimsDocument:
    return ClaimsDocument(**_head("claims", site, url), claims=[
        ApiClaim(id=c.id, section=c.section, topic=c.topic, claim=c.claim, verdict=c.verdict, today=c.today,
                 features=list(c.features), use_cases=list(c.use_cases), sources=list(c.sources),
                 verified=c.verified) for c in site.data.claims])


def install_document(site: Site, url: Urls) -> InstallDocument:
    answers = []
    measured = None
    for framework in in_use(site):
        if framework.install and framework.install.registry:
            measured = framework.install.registry.python
        for a in framework_answers(site, framework):
            entry, figures = a.entry, a.figures
            answers.append(ApiInstallAnswer(
                framework=framework.id, os=a.os, arch=a.arch, accel=a.accel, installs=a.installs,  # type: ignore[arg-type]
                accelerated=a.accelerated, why=a.why, command=entry.command if entry else None,  # type: ignore[arg-type]
                python=entry.python if entry else None,
                pythons_with_wheels=list(a.pythons) if a.pythons is not None else None,
                min_os=entry.min_os if entry else None, min_os_wheels=figures.min_os if figures else None,
                cpu=entry.cpu if entry else None, caveats=list(entry.caveats) if entry else [],
                download_mib=a.download_mib, cpu_download_mib=figures.download_mib if figures else None,
                download_packages=figures.packages if figures else None,
                sources=list(entry.sources) if entry else [], verified=entry.verified if entry else None,
                page=url.install(a.os, a.arch, a.accel)))
    return InstallDocument(**_head("install", site, url), measured_python=measured, answers=answers)


def attribution(site: Site, url: Urls) -> str:
    return (f"{TITLE} ({url.home()}), data version {data_version(site)}, by {PUBLISHER}, "
            f"licensed under CC BY 4.0 ({LICENCE_URL}).")


def index_document(site: Site, url: Urls, build_date: dt.date, more: tuple[ApiFile, ...] = ()) -> IndexDocument:
    """`more`: the files of /api/v1/ made elsewhere (dlmatrix/site/api_items.py), listed after these."""
    data = site.data
    files = [ApiFile(path=file, url=url.api(file), schema_url=url.api(schema_path(name)), description=description)
             for name, (_, file, description) in DOCUMENTS.items() if "{" not in file]
    files.append(ApiFile(path=CSV_FILE, url=url.api(CSV_FILE), schema_url=None,
                         description="One row per framework and feature (UTF-8, RFC 4180), with a header row."))
    files += more
    return IndexDocument(
        **_head("index", site, url), title=f"{TITLE} data API", build_date=build_date, data_date=data_date(site),
        documentation=url.api(), licence=ApiLicence(id=LICENCE_ID, url=LICENCE_URL, attribution=attribution(site, url)),
        counts={"frameworks": len(data.frameworks), "features": len(data.features), "topics": len(data.topics),
                "use_cases": len(data.use_cases), "claims": len(data.claims)},
        files=files)


# A cell a spreadsheet would run as a formula (OWASP, "CSV injection"): it starts with one of these...
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?([eE][+-]?\d+)?")  # ... unless it is a number, which stays a number


def csv_cell(text: str) -> str:
    """A CSV cell that no spreadsheet runs: a leading ' before a formula start, as OWASP recommends."""
    return "'" + text if text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text) else text


def matrix_csv(site: Site) -> bytes:
    """One row per framework and feature, in matrix order: RFC 4180 (CRLF line ends, quotes where needed); a cell
    that starts like a formula is neutralised (csv_cell)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_COLUMNS)
    for framework in site.data.frameworks:
        for feature in site.data.features:
            cell = _cell(site, framework, feature.id)
            row = [framework.id, framework.name, cell.topic, feature.id, feature.name, cell.kind,
                   cell.level or "", "" if cell.value is None else cell.value, cell.note or "",
                   cell.since or "", cell.as_of.isoformat() if cell.as_of else "", " ".join(cell.sources),
                   cell.verified.isoformat() if cell.verified else "", cell.derived or "",
                   "true" if cell.missing else "false"]
            writer.writerow(csv_cell(str(field)) for field in row)
    return out.getvalue().encode("utf-8")


def api_files(site: Site, url: Urls, build_date: dt.date, more: tuple[ApiFile, ...] = ()) -> dict[str, bytes]:
    """The files of /api/v1/ this module makes (path relative to it -> exact bytes). `url` gives the public
    addresses; `more`: files made elsewhere, for index.json (the site publishes api_items.api_v1_files)."""
    def json_file(document: Document) -> bytes:
        return dump(document.model_dump(mode="json", by_alias=True))

    files = {name: dump(json_schema(key, url)) for key in DOCUMENTS for name in [schema_path(key)]}
    files["index.json"] = json_file(index_document(site, url, build_date, more))
    files["frameworks.json"] = json_file(frameworks_document(site, url))
    for framework in site.data.frameworks:
        files[f"frameworks/{framework.id}.json"] = json_file(framework_document(site, framework, url))
    files["features.json"] = json_file(features_document(site, url))
    files["use-cases.json"] = json_file(use_cases_document(site, url))
    files["claims.json"] = json_file(claims_document(site, url))
    files["install.json"] = json_file(install_document(site, url))
    files[CSV_FILE] = matrix_csv(site)
    return files
