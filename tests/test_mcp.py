"""The MCP server (dlmatrix/mcp): its three tools answer through the SDK's own client, in-process, over the data
API's documents (as the data package holds them); every answer has its level or value, sources and date."""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp import Client

from dlmatrix.data.changes import History
from dlmatrix.data.load import load_dataset
from dlmatrix.data.vocabulary import LEVELS
from dlmatrix.mcp.server import ApiData, build_server
from dlmatrix.site.api import data_version
from dlmatrix.site.api_items import api_v1_files
from dlmatrix.site.urls import Urls
from dlmatrix.site.views import Site


@pytest.fixture
def site(mini_data: Path) -> Site:
    return Site(load_dataset(mini_data), dt.date(2026, 12, 1))


def in_own_thread(run: Any) -> None:
    """anyio.run in a thread of its own: a browser test on the same worker leaves Playwright's event loop running in
    the main thread, where a second loop cannot start."""
    failure: list[BaseException] = []

    def target() -> None:
        try:
            anyio.run(run)
        except BaseException as exc:  # re-raised in the test's thread
            failure.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


def call(site: Site, calls: list[tuple[str, dict[str, Any]]]) -> list[Any]:
    """Each tool call's result through the SDK's client, connected in-process to the server."""
    files = api_v1_files(site, Urls("", "https://example.org/").public(), site.today, History("unavailable"), "")
    server = build_server(ApiData.from_reader(lambda path: files[path].decode("utf-8")))
    results: list[Any] = []

    async def run() -> None:
        async with Client(server) as client:
            names = {tool.name for tool in (await client.list_tools()).tools}
            assert names == {"cell", "compare", "which"}
            for name, arguments in calls:
                result = await client.call_tool(name, arguments)
                results.append(("error", result.content[0].text) if result.is_error
                               else json.loads(result.content[0].text))

    in_own_thread(run)
    return results


def test_the_three_tools_answer_with_sources_and_dates(site: Site) -> None:
    pytorch, tensorflow = site.data.framework("pytorch"), site.data.framework("tensorflow")
    feature = next(f.id for f in site.data.features if f.kind == "support" and f.id in pytorch.cells)
    one, table, chosen = call(site, [
        ("cell", {"framework": "pytorch", "feature": feature}),
        ("compare", {"frameworks": ["pytorch", "tensorflow"], "features": [feature]}),
        ("which", {"must_haves": [feature], "first_party": False}),
    ])
    cell = pytorch.cells[feature]
    assert one["data_version"] == data_version(site)
    assert one["answer"]["level"] == cell.level and one["answer"]["sources"] == list(cell.sources)
    assert one["answer"]["verified"] == cell.verified.isoformat()
    assert [a["framework"] for a in table["rows"][0]["answers"]] == ["pytorch", "tensorflow"]
    assert table["rows"][0]["answers"][1]["level"] == (tensorflow.cells[feature].level if feature in tensorflow.cells
                                                        else "unknown")
    expected = [fw.id for fw in site.data.frameworks
                if feature in fw.cells and LEVELS[fw.cells[feature].level or "unknown"].meets is True]
    assert [m["framework"] for m in chosen["meeting"]] == expected
    assert all(a["sources"] and a["verified"] for m in chosen["meeting"] for a in m["answers"])


def test_unknown_ids_are_errors_that_name_the_known_ones(site: Site) -> None:
    [result] = call(site, [("cell", {"framework": "nope", "feature": site.data.features[0].id})])
    assert result[0] == "error" and "unknown framework id(s) nope" in result[1] and "pytorch" in result[1]


def test_first_party_leaves_out_plugins_and_unknown_is_not_a_no() -> None:
    from dlmatrix.mcp.server import meets

    assert meets("plugin", first_party=False) is True and meets("plugin", first_party=True) is False
    assert meets("full", first_party=True) is True and meets("none", first_party=False) is False
    assert meets("unknown", first_party=True) is None and meets(None, first_party=False) is None


def test_python_m_dlmatrix_mcp_serves_over_stdio(site: Site, tmp_path: Path) -> None:
    """The command itself, as an MCP host starts it, over a built /api/v1/ folder."""
    import sys

    from mcp import StdioServerParameters

    from tests.conftest import ROOT

    files = api_v1_files(site, Urls("", "https://example.org/").public(), site.today, History("unavailable"), "")
    api = tmp_path / "api"
    for path, content in files.items():
        (api / path).parent.mkdir(parents=True, exist_ok=True)
        (api / path).write_bytes(content)
    params = StdioServerParameters(command=sys.executable, args=["-m", "dlmatrix.mcp", "--api-dir", str(api)],
                                   cwd=str(ROOT))
    found: list[Any] = []

    async def run() -> None:
        async with Client(params) as client:
            result = await client.call_tool("cell", {"framework": "pytorch", "feature": site.data.features[0].id})
            found.append(json.loads(result.content[0].text))

    in_own_thread(run)
    assert found[0]["data_version"] == data_version(site) and found[0]["answer"]["framework"] == "pytorch"
