"""What changed in the data, read from the repository's git history of the data folder.

For each commit on the first-parent line that touches the data folder, the data at the commit and at its
parent are read as snapshots keyed by id (framework id, feature id), never by file path, and compared:

    a framework added, removed, or its status changed (e.g. active -> retired)
    a feature added or removed
    a cell added or removed, or its level or value changed (notes, sources and dates are not changes)

Keying by id follows renames for free: moving data/features/x.yaml to data/topics/x.yaml, or reordering
a file, is no change. Files are read loosely (plain YAML, any past layout), since old commits need not
match today's model, but with the strict reader of the live data (dlmatrix/data/reader.py: no aliases, size and
depth limits): a blob it refuses counts as absent, and only scalars count as names, levels and values. Git's
output is asked for NUL-separated; a record that cannot be read is skipped with a warning. The first commit
available is the baseline (it is not listed cell by cell); in a
shallow clone that is the oldest commit fetched, and History says so. Without git or a repository,
History is `unavailable` with the reason, and nothing fails.

Each commit's changes are cached in <repository>/.cache/changes/ by commit id: a commit never changes. The cache
is read and written under the file-access rule (dlmatrix/data/files.py): a committed `.cache` link is not followed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from dlmatrix.data.files import FileRefused, Folder
from dlmatrix.data.reader import MAX_FILE_BYTES, parse_yaml

ChangeKind = Literal["framework-added", "framework-removed", "status-changed", "feature-added", "feature-removed",
                     "cell-added", "cell-removed", "cell-changed"]
HistoryStatus = Literal["complete", "shallow", "unavailable"]
CACHE_VERSION = "1"  # bump when the meaning of a cached change list changes
GIT_TIMEOUT = 60
# Where framework and feature files lived over time: frameworks/<id>.yaml; topics/ (features/ before 2026-11-26).
FRAMEWORK_FOLDERS = ("frameworks",)
FEATURE_FOLDERS = ("topics", "features")


@dataclass(frozen=True)
class Fact:
    """What a cell said at one commit: its level and its value as text (dates ISO), either may be None."""

    level: str | None
    value: str | None


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    framework: str | None = None  # framework id (framework and cell changes)
    framework_name: str | None = None  # its name at the commit (the framework may be gone today)
    feature: str | None = None  # feature id (feature and cell changes)
    feature_name: str | None = None
    before: Fact | None = None  # cells: the fact before; status changes: Fact(level=None, value=status)
    after: Fact | None = None


@dataclass(frozen=True)
class Commit:
    sha: str
    date: dt.datetime  # committer date, UTC
    subject: str
    changes: tuple[Change, ...]

    @property
    def short(self) -> str:
        return self.sha[:7]

    def for_framework(self, framework_id: str) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.framework == framework_id)


@dataclass(frozen=True)
class History:
    """The data's changes, newest first (commits without a data change are left out)."""

    status: HistoryStatus
    commits: tuple[Commit, ...] = ()
    reason: str = ""  # why the history is unavailable
    baseline: Commit | None = None  # the oldest commit read: the data as it started (or as far back as fetched)

    @property
    def available(self) -> bool:
        return self.status != "unavailable"

    def for_framework(self, framework_id: str) -> tuple[Commit, ...]:
        """The commits that changed one framework, each with only that framework's changes."""
        return tuple(Commit(c.sha, c.date, c.subject, c.for_framework(framework_id)) for c in self.commits
                     if c.for_framework(framework_id))


# --- snapshots: the data at one commit, keyed by id ---------------------------------------------


@dataclass
class FrameworkSnapshot:
    id: str
    name: str
    status: str | None
    cells: dict[str, Fact]


@dataclass
class Snapshot:
    frameworks: dict[str, FrameworkSnapshot] = field(default_factory=dict)
    features: dict[str, str] = field(default_factory=dict)  # id -> name, in topic-file order


def _text(value: Any) -> str | None:
    """A scalar as text (dates ISO); anything else (a list, a mapping) is no value."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (str, int, float)):  # bool is an int
        return str(value)
    return None


def _load(path: str, raw: bytes) -> Any:
    """A historical blob, read by the live data's strict reader; refused (or not clean): absent."""
    loaded, errors = parse_yaml(path, raw)
    return loaded.data if loaded is not None and not errors else None


