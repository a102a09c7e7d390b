"""The real site, built with `mkdocs build --strict` from the live data, read back as HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from dlmatrix.data.load import load_dataset
from dlmatrix.data.vocabulary import LEVELS
from tests.conftest import ROOT, build_site

pytestmark = [pytest.mark.build, pytest.mark.live_data]


def soup_of(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def test_matrix_has_every_cell_with_value_source_and_date(real_site: Path) -> None:
    """The matrix page holds the frameworks in use, the retired ones' page the others: every cell once, with its
    level or value, its sources and the date it was checked."""
    dataset = load_dataset(ROOT / "data")
    found: dict[str, dict[str, Tag]] = {}
    for page, expected in (("matrix/index.html", [f for f in dataset.frameworks if f.status != "retired"]),
                           ("matrix-retired/index.html", [f for f in dataset.frameworks if f.status == "retired"])):
        soup = soup_of(real_site, page)
        tables = soup.select("table[data-matrix-table]")
        assert tables and all(t.has_attr("class") and t.has_attr("data-search-exclude") for t in tables)
        rows = {tr["data-feature"]: tr for tr in soup.select("table[data-matrix-table] tr[data-feature]")}
        assert list(rows) == [f.id for f in dataset.features]
        for feature in dataset.features:
            row = rows[feature.id]
            assert row["data-topic"] == dataset.topic_of(feature.id).id
            cells = {td["data-framework"]: td for td in row.select("td[data-framework]")}
            assert list(cells) == [fw.id for fw in expected], feature.id
            found.setdefault(feature.id, {}).update(cells)
    for feature in dataset.features:
        for framework in dataset.frameworks:
            td = found[feature.id][framework.id]
            assert td["data-level"] in (*LEVELS, "value"), (feature.id, framework.id)
            cell = framework.cells.get(feature.id)
            if cell is None:
                assert td["data-level"] == "unknown" and td.get("data-missing") == "true"
                continue
            # the sources are the links before the date it was checked (the last <time>)
            checked = td.select("time[datetime]")[-1]
            assert [a["href"] for a in checked.find_all_previous("a") if td in a.parents][::-1] == cell.sources
            assert td.select("time[datetime]")[-1]["datetime"] == cell.verified.isoformat()  # the checked date, last
            assert td.button is not None and td.button.get_text(strip=True), (feature.id, framework.id)


def test_home_page_glance_compares_tensorflow_and_pytorch(real_site: Path) -> None:
    soup = soup_of(real_site, "index.html")
    glance = soup.select_one("table[data-compare-table]")
    assert glance is not None
    assert [th["data-framework"] for th in glance.select("thead th[data-framework]")] == ["tensorflow", "pytorch"]
    assert len(glance.select("tbody tr")) >= 5
    assert soup.select_one('a[href="matrix/"]') is not None


def test_no_template_syntax_or_third_party_assets_leak(real_site: Path) -> None:
    for page in real_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        assert "{{" not in soup.get_text() and "{%" not in soup.get_text(), page
        assets = [tag.get("src") for tag in soup.find_all(["script", "img", "iframe"])]
        assets += [tag.get("href") for tag in soup.find_all("link") if "canonical" not in tag.get("rel", [])]
        third_party = [a for a in assets if a and re.match(r"^(https?:)?//", a)]
        assert not third_party, f"{page}: third-party assets {third_party}"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page


def test_broken_data_fails_the_build_with_positions_and_no_traceback(mini_data: Path, tmp_path: Path) -> None:
    path = mini_data / "frameworks/tensorflow.yaml"
    path.write_text(path.read_text().replace("level: full", "level: yess", 1))
    result = build_site(tmp_path / "site", data_dir=mini_data)
    assert result.returncode != 0
    assert re.search(r"frameworks/tensorflow\.yaml:\d+:\d+: cells\.\w+\.level: 'yess' is not one of", result.stderr)
    assert "Traceback" not in result.stderr


def test_a_machine_kept_cell_says_who_keeps_it_and_its_fix_link_opens_an_issue(real_site: Path) -> None:
    """A hand edit of a `derived:` cell is refused by the validator, so its link opens the issue form instead."""
    dataset = load_dataset(ROOT / "data")
    kept = {(fw.id, feature_id): cell.derived for fw in dataset.frameworks for feature_id, cell in fw.cells.items()
            if cell.derived and fw.status != "retired"}
    assert kept, "the live data has machine-kept cells (make sync, make evidence)"
    soup = soup_of(real_site, "matrix/index.html")
    checked = 0
    for tr in soup.select("table[data-matrix-table] tr[data-feature]"):
        for td in tr.select("td[data-framework]"):
            key = (td["data-framework"], tr["data-feature"])
            links = [a for a in td.select("[popover] a") if a.get_text() in ("Suggest a fix", "Report a wrong value")]
            assert len(links) == 1, key
            href = links[0]["href"]
            if key in kept:
                assert td.get("data-kept-by") == kept[key], key
                assert "/issues/new?template=machine-kept-value.yml" in href and f"framework={key[0]}" in href, (key, href)
                assert f"{'make sync' if kept[key] == 'registry' else 'make evidence'}" in td.get_text(), key
                checked += 1
            else:
                assert "data-kept-by" not in td.attrs and f"/data/frameworks/{key[0]}.yaml" in href, (key, href)
    assert checked == len(kept)
    assert (ROOT / ".github/ISSUE_TEMPLATE/machine-kept-value.yml").is_file()
