"""`make package`: the data as a versioned Python package, `dlmatrix-data`, a wheel holding every file of the data
API (/api/v1/: the JSON documents, their schemas, matrix.csv, checksums.txt) and a ten-line loader.

    import dlmatrix_data
    dlmatrix_data.cell("pytorch", "onnx_export")["level"]     # 'full'
    dlmatrix_data.load("all.json")["features"]["onnx_export"]   # any file of /api/v1/

The wheel is written with the standard library (a wheel is a zip archive with its metadata and a RECORD of hashes),
so building it needs no build backend and gives the same bytes for the same data. Its version is the data's date
(2026.11.26 for data version 2026-11-26.<hash>); the full data version is in the metadata and in every document.
The release workflow (.github/workflows/release.yml) publishes it and sets CITATION.cff's version and date.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
import zipfile
from pathlib import Path

DISTRIBUTION = "dlmatrix-data"
PACKAGE = "dlmatrix_data"
DATA_FOLDER = "api/v1"  # inside the package, as on the site
# A fixed time for every archive member: the bytes depend on the data only.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

LOADER = '''"""The Deep Learning Framework Matrix data (CC BY 4.0), as the site publishes it under /api/v1/."""
import json
from importlib.resources import files

DATA = files(__name__).joinpath("api", "v1")


def load(path="all.json"):
    """A JSON file of the data API, e.g. "index.json", "frameworks/pytorch.json" or "features/onnx_export.json"."""
    return json.loads(DATA.joinpath(*path.split("/")).read_text(encoding="utf-8"))


def cell(framework, feature):
    """One answer: level or value, note, sources and the date it was verified."""
    return load(f"frameworks/{framework}.json")["cells"][feature]
'''


def wheel_version(data_version: str) -> str:
    """The package version of a data version: its date as YYYY.M.D (PEP 440)."""
    day = dt.date.fromisoformat(data_version.split(".", 1)[0])
    return f"{day.year}.{day.month}.{day.day}"


def _metadata(version: str, data_version: str, home: str) -> str:
    lines = ["Metadata-Version: 2.1", f"Name: {DISTRIBUTION}", f"Version: {version}",
             "Summary: The Deep Learning Framework Matrix data: every framework, feature and answer with its sources "
             "and dates", "License: CC-BY-4.0", "Requires-Python: >=3.9", f"Keywords: data-version={data_version}"]
    if home:
        lines.append(f"Project-URL: Homepage, {home}")
    return "\n".join(lines) + "\n\nThe data of the Deep Learning Framework Matrix, version " + data_version + \
        ". Use `dlmatrix_data.load(path)` for any file of the data API and `dlmatrix_data.cell(framework, feature)` " \
        "for one answer.\n"


def _record_hash(content: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(content).digest()).rstrip(b"=").decode("ascii")


def build_wheel(api_files: dict[str, bytes], data_version: str, out_dir: Path, home: str = "") -> Path:
    """Write the wheel of these /api/v1/ files into out_dir; returns its path."""
    version = wheel_version(data_version)
    dist_info = f"{PACKAGE}-{version}.dist-info"
    members = {f"{PACKAGE}/__init__.py": LOADER.encode("utf-8")}
    members |= {f"{PACKAGE}/{DATA_FOLDER}/{path}": content for path, content in sorted(api_files.items())}
    members[f"{dist_info}/METADATA"] = _metadata(version, data_version, home).encode("utf-8")
    members[f"{dist_info}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: dlmatrix.tools.package\nRoot-Is-Purelib: true\n" \
                                    b"Tag: py3-none-any\n"
    record = [f"{name},{_record_hash(content)},{len(content)}" for name, content in members.items()]
    members[f"{dist_info}/RECORD"] = ("\n".join([*record, f"{dist_info}/RECORD,,"]) + "\n").encode("utf-8")
    out_dir.mkdir(parents=True, exist_ok=True)
    wheel = out_dir / f"{PACKAGE}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    return wheel


def set_citation(citation: Path, data_version: str) -> bool:
    """Set CITATION.cff's version and date-released to this data version (its date); True when it changed."""
    text = citation.read_text(encoding="utf-8")
    day = data_version.split(".", 1)[0]
    new = re.sub(r"^version: .*$", f"version: {data_version}", text, flags=re.M)
    new = re.sub(r"^date-released: .*$", f"date-released: {day}", new, flags=re.M)
    if new != text:
        citation.write_text(new, encoding="utf-8")
    return new != text
