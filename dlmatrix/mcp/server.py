"""The MCP server's tools, over the data API's documents (as the data package holds them).

    cell(framework, feature)           one answer
    compare(frameworks, features)      a table of answers
    which(must_haves, first_party)     the frameworks whose answers meet every must-have

Every answer is {framework, feature, level, value, note, sources, verified} and every result names the
data_version. A level meets a must-have as the site says (dlmatrix/data/vocabulary.py); `first_party` leaves
out answers through a third-party plugin. Unknown ids are errors that name the ids there are.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError

from dlmatrix.data.vocabulary import LEVELS

PLUGIN = "plugin"  # the level of an answer through a third-party or separately maintained package


@dataclass(frozen=True)
class ApiData:
    """The data API's all.json, however it was reached."""

    everything: dict[str, Any]

    @staticmethod
    def from_reader(read: Callable[[str], str]) -> ApiData:
        return ApiData(json.loads(read("all.json")))

    @classmethod
    def from_package(cls) -> ApiData:
        import dlmatrix_data  # type: ignore[import-not-found]  # the data package (make package), an optional extra

        return cls(dlmatrix_data.load("all.json"))

    @classmethod
    def from_dir(cls, api_dir: Path) -> ApiData:
        return cls.from_reader(lambda path: (api_dir / path).read_text(encoding="utf-8"))

    @property
    def version(self) -> str:
        return str(self.everything["data_version"])

    @property
    def frameworks(self) -> dict[str, Any]:
        return dict(self.everything["frameworks"])

    @property
    def features(self) -> dict[str, Any]:
        return dict(self.everything["features"])


class UnknownId(ToolError):
    """An id the data does not have: the caller gets the message, with the ids there are."""


def _check(kind: str, ids: list[str], known: dict[str, Any]) -> None:
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise UnknownId(f"unknown {kind} id(s) {', '.join(unknown)}; known: {', '.join(known)}")


def answer(data: ApiData, framework: str, feature: str) -> dict[str, Any]:
    _check("framework", [framework], data.frameworks)
    _check("feature", [feature], data.features)
    cell = data.frameworks[framework]["cells"][feature]
    return {"framework": framework, "framework_name": data.frameworks[framework]["framework"]["name"],
            "feature": feature, "feature_name": data.features[feature]["feature"]["name"], "level": cell["level"],
            "value": cell["value"], "note": cell["note"], "sources": cell["sources"], "verified": cell["verified"]}


def cell(data: ApiData, framework: str, feature: str) -> dict[str, Any]:
    return {"data_version": data.version, "answer": answer(data, framework, feature)}


def compare(data: ApiData, frameworks: list[str], features: list[str]) -> dict[str, Any]:
    _check("framework", frameworks, data.frameworks)
    _check("feature", features, data.features)
    rows = [{"feature": feature, "answers": [answer(data, fw, feature) for fw in frameworks]} for feature in features]
    return {"data_version": data.version, "rows": rows}


def meets(level: str | None, first_party: bool) -> bool | None:
    """Whether an answer meets a must-have: True, False, or None when it is not known."""
    if level is None or level not in LEVELS:
        return None
    if first_party and level == PLUGIN:
        return False
    return LEVELS[level].meets


def which(data: ApiData, must_haves: list[str], first_party: bool = False) -> dict[str, Any]:
    _check("feature", must_haves, data.features)
    meeting, unknown = [], []
    for framework in data.frameworks:
        answers = [answer(data, framework, feature) for feature in must_haves]
        verdicts = [meets(a["level"], first_party) for a in answers]
        if all(v is True for v in verdicts):
            meeting.append({"framework": framework, "answers": answers})
        elif not any(v is False for v in verdicts):
            unknown.append({"framework": framework, "answers": answers})
    return {"data_version": data.version, "must_haves": must_haves, "first_party": first_party,
            "meeting": meeting, "not_known": unknown}


def build_server(data: ApiData) -> MCPServer:
    server = MCPServer("dlmatrix", instructions=(
        "Deep Learning Framework Matrix data: sourced, dated answers on deep learning frameworks. Ids are the "
        f"data API's: frameworks {', '.join(data.frameworks)}; feature ids as in features.json."))

    @server.tool(name="cell", description="One framework's answer to one feature: level or value, note, sources and "
                 "the date it was verified.")
    def cell_tool(framework: str, feature: str) -> dict[str, Any]:
        return cell(data, framework, feature)

    @server.tool(name="compare", description="Several frameworks' answers to several features, with sources and dates.")
    def compare_tool(frameworks: list[str], features: list[str]) -> dict[str, Any]:
        return compare(data, frameworks, features)

    @server.tool(name="which", description="The frameworks whose answers meet every must-have feature (first_party: "
                 "not through a third-party plugin), and those where an answer is not known.")
    def which_tool(must_haves: list[str], first_party: bool = False) -> dict[str, Any]:
        return which(data, must_haves, first_party)

    return server
