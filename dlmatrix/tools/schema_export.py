"""JSON Schema files for editors (VS Code's YAML extension reads the `$schema` line of each data file)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dlmatrix.data.load import MODELS

SCHEMAS = MODELS  # one schema per kind of data file, named after the kind


def json_schema(name: str) -> dict[str, Any]:
    schema = SCHEMAS[name].model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def schema_texts() -> dict[str, str]:
    """File name -> exact file content, as written to data/schema/."""
    return {f"{name}.schema.json": json.dumps(json_schema(name), indent=2, sort_keys=True) + "\n" for name in SCHEMAS}


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for file_name, text in schema_texts().items():
        path = folder / file_name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