def is_data_file(path: PurePosixPath) -> bool:
    return path.suffix in (".yaml", ".yml") and len(path.parts) == 2 and path.parts[0] in (
        *FRAMEWORK_FOLDERS, *FEATURE_FOLDERS)


def add_file(snapshot: Snapshot, path: PurePosixPath, doc: Any) -> None:
    """Add one parsed data file (path relative to the data folder) to a snapshot; other files are ignored."""
    if not is_data_file(path) or not isinstance(doc, dict):
        return
    folder = path.parts[0]
    if folder in FRAMEWORK_FOLDERS:
        framework_id = _text(doc.get("id")) or path.stem
        raw_cells = doc.get("cells")
        cells: dict[str, Fact] = {}
        for feature_id, cell in (raw_cells.items() if isinstance(raw_cells, dict) else ()):
            if isinstance(cell, dict):
                cells[str(feature_id)] = Fact(_text(cell.get("level")), _text(cell.get("value")))
        snapshot.frameworks[framework_id] = FrameworkSnapshot(framework_id, _text(doc.get("name")) or framework_id,
                                                              _text(doc.get("status")), cells)
    elif folder in FEATURE_FOLDERS:
        features = doc.get("features")
        for feature in features if isinstance(features, list) else ():
            feature_id = _text(feature.get("id")) if isinstance(feature, dict) else None
            if feature_id:
                snapshot.features[feature_id] = _text(feature.get("name")) or feature_id


def compare(old: Snapshot, new: Snapshot) -> tuple[Change, ...]:
    """The changes from one snapshot to the next, in a stable order: frameworks, features, then cells by
    framework id and feature order."""
    changes: list[Change] = []
    order = {feature_id: index for index, feature_id in enumerate([*new.features, *old.features])}
    for framework_id in sorted(new.frameworks.keys() - old.frameworks.keys()):
        changes.append(Change("framework-added", framework_id, new.frameworks[framework_id].name))
    for framework_id in sorted(old.frameworks.keys() - new.frameworks.keys()):
        changes.append(Change("framework-removed", framework_id, old.frameworks[framework_id].name))
    for framework_id in sorted(old.frameworks.keys() & new.frameworks.keys()):
        before, after = old.frameworks[framework_id], new.frameworks[framework_id]
        if before.status != after.status:
            changes.append(Change("status-changed", framework_id, after.name, before=Fact(None, before.status),
                                  after=Fact(None, after.status)))
    for feature_id in sorted(new.features.keys() - old.features.keys(), key=order.__getitem__):
        changes.append(Change("feature-added", feature=feature_id, feature_name=new.features[feature_id]))
    for feature_id in sorted(old.features.keys() - new.features.keys(), key=order.__getitem__):
        changes.append(Change("feature-removed", feature=feature_id, feature_name=old.features[feature_id]))
    for framework_id in sorted(old.frameworks.keys() & new.frameworks.keys()):
        before_fw, after_fw = old.frameworks[framework_id], new.frameworks[framework_id]
        for feature_id in sorted(before_fw.cells.keys() | after_fw.cells.keys(), key=lambda f: (order.get(f, len(order)), f)):
            was, now = before_fw.cells.get(feature_id), after_fw.cells.get(feature_id)
            name = new.features.get(feature_id) or old.features.get(feature_id) or feature_id
            if was == now:
                continue
            if was is None:
                kind: ChangeKind = "cell-added"
            elif now is None:
                if feature_id not in new.features and feature_id in old.features:
                    continue  # the feature itself was removed: said once, above
                kind = "cell-removed"
            else:
                kind = "cell-changed"
            changes.append(Change(kind, framework_id, after_fw.name, feature_id, name, was, now))
    return tuple(changes)


# --- git -----------------------------------------------------------------------------------------


class GitError(Exception):
    pass


def _git(repo: Path, *args: str, stdin: bytes | None = None) -> bytes:
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    env["LC_ALL"] = "C"
    try:
        result = subprocess.run(["git", "-C", str(repo), *args], input=stdin, capture_output=True, env=env,
                                timeout=GIT_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(f"git could not run: {exc}") from exc
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} failed")
    return result.stdout


