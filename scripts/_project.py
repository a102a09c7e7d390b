"""The start of every script: run inside the project's virtualenv, with the project importable.

`python scripts/new.py ...` works with any Python 3: when the packages the project needs are not
importable, the script starts again with .venv/bin/python, creating the virtualenv first (make install).
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEEDED = ("pydantic", "ruamel.yaml", "yaml", "jinja2", "markdown_it")


def enter() -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    if all(importlib.util.find_spec(name.split(".")[0]) for name in NEEDED):
        return
    venv_python = ROOT / ".venv" / "bin" / "python"
    if Path(sys.executable).absolute() == venv_python.absolute():
        sys.exit(f"{sys.argv[0]}: the virtualenv lacks packages; run: make -C {ROOT} install")
    if not venv_python.exists():
        print("Setting up the project's virtualenv (make install), once ...", file=sys.stderr)
        subprocess.run(["make", "-s", "-C", str(ROOT), "install"], check=True)
    os.execv(venv_python, [str(venv_python), *sys.argv])
