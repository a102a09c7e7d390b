"""The JSON Schema files under data/schema/ match the models (run scripts/export_schema.py to refresh)."""

from __future__ import annotations

from dlmatrix.tools.schema_export import schema_texts
from tests.conftest import ROOT


def test_exported_schemas_are_current() -> None:
    for file_name, text in schema_texts().items():
        path = ROOT / "data" / "schema" / file_name
        assert path.exists(), f"{path} is missing: run python scripts/export_schema.py"
        assert path.read_text(encoding="utf-8") == text, f"{path} is stale: run python scripts/export_schema.py"
