"""How the data's history is shown (dlmatrix/site/history.py) and published as Atom (dlmatrix/site/publish.py),
without a build: headings, names, limits, tag: ids, and hostile text kept as text."""

from __future__ import annotations

import datetime as dt
import os
import xml.etree.ElementTree as ET

import feedparser
from bs4 import BeautifulSoup

from dlmatrix.data.changes import Change, Commit, Fact, History
from dlmatrix.data.load import load_dataset
from dlmatrix.site.history import ROWS_PER_COMMIT, feed, history_view, tag_authority
from dlmatrix.site.publish import render_feed
from dlmatrix.site.urls import Urls
from dlmatrix.site.views import Site
from tests.conftest import FIXTURES

URL = Urls("", "https://matrix.example.org/").public()
WHEN = dt.datetime(2026, 3, 4, 5, 6, 7, tzinfo=dt.UTC)
PAYLOAD = "</title><script>alert(1)</script> ]]> & {{ 7*7 }}"


def site() -> Site:
    return Site(load_dataset(FIXTURES / "mini"), dt.date(2026, 11, 26))


def cell(framework: str, feature: str, before: str | None, after: str | None) -> Change:
    return Change("cell-changed", framework, framework, feature, feature, Fact(None, before), Fact(None, after))


def test_headings_name_the_frameworks_touched_and_long_commits_are_cut() -> None:
    many = tuple(cell("pytorch", "steward", str(i), str(i + 1)) for i in range(ROWS_PER_COMMIT + 5))
    history = History("complete", (
        Commit("a" * 40, WHEN, "Big", many),
        Commit("b" * 40, WHEN, "Two", (cell("tensorflow", "steward", "x", "y"), cell("pytorch", "steward", "x", "y"))),
        Commit("c" * 40, WHEN, "Features", (Change("feature-added", feature="f", feature_name="F"),)),
        Commit("d" * 40, WHEN, "Gone", (Change("framework-removed", "gone", "Gone Framework"),)),
    ))
    view = history_view(site(), history, "https://git.example.org/o/r")
    assert [c.about for c in view.commits] == ["PyTorch", "TensorFlow and PyTorch", "Features", "Gone Framework"]
    big = view.commits[0]
    assert len(big.changes) == ROWS_PER_COMMIT and big.more == 5
    assert big.url == "https://git.example.org/o/r/commit/" + "a" * 40
    gone = view.commits[3].changes[0]
    assert not gone.framework_exists and gone.framework_name == "Gone Framework"  # a name from the commit
    assert history_view(site(), history, "").commits[0].url is None  # no repository: no commit link


def test_levels_and_statuses_are_shown_in_words() -> None:
    history = History("complete", (Commit("e" * 40, WHEN, "s", (
        Change("cell-changed", "pytorch", "PyTorch", "mobile_runtime", "Mobile runtime", Fact("full", None),
               Fact("unknown", None)),
        Change("status-changed", "oldnet", "OldNet", before=Fact(None, "active"), after=Fact(None, "retired")),
    )),))
    first, second = history_view(site(), history, "").commits[0].changes
    assert (first.kind_word, first.before.level, first.after.text) == ("Level changed", "full", "Unknown")
    assert (second.before.text, second.after.text) == ("Active", "Retired")


def test_tag_ids_use_the_site_host_or_localhost() -> None:
    assert tag_authority("https://matrix.example.org/sub/") == "matrix.example.org"
    assert tag_authority("http://127.0.0.1:8000/") == "localhost"
    assert tag_authority("") == "localhost"


def test_hostile_commit_subjects_and_values_stay_text_in_the_feed() -> None:
    history = History("complete", (Commit("f" * 40, WHEN, PAYLOAD, (cell("pytorch", "steward", PAYLOAD, "ok"),)),))
    xml = render_feed(feed(site(), history, URL, "https://git.example.org/o/r"), URL)
    root = ET.fromstring(xml)  # still well-formed
    entry = root.find("{http://www.w3.org/2005/Atom}entry")
    assert entry is not None
    assert PAYLOAD in (entry.findtext("{http://www.w3.org/2005/Atom}title") or "")
    content = BeautifulSoup(entry.findtext("{http://www.w3.org/2005/Atom}content") or "", "html.parser")
    assert content.find("script") is None and PAYLOAD in content.get_text()
    parsed = feedparser.parse(xml)
    assert not parsed.bozo and parsed.entries[0].updated_parsed[:6] == WHEN.timetuple()[:6]


