"""The facts behind the decision pages, on the small hand-written data set: pairs and their differences,
who wins what, verdict summaries and explanations, lifecycles and timeline geometry, pair stubs."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from pathlib import Path

import pytest

from dlmatrix.data.load import load_dataset
from dlmatrix.data.model import UseCase
from dlmatrix.site.pairs import pair_view
from dlmatrix.site.render import render
from dlmatrix.site.stubs import expected_stubs, pair_stub_path, pair_stub_text, update_stubs
from dlmatrix.site.timeline import lifecycle, position
from dlmatrix.site.urls import Urls
from dlmatrix.site.views import Site, first_sentence

TODAY = dt.date(2026, 11, 26)

RELEASES = """releases:
  versions:
    - {version: '1.0.0', date: 2018-12-07}
    - {version: '1.1.0', date: '2019-04'}
    - {version: '2.0.0', date: 2023-03-15}
    - {version: '2.1.0', date: 2026-03-01}
  note: First release of each line.
  sources: [https://pypi.org/project/torch/#history]
  verified: 2026-11-01
cells:"""


@pytest.fixture
def site(mini_data: Path) -> Site:
    path = mini_data / "frameworks" / "pytorch.yaml"
    path.write_text(path.read_text().replace("verified: 2026-11-01\ncells:", "verified: 2026-11-01\n" + RELEASES, 1))
    return Site(load_dataset(mini_data), TODAY)


def use_case(**changes: object) -> UseCase:
    data: dict[str, object] = {
        "id": "mobile", "name": "Mobile", "order": 1, "must_have": ["mobile_runtime"],
        "weights": {"topics": {"deployment": 1}, "features": {"mobile_runtime": 3}},
        "verdict": {"picks": ["pytorch"], "runners_up": ["oldnet"], "reasoning": "Because. And more.",
                    "sources": ["https://pytorch.org"], "verified": dt.date(2026, 11, 1)},
    }
    return UseCase.model_validate(data | changes)


def test_pairs_are_every_two_frameworks_not_retired_in_alphabetical_order(site: Site) -> None:
    assert [(a.id, b.id) for a, b in site.pairs()] == [("pytorch", "tensorflow")]
    assert [f.id for f in site.in_use] == [f.id for f in site.data.frameworks if f.status != "retired"]


def test_a_pair_lists_exactly_the_differing_rows_and_who_is_ahead(site: Site) -> None:
    view = pair_view(site, "tensorflow", "pytorch")  # any order in, alphabetical out
    assert (view.a.id, view.b.id) == ("pytorch", "tensorflow")
    differing = [row.feature.id for group in view.differences for row in group.rows]
    expected = [f.id for f in site.data.features
                if site.cell(view.a, f).compare_key != site.cell(view.b, f).compare_key]
    assert differing == expected and view.differing == len(expected)
    topics = {t.topic.id: t for t in view.topics}
    # browser: pytorch none, tensorflow partial -> tensorflow ahead; stars: a number on one side only
    assert [f.id for f in topics["deployment"].b_ahead] == ["browser_runtime"]
    assert "github_stars" in [f.id for f in topics["deployment"].other]
    assert view.ahead("b") == 1 and view.ahead("a") == 0
    assert view.same + view.differing == len(site.data.features)
    with pytest.raises(ValueError):
        pair_view(site, "pytorch", "pytorch")


def test_use_case_winner_is_the_editors_where_they_rank_the_two_apart(site: Site) -> None:
    object.__setattr__(site.data, "use_cases", (use_case(),))
    site.memo.clear()
    view = pair_view(site, "pytorch", "tensorflow")
    (only,) = view.use_cases
    assert only.winner == "a" and only.basis == "editors" and only.a_standing == "pick"
    object.__setattr__(site.data, "use_cases", (use_case(verdict=None),))
    site.memo.clear()
    (scored,) = pair_view(site, "pytorch", "tensorflow").use_cases
    assert scored.basis == "score" and scored.winner == "b"  # tensorflow scores higher (browser partial)


def test_verdict_summary_falls_back_to_the_first_sentence_and_explains_disagreement(site: Site) -> None:
    assert first_sentence("PyTorch wins. JAX is close.") == "PyTorch wins."
    assert first_sentence("Use `torch.compile`. Then measure.") == "Use `torch.compile`."
    verdict = site.use_case_verdict(use_case())
    assert verdict is not None and verdict.summary == "Because."
    # tensorflow computes first, pytorch is picked; after the pick the score has tensorflow, not oldnet
    assert verdict.disagreement is not None and [s.framework.id for s in verdict.computed_runners_up] == ["tensorflow"]
    assert verdict.explains and site.scores.needs_explanation(use_case())
    agreeing = use_case(verdict={"picks": ["tensorflow"], "runners_up": ["pytorch"], "summary": "TensorFlow, here.",
                                 "reasoning": "R.", "sources": ["https://www.tensorflow.org"],
                                 "verified": dt.date(2026, 11, 1)})
    assert not site.scores.needs_explanation(agreeing) and site.use_case_verdict(agreeing).summary == "TensorFlow, here."
    ranking = site.ranking_view(use_case())
    assert all(s.framework.status != "retired" and s.ranked for s in ranking.current)
    assert all(s.framework.status == "retired" and s.ranked for s in ranking.retired)
    assert {s.framework.id for s in ranking.current + ranking.retired + ranking.unranked} == {f.id for f in site.data.frameworks}
    assert all(not s.ranked for s in ranking.unranked)


def test_lifecycle_and_timeline(site: Site) -> None:
    life = lifecycle(site, site.data.framework("pytorch"))
    assert life.first_release == "2016" and life.latest_release == "2.15.0"
    assert life.releases_last_year == 1  # 2.1.0 in March 2026
    timeline = life.timeline
    assert timeline is not None and timeline.ended_x is None
    versions = [m.version for m in timeline.marks]
    # the first-release row is older than the list, so it opens the line (the fixture has no latest-release
    # date row, so 2.15.0 is not added after the list)
    assert versions == ["first release", "1.0.0", "1.1.0", "2.0.0", "2.1.0"]
    assert timeline.marks[0].outside_record and timeline.marks[-1].latest and not timeline.marks[-1].outside_record
    xs = [m.x for m in timeline.marks]
    assert xs == sorted(xs) and all(0 < x < timeline.width for x in xs)
    assert all(round(x, 1) == x for x in xs)
    labelled = sorted(m.x for m in timeline.marks if m.label_y == timeline.marks[-1].label_y)
    assert all(b - a >= 40 for a, b in pairwise(labelled))
    assert position("2019") == 2019.5 and position("2019-04") == pytest.approx(2019 + 3.5 / 12)
    svg = render("timeline.svg", t=timeline)
    assert svg == render("timeline.svg", t=lifecycle(Site(site.data, TODAY), site.data.framework("pytorch")).timeline)
    assert "<title id=\"timeline-title\">PyTorch: release timeline" in svg and "<script" not in svg


def test_a_retired_framework_shows_its_end(site: Site, mini_data: Path) -> None:
    path = mini_data / "frameworks" / "oldnet.yaml"
    path.write_text(path.read_text().replace("cells:", """releases:
  versions:
    - {version: '1.0', date: 2016-01-10}
    - {version: '2.0', date: 2021-05-01}
  sources: [https://oldnet.invalid/releases]
  verified: 2026-11-01
cells:""", 1))
    old = Site(load_dataset(mini_data), TODAY)
    life = lifecycle(old, old.data.framework("oldnet"))
    assert life.timeline is not None and life.timeline.ended_x is not None
    assert life.releases_last_year is None  # not counted for a retired framework
    # releases after the end of development (maintenance patches) keep the line going past the end mark
    assert life.timeline.ended_x < life.timeline.end_x
    assert "Successor: PyTorch" in life.timeline.description


def test_pair_stubs_follow_the_data(site: Site, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    stubs = expected_stubs(site.data, docs)
    assert stubs[pair_stub_path(docs, "tensorflow", "pytorch")] == pair_stub_text("pytorch", "tensorflow")
    assert pair_stub_text("b", "a") == '{{ pair_page("a", "b") }}\n'
    orphan = pair_stub_path(docs, "oldnet", "pytorch")
    orphan.parent.mkdir(parents=True)
    orphan.write_text("old")
    written, removed = update_stubs(site.data, docs)
    assert removed == [orphan] and not orphan.exists() and set(written) == set(stubs)
    assert Urls("../../").compare("tensorflow", "pytorch") == "../../compare/pytorch-vs-tensorflow/"


def test_pair_pages_are_for_the_frameworks_in_framework_order_not_retired(site: Site) -> None:
    """Pair pages grow with the square of the frameworks: the editors' framework_order bounds them."""
    from dlmatrix.data.model import SiteSettings

    frameworks = {f.id: f for f in site.data.frameworks}
    every = SiteSettings()
    assert every.has_pair_pages(frameworks["pytorch"]) and not every.has_pair_pages(frameworks["oldnet"])
    only = SiteSettings(framework_order=["pytorch", "oldnet"])
    assert only.has_pair_pages(frameworks["pytorch"]) and not only.has_pair_pages(frameworks["tensorflow"])
    assert not only.has_pair_pages(frameworks["oldnet"])
