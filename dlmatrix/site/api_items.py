"""The data API's per-item and bulk files, beside the documents of dlmatrix/site/api.py:

    features/<id>.json   one feature across every framework, each answer with its sources and date
    topics/<id>.json     one topic: its features, and every framework's answer to each
    all.json             everything in one file: every framework, feature and topic document's content, use cases
                         and claims (each per-item file's content is in it, unchanged)
    changes.json         the data's changes commit by commit, newest first: the history the Atom feeds show
    checksums.txt        the SHA-256 of every other file of /api/v1/, as `sha256sum --check` reads it
    schema/<name>.schema.json   a JSON Schema for each new document

Like api.py: pure functions of the data, its git history, the site's address and the build date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Literal

from pydantic import Field

from dlmatrix.data.changes import Fact, History
from dlmatrix.site.api import (
    ApiCell,
    ApiClaim,
    ApiFeature,
    ApiFile,
    ApiFramework,
    ApiModel,
    ApiTopic,
    ApiUseCase,
    Document,
    _head,
    api_files,
    claims_document,
    dump,
    features_document,
    framework_document,
    json_schema,
    schema_path,
    use_cases_document,
)
from dlmatrix.site.history import commit_url
from dlmatrix.site.urls import Urls
from dlmatrix.site.views import Site

CHECKSUMS = "checksums.txt"


class FeatureEntry(ApiModel):
    feature: ApiFeature
    topic: str = Field(description="The id of the topic the feature belongs to.")
    cells: dict[str, ApiCell] = Field(description="Every framework's answer, by framework id, in the site's order.")


class FeatureItemDocument(FeatureEntry, Document):
    pass


class TopicEntry(ApiModel):
    topic: ApiTopic
    cells: dict[str, dict[str, ApiCell]] = Field(description="feature id -> framework id -> the answer, for every "
                                                 "feature of the topic and every framework.")


class TopicItemDocument(TopicEntry, Document):
    pass


class FrameworkEntry(ApiModel):
    framework: ApiFramework
    cells: dict[str, ApiCell] = Field(description="One cell per feature, by feature id, in matrix order.")


class AllDocument(Document):
    frameworks: dict[str, FrameworkEntry] = Field(description="frameworks/<id>.json's content, by framework id.")
    features: dict[str, FeatureEntry] = Field(description="features/<id>.json's content, by feature id.")
    topics: dict[str, TopicEntry] = Field(description="topics/<id>.json's content, by topic id.")
    use_cases: list[ApiUseCase] = Field(description="use-cases.json's use cases.")
    claims: list[ApiClaim] = Field(description="claims.json's claims.")


class ApiFact(ApiModel):
    level: str | None = Field(description="A level id (support features), or null.")
    value: str | None = Field(description="A value, or a status for status changes, as text; or null.")


class ApiChange(ApiModel):
    kind: Literal["framework-added", "framework-removed", "status-changed", "feature-added", "feature-removed",
                  "cell-added", "cell-removed", "cell-changed"]
    framework: str | None = Field(description="The framework's id (framework and cell changes).")
    framework_name: str | None = Field(description="Its name at that commit (it may be gone today).")
    feature: str | None = Field(description="The feature's id (feature and cell changes).")
    feature_name: str | None
    before: ApiFact | None = Field(description="The fact before the change (null when added).")
    after: ApiFact | None = Field(description="The fact after the change (null when removed).")


class ApiCommit(ApiModel):
    sha: str
    date: dt.date = Field(description="The day it landed (UTC).")
    time: str = Field(description="When it landed: RFC 3339, UTC.")
    subject: str
    url: str | None = Field(description="The commit on the code host (null when the build names none).")
    changes: list[ApiChange]


class ChangesDocument(Document):
    history: Literal["complete", "shallow", "unavailable"] = Field(
        description="complete: every commit since the data started; shallow: as far back as the build's clone "
                    "goes; unavailable: the build had no git history (commits is then empty).")
    reason: str = Field(description="Why the history is shallow or unavailable; empty otherwise.")
    commits: list[ApiCommit] = Field(description="Every commit that changed a level, value, status, framework or "
                                     "feature, newest first (the Atom feeds show the newest of them).")


# name -> (model, file, description), as api.DOCUMENTS
ITEMS: dict[str, tuple[type[Document], str, str]] = {
    "feature": (FeatureItemDocument, "features/{id}.json", "One feature across every framework, with sources and dates."),
    "topic": (TopicItemDocument, "topics/{id}.json", "One topic: its features and every framework's answers."),
    "all": (AllDocument, "all.json", "Everything in one file: the content of every framework, feature and topic "
                                     "file, use cases and claims."),
    "changes": (ChangesDocument, "changes.json", "The data's changes commit by commit, newest first (as the feeds)."),
}


def feature_entry(site: Site, feature_id: str, cells_by_framework: dict[str, dict[str, ApiCell]],
                  url: Urls) -> FeatureEntry:
    feature = site.data.feature(feature_id)
    return FeatureEntry(feature=ApiFeature(id=feature.id, name=feature.name, description=feature.description,
                                           kind=feature.kind, role=feature.role, url=url.feature(feature.id)),
                        topic=site.data.topic_of(feature_id).id,
                        cells={fw: cells[feature_id] for fw, cells in cells_by_framework.items()})


def _fact(fact: Fact | None) -> ApiFact | None:
    return ApiFact(level=fact.level, value=fact.value) if fact else None


def changes_document(site: Site, url: Urls, history: History, repo_url: str) -> ChangesDocument:
    commits = [ApiCommit(sha=c.sha, date=c.date.date(), time=c.date.strftime("%Y-%m-%dT%H:%M:%SZ"), subject=c.subject,
                         url=commit_url(repo_url, c.sha),
                         changes=[ApiChange(kind=ch.kind, framework=ch.framework, framework_name=ch.framework_name,
                                            feature=ch.feature, feature_name=ch.feature_name, before=_fact(ch.before),
                                            after=_fact(ch.after)) for ch in c.changes])
               for c in history.commits]
    return ChangesDocument(**_head("changes", site, url), history=history.status, reason=history.reason,
                           commits=commits)


def item_documents(site: Site, url: Urls) -> tuple[dict[str, Document], AllDocument]:
    """path -> document for every per-item file, and all.json (built from the same entries)."""
    data = site.data
    frameworks: dict[str, FrameworkEntry] = {}
    for framework in data.frameworks:
        document = framework_document(site, framework, url)
        frameworks[framework.id] = FrameworkEntry(framework=document.framework, cells=document.cells)
    cells = {fw: entry.cells for fw, entry in frameworks.items()}
    features = {f.id: feature_entry(site, f.id, cells, url) for f in data.features}
    topics_by_id = {t.id: t for t in features_document(site, url).topics}
    topics = {t.id: TopicEntry(topic=topics_by_id[t.id],
                               cells={f.id: features[f.id].cells for f in t.features}) for t in data.topics}
    documents: dict[str, Document] = {}
    for feature_id, entry in features.items():
        documents[f"features/{feature_id}.json"] = FeatureItemDocument(**_head("feature", site, url),
                                                                       **dict(entry))
    for topic_id, topic in topics.items():
        documents[f"topics/{topic_id}.json"] = TopicItemDocument(**_head("topic", site, url), **dict(topic))
    everything = AllDocument(**_head("all", site, url), frameworks=frameworks, features=features, topics=topics,
                             use_cases=use_cases_document(site, url).use_cases, claims=claims_document(site, url).claims)
    return documents, everything


def listed(url: Urls) -> tuple[ApiFile, ...]:
    """The new files index.json lists (per-item files are reached from frameworks.json and features.json ids)."""
    files = [ApiFile(path=file, url=url.api(file), schema_url=url.api(schema_path(name)), description=description)
             for name, (_, file, description) in ITEMS.items() if "{" not in file]
    return (*files, ApiFile(path=CHECKSUMS, url=url.api(CHECKSUMS), schema_url=None,
                            description="The SHA-256 of every other file of /api/v1/ (sha256sum --check reads it)."))


def checksums(files: dict[str, bytes]) -> bytes:
    lines = [f"{hashlib.sha256(content).hexdigest()}  {path}" for path, content in sorted(files.items())]
    return ("\n".join(lines) + "\n").encode("utf-8")


def api_v1_files(site: Site, url: Urls, build_date: dt.date, history: History, repo_url: str) -> dict[str, bytes]:
    """Every file of /api/v1/ (path relative to it -> exact bytes): api.py's, these, and the checksums of all."""
    def json_file(document: Document) -> bytes:
        return dump(document.model_dump(mode="json", by_alias=True))

    files = api_files(site, url, build_date, more=listed(url))
    files |= {schema_path(name): dump(json_schema(name, url, ITEMS)) for name in ITEMS}
    documents, everything = item_documents(site, url)
    files |= {path: json_file(document) for path, document in documents.items()}
    files["all.json"] = json_file(everything)
    files["changes.json"] = json_file(changes_document(site, url, history, repo_url))
    files[CHECKSUMS] = checksums(files)
    return files
