"""CITATION.cff names the data's version and the day it was released (a BibTeX made from it has a year)."""

from __future__ import annotations

import datetime as dt
import re

import yaml

from dlmatrix.site.api import data_date
from dlmatrix.site.views import site_for
from tests.conftest import ROOT


def test_citation_names_a_data_version_and_its_release_date() -> None:
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    released = citation["date-released"]
    assert isinstance(released, dt.date)  # YAML reads an unquoted YYYY-MM-DD as a date: BibTeX gets its year
    version = re.fullmatch(r"(\d{4}-\d{2}-\d{2})\.[0-9a-f]{8}", str(citation["version"]))
    assert version, "version: the data version of api/v1/index.json (date.hash)"
    assert version.group(1) == released.isoformat()  # a version is released on the day of its newest fact or later
    assert released <= data_date(site_for(ROOT / "data", dt.date.today()))  # never ahead of the data
    assert citation["type"] == "dataset" and citation["license"] == "CC-BY-4.0"