def test_a_feed_without_history_is_valid_and_dated_by_the_build() -> None:
    xml = render_feed(feed(site(), History("unavailable", reason="not a git repository"), URL, ""), URL)
    parsed = feedparser.parse(xml)
    assert not parsed.bozo and parsed.entries == []
    assert parsed.feed.updated_parsed[:3] == (2026, 11, 26) and "not a git repository" in parsed.feed.subtitle


def test_the_page_stops_listing_once_enough_changes_are_listed() -> None:
    commits = tuple(Commit(f"{i:040x}", WHEN, f"c{i}", tuple(cell("pytorch", "steward", str(j), str(j + 1))
                                                              for j in range(10))) for i in range(30))
    view = history_view(site(), History("complete", commits), "", rows=25)
    assert [c.subject for c in view.commits] == ["c0", "c1", "c2"] and view.total == 30


GOLDEN = FIXTURES / "golden" / "changes.xml"


def golden_feed() -> bytes:
    """The site's Atom feed for a small fixed history of the mini data set (a changed cell, a new feature, a
    framework gone), as the publisher writes it."""
    history = History("complete", (  # newest first, as the change reader gives them
        Commit("d" * 40, WHEN + dt.timedelta(days=2), "Retire", (Change("framework-removed", "gone", "Gone Framework"),)),
        Commit("c" * 40, WHEN + dt.timedelta(days=1), "New feature", (Change("feature-added", feature="f", feature_name="F"),)),
        Commit("a" * 40, WHEN, "PyTorch: steward checked again", (cell("pytorch", "steward", "Meta", "PyTorch Foundation"),)),
    ))
    return render_feed(feed(site(), history, URL, "https://git.example.org/o/r"), URL)


def test_the_feed_matches_its_golden_file_byte_for_byte() -> None:
    """A declared contract (datasette-atom's habit): any change to the feed's XML shows up here as a diff. After an
    intended change, rewrite the golden file: DLM_UPDATE_GOLDEN=1 python -m pytest tests/site/test_history.py."""
    produced = golden_feed()
    if os.environ.get("DLM_UPDATE_GOLDEN") == "1":
        GOLDEN.write_bytes(produced)
    assert produced == GOLDEN.read_bytes()
    parsed = feedparser.parse(produced)
    assert not parsed.bozo and len(parsed.entries) == 3


def test_a_topic_feed_has_only_its_features_changes_in_every_framework() -> None:
    from dlmatrix.site.history import topic_feed

    data = load_dataset(FIXTURES / "mini")
    topic, other = data.topics[0], data.topics[1]
    mine, theirs = topic.features[0].id, other.features[0].id
    history = History("complete", (
        Commit("a" * 40, WHEN, "both", (cell("pytorch", mine, "1", "2"), cell("tensorflow", theirs, "1", "2"))),
        Commit("b" * 40, WHEN, "other only", (cell("pytorch", theirs, "2", "3"),)),
        Commit("c" * 40, WHEN, "mine in two", (cell("pytorch", mine, "2", "3"), cell("tensorflow", mine, "1", "2")))))
    the_feed = topic_feed(site(), history, URL, "", topic.id)
    assert [commit.subject for _, _, commit in the_feed.entries] == ["both", "mine in two"]
    assert [len(commit.changes) for _, _, commit in the_feed.entries] == [1, 2]
    assert the_feed.self_url == f"https://matrix.example.org/changes-topic-{topic.id}.xml"
    assert the_feed.page_url == URL.topic(topic.id)
    parsed = feedparser.parse(render_feed(the_feed, URL))
    assert not parsed.bozo and len(parsed.entries) == 2
    assert len({entry.id for entry in parsed.entries}) == 2 and all(topic.id in entry.id for entry in parsed.entries)
