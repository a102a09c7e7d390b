"""Replacing a file whole: the one "write, then rename" of the project (the data writer and the record use it)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, text: str) -> None:
    """A temporary file in the same folder, then a rename (atomic on one file system): a reader never sees half a
    file, and an interrupted write leaves the old one."""
    with tempfile.NamedTemporaryFile("w", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False,
                                     encoding="utf-8", newline="") as out:
        out.write(text)
    os.replace(out.name, path)
