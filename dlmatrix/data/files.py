"""The one file-access rule for everything the build reads or writes.

A pull request can commit a symbolic link, or a file where a folder should be: `docs/api/v1` linking to
`../../.git`, `data/frameworks/x.yaml` linking to `/dev/zero` or to a file outside the repository. So:

- a file is read only when it is a regular file (checked with `lstat`, never through a resolved path), opened
  with O_NOFOLLOW, and at most `limit` bytes are read, even from a device;
- folders are listed only when they are real directories, and a listing never follows a link;
- writes and deletions inside a folder walk down from that folder one name at a time, each opened with
  O_NOFOLLOW relative to the one before (`openat`), so nothing is written or deleted through a link.

Every refusal is a `FileRefused`; `error()` turns it into a data error at `file:1:1`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from dlmatrix.data.errors import DataError

MAX_TEXT_BYTES = 1_000_000  # the default limit of a read: every file the build reads is far smaller
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_READ_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC  # NONBLOCK: a FIFO never blocks the open


class FileRefused(Exception):
    """A path the build may not read or write: a link, a device, a folder where a file should be, too big."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")

    def error(self) -> DataError:
        return DataError(self.path, 1, 1, self.reason)


def shown(path: Path | str) -> str:
    """A path as messages show it: relative to the working directory when it is inside it (no link resolved)."""
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(Path(os.path.abspath(os.getcwd()))))
    except ValueError:
        return str(path)


