"""The history reader (dlmatrix/data/changes.py) on a small repository with a known history."""

from __future__ import annotations

import shutil
from pathlib import Path, PurePosixPath

import pytest

from dlmatrix.data import changes
from dlmatrix.data.changes import Change, Fact, Snapshot, add_file, compare, read_history
from tests.fixtures.history_repo import DATES, SUBJECTS, git, make_history_repo


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("history") / "repo"
    return root, make_history_repo(root)


@pytest.fixture(autouse=True)
def fresh_memo() -> None:
    changes._memo.clear()  # each test reads git, not what an earlier test read


def test_reads_every_change_newest_first_and_a_pure_move_is_no_change(repo: tuple[Path, dict[str, str]]) -> None:
    root, shas = repo
    history = read_history(root / "data", cache_dir=root.parent / "cache-a")
    assert history.status == "complete" and history.available
    assert history.baseline is not None and history.baseline.sha == shas["start"]
    assert [c.sha for c in history.commits] == [shas["release"], shas["retire"], shas["cells"]]  # no "move"
    assert [c.subject for c in history.commits] == [SUBJECTS[n] for n in ("release", "retire", "cells")]
    assert history.commits[0].date.strftime("%Y-%m-%dT%H:%M:%SZ") == DATES["release"]
    release, retire, cells = (c.changes for c in history.commits)
    assert release == (Change("cell-changed", "pytorch", "PyTorch", "latest_release", "Latest release",
                              Fact(None, "2.15.0"), Fact(None, "2.16.0")),)
    assert retire == (
        Change("status-changed", "oldnet", "OldNet", before=Fact(None, "maintenance"), after=Fact(None, "retired")),
        Change("cell-added", "tensorflow", "TensorFlow", "latest_release", "Latest release", None, Fact(None, "2.21.0")),
    )
    assert cells == (
        Change("cell-changed", "pytorch", "PyTorch", "mobile_runtime", "Mobile runtime", Fact("full", None),
               Fact("partial", None)),
        Change("cell-changed", "tensorflow", "TensorFlow", "github_stars", "GitHub stars", Fact(None, "190000"),
               Fact(None, "195000")),
    )


def test_per_framework_history_keeps_only_its_changes(repo: tuple[Path, dict[str, str]]) -> None:
    root, shas = repo
    history = read_history(root / "data", cache_dir=root.parent / "cache-b")
    assert [c.sha for c in history.for_framework("pytorch")] == [shas["release"], shas["cells"]]
    assert [c.sha for c in history.for_framework("oldnet")] == [shas["retire"]]
    assert all(ch.framework == "tensorflow" for c in history.for_framework("tensorflow") for ch in c.changes)


def test_changes_are_cached_by_commit_and_the_cache_gives_the_same_answer(repo: tuple[Path, dict[str, str]]) -> None:
    root, shas = repo
    cache = root.parent / "cache-c"
    first = read_history(root / "data", cache_dir=cache)
    cached = sorted(p.name.split("-")[0] for p in cache.rglob("*.json"))
    assert cached == sorted(shas[n] for n in ("cells", "move", "retire", "release"))  # never the baseline
    changes._memo.clear()
    assert read_history(root / "data", cache_dir=cache) == first


def test_a_shallow_clone_says_so_and_lists_what_it_has(repo: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    root, shas = repo
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{root}", str(clone))
    history = read_history(clone / "data", cache_dir=tmp_path / "cache")
    assert history.status == "shallow" and history.available
    assert [c.sha for c in history.commits] == [shas["release"]]
    assert history.baseline is not None and history.baseline.sha == shas["retire"]


def test_without_a_repository_the_history_is_unavailable_not_an_error(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parent.parent / "fixtures" / "mini", data)
    history = read_history(data, cache_dir=tmp_path / "cache")
    assert history.status == "unavailable" and not history.available
    assert history.commits == () and history.baseline is None
    assert "not a git repository" in history.reason


def test_compare_reports_frameworks_and_features_added_and_removed() -> None:
    old, new = Snapshot(), Snapshot()
    add_file(old, PurePosixPath("features/a.yaml"), {"features": [{"id": "x", "name": "X"}, {"id": "gone", "name": "Gone"}]})
    add_file(old, PurePosixPath("frameworks/one.yaml"), {"id": "one", "name": "One", "status": "active",
                                                  "cells": {"x": {"level": "full"}, "gone": {"level": "none"}}})
    add_file(old, PurePosixPath("frameworks/old.yaml"), {"id": "old", "name": "Old", "cells": {}})
    add_file(new, PurePosixPath("topics/a.yaml"), {"features": [{"id": "x", "name": "X"}, {"id": "y", "name": "Y"}]})
    add_file(new, PurePosixPath("frameworks/one.yaml"), {"id": "one", "name": "One", "status": "active",
                                                  "cells": {"x": {"level": "full", "note": "edited"},
                                                            "y": {"value": 3}}})
    add_file(new, PurePosixPath("frameworks/two.yaml"), {"id": "two", "name": "Two", "cells": {"x": {"level": "none"}}})
    assert [(c.kind, c.framework, c.feature) for c in compare(old, new)] == [
        ("framework-added", "two", None),
        ("framework-removed", "old", None),
        ("feature-added", None, "y"),
        ("feature-removed", None, "gone"),
        ("cell-added", "one", "y"),  # a note edit on x is not a change; the removed feature's cell is said once
    ]


def test_files_that_are_not_data_or_do_not_parse_are_ignored() -> None:
    snapshot = Snapshot()
    add_file(snapshot, PurePosixPath("schema/framework.schema.json"), {"id": "nope"})
    add_file(snapshot, PurePosixPath("frameworks/broken.yaml"), None)
    add_file(snapshot, PurePosixPath("claims.yaml"), {"claims": []})
    assert snapshot == Snapshot()
