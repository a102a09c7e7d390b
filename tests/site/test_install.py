"""The install facts everywhere on the built site (#22): the data API's install.json (valid against its JSON Schema,
each answer the data's), the framework pages' own install tables, the links from the home page, the topics and
the questions, the pair pages' install lines and the matrix's size rows. Expected values come from the live data."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from dlmatrix.data.evidence import Known, project_evidence
from dlmatrix.data.load import load_dataset
from dlmatrix.data.vocabulary import PLATFORM_ACCELERATORS
from dlmatrix.site import install_view
from dlmatrix.site.views import Site
from tests.conftest import ROOT

pytestmark = pytest.mark.build

_DATA = load_dataset(ROOT / "data")
SITE = Site(_DATA, dt.date.today(), project_evidence(ROOT / "data", Known(
    {f.id: f.status for f in _DATA.frameworks}, {f.id for f in _DATA.features})))
FRAMEWORKS = install_view.in_use(SITE)
COMBINATIONS = sum(len(accels) for accels in PLATFORM_ACCELERATORS.values())


def html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_install_json_is_valid_and_says_what_the_data_says(real_site: Path) -> None:
    api = real_site / "api" / "v1"
    document = json.loads((api / "install.json").read_text(encoding="utf-8"))
    schema = json.loads((api / "schema" / "install.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    errors = list(Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(document))
    assert not errors, errors[:3]
    assert len(document["answers"]) == COMBINATIONS * len(FRAMEWORKS)
    for item in document["answers"]:
        framework = SITE.data.framework(item["framework"])
        answer = install_view.answer(framework, item["os"], item["arch"], item["accel"])
        assert (item["installs"], item["accelerated"]) == (answer.installs, answer.accelerated)
        assert item["command"] == (answer.entry.command if answer.entry else None)
        assert item["download_mib"] == answer.download_mib
        assert item["page"].endswith(f"install/?os={item['os']}&arch={item['arch']}&accel={item['accel']}")
    index = json.loads((api / "index.json").read_text(encoding="utf-8"))
    assert "install.json" in {f["path"] for f in index["files"]}
    # a broken document is caught by the schema: the test can fail
    broken = json.loads(json.dumps(document))
    broken["answers"][0]["installs"] = "maybe"
    assert list(Draft202012Validator(schema).iter_errors(broken))


def test_each_framework_page_has_its_own_install_table(real_site: Path) -> None:
    for framework in FRAMEWORKS:
        page = html(real_site, f"frameworks/{framework.id}")
        assert 'id="install"' in page
        rows = re.findall(r'<tr class="dlm-install-row" data-framework="' + framework.id + r'" data-os="(\w+)" data-arch="(\w+)" '
                          r'data-accel="(\w+)" data-installs="(\w+)" data-accelerated="(\w+)">', page)
        assert len(rows) == COMBINATIONS
        for os_id, arch, accel, installs, accelerated in rows:
            answer = install_view.answer(framework, os_id, arch, accel)
            assert (installs, accelerated) == (answer.installs, answer.accelerated)
        assert 'href="../../install/?os=windows&amp;arch=x86_64&amp;accel=cpu"' in page


def test_the_home_page_links_the_picker_on_its_first_screen(real_site: Path) -> None:
    page = html(real_site, "")
    first_screen = page[page.index("<h1"):page.index("<h2")]  # the content's first screen, after the nav
    assert re.search(r'<a [^>]*href="install/"[^>]*>[^<]+</a>', first_screen)


def test_hardware_and_platform_topics_and_their_questions_link_the_picker(real_site: Path) -> None:
    topics = [t for t in SITE.data.topics if t.install_picker]
    assert topics
    for topic in SITE.data.topics:
        linked = '<a href="../../install/">Pick your system in the install picker</a>' in html(real_site, f"topics/{topic.id}")
        assert linked == topic.install_picker, topic.id
    questions = html(real_site, "questions")
    asked = [q for q in SITE.data.questions if q.install is not None]
    assert asked
    for q in asked:
        assert f'href="../install/?os={q.install.os}&amp;arch={q.install.arch}&amp;accel={q.install.accel}"' \
            in questions, q.id


def test_pair_pages_carry_both_install_lines_hidden_until_the_url_names_a_machine(real_site: Path) -> None:
    pages = sorted((real_site / "compare").glob("*-vs-*/index.html"))
    assert pages
    page = pages[0].read_text(encoding="utf-8")
    a, b = pages[0].parent.name.split("-vs-")
    section = page[page.index("data-install-lines"):]
    assert re.search(r"<section[^>]*data-install-lines[^>]*hidden", page)
    for framework_id in (a, b):
        assert section.count(f'data-install-line data-framework="{framework_id}"') == COMBINATIONS


def test_the_matrix_size_rows_name_their_platform_and_pytorchs_cuda_libraries_at_a_glance(real_site: Path) -> None:
    page = html(real_site, "matrix")
    download = SITE.data.feature("download_size_mib")
    assert "Linux x86-64" in download.name and download.name in page
    shorts = [f.cells["download_size_mib"].short for f in SITE.data.frameworks
              if "download_size_mib" in f.cells and f.cells["download_size_mib"].short]
    assert shorts and all(short in page for short in shorts)
