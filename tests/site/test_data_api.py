"""The data API under /api/v1/: every file valid against its published JSON Schema, the CSV equal to the data
cell by cell, the documents equal to the view layer's facts, and the same bytes from MkDocs and Zensical."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator, FormatChecker

from dlmatrix.data.load import load_dataset
from dlmatrix.data.vocabulary import VALUE
from dlmatrix.site.api import CSV_COLUMNS, DOCUMENTS, PUBLISHER, TITLE, api_files, data_version, json_schema
from dlmatrix.site.api_items import CHECKSUMS, ITEMS
from dlmatrix.site.publish import GENERATED, GENERATED_FEEDS, clean, read_config, write_files
from dlmatrix.site.urls import Urls
from dlmatrix.site.views import Site
from tests.conftest import FIXTURES, ROOT, SITE_URL, VENV_BIN, copy_project, run

pytestmark = pytest.mark.live_data  # checks the live data: the contributor-path test runs it on a scaffolded copy too

EPOCH = "1767225600"
BUILD_DATE = dt.date(2026, 1, 1)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def local(site: Path, address: str) -> Path:
    """The built file behind a public address of the site."""
    assert address.startswith(SITE_URL), address
    return site / address.removeprefix(SITE_URL)


@pytest.fixture(scope="module")
def dataset():  # type: ignore[no-untyped-def]
    return load_dataset(ROOT / "data")


# --- the built files ------------------------------------------------------------------------------


@pytest.mark.build
def test_every_api_file_is_valid_against_its_published_schema(real_site: Path) -> None:
    api = real_site / "api/v1"
    documents = sorted(p for p in api.rglob("*.json") if "schema" not in p.relative_to(api).parts)
    assert len(documents) >= len(DOCUMENTS)
    schemas_used = set()
    for path in documents:
        document = json.loads(path.read_text(encoding="utf-8"))
        schema_file = local(real_site, document["$schema"])
        schema = json.loads(schema_file.read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        assert schema["$id"] == document["$schema"]
        errors = sorted(Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(document), key=str)
        assert not errors, f"{path.relative_to(real_site)}: {errors[0].json_path}: {errors[0].message}"
        schemas_used.add(schema_file.name)
    # every schema is some document's (api.py's documents and api_items.py's)
    assert schemas_used == {f"{name}.schema.json" for name in [*DOCUMENTS, *ITEMS]}


@pytest.mark.build
def test_a_document_that_breaks_its_schema_is_caught(real_site: Path) -> None:
    document = json.loads((real_site / "api/v1/frameworks/pytorch.json").read_text(encoding="utf-8"))
    schema = json.loads(local(real_site, document["$schema"]).read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    first = next(iter(document["cells"]))
    for broken in ({**document, "surprise": 1}, {**document, "cells": {first: {**document["cells"][first], "level": "yes"}}},
                   {**document, "framework": {**document["framework"], "verified": "2026-13-01"}}):
        assert list(validator.iter_errors(broken)), broken.keys()


@pytest.mark.build
def test_index_lists_every_file_and_every_framework_document_is_linked(real_site: Path, dataset) -> None:  # type: ignore[no-untyped-def]
    index = json.loads((real_site / "api/v1/index.json").read_text(encoding="utf-8"))
    assert index["api_version"] == "v1" and index["build_date"] == "2026-01-01"
    assert index["licence"]["id"] == "CC-BY-4.0" and index["data_version"] in index["licence"]["attribution"]
    assert index["counts"] == {"frameworks": len(dataset.frameworks), "features": len(dataset.features),
                               "topics": len(dataset.topics), "use_cases": len(dataset.use_cases),
                               "claims": len(dataset.claims)}
    for entry in index["files"]:
        assert local(real_site, entry["url"]).is_file(), entry
        assert entry["schema_url"] is None or local(real_site, entry["schema_url"]).is_file(), entry
    frameworks = json.loads((real_site / "api/v1/frameworks.json").read_text(encoding="utf-8"))["frameworks"]
    assert [f["id"] for f in frameworks] == [f.id for f in dataset.frameworks]
    for framework in frameworks:
        for link in ("json", "feed", "badge"):
            assert local(real_site, framework["links"][link]).is_file(), (framework["id"], link)
        assert local(real_site, framework["links"]["page"]).joinpath("index.html").is_file()
    versions = {json.loads(p.read_text(encoding="utf-8"))["data_version"]
                for p in (real_site / "api/v1").rglob("*.json") if "schema" not in p.parts}
    assert versions == {index["data_version"]}


@pytest.mark.build
def test_framework_documents_hold_every_cell_as_in_the_data(real_site: Path, dataset) -> None:  # type: ignore[no-untyped-def]
    for framework in dataset.frameworks:
        document = json.loads((real_site / f"api/v1/frameworks/{framework.id}.json").read_text(encoding="utf-8"))
        assert document["framework"]["status"] == framework.status
        assert list(document["cells"]) == [f.id for f in dataset.features]
        for feature in dataset.features:
            cell, got = framework.cells.get(feature.id), document["cells"][feature.id]
            if cell is None:
                assert got["missing"] is True and got["level"] == "unknown" and got["sources"] == []
                continue
            value = cell.value.isoformat() if isinstance(cell.value, dt.date) else cell.value
            assert (got["level"], got["value"], got["note"], got["sources"], got["verified"], got["derived"], got["via"]) == (
                cell.level, value, cell.note, list(cell.sources), cell.verified.isoformat(), cell.derived, cell.via)


@pytest.mark.build
def test_every_api_cell_says_what_the_pages_cell_says(real_site: Path, dataset) -> None:  # type: ignore[no-untyped-def]
    """The API reads the view layer's CellView: a known value has level null, anything not established 'unknown'."""
    site = Site(dataset, BUILD_DATE)
    for framework in dataset.frameworks:
        cells = json.loads((real_site / f"api/v1/frameworks/{framework.id}.json").read_text(encoding="utf-8"))["cells"]
        for feature in dataset.features:
            view, got = site.cell(framework, feature), cells[feature.id]
            assert got["level"] == (None if view.level == VALUE else view.level), (framework.id, feature.id)
            assert got["missing"] == view.missing and got["derived"] == (view.kept_by.id if view.kept_by else None)


