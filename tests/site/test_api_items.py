"""The data API's per-item and bulk files (dlmatrix/site/api_items.py): features/<id>.json, topics/<id>.json,
all.json, changes.json and checksums.txt, each valid against its published schema (jsonschema), all.json the union
of the per-item files, the checksums right, changes.json the history the feeds show."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import feedparser
import pytest
from jsonschema import Draft202012Validator, FormatChecker

from dlmatrix.data.changes import History
from dlmatrix.data.load import load_dataset
from dlmatrix.site.api_items import CHECKSUMS, ITEMS, api_v1_files
from dlmatrix.site.history import site_history
from dlmatrix.site.urls import Urls
from dlmatrix.site.views import Site, site_for
from tests.conftest import ROOT

ADDRESS = "https://example.org/dlmatrix/"
HEAD = ("$schema", "api_version", "data_version")


@pytest.fixture
def files(mini_data: Path) -> dict[str, bytes]:
    site = Site(load_dataset(mini_data), dt.date(2026, 12, 1))
    return api_v1_files(site, Urls("", ADDRESS).public(), dt.date(2026, 12, 1),
                        History(status="unavailable", reason="no git here"), "")


def documents(files: dict[str, bytes]) -> dict[str, Any]:
    return {path: json.loads(content) for path, content in files.items() if path.endswith(".json")}


def body(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key not in HEAD}


def test_every_file_validates_against_its_published_schema(files: dict[str, bytes], mini_data: Path) -> None:
    docs = documents(files)
    used = set()
    for path, document in docs.items():
        if path.startswith("schema/"):
            continue
        schema_path = document["$schema"].removeprefix(f"{ADDRESS}api/v1/")
        schema = docs[schema_path]
        Draft202012Validator.check_schema(schema)
        errors = list(Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(document))
        assert not errors, f"{path}: {errors[0].json_path}: {errors[0].message}"
        used.add(schema_path)
    assert {f"schema/{name}.schema.json" for name in ITEMS} <= used
    dataset = load_dataset(mini_data)
    assert {p for p in docs if p.startswith("features/")} == {f"features/{f.id}.json" for f in dataset.features}
    assert {p for p in docs if p.startswith("topics/")} == {f"topics/{t.id}.json" for t in dataset.topics}


def test_a_feature_file_holds_every_frameworks_answer_with_sources_and_dates(files: dict[str, bytes],
                                                                           mini_data: Path) -> None:
    dataset = load_dataset(mini_data)
    feature = dataset.features[0]
    document = json.loads(files[f"features/{feature.id}.json"])
    assert document["feature"]["id"] == feature.id and document["topic"] == dataset.topic_of(feature.id).id
    assert list(document["cells"]) == [f.id for f in dataset.frameworks]
    for framework in dataset.frameworks:
        cell = framework.cells.get(feature.id)
        answer = document["cells"][framework.id]
        assert answer["sources"] == (list(cell.sources) if cell else [])
        assert answer["verified"] == (cell.verified.isoformat() if cell else None)


def test_all_json_is_the_union_of_the_per_item_files(files: dict[str, bytes]) -> None:
    docs = documents(files)
    everything = docs["all.json"]
    for kind, folder in (("frameworks", "frameworks"), ("features", "features"), ("topics", "topics")):
        items = {path.removeprefix(f"{folder}/").removesuffix(".json"): body(doc) for path, doc in docs.items()
                 if path.startswith(f"{folder}/")}
        assert items and everything[kind] == items, kind
    assert everything["use_cases"] == docs["use-cases.json"]["use_cases"]
    assert everything["claims"] == docs["claims.json"]["claims"]


def test_checksums_cover_every_other_file_and_verify(files: dict[str, bytes]) -> None:
    lines = files[CHECKSUMS].decode("utf-8").splitlines()
    listed = dict(reversed(line.split("  ", 1)) for line in lines)
    assert set(listed) == set(files) - {CHECKSUMS}
    for path, digest in listed.items():
        assert hashlib.sha256(files[path]).hexdigest() == digest, path
    changed = {**files, "all.json": files["all.json"] + b" "}
    assert any(hashlib.sha256(changed[p]).hexdigest() != d for p, d in listed.items())  # a changed byte shows


def test_index_lists_the_new_files(files: dict[str, bytes]) -> None:
    index = json.loads(files["index.json"])
    assert {"all.json", "changes.json", CHECKSUMS} <= {f["path"] for f in index["files"]}


@pytest.mark.build
def test_the_built_api_verifies_and_its_changes_are_the_feeds_history(real_site: Path) -> None:
    api = real_site / "api/v1"
    for line in (api / CHECKSUMS).read_text(encoding="utf-8").splitlines():  # as `sha256sum --check` would
        digest, path = line.split("  ", 1)
        assert hashlib.sha256((api / path).read_bytes()).hexdigest() == digest, path
    changes = json.loads((api / "changes.json").read_text(encoding="utf-8"))
    history = site_history(site_for(ROOT / "data", dt.date(2026, 1, 1)), ROOT / "data")
    assert changes["history"] == history.status != "unavailable"
    assert [c["sha"] for c in changes["commits"]] == [c.sha for c in history.commits]
    assert sum(len(c["changes"]) for c in changes["commits"]) == sum(len(c.changes) for c in history.commits)
    feed = feedparser.parse((real_site / "changes.xml").read_bytes())
    shas = [entry.id.rsplit("/", 1)[1] for entry in feed.entries]
    assert shas and shas == [c["sha"] for c in changes["commits"]][: len(shas)]


@pytest.mark.build
def test_the_api_page_says_what_each_level_means_and_reads_the_csv_with_pandas(real_site: Path) -> None:
    import re

    from bs4 import BeautifulSoup

    from dlmatrix.data.vocabulary import LEVELS
    from dlmatrix.site.api import CSV_COLUMNS

    soup = BeautifulSoup((real_site / "api/index.html").read_text(encoding="utf-8"), "html.parser")
    rows = soup.select("table[data-api-levels] tbody tr")
    assert [r["data-level"] for r in rows] == list(LEVELS)
    for row, level in zip(rows, LEVELS.values(), strict=True):
        assert level.help in row.get_text()
    code = next(c.get_text() for c in soup.select("pre code") if "import pandas" in c.get_text())
    lines = [line for line in code.splitlines() if line.strip()]
    assert len(lines) <= 5
    csv_url = re.search(r'read_csv\("([^"]+)"\)', code)
    assert csv_url and (real_site / csv_url.group(1).split("/", 3)[3]).is_file()  # the built matrix.csv
    named = set(re.findall(r'"([a-z_]+)"', code)) | set(re.findall(r"matrix\.([a-z_]+) ==", code))
    data = load_dataset(ROOT / "data")
    assert named - {"onnx_export"} <= set(CSV_COLUMNS) and data.has_feature("onnx_export")
