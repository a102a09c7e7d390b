"""The one way data files are written: checked on a copy, then each file replaced whole, or nothing written.

Tools that write data (the registry sync, the measured cells, the registry record, the scaffold) hand a
`DataWriter` the new texts of the files they change. It loads the data folder as it would be after the write, in a
scratch copy (what the validator would say then), refuses when a file changed on disk since the tool read it, and
writes each changed file atomically (a temporary file beside it, then a rename), so that a reader never sees half
a file and an interrupted write leaves the old one. Comments are the tools' to keep (they edit with ruamel's round
trip); the writer only says what changed.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from dlmatrix.data.atomic import write_atomically
from dlmatrix.data.errors import DataError, DataErrors
from dlmatrix.data.layout import display
from dlmatrix.data.load import load_dataset


class WriteError(Exception):
    """Writing would leave the data invalid, or a file changed under us: nothing was written."""


class DataWriter:
    """Writes new texts of files under one data folder (files beside it, such as examples/, may come along)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.read: dict[Path, str | None] = {}  # what each file held when the tool read it (None: it did not exist)

    def original(self, path: Path) -> str | None:
        """A file's text as the tool reads it before changing it: the writer refuses if it changes meanwhile."""
        if path not in self.read:
            self.read[path] = path.read_text(encoding="utf-8") if path.exists() else None
        return self.read[path]

    def problems(self, texts: dict[Path, str]) -> list[DataError]:
        """What the validator would say of the data folder with the new texts, loaded in a scratch copy (positions
        name the real files)."""
        inside = {path: text for path, text in texts.items() if path.resolve().is_relative_to(self.data_dir.resolve())}
        if not inside:
            return []
        with tempfile.TemporaryDirectory(prefix="dlm-write-") as scratch:
            copy = Path(scratch) / "data"
            shutil.copytree(self.data_dir, copy, ignore=shutil.ignore_patterns(".*"))
            for path, text in inside.items():
                target = copy / path.resolve().relative_to(self.data_dir.resolve())
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
            try:
                load_dataset(copy)
            except DataErrors as exc:
                real = {str(copy / p.resolve().relative_to(self.data_dir.resolve())): str(p) for p in inside}
                return [replace(e, path=real.get(e.path, e.path.replace(str(copy), display(self.data_dir))))
                        for e in exc.errors]
        return []

    def check(self, texts: dict[Path, str]) -> None:
        """WriteError with the first ten problems when the new texts would leave the data invalid."""
        if problems := self.problems(texts):
            raise WriteError("writing would leave invalid data, so nothing was written:\n"
                             + "\n".join(str(e) for e in problems[:10]))

    def write(self, texts: dict[Path, str], check: bool = True) -> list[Path]:
        """Check, then write the texts that differ from the files; returns the files written (sorted). `check=False`
        for writers that cannot change what the data says (the formatter, which refuses to change a value) or write
        files the data loader does not read (the evidence runs' results, checked by their own loader)."""
        changed = {path: text for path, text in texts.items() if self.original(path) != text}
        if check:
            self.check(changed)
        for path in changed:
            now = path.read_text(encoding="utf-8") if path.exists() else None
            if now != self.read[path]:
                raise WriteError(f"{display(path)} changed while it was being rewritten; nothing was written, run "
                                 "the tool again")
        for path, text in changed.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, text)
        return sorted(changed)