class Repository:
    """The git repository holding a data folder, read with plain git commands."""

    def __init__(self, data_dir: Path) -> None:
        self.top = Path(_git(data_dir, "rev-parse", "--show-toplevel").decode().strip())
        self.prefix = _git(data_dir, "rev-parse", "--show-prefix").decode().strip()  # e.g. "data/"
        self.shallow = _git(self.top, "rev-parse", "--is-shallow-repository").decode().strip() == "true"
        self.head = _git(self.top, "rev-parse", "HEAD").decode().strip()
        self._docs: dict[str, Any] = {}  # blob id -> parsed YAML (most files are the same from commit to commit)
        self._snapshots: dict[str, Snapshot] = {}  # tree id of the data folder -> its snapshot

    def log(self) -> Iterator[tuple[str, list[str], dt.datetime, str]]:
        """(sha, parents, committer date, subject) of each first-parent commit touching the data, newest first.
        Records are NUL-separated (-z) and their fields are lines (a subject is one line), so no character of a
        subject can split a record; a record that still cannot be read is skipped with a warning."""
        out = _git(self.top, "log", "-z", "--first-parent", "--format=%H%n%P%n%ct%n%s", "HEAD", "--",
                   self.prefix or ".")
        for record in out.split(b"\0"):
            if not record.strip():
                continue
            try:
                sha, parents, stamp, subject = record.decode("utf-8", "replace").split("\n", 3)
                if not _SHA.fullmatch(sha) or not all(_SHA.fullmatch(p) for p in parents.split()):
                    raise ValueError("not a commit id")
                date = dt.datetime.fromtimestamp(int(stamp), dt.UTC)
            except (ValueError, OverflowError, OSError) as exc:
                print(f"warning: the data's history: skipped a commit git listed that could not be read ({exc}): "
                      f"{record[:80]!r}", file=sys.stderr)
                continue
            yield sha, parents.split(), date, subject

    def objects(self, names: list[str]) -> dict[str, str | None]:
        """Object ids of many revisions at once ("sha", "sha:data", ...): None for those that do not exist."""
        if not names:
            return {}
        out = _git(self.top, "cat-file", "--batch-check=%(objectname) %(objecttype)",
                   stdin="".join(f"{name}\n" for name in names).encode()).decode().splitlines()
        return {name: (line.split()[0] if not line.endswith(" missing") else None) for name, line in zip(names, out, strict=True)}

    def data_tree(self, sha: str) -> str:
        """The revision naming the data folder's tree at a commit."""
        return f"{sha}:{self.prefix.rstrip('/')}" if self.prefix else f"{sha}^{{tree}}"

    def _read_blobs(self, blobs: list[tuple[str, str]]) -> None:
        """Parse (path, blob id) pairs; a blob larger than the reader's limit is not even read (absent)."""
        wanted = {blob: path for path, blob in blobs if blob not in self._docs}
        if not wanted:
            return
        sizes = _git(self.top, "cat-file", "--batch-check=%(objectname) %(objectsize)",
                     stdin="".join(f"{blob}\n" for blob in wanted).encode()).decode().splitlines()
        small = []
        for blob, line in zip(wanted, sizes, strict=True):
            fields = line.split()
            if len(fields) == 2 and fields[1].isdigit() and int(fields[1]) <= MAX_FILE_BYTES:
                small.append(blob)
            else:
                self._docs[blob] = None  # too large for a data file, or missing: absent
        if not small:
            return
        out = _git(self.top, "cat-file", "--batch", stdin="".join(f"{blob}\n" for blob in small).encode())
        at = 0
        for blob in small:
            header_end = out.index(b"\n", at)
            size = int(out[at:header_end].split()[2])
            self._docs[blob] = _load(wanted[blob], out[header_end + 1:header_end + 1 + size])
            at = header_end + 1 + size + 1

    def snapshot(self, tree: str | None) -> Snapshot:
        """The data in one tree of the data folder (None: no data folder, an empty snapshot)."""
        if tree is None:
            return Snapshot()
        if tree not in self._snapshots:
            self._snapshots[tree] = self._snapshot(tree)
        return self._snapshots[tree]

    def _snapshot(self, tree: str) -> Snapshot:
        entries = []
        for item in _git(self.top, "ls-tree", "-r", "-z", tree).split(b"\0"):
            if not item:
                continue
            meta, raw_path = item.split(b"\t", 1)
            _, kind, blob = meta.decode().split()
            path = PurePosixPath(raw_path.decode("utf-8", "replace"))
            if kind == "blob" and is_data_file(path):
                entries.append((path, blob))
        # Topic files first (in name order), so features keep their catalog order.
        entries.sort(key=lambda entry: (entry[0].parts[0] not in FEATURE_FOLDERS, str(entry[0])))
        self._read_blobs([(str(path), blob) for path, blob in entries])
        snapshot = Snapshot()
        for path, blob in entries:
            add_file(snapshot, path, self._docs[blob])
        return snapshot