def _what(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISREG(mode):
        return "a file"
    return "a device, socket or pipe"


def _lstat(path: Path | str) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except OSError:
        return None


def is_regular_file(path: Path | str) -> bool:
    """A regular file itself, not a link to one."""
    info = _lstat(path)
    return info is not None and stat.S_ISREG(info.st_mode)


def is_real_dir(path: Path | str) -> bool:
    """A directory itself, not a link to one."""
    info = _lstat(path)
    return info is not None and stat.S_ISDIR(info.st_mode)


def is_link(path: Path | str) -> bool:
    info = _lstat(path)
    return info is not None and stat.S_ISLNK(info.st_mode)


def exists(path: Path | str) -> bool:
    """Anything of that name, a dangling link included."""
    return _lstat(path) is not None


def check_file(path: Path | str, display: str | None = None) -> None:
    """Raise FileRefused unless `path` is a regular file in a real folder."""
    shown_path = display or shown(path)
    info = _lstat(path)
    if info is None:
        raise FileRefused(shown_path, "file not found")
    if not stat.S_ISREG(info.st_mode):
        raise FileRefused(shown_path, f"is {_what(info.st_mode)}; it must be a regular file in the repository "
                          "(links are not followed)")
    parent = _lstat(Path(path).parent)
    if parent is not None and stat.S_ISLNK(parent.st_mode):
        raise FileRefused(shown_path, "its folder is a symbolic link; it must be a real folder in the repository")


def read_bytes(path: Path | str, limit: int = MAX_TEXT_BYTES, display: str | None = None,
               what: str = "files") -> bytes:
    """The bytes of a regular file, at most `limit` of them (a longer file is refused, never read whole)."""
    shown_path = display or shown(path)
    check_file(path, shown_path)
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise FileRefused(shown_path, "is a symbolic link; it must be a regular file (links are not followed)") from None
        raise FileRefused(shown_path, f"cannot read file: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # replaced between the check and the open
            raise FileRefused(shown_path, f"is {_what(info.st_mode)}; it must be a regular file")
        if info.st_size > limit:
            raise FileRefused(shown_path, f"file is {info.st_size:,} bytes; {what} may be at most {limit:,}")
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 16, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise FileRefused(shown_path, f"file is more than {limit:,} bytes; {what} may be at most {limit:,}")
        return b"".join(chunks)
    except OSError as exc:
        raise FileRefused(shown_path, f"cannot read file: {exc.strerror}") from None
    finally:
        os.close(fd)


def read_text(path: Path | str, limit: int = MAX_TEXT_BYTES, display: str | None = None, what: str = "files") -> str:
    """A regular file as UTF-8 text; not UTF-8 is refused with the line and column of the first bad byte."""
    shown_path = display or shown(path)
    raw = read_bytes(path, limit, shown_path, what)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise NotUtf8(shown_path, line, column, raw[exc.start]) from None


class NotUtf8(FileRefused):
    def __init__(self, path: str, line: int, column: int, byte: int) -> None:
        super().__init__(path, f"invalid UTF-8 (byte 0x{byte:02x}); save the file as UTF-8")
        self.line, self.column = line, column

    def error(self) -> DataError:
        return DataError(self.path, self.line, self.column, self.reason)


def list_dir(folder: Path | str) -> list[Path]:
    """The entries of a real folder, sorted (nothing when it is missing or a link)."""
    if not is_real_dir(folder):
        return []
    try:
        return sorted(Path(folder) / name for name in os.listdir(folder))
    except OSError:
        return []


def walk_files(folder: Path | str, suffixes: Iterable[str] | None = None) -> list[Path]:
    """Every regular file under a real folder (links neither listed nor followed), sorted."""
    wanted = tuple(suffixes) if suffixes is not None else None
    found: list[Path] = []
    if not is_real_dir(folder):
        return found
    for top, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [name for name in dirs if is_real_dir(os.path.join(top, name))]
        for name in files:
            path = Path(top) / name
            if (wanted is None or path.suffix in wanted) and is_regular_file(path):
                found.append(path)
    return sorted(found)


def links_under(folder: Path | str) -> list[Path]:
    """Every symbolic link (or device, socket, pipe) under a folder, the folder itself included, sorted."""
    if is_link(folder):
        return [Path(folder)]
    odd: list[Path] = []
    if not is_real_dir(folder):
        return odd
    for top, dirs, files in os.walk(folder, followlinks=False):
        for name in [*dirs, *files]:
            info = _lstat(os.path.join(top, name))
            if info is not None and not (stat.S_ISDIR(info.st_mode) or stat.S_ISREG(info.st_mode)):
                odd.append(Path(top) / name)
    return sorted(odd)


def refuse_links(folder: Path | str) -> list[DataError]:
    """A data error for every link (or device) under a folder the build reads, such as docs/ and overrides/:
    MkDocs would read through it and publish what it points at."""
    return [DataError(shown(path), 1, 1, "is a symbolic link (or a device); the build reads only regular files in "
                      "the repository: remove it") for path in links_under(folder)]


# --- writing inside a folder, one name at a time ----------------------------------------------------------


class Folder:
    """A real folder the build writes into (docs/, the served site, .cache/). Every path is relative to it and is
    reached one name at a time with O_NOFOLLOW: a link anywhere on the way is refused, never followed."""

    def __init__(self, base: Path | str, create: bool = False) -> None:
        self.base = Path(base)
        info = _lstat(self.base)
        if info is None and create:
            Folder(self.base.parent, create=True)._mkdirs(self.base.name)
            info = _lstat(self.base)
        if info is None or not stat.S_ISDIR(info.st_mode):
            raise FileRefused(shown(self.base), "is " + (_what(info.st_mode) if info else "missing")
                              + "; the build writes only into real folders")

    def _refuse(self, relative: str, reason: str) -> FileRefused:
        return FileRefused(shown(self.base / relative), reason)

    def _parts(self, relative: str) -> list[str]:
        parts = [part for part in relative.split("/") if part not in ("", ".")]
        if not parts or ".." in parts:
            raise self._refuse(relative, "not a path inside the folder")
        return parts

    def _open_dir(self, parts: list[str], relative: str, create: bool) -> int:
        fd = os.open(self.base, _DIR_FLAGS)
        try:
            for index, name in enumerate(parts):
                try:
                    child = os.open(name, _DIR_FLAGS, dir_fd=fd)
                except FileNotFoundError:
                    if not create:
                        raise
                    os.mkdir(name, 0o777, dir_fd=fd)
                    child = os.open(name, _DIR_FLAGS, dir_fd=fd)
                except OSError as exc:
                    if exc.errno in (errno.ELOOP, errno.ENOTDIR):
                        where = "/".join(parts[: index + 1])
                        info = os.lstat(name, dir_fd=fd)
                        raise self._refuse(where, f"is {_what(info.st_mode)}, where the build keeps a folder; "
                                           "nothing is written or deleted through it: remove it") from None
                    raise
                os.close(fd)
                fd = child
        except BaseException:
            os.close(fd)
            raise
        return fd

    def _mkdirs(self, relative: str) -> None:
        os.close(self._open_dir(self._parts(relative), relative, create=True))

    def read(self, relative: str, limit: int = MAX_TEXT_BYTES) -> bytes | None:
        """The bytes of a regular file in the folder; None when it is missing (a link or a device is refused)."""
        *folders, name = self._parts(relative)
        try:
            fd = self._open_dir(folders, relative, create=False)
        except FileNotFoundError:
            return None
        try:
            try:
                info = os.lstat(name, dir_fd=fd)
            except FileNotFoundError:
                return None
            if not stat.S_ISREG(info.st_mode):
                raise self._refuse(relative, f"is {_what(info.st_mode)}, where the build writes a file; remove it")
            if info.st_size > limit:
                return None  # not ours to read: it is rewritten
            file_fd = os.open(name, _READ_FLAGS, dir_fd=fd)
            try:
                return os.read(file_fd, limit + 1)
            finally:
                os.close(file_fd)
        finally:
            os.close(fd)

    def write(self, relative: str, content: bytes) -> None:
        """Write a file atomically (a temporary file, then rename); refused through or onto a link."""
        *folders, name = self._parts(relative)
        fd = self._open_dir(folders, relative, create=True)
        try:
            try:
                info = os.lstat(name, dir_fd=fd)
                if not stat.S_ISREG(info.st_mode):
                    raise self._refuse(relative, f"is {_what(info.st_mode)}, where the build writes a file; remove it")
            except FileNotFoundError:
                pass
            temporary = f".{name}.{os.getpid()}.tmp"
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary, dir_fd=fd)
            file_fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666,
                              dir_fd=fd)
            try:
                view = memoryview(content)
                while view:
                    view = view[os.write(file_fd, view):]
            finally:
                os.close(file_fd)
            os.replace(temporary, name, src_dir_fd=fd, dst_dir_fd=fd)
        finally:
            os.close(fd)

    def remove(self, relative: str) -> bool:
        """Remove a regular file (True) or an empty real folder; refused on a link."""
        *folders, name = self._parts(relative)
        try:
            fd = self._open_dir(folders, relative, create=False)
        except FileNotFoundError:
            return False
        try:
            try:
                info = os.lstat(name, dir_fd=fd)
            except FileNotFoundError:
                return False
            if stat.S_ISREG(info.st_mode):
                os.unlink(name, dir_fd=fd)
                return True
            if stat.S_ISDIR(info.st_mode):
                with contextlib.suppress(OSError):  # not empty
                    os.rmdir(name, dir_fd=fd)
                return False
            raise self._refuse(relative, f"is {_what(info.st_mode)} inside a folder the build writes; remove it")
        finally:
            os.close(fd)

    def entries(self, relative: str) -> list[str]:
        """Every file and folder under a sub-folder, relative to this folder, deepest first (so that folders are
        pruned after their files); a link on the way or inside is refused."""
        parts = self._parts(relative)
        if not exists(self.base / relative):
            return []
        os.close(self._open_dir(parts, relative, create=False))  # the folder itself: refused if a link
        odd = links_under(self.base / relative)
        if odd:
            raise self._refuse(str(odd[0].relative_to(self.base)), "is a symbolic link (or a device) inside a folder "
                               "the build writes; nothing is written or deleted through it: remove it")
        found: list[str] = []
        for top, dirs, names in os.walk(self.base / relative, followlinks=False):
            for name in [*names, *dirs]:
                found.append(str((Path(top) / name).relative_to(self.base)))
        return sorted(found, key=lambda path: (-path.count("/"), path))

    def remove_tree(self, relative: str) -> None:
        """Remove a sub-folder and everything in it (make clean); links inside are refused, not followed."""
        for path in self.entries(relative):
            self.remove(path)
        if exists(self.base / relative):
            self.remove(relative)