@pytest.mark.build
def test_use_cases_carry_the_computed_ranking_and_the_verdict(real_site: Path, dataset) -> None:  # type: ignore[no-untyped-def]
    site = Site(dataset, BUILD_DATE)
    use_cases = json.loads((real_site / "api/v1/use-cases.json").read_text(encoding="utf-8"))["use_cases"]
    assert [u["id"] for u in use_cases] == [u.id for u in dataset.use_cases]
    for got, use_case in zip(use_cases, dataset.use_cases, strict=True):
        ranking = site.scores.ranking(use_case)
        assert [(r["rank"], r["framework"], r["score"]) for r in got["ranking"]] == [
            (s.rank, s.framework.id, s.score) for s in ranking]
        assert got["computed_top"] == ranking[0].framework.id
        if use_case.verdict:
            assert got["verdict"]["picks"] == list(use_case.verdict.picks)
            assert got["editors_agree"] == (site.scores.disagreement(use_case) is None)


@pytest.mark.build
def test_matrix_csv_equals_the_data_cell_by_cell(real_site: Path, dataset) -> None:  # type: ignore[no-untyped-def]
    raw = (real_site / "api/v1/matrix.csv").read_bytes()
    text = raw.decode("utf-8")  # UTF-8, no byte-order mark
    assert not text.startswith("\ufeff")
    assert text.count("\r\n") >= len(dataset.frameworks) * len(dataset.features) + 1  # RFC 4180 line ends
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    assert tuple(rows[0]) == CSV_COLUMNS
    records = [dict(zip(CSV_COLUMNS, row, strict=True)) for row in rows[1:]]
    expected = [(fw, feature) for fw in dataset.frameworks for feature in dataset.features]
    assert [(r["framework"], r["feature"]) for r in records] == [(fw.id, f.id) for fw, f in expected]
    for record, (framework, feature) in zip(records, expected, strict=True):
        cell = framework.cells.get(feature.id)
        where = (framework.id, feature.id)
        assert record["framework_name"] == framework.name and record["feature_name"] == feature.name, where
        assert record["topic"] == dataset.topic_of(feature.id).id and record["kind"] == feature.kind, where
        if cell is None:
            assert (record["level"], record["value"], record["missing"]) == ("unknown", "", "true"), where
            continue
        value = "" if cell.value is None else cell.value.isoformat() if isinstance(cell.value, dt.date) else str(cell.value)
        assert record["level"] == (cell.level or ""), where
        assert record["value"] == value, where
        assert record["note"] == (cell.note or ""), where
        assert record["since"] == (cell.since or "") and record["as_of"] == (cell.as_of.isoformat() if cell.as_of else "")
        assert record["sources"].split() == list(cell.sources), where
        assert record["verified"] == cell.verified.isoformat(), where
        assert record["derived"] == (cell.derived or "") and record["missing"] == "false", where


