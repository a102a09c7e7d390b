"""publish: the generated files are written once per Site, and again when the shipped assets change (make serve:
an edited stylesheet reaches the served site though the data, and so the Site, did not change)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import dlmatrix.site.publish as publish_module
from dlmatrix.data.load import load_dataset
from dlmatrix.site.assets import STYLESHEET
from dlmatrix.site.views import Site


def test_an_edited_asset_is_published_again(mini_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = Site(load_dataset(mini_data), dt.date(2026, 11, 25))
    publish_module.publish(site, tmp_path, "http://127.0.0.1:8000/", "")
    shipped = (tmp_path / STYLESHEET).read_bytes()
    assert shipped and (tmp_path / "api" / "v1" / "index.json").is_file()

    edited = {**publish_module.asset_files(), STYLESHEET: shipped + b".dlm-new{color:red}\n"}
    monkeypatch.setattr(publish_module, "asset_files", lambda: edited)
    monkeypatch.setattr(publish_module, "asset_stamp", lambda: (("pages.css", 1, 1),))  # the source was edited
    publish_module.publish(site, tmp_path, "http://127.0.0.1:8000/", "")
    assert (tmp_path / STYLESHEET).read_bytes().endswith(b".dlm-new{color:red}\n")
