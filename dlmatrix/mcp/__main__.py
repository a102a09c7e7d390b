"""python -m dlmatrix.mcp [--api-dir DIR]: serve the tools over stdio (the packaged data, or a built /api/v1/)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dlmatrix.mcp.server import ApiData, build_server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--api-dir", type=Path, help="a built /api/v1/ folder (site/api/v1) instead of dlmatrix-data")
    args = parser.parse_args()
    try:
        data = ApiData.from_dir(args.api_dir) if args.api_dir else ApiData.from_package()
    except (ImportError, OSError) as exc:
        print(f"dlmatrix.mcp: no data: {exc}. Install the data package (make package; pip install dist/*.whl) "
              "or pass --api-dir site/api/v1", file=sys.stderr)
        return 1
    build_server(data).run("stdio")
    return 0


if __name__ == "__main__":
    sys.exit(main())