@pytest.mark.build
def test_mkdocs_and_zensical_publish_the_same_files_and_two_builds_are_identical(real_site: Path, tmp_path: Path) -> None:
    """Zensical (after scripts/generate.py, as `make zensical` runs it) and a second MkDocs build, both from a copy
    of the project at another path without git history, give the same /api/v1/ and badges as the real build."""
    project = copy_project(tmp_path / "project", ("mkdocs.yml", "main.py", "docs", "dlmatrix", "overrides", "scripts",
                                                  "data"))
    clean(project / "docs")  # start from nothing: what Zensical publishes must come from generate.py
    env = {"SOURCE_DATE_EPOCH": EPOCH, "SITE_URL": SITE_URL}
    generated = run([str(VENV_BIN / "python"), "scripts/generate.py"], cwd=project, env=env)
    assert generated.returncode == 0, generated.stdout + generated.stderr
    zensical = run([str(VENV_BIN / "zensical"), "build", "--clean", "--strict"], cwd=project, env=env)
    assert zensical.returncode == 0, zensical.stdout + zensical.stderr
    again = run([str(VENV_BIN / "mkdocs"), "build", "--strict", "--site-dir", str(tmp_path / "again")], cwd=project,
                env=env)
    assert again.returncode == 0, again.stdout + again.stderr
    for folder in ("api/v1", "badges"):
        reference = tree(real_site / folder)
        assert reference, folder
        for other in (project / "site" / folder, tmp_path / "again" / folder):
            files = tree(other)
            assert sorted(files) == sorted(reference), (folder, sorted(set(files) ^ set(reference))[:5])
            # changes.json (and so the checksums) read git, which the copy has not: the same as the feeds
            different = [name for name in reference if files[name] != reference[name]
                         and name not in ("changes.json", CHECKSUMS)]
            if folder == "api/v1":
                assert json.loads(files["changes.json"])["history"] == "unavailable"
            assert not different, f"{folder}: {len(different)} file(s) differ, e.g. {different[0]}"


@pytest.mark.build
def test_api_page_documents_every_field_of_every_schema(real_site: Path) -> None:
    soup = BeautifulSoup((real_site / "api/index.html").read_text(encoding="utf-8"), "html.parser")
    documented = {table["data-api-fields"]: [th.get_text(strip=True) for th in table.select("tbody th")]
                  for table in soup.select("table[data-api-fields]")}
    for name in DOCUMENTS:
        schema = json_schema(name, Urls(""))
        assert documented[f"doc-{name}"] == list(schema["properties"]), name
        for definition, body in schema.get("$defs", {}).items():
            anchor = "type-" + definition.removeprefix("Api").lower()
            assert documented[anchor] == list(body["properties"]), definition
    index = json.loads((real_site / "api/v1/index.json").read_text(encoding="utf-8"))
    assert soup.select_one("[data-api-version]")["data-api-version"] == index["data_version"]
    assert index["licence"]["attribution"] in soup.select_one("[data-attribution]").get_text()
    links = {a["href"] for a in soup.select("table[data-api-files] a")}
    assert {"../api/v1/index.json", "../api/v1/matrix.csv", "../api/v1/schema/framework.schema.json"} <= links
    text = soup.get_text(" ")
    assert "CC BY 4.0" in text and "only grows" in text


