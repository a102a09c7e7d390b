"""Write the JSON Schema files under data/schema/ from the pydantic models in dlmatrix/data/model.py.

    python scripts/export_schema.py

Run it after changing the model; a test fails while the files are stale.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
import _project  # enters the project's virtualenv before the imports below

_project.enter()

from dlmatrix.tools.schema_export import write_schemas

if __name__ == "__main__":
    written = write_schemas(ROOT / "data" / "schema")
    print("\n".join(f"wrote {p.relative_to(ROOT)}" for p in written) or "schemas are up to date")
