"""The What changed page and the Atom feeds, built from a small git repository with a known history
(tests/fixtures/history_repo.py: three commits that change cells, one pure move that changes nothing)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from dlmatrix.data.load import load_dataset
from dlmatrix.site.stubs import orphan_stubs, write_stubs
from tests.conftest import VENV_BIN, copy_project, run
from tests.fixtures.history_repo import DATES, SUBJECTS, git, make_history_repo

pytestmark = pytest.mark.build

SITE = "https://matrix.example.org/"
REPO = "https://git.example.org/matrix/data"
ATOM = "{http://www.w3.org/2005/Atom}"
CHANGED = ("release", "retire", "cells")  # newest first; "move" renames files and changes nothing


def build(data_dir: Path, where: Path) -> Path:
    """Build the site of a small data set: the project copied, its stub pages made for that data."""
    project = copy_project(where / "project")
    dataset = load_dataset(data_dir)
    for orphan in orphan_stubs(dataset, project / "docs"):
        orphan.unlink()
    write_stubs(dataset, project / "docs")
    site = where / "site"
    result = run([str(VENV_BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site)], cwd=project,
                 env={"SOURCE_DATE_EPOCH": "1767225600", "SITE_URL": SITE, "REPO_URL": REPO,
                      "DLM_DATA_DIR": str(data_dir)})
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="module")
def history_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("history-site")
    shas = make_history_repo(root / "repo")
    return build(root / "repo" / "data", root), shas


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def stamp(name: str) -> dt.datetime:
    return dt.datetime.strptime(DATES[name], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)


def test_changes_page_lists_each_change_newest_first_with_date_and_commit(history_site: tuple[Path, dict[str, str]]) -> None:
    site, shas = history_site
    page = soup(site, "about/changes/index.html")
    assert page.select_one("[data-history]")["data-history"] == "complete"
    sections = page.select("section[data-commit]")
    assert [s["data-commit"] for s in sections] == [shas[name] for name in CHANGED]
    for section, name in zip(sections, CHANGED, strict=True):
        assert section.select_one("[data-subject]").get_text(strip=True) == SUBJECTS[name]
        assert section.select_one("h2 time")["datetime"] == DATES[name]
        assert [a["href"] for a in section.select(".dlm-meta a")] == [f"{REPO}/commit/{shas[name]}"]
    rows = {name: [(tr["data-kind"], tr.get("data-framework"), tr.get("data-feature"),
                    tr.select_one("[data-before]").get_text(strip=True), tr.select_one("[data-after]").get_text(strip=True))
                   for tr in section.select("tbody tr")] for section, name in zip(sections, CHANGED, strict=True)}
    assert [s.h2.get_text(strip=True) for s in sections] == [
        "2026-05-20: PyTorch", "2026-04-15: OldNet and TensorFlow", "2026-02-10: PyTorch and TensorFlow"]
    assert rows["release"] == [("cell-changed", "pytorch", "latest_release", "2.15.0", "2.16.0")]
    assert rows["retire"] == [("status-changed", "oldnet", None, "Maintenance", "Retired"),
                              ("cell-added", "tensorflow", "latest_release", "—", "2.21.0")]
    assert rows["cells"] == [("cell-changed", "pytorch", "mobile_runtime", "Yes", "Partial"),
                             ("cell-changed", "tensorflow", "github_stars", "190000", "195000")]
    assert "3 commits changed the data since it started on 2026-01-05" in " ".join(page.get_text(" ").split())
    assert page.select_one('a[href="../../changes.xml"]') is not None


def parse(site: Path, path: str) -> feedparser.FeedParserDict:
    raw = (site / path).read_bytes()
    root = ET.fromstring(raw)  # well-formed XML, in the Atom namespace, with the required elements
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{required}") is not None, required
    for entry in root.findall(f"{ATOM}entry"):
        for required in ("id", "title", "updated", "content"):
            assert entry.find(f"{ATOM}{required}") is not None, required
    parsed = feedparser.parse(raw)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def test_site_feed_is_valid_atom_with_one_entry_per_change_and_stable_ids(history_site: tuple[Path, dict[str, str]]) -> None:
    site, shas = history_site
    feed = parse(site, "changes.xml")
    page = soup(site, "about/changes/index.html")
    rows_of_page = {name: page.select(f'section[data-commit="{shas[name]}"] tbody tr') for name in CHANGED}
    assert feed.feed.id == "tag:matrix.example.org,2026:feeds/changes"
    assert feed.feed.updated_parsed[:6] == stamp("release").timetuple()[:6]
    assert {link.rel: link.href for link in feed.feed.links} == {"self": f"{SITE}changes.xml",
                                                                 "alternate": f"{SITE}about/changes/"}
    assert [e.id for e in feed.entries] == [f"tag:matrix.example.org,2026:changes/{shas[n]}" for n in CHANGED]
    for entry, name in zip(feed.entries, CHANGED, strict=True):
        assert entry.title.endswith(SUBJECTS[name])
        assert entry.updated_parsed[:6] == stamp(name).timetuple()[:6]
        links = {link.rel: link.href for link in entry.links}
        assert links == {"alternate": f"{SITE}about/changes/#commit-{shas[name][:7]}",
                         "related": f"{REPO}/commit/{shas[name]}"}
        html = BeautifulSoup(entry.content[0].value, "html.parser")  # as sanitized by feedparser
        assert len(html.select("tbody tr")) == len(rows_of_page[name]), name
        assert all(a["href"].startswith(("https://", "http://")) for a in html.select("a"))  # no relative link


def test_framework_feed_has_only_its_own_changes(history_site: tuple[Path, dict[str, str]]) -> None:
    site, shas = history_site
    pytorch = parse(site, "changes-pytorch.xml")
    assert pytorch.feed.id == "tag:matrix.example.org,2026:feeds/frameworks/pytorch"
    assert {link.rel: link.href for link in pytorch.feed.links}["alternate"] == f"{SITE}frameworks/pytorch/"
    assert [e.id for e in pytorch.entries] == [f"tag:matrix.example.org,2026:changes/{shas[n]}/pytorch"
                                               for n in ("release", "cells")]
    cells = BeautifulSoup(pytorch.entries[1].content[0].value, "html.parser")
    assert [tr.td.get_text(strip=True) for tr in cells.select("tbody tr")] == ["PyTorch"]  # not TensorFlow's row
    oldnet = parse(site, "changes-oldnet.xml")
    assert [e.id.rsplit(":", 1)[1] for e in oldnet.entries] == [f"changes/{shas['retire']}/oldnet"]
    page = soup(site, "frameworks/pytorch/index.html")
    feeds = [link["href"] for link in page.select('head link[rel="alternate"][type="application/atom+xml"]')]
    assert feeds == ["../../changes.xml", "../../changes-pytorch.xml"]


def test_every_topic_has_a_feed_linked_from_its_page(history_site: tuple[Path, dict[str, str]]) -> None:
    site, _ = history_site
    topics = sorted(p.name for p in (site / "topics").iterdir() if (p / "index.html").is_file())
    assert topics
    for topic in topics:
        topic_feed = parse(site, f"changes-topic-{topic}.xml")
        assert topic_feed.feed.id == f"tag:matrix.example.org,2026:feeds/topics/{topic}"
        assert {link.rel: link.href for link in topic_feed.feed.links}["alternate"] == f"{SITE}topics/{topic}/"
        page = soup(site, f"topics/{topic}/index.html")
        feeds = [link["href"] for link in page.select('head link[rel="alternate"][type="application/atom+xml"]')]
        assert feeds == ["../../changes.xml", f"../../changes-topic-{topic}.xml"]
        assert page.select_one(f'article a[href="../../changes-topic-{topic}.xml"]')


def test_a_rebuild_gives_the_same_feeds(history_site: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    site, _ = history_site
    repo = site.parent / "repo"
    again = build(repo / "data", tmp_path)
    for path in ["changes.xml", *(f"changes-{n}.xml" for n in ("pytorch", "tensorflow", "oldnet"))]:
        assert (again / path).read_bytes() == (site / path).read_bytes(), path


def test_a_shallow_clone_says_so_and_still_builds(history_site: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    site, _ = history_site
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{site.parent / 'repo'}", str(clone))
    built = build(clone / "data", tmp_path)
    page = soup(built, "about/changes/index.html")
    assert page.select_one("[data-history]")["data-history"] == "shallow"
    assert page.select_one("[data-history-shallow]") is not None
    assert page.select("section[data-commit]") == []
    assert parse(built, "changes.xml").entries == []


def test_without_history_the_page_says_so_and_the_feeds_are_empty(mini_data: Path, tmp_path: Path) -> None:
    built = build(mini_data, tmp_path)
    page = soup(built, "about/changes/index.html")
    assert page.select_one("[data-history-unavailable]") is not None
    feed = parse(built, "changes.xml")
    assert feed.entries == [] and feed.feed.updated_parsed[:3] == (2026, 1, 1)  # the build date