@pytest.mark.build
def test_about_page_cites_the_data_version_and_framework_pages_link_their_data(real_site: Path, dataset) -> None:  # type: ignore[no-untyped-def]
    index = json.loads((real_site / "api/v1/index.json").read_text(encoding="utf-8"))
    soup = BeautifulSoup((real_site / "about/index.html").read_text(encoding="utf-8"), "html.parser")
    box = soup.select_one("[data-cite]")
    assert box is not None and box["data-version"] == index["data_version"]
    bibtex = box.select_one("[data-cite-bibtex]").get_text()
    assert bibtex.startswith("@misc{dlmatrix") and bibtex.count("{") == bibtex.count("}")
    assert f'author       = "{{{PUBLISHER}}}",' in bibtex  # an organisation, not a first and last name
    assert f"version      = {{{index['data_version']}}}" in bibtex and index["data_date"] in bibtex
    plain = box.select_one("[data-cite-plain]").get_text()
    assert index["data_version"] in plain and index["data_date"] in plain and TITLE in plain
    for framework in dataset.frameworks:
        page = BeautifulSoup((real_site / f"frameworks/{framework.id}/index.html").read_text(encoding="utf-8"),
                             "html.parser")
        data = page.select_one(f'[data-framework-data="{framework.id}"]')
        assert data is not None, framework.id
        hrefs = [a["href"] for a in data.select("a")]
        assert f"../../api/v1/frameworks/{framework.id}.json" in hrefs
        assert f"../../changes-{framework.id}.xml" in hrefs
        snippet = data.select_one("[data-badge-snippet]").get_text()
        assert snippet == (f"[![{framework.name} on the Deep Learning Framework Matrix]({SITE_URL}badges/{framework.id}.svg)]"
                           f"({SITE_URL}frameworks/{framework.id}/)")
        embed = data.select_one("[data-feature-badge]")  # a feature's badge, with its snippets
        assert embed is not None and f"{SITE_URL}badges/features/{embed['data-feature-badge']}.svg" in \
            embed.select_one("[data-badge-markdown]").get_text()
        feeds = [link["href"] for link in page.select('head link[rel="alternate"][type="application/atom+xml"]')]
        assert feeds == ["../../changes.xml", f"../../changes-{framework.id}.xml"], framework.id


# --- without a build ------------------------------------------------------------------------------


def test_documents_validate_for_the_small_data_set_too() -> None:
    site = Site(load_dataset(FIXTURES / "mini"), BUILD_DATE)
    url = Urls("", "https://matrix.example.org/").public()
    files = api_files(site, url, BUILD_DATE)
    schemas = {path: json.loads(content) for path, content in files.items() if path.startswith("schema/")}
    by_id = {schema["$id"]: schema for schema in schemas.values()}
    for path, content in files.items():
        if path.endswith(".json") and not path.startswith("schema/"):
            document: dict[str, Any] = json.loads(content)
            errors = list(Draft202012Validator(by_id[document["$schema"]], format_checker=FormatChecker())
                          .iter_errors(document))
            assert not errors, (path, errors[0].message)
    assert files == api_files(site, url, BUILD_DATE)  # deterministic


