"""main.py, the macros bridge: in a build an error stops it; under `make serve` it shows in the page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import main
from dlmatrix.site.pages import MACROS


class FakeEnv:
    """What mkdocs-macros and Zensical give define_env: macro registration, variables, the current page."""

    def __init__(self) -> None:
        self.macros: dict[str, Callable[..., str]] = {}
        self.variables: dict[str, Any] = {}
        self.page = type("Page", (), {"url": "frameworks/x/", "file": type("File", (), {"src_uri": "x.md"})()})()

    def macro(self, function: Callable[..., str], name: str) -> None:
        self.macros[name] = function


def env_for(data: Path, monkeypatch: pytest.MonkeyPatch, *, serving: bool) -> FakeEnv:
    monkeypatch.setenv("DLM_DATA_DIR", str(data))
    if serving:
        monkeypatch.setenv("DLM_SERVE", "1")
    else:
        monkeypatch.delenv("DLM_SERVE", raising=False)
    env = FakeEnv()
    main.define_env(env)
    return env


def test_every_page_macro_is_registered_with_counts_from_the_data(mini_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env = env_for(mini_data, monkeypatch, serving=False)
    assert set(env.macros) == set(MACROS)
    assert env.variables["dataset_counts"]["frameworks"] == len(list((mini_data / "frameworks").glob("*.yaml")))
    assert 'href="../../frameworks/pytorch/"' in env.macros["matrix"]()  # links relative to the page


def test_a_macro_error_stops_a_build_but_shows_in_the_page_when_serving(mini_data: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match="unknown framework id"):
        env_for(mini_data, monkeypatch, serving=False).macros["framework_page"]("nope")
    html = env_for(mini_data, monkeypatch, serving=True).macros["framework_page"]("nope")
    assert "data-build-error" in html and "unknown framework id" in html


def test_a_data_error_stops_a_build_but_shows_in_every_page_when_serving(
        mini_data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    path = mini_data / "frameworks/pytorch.yaml"
    path.write_text(path.read_text().replace("status: active", "status: alive"))
    with pytest.raises(SystemExit):
        env_for(mini_data, monkeypatch, serving=False)
    assert "frameworks/pytorch.yaml:4:9: status: 'alive'" in capsys.readouterr().err.replace(str(mini_data) + "/", "")
    env = env_for(mini_data, monkeypatch, serving=True)
    for name in ("matrix", "claims"):
        html = env.macros[name]()
        assert "data-build-error" in html and "status: &#39;alive&#39;" in html


def test_under_zensical_links_are_relative_to_the_source_file_and_unmarked_before_the_extension(
        mini_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Zensical reads a page's href and src relative to its source file and rewrites them for its URL (claims.md
    -> claims/: "matrix/" becomes "../matrix/"); addresses it leaves as written stay relative to the URL."""
    monkeypatch.setenv("DLM_DATA_DIR", str(mini_data))
    monkeypatch.delenv("DLM_SERVE", raising=False)
    zensical_env = type("MacroEnv", (FakeEnv,), {"__module__": "zensical.extensions.macros"})
    env = zensical_env()
    env.page = type("Page", (), {"url": "matrix/", "path": "matrix.md"})()
    main.define_env(env)
    html = env.macros["matrix"]()
    assert 'href="frameworks/pytorch/"' in html  # Zensical makes it ../frameworks/pytorch/
    assert 'data-more="../matrix-retired/"' in html  # left as written: relative to the page's URL
    assert "dlm:html" not in html  # this page's Markdown was made before the bridge added the extension
    assert main.link_base(FakeEnv()) == "../../"  # MkDocs: from the page's URL (frameworks/x/)
