"""The data's history as the site shows it: the "What changed" page and the Atom feeds.

dlmatrix/data/changes.py reads what changed from git; this module decides how each change is shown
(names as the site knows them today, words for levels and statuses, links), how much of it a page or a
feed carries, and the stable ids of feed entries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from dlmatrix.data.changes import Change, Commit, Fact, History, read_history
from dlmatrix.data.layout import find_data_root
from dlmatrix.data.vocabulary import LEVELS, STATUSES
from dlmatrix.site.render import xml_text
from dlmatrix.site.urls import Urls
from dlmatrix.site.views import Site

PAGE_COMMITS = 100  # commits listed on the page, newest first ...
PAGE_ROWS = 400  # ... until this many changes are listed (the page stays light; older ones are in git)
FEED_ENTRIES = 30  # entries per feed
ROWS_PER_COMMIT = 40  # changes listed per commit; the commit link shows the rest
TAG_YEAR = "2026"  # the year in every tag: URI (RFC 4151); never change it, or every feed entry looks new

KIND_WORDS: dict[str, str] = {
    "framework-added": "Framework added", "framework-removed": "Framework removed",
    "status-changed": "Status changed", "feature-added": "Feature added", "feature-removed": "Feature removed",
    "cell-added": "Cell added", "cell-removed": "Cell removed", "cell-changed": "Changed",
}


@dataclass(frozen=True)
class FactView:
    """One side of a change: a level (shown as its badge), a status, a value, or nothing."""

    level: str | None  # a level id of the vocabulary, when the fact is a level
    text: str  # what to show otherwise ("" for nothing)


@dataclass(frozen=True)
class ChangeView:
    kind: str
    kind_word: str
    framework_id: str | None
    framework_name: str | None
    framework_exists: bool  # today: link to its page
    feature_id: str | None
    feature_name: str | None
    feature_exists: bool
    before: FactView | None
    after: FactView | None


@dataclass(frozen=True)
class CommitView:
    sha: str
    short: str
    date: dt.datetime
    subject: str
    url: str | None  # the commit on the code host
    anchor: str  # its heading id on the page
    about: str  # what it changed, in a few words: the frameworks (or "Features"), for its heading
    changes: tuple[ChangeView, ...]  # at most ROWS_PER_COMMIT
    more: int  # changes not listed

    @property
    def stamp(self) -> str:
        """RFC 3339, UTC (Atom's date format)."""
        return self.date.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class HistoryView:
    status: str  # complete, shallow or unavailable
    reason: str
    commits: tuple[CommitView, ...]
    total: int  # commits with data changes in the history read
    baseline: CommitView | None

    @property
    def available(self) -> bool:
        return self.status != "unavailable"

    @property
    def shallow(self) -> bool:
        """Only part of the repository's history was there (a shallow clone): the page says so."""
        return self.status == "shallow"


def data_root(site: Site) -> Path:
    """The data folder a Site was loaded from (found from one of its files)."""
    first = next(iter(site.data.source_files.values()))
    return find_data_root(Path(first).resolve())


def site_history(site: Site, data_dir: Path | None = None) -> History:
    """The history of the Site's data, read once per Site."""
    return site.remember(("history",), lambda: read_history(data_dir or data_root(site)))


def commit_url(repo_url: str, sha: str) -> str | None:
    return f"{repo_url.rstrip('/')}/commit/{sha}" if repo_url else None


def _fact(fact: Fact | None, status: bool = False) -> FactView | None:
    if fact is None:
        return None
    if status:
        word = STATUSES[fact.value].word if fact.value in STATUSES else (fact.value or "")
        return FactView(None, word)
    if fact.value is not None:
        return FactView(None, fact.value)
    if fact.level in LEVELS:
        return FactView(fact.level, LEVELS[fact.level].word)
    return FactView(None, fact.level or "")


def change_view(site: Site, change: Change) -> ChangeView:
    data = site.data
    framework_exists = change.framework is not None and data.has_framework(change.framework)
    feature_exists = change.feature is not None and data.has_feature(change.feature)
    kind_word = KIND_WORDS[change.kind]
    if change.kind == "cell-changed" and change.before and change.after:
        kind_word = "Level changed" if change.before.value is None and change.after.value is None else "Value changed"
    status = change.kind == "status-changed"
    return ChangeView(
        change.kind, kind_word, change.framework,
        site.names[change.framework] if framework_exists and change.framework else change.framework_name,
        framework_exists, change.feature,
        data.feature(change.feature).name if feature_exists and change.feature else change.feature_name,
        feature_exists, _fact(change.before, status), _fact(change.after, status))


def _about(views: list[ChangeView], most: int = 3) -> str:
    names = list(dict.fromkeys(v.framework_name or v.framework_id or "" for v in views if v.framework_id))
    if not names:
        return "Features" if views else ""
    if len(names) > most:
        names = [*names[:most], f"{len(names) - most} more"]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def commit_view(site: Site, commit: Commit, repo_url: str) -> CommitView:
    views = [change_view(site, c) for c in commit.changes]
    return CommitView(commit.sha, commit.short, commit.date, xml_text(commit.subject), commit_url(repo_url, commit.sha),
                      f"commit-{commit.short}", _about(views), tuple(views[:ROWS_PER_COMMIT]),
                      max(0, len(views) - ROWS_PER_COMMIT))


def history_view(site: Site, history: History, repo_url: str, limit: int = PAGE_COMMITS,
                 framework_id: str | None = None, rows: int = PAGE_ROWS) -> HistoryView:
    """The newest commits (at most `limit`, and no more once `rows` changes are listed)."""
    commits = history.for_framework(framework_id) if framework_id else history.commits
    baseline = commit_view(site, history.baseline, repo_url) if history.baseline else None
    listed: list[CommitView] = []
    for commit in commits[:limit]:
        if listed and sum(len(c.changes) for c in listed) >= rows:
            break
        listed.append(commit_view(site, commit, repo_url))
    return HistoryView(history.status, history.reason, tuple(listed), len(commits), baseline)


# --- feeds ----------------------------------------------------------------------------------------


def tag_authority(site_url: str) -> str:
    """The site's host name for tag: URIs (an IP address or no address gives 'localhost')."""
    host = urlsplit(site_url).hostname or ""
    return host if any(ch.isalpha() for ch in host) else "localhost"


@dataclass(frozen=True)
class Feed:
    id: str
    title: str
    subtitle: str
    updated: str  # RFC 3339
    self_url: str
    page_url: str  # the HTML page the feed follows
    changes_url: str  # the What changed page (entries link to their commit there)
    entries: tuple[tuple[str, str, CommitView], ...]  # (entry id, title, commit)


def topic_history(site: Site, history: History, topic_id: str) -> History:
    """The commits that changed a topic's features (as the topic has them today), each with only those changes."""
    features = {f.id for f in site.topic(topic_id).features}
    commits = []
    for commit in history.commits:
        changes = tuple(c for c in commit.changes if c.feature in features)
        if changes:
            commits.append(Commit(commit.sha, commit.date, commit.subject, changes))
    return History(history.status, tuple(commits), history.reason, history.baseline)


def topic_feed(site: Site, history: History, url: Urls, repo_url: str, topic_id: str) -> Feed:
    """One topic's feed: the changes to its features, in every framework. `url` must give public addresses."""
    authority = tag_authority(url.home())
    topic = site.topic(topic_id)
    view = history_view(site, topic_history(site, history, topic_id), repo_url, FEED_ENTRIES)
    updated = (view.commits[0].stamp if view.commits
               else dt.datetime.combine(site.today, dt.time(), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    entries = []
    for commit in view.commits:
        count = len(commit.changes) + commit.more
        title = f"{count} change{'s' if count != 1 else ''}: {commit.subject}"
        entries.append((f"tag:{authority},{TAG_YEAR}:changes/{commit.sha}/topics/{topic_id}", title, commit))
    return Feed(
        id=f"tag:{authority},{TAG_YEAR}:feeds/topics/{topic_id}",
        title=f"{topic.name}: data changes, Deep Learning Framework Matrix",
        subtitle=f"Levels and values of the {topic.name} features that changed, in every framework, from the data's "
                 "history." + ("" if history.available else f" The history could not be read: {history.reason}"),
        updated=updated, self_url=url.topic_feed(topic_id), page_url=url.topic(topic_id),
        changes_url=url.page("about/changes/"), entries=tuple(entries))


def feed(site: Site, history: History, url: Urls, repo_url: str, framework_id: str | None = None) -> Feed:
    """The site's feed, or one framework's (only its changes). `url` must give public addresses."""
    authority = tag_authority(url.home())
    view = history_view(site, history, repo_url, FEED_ENTRIES, framework_id)
    updated = (view.commits[0].stamp if view.commits
               else dt.datetime.combine(site.today, dt.time(), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    name = site.names[framework_id] if framework_id else ""
    entries = []
    for commit in view.commits:
        count = len(commit.changes) + commit.more
        title = f"{count} change{'s' if count != 1 else ''}: {commit.subject}"
        suffix = f"/{framework_id}" if framework_id else ""
        entries.append((f"tag:{authority},{TAG_YEAR}:changes/{commit.sha}{suffix}", title, commit))
    key = f"frameworks/{framework_id}" if framework_id else "changes"
    return Feed(
        id=f"tag:{authority},{TAG_YEAR}:feeds/{key}",
        title=f"{name} data changes, Deep Learning Framework Matrix" if framework_id
        else "Data changes, Deep Learning Framework Matrix",
        subtitle=(f"Levels and values of {name} that changed, from the data's history." if framework_id
                  else "Levels, values, frameworks and features that changed, from the data's history.")
        + ("" if history.available else f" The history could not be read: {history.reason}"),
        updated=updated, self_url=url.feed(framework_id), page_url=url.framework(framework_id) if framework_id
        else url.page("about/changes/"), changes_url=url.page("about/changes/"), entries=tuple(entries))