def test_data_version_follows_the_facts_not_the_formatting(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "mini", data)
    version = data_version(Site(load_dataset(data), BUILD_DATE))
    path = data / "frameworks/pytorch.yaml"
    path.write_text("# a comment changes nothing\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert data_version(Site(load_dataset(data), BUILD_DATE)) == version
    path.write_text(path.read_text(encoding="utf-8").replace("level: none", "level: partial", 1), encoding="utf-8")
    changed = data_version(Site(load_dataset(data), BUILD_DATE))
    assert changed != version and changed.split(".")[0] == version.split(".")[0]


def test_write_files_writes_only_changes_and_removes_what_is_no_longer_generated(tmp_path: Path) -> None:
    assert write_files(tmp_path, {"api/v1/a.json": b"1", "badges/x/y.svg": b"<svg/>"}) == [
        tmp_path / "api/v1/a.json", tmp_path / "badges/x/y.svg"]
    stamp = (tmp_path / "api/v1/a.json").stat().st_mtime_ns
    assert write_files(tmp_path, {"api/v1/a.json": b"1", "badges/x/y.svg": b"<svg/>"}) == []
    assert (tmp_path / "api/v1/a.json").stat().st_mtime_ns == stamp
    (tmp_path / "other.md").write_text("kept")
    assert write_files(tmp_path, {"api/v1/a.json": b"2"}) == [tmp_path / "api/v1/a.json", tmp_path / "badges/x/y.svg"]
    assert not (tmp_path / "badges/x").exists() and (tmp_path / "other.md").exists()
    assert not list(tmp_path.rglob("*.tmp"))


def test_read_config_resolves_env_tags_like_mkdocs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.setenv("REPO_URL", "https://git.example.org/o/r")
    docs, site_url, repo_url = read_config(ROOT / "mkdocs.yml")
    assert docs == ROOT / "docs" and site_url == "" and repo_url == "https://git.example.org/o/r"  # no made-up address


def test_generated_files_are_git_ignored() -> None:
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    for folder in GENERATED:  # no trailing "/": a link of the name is ignored too (tests/site/test_hostile_files.py)
        assert f"/docs/{folder}" in ignored, folder
    assert f"/docs/{GENERATED_FEEDS}" in ignored


def test_citation_file_describes_the_dataset(monkeypatch: pytest.MonkeyPatch) -> None:
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0" and citation["type"] == "dataset"
    assert citation["title"] == TITLE and citation["license"] == "CC-BY-4.0"
    assert citation["message"] and citation["authors"] and all("name" in a or "family-names" in a
                                                                 for a in citation["authors"])
    monkeypatch.delenv("REPO_URL", raising=False)
    assert citation["repository-code"] == read_config(ROOT / "mkdocs.yml")[2]  # the repository mkdocs.yml names


def test_make_serve_refreshes_the_served_site_not_docs(mini_data: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Under `make serve` a write into docs/ would start another rebuild: docs/ is only filled when empty, and
    on_post_build puts the files of the current data into the served site."""
    import main

    docs, served = tmp_path / "docs", tmp_path / "served"
    monkeypatch.setenv("DLM_SERVE", "1")
    monkeypatch.setenv("DLM_DATA_DIR", str(mini_data))
    monkeypatch.setattr(main, "ROOT", tmp_path)
    env = type("Env", (), {"conf": {"docs_dir": "docs", "site_dir": str(served), "site_url": "https://m.example.org/",
                                    "repo_url": ""}, "macro": lambda self, f, name: None, "variables": {}})()
    main.define_env(env)
    first = (docs / "api/v1/index.json").read_bytes()
    path = mini_data / "frameworks/pytorch.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("level: none", "level: partial", 1), encoding="utf-8")
    main.define_env(env)
    assert (docs / "api/v1/index.json").read_bytes() == first  # docs/ untouched: no rebuild loop
    main.on_post_build(env)
    fresh = json.loads((served / "api/v1/index.json").read_bytes())
    assert fresh["data_version"] != json.loads(first)["data_version"]
    assert (served / "changes-pytorch.xml").is_file() and (served / "badges/pytorch.svg").is_file()