_SHA = re.compile("[0-9a-f]{40}|[0-9a-f]{64}")


@dataclass(frozen=True)
class Cache:
    """Where changes are cached: a folder the cache is written into (one name at a time, no link followed) and
    the path of the cache inside it."""

    base: Path
    inside: str

    def file(self, sha: str, prefix: str) -> str:
        where = hashlib.sha256(prefix.encode()).hexdigest()[:8]
        return f"{self.inside}/v{CACHE_VERSION}/{sha}-{where}.json".lstrip("/")


def _from_cache(cache: Cache, relative: str) -> tuple[Change, ...] | None:
    try:
        raw = json.loads(Folder(cache.base).read(relative) or b"null")
        return tuple(Change(**{**item, "before": Fact(**item["before"]) if item["before"] else None,
                               "after": Fact(**item["after"]) if item["after"] else None}) for item in raw)
    except (FileRefused, OSError, ValueError, TypeError, KeyError):
        return None  # no cache, a link, or not a cache file: read from git


def _to_cache(cache: Cache, relative: str, changes: tuple[Change, ...]) -> None:
    # a read-only checkout, or a link where the cache is: no cache, same result
    with contextlib.suppress(FileRefused, OSError):
        Folder(cache.base).write(relative, json.dumps([asdict(c) for c in changes], ensure_ascii=False).encode())


_memo: dict[tuple[Path, str, str, bool], History] = {}  # (cache, head, prefix, shallow)


def read_history(data_dir: Path | str, cache_dir: Path | None = None) -> History:
    """The data's history from git; `unavailable` (with the reason) when there is no readable repository.
    Read once per repository state and process (Zensical runs the macros module for every page)."""
    try:
        repo = Repository(Path(data_dir).resolve())
        if cache_dir is not None:
            cache_dir.mkdir(parents=True, exist_ok=True)  # a folder the caller chose
        cache = Cache(cache_dir, "") if cache_dir is not None else Cache(repo.top, ".cache/changes")
        key = (cache.base / cache.inside, repo.head, repo.prefix, repo.shallow)
        if key not in _memo:
            _memo[key] = _read(repo, cache)
        return _memo[key]
    except GitError as exc:
        return History("unavailable", reason=str(exc))


def _read(repo: Repository, cache: Cache) -> History:
    log = list(repo.log())
    cached = {sha: _from_cache(cache, cache.file(sha, repo.prefix)) for sha, _, _, _ in log}
    # One question to git for every commit to compare: does its parent exist (the edge of a shallow clone does
    # not), and which trees hold the data before and after.
    # (Parents are checked even when the changes are cached, so that the answer never depends on the cache.)
    todo = [(sha, parents[0]) for sha, parents, _, _ in log if parents and cached[sha] is None]
    objects = repo.objects([parents[0] for _, parents, _, _ in log if parents]
                           + [name for sha, parent in todo for name in (repo.data_tree(parent), repo.data_tree(sha))])
    present = {parent for parent, found in objects.items() if found and ":" not in parent and "^" not in parent}
    commits: list[Commit] = []
    baseline: Commit | None = None
    for sha, parents, date, subject in log:
        if not parents or parents[0] not in present:
            baseline = Commit(sha, date, subject, ())
            break  # the root commit, or the edge of a shallow clone: nothing older to compare with
        changes = cached[sha]
        if changes is None:
            parent = parents[0]
            changes = compare(repo.snapshot(objects[repo.data_tree(parent)]), repo.snapshot(objects[repo.data_tree(sha)]))
            _to_cache(cache, cache.file(sha, repo.prefix), changes)
        if changes:
            commits.append(Commit(sha, date, subject, changes))
    return History("shallow" if repo.shallow else "complete", tuple(commits), baseline=baseline)
