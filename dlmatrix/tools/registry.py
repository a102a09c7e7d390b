"""What PyPI and npm know for certain about a package: versions, upload dates, yanks and wheels.

Only the registries' JSON interfaces are read: PyPI's JSON simple API (PEP 691 and 700: every file of
every version with its upload time, yank and requires-python) and npm's package document (dist-tags and
`time`). Never HTML. The HTTP layer is one plain function, `Http`, so tests pass recorded answers and
never touch the network. Answers are cached under .cache/registry/ for CACHE_TTL: a sync asks for about
twenty documents of up to a megabyte each, and people run it several times while fixing data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http.client
import json
import os
import re
import struct
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.tags import Tag
from packaging.utils import (
    InvalidSdistFilename,
    InvalidWheelFilename,
    canonicalize_name,
    parse_sdist_filename,
    parse_wheel_filename,
)
from packaging.version import InvalidVersion, Version

from dlmatrix import REPOSITORY

PYPI_URL = "https://pypi.org"
NPM_URL = "https://registry.npmjs.org"
PYPI_ACCEPT = "application/vnd.pypi.simple.v1+json"
NPM_ACCEPT = "application/json"  # the full document: the abbreviated one has no `time`
USER_AGENT = f"dl-framework-matrix-sync/1.0 (+{REPOSITORY})"
TIMEOUT = 30.0
CACHE_TTL = dt.timedelta(hours=6)

# Wheel platforms the matrix reports, in display order.
PLATFORMS: tuple[str, ...] = ("linux_x86_64", "linux_aarch64", "macos_arm64", "macos_x86_64",
                              "windows_x64", "windows_arm64")
PLATFORM_NAMES: dict[str, str] = {"linux_x86_64": "Linux x86-64", "linux_aarch64": "Linux aarch64",
                                  "macos_arm64": "macOS arm64", "macos_x86_64": "macOS x86-64",
                                  "windows_x64": "Windows x64", "windows_arm64": "Windows arm64"}
T = TypeVar("T")
MAX_MINOR = 60  # Python 3.x minors considered; "3.11 and newer" is 3.11 up to here


class RegistryError(Exception):
    """A registry could not be reached or answered something that is not its JSON: the sync stops."""


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes


Http = Callable[[str, str], Response]  # (url, accept header) -> response; raises RegistryError when unreachable
Ranged = Callable[[str, int, int], bytes]  # (url, first byte, last byte; negative first: the last bytes) -> bytes


def urllib_range(url: str, start: int, end: int) -> bytes:
    """Bytes start..end of a file (start < 0: its last -start bytes). Raises RegistryError."""
    wanted = f"bytes={start}" if start < 0 else f"bytes={start}-{end}"
    request = urllib.request.Request(url, headers={"Range": wanted, "User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            if response.status != 206:
                raise RegistryError(f"{_host(url)} does not serve byte ranges of {url}")
            return bytes(response.read())
    except (OSError, ValueError, http.client.HTTPException) as exc:
        raise RegistryError(f"cannot read {url}: {exc}") from None


def read_wheel_metadata(read: Callable[[int, int], bytes]) -> str:
    """The text of `*.dist-info/METADATA` in a zip read by byte ranges. Raises RegistryError."""
    tail = read(-65536, 0)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        raise RegistryError("not a wheel: no end of central directory")
    size, offset = struct.unpack("<II", tail[at + 12:at + 20])
    directory = read(offset, offset + size - 1)
    position = 0
    while position + 46 <= len(directory) and directory[position:position + 4] == b"PK\x01\x02":
        method, = struct.unpack("<H", directory[position + 10:position + 12])
        compressed, = struct.unpack("<I", directory[position + 20:position + 24])
        name_len, extra_len, comment_len = struct.unpack("<HHH", directory[position + 28:position + 34])
        local, = struct.unpack("<I", directory[position + 42:position + 46])
        name = directory[position + 46:position + 46 + name_len].decode("utf-8", "replace")
        if name.endswith(".dist-info/METADATA") and name.count("/") == 1:
            header = read(local, local + 29)
            skip = 30 + sum(struct.unpack("<HH", header[26:30]))
            data = read(local + skip, local + skip + compressed - 1)
            raw = zlib.decompress(data, -15) if method == 8 else data
            return raw.decode("utf-8", "replace")
        position += 46 + name_len + extra_len + comment_len
    raise RegistryError("the wheel has no .dist-info/METADATA")


def urllib_http(url: str, accept: str) -> Response:
    """GET with the standard library. HTTP errors are answers (404 means no such package); a refused
    connection, an unknown host or a timeout is RegistryError."""
    request = urllib.request.Request(url, headers={"Accept": accept, "User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return Response(response.status, response.read())
    except urllib.error.HTTPError as exc:
        return Response(exc.code, exc.read() if exc.fp else b"")
    except urllib.error.URLError as exc:
        reason = exc.reason
        text = reason.strerror if isinstance(reason, OSError) and reason.strerror else str(reason)
        raise RegistryError(f"cannot reach {_host(url)}: {text}") from None
    except TimeoutError:
        raise RegistryError(f"cannot reach {_host(url)}: no answer within {TIMEOUT:g} s") from None
    except (OSError, ValueError, http.client.HTTPException) as exc:  # reset or cut mid-answer, malformed URL
        raise RegistryError(f"cannot reach {_host(url)}: {exc}") from None


def _host(url: str) -> str:
    return urllib.parse.urlsplit(url).netloc or url


class Cache:
    """Registry answers on disk, one JSON file per URL. Entries older than `ttl` are not used, except
    offline, where any age will do."""

    def __init__(self, folder: Path, ttl: dt.timedelta = CACHE_TTL,
                 now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)) -> None:
        self.folder = folder
        self.ttl = ttl
        self.now = now

    def _file(self, url: str) -> Path:
        return self.folder / f"{hashlib.sha256(url.encode()).hexdigest()[:32]}.json"

    def get(self, url: str, *, any_age: bool = False) -> tuple[int, Any, dt.datetime] | None:
        """(status, document, fetched) or None when missing, stale or unreadable."""
        try:
            entry = json.loads(self._file(url).read_text(encoding="utf-8"))
            fetched = dt.datetime.fromisoformat(entry["fetched"])
            status, document = int(entry["status"]), entry["document"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if entry.get("url") != url or (not any_age and self.now() - fetched > self.ttl):
            return None
        return status, document, fetched

    def put(self, url: str, status: int, document: Any) -> None:
        entry = {"url": url, "fetched": self.now().isoformat(timespec="seconds"), "status": status,
                 "document": document}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # Write then rename: an interrupted run never leaves half a file that a later run would read.
            with tempfile.NamedTemporaryFile("w", dir=self.folder, suffix=".tmp", delete=False,
                                             encoding="utf-8") as out:
                json.dump(entry, out)
            os.replace(out.name, self._file(url))
        except OSError:
            pass  # a cache that cannot be written only costs time


# --- PyPI ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Dist:
    """One file of a release."""

    filename: str
    uploaded: dt.datetime | None
    yanked: str | None  # None when not yanked, else the reason ("" when none was given)
    requires_python: str | None
    tags: frozenset[Tag]  # empty for an sdist


@dataclass(frozen=True)
class Pythons:
    """The Python 3 minor versions a release supports; `and_newer`: every later one too. `free_threaded`:
    minors with free-threaded (3.14t) wheels; None when the release sets no limit there (pure Python)."""

    minors: frozenset[int]
    and_newer: bool = False
    free_threaded: frozenset[int] | None = None

    def __and__(self, other: Pythons) -> Pythons:
        if self.free_threaded is None or other.free_threaded is None:
            free_threaded = other.free_threaded if self.free_threaded is None else self.free_threaded
        else:
            free_threaded = self.free_threaded & other.free_threaded
        minors = self._expanded() & other._expanded()
        return Pythons(minors, self.and_newer and other.and_newer,
                       None if free_threaded is None else free_threaded & minors)

    def expanded(self) -> frozenset[int]:
        """Every minor supported, "and newer" spelled out up to MAX_MINOR."""
        return self._expanded()

    def _expanded(self) -> frozenset[int]:
        if not self.and_newer or not self.minors:
            return self.minors
        return self.minors | frozenset(range(max(self.minors), MAX_MINOR + 1))

    @classmethod
    def from_specifier(cls, text: str) -> Pythons | None:
        try:
            spec = SpecifierSet(text)
        except InvalidSpecifier:
            return None
        # 3.x.99 too: `>=3.9.1` still means a 3.9 release.
        minors = frozenset(m for m in range(MAX_MINOR + 1) if spec.contains(f"3.{m}") or spec.contains(f"3.{m}.99"))
        return cls(minors, MAX_MINOR in minors)

    def text(self) -> str:
        """'3.10–3.14', '3.11 and newer', '3.9, 3.11–3.13', '3.11–3.15, plus free-threaded 3.14t and 3.15t':
        the form cells hold."""
        minors = sorted(self._expanded())
        if not minors:
            return "none"
        runs: list[list[int]] = []
        for minor in minors:
            if runs and minor == runs[-1][-1] + 1:
                runs[-1].append(minor)
            else:
                runs.append([minor])
        parts = []
        for index, run in enumerate(runs):
            if self.and_newer and index == len(runs) - 1:
                parts.append(f"3.{run[0]} and newer")
            elif len(run) == 1:
                parts.append(f"3.{run[0]}")
            else:
                parts.append(f"3.{run[0]}–3.{run[-1]}")
        text = ", ".join(parts)
        if self.free_threaded:
            text += f", plus free-threaded {describe(f'3.{m}t' for m in sorted(self.free_threaded))}"
        return text


def platforms_of_tag(platform: str) -> frozenset[str]:
    """Matrix platforms a wheel platform tag installs on ('any' is every platform)."""
    if platform == "any":
        return frozenset(PLATFORMS)
    found: set[str] = set()
    if platform.startswith(("manylinux", "musllinux", "linux_")):
        if platform.endswith("_x86_64"):
            found.add("linux_x86_64")
        elif platform.endswith("_aarch64"):
            found.add("linux_aarch64")
    elif platform.startswith("macosx_"):
        if platform.endswith(("_arm64", "_universal2")):
            found.add("macos_arm64")
        if platform.endswith(("_x86_64", "_universal2", "_intel", "_universal")):
            found.add("macos_x86_64")
    elif platform == "win_amd64":
        found.add("windows_x64")
    elif platform == "win_arm64":
        found.add("windows_arm64")
    return frozenset(found)


def _is_pure(tag: Tag) -> bool:
    return tag.platform == "any" and tag.abi == "none" and tag.interpreter.startswith("py")


@dataclass(frozen=True)
class Release:
    project: str
    version: Version
    files: tuple[Dist, ...]

    @property
    def yanked(self) -> bool:
        return all(f.yanked is not None for f in self.files)

    @property
    def yank_reason(self) -> str:
        return next((f.yanked for f in self.files if f.yanked), "")

    @property
    def date(self) -> dt.date | None:
        """The day of the earliest upload: a release is out when its first file is."""
        times = [f.uploaded for f in self.files if f.uploaded is not None]
        return min(times).astimezone(dt.UTC).date() if times else None

    @property
    def page(self) -> str:
        return f"https://pypi.org/project/{self.project}/{self.version}/"

    @property
    def files_page(self) -> str:
        return self.page + "#files"

    @property
    def label(self) -> str:
        return f"{self.project} {self.version}"

    @property
    def pure(self) -> bool:
        """Has a pure-Python wheel, which installs anywhere (py3-none-any)."""
        return any(_is_pure(tag) for f in self.files for tag in f.tags)

    def odd_any_tags(self) -> list[str]:
        """Wheels tagged for any platform but one CPython (cp310-none-any): pure Python or a mislabelled
        binary? The registry cannot tell, so they count for no platform."""
        return sorted({str(tag) for f in self.files for tag in f.tags if tag.platform == "any" and not _is_pure(tag)})

    def platform_tags(self) -> dict[str, list[str]]:
        """Matrix platform -> the wheel platform tags that install there (sorted)."""
        found: dict[str, set[str]] = {}
        for f in self.files:
            for tag in f.tags:
                if tag.platform == "any" and not _is_pure(tag):
                    continue
                for platform in platforms_of_tag(tag.platform):
                    found.setdefault(platform, set()).add(tag.platform)
        return {platform: sorted(tags) for platform, tags in found.items()}

    def pythons(self) -> Pythons | None:
        """CPython versions with wheels (cpXY; cpXY-abi3 counts as XY and newer), limited by requires-python;
        for pure-Python releases, requires-python alone. None when the release does not say."""
        specs = {f.requires_python.strip() for f in self.files if f.requires_python and f.requires_python.strip()}
        allowed = Pythons.from_specifier(",".join(sorted(specs))) if specs else None
        minors: set[int] = set()
        free_threaded: set[int] = set()
        open_from: int | None = None
        for f in self.files:
            for tag in f.tags:
                match = re.fullmatch(r"cp3(\d+)", tag.interpreter)
                if match is None:
                    continue
                minor = int(match.group(1))
                if tag.abi == "abi3":
                    open_from = minor if open_from is None else min(open_from, minor)
                elif tag.abi == f"cp3{minor}t":
                    free_threaded.add(minor)
                else:
                    minors.add(minor)
        if not minors and open_from is None:
            return allowed
        if open_from is not None:
            minors |= set(range(open_from, MAX_MINOR + 1))
        wheels = Pythons(frozenset(minors), open_from is not None, frozenset(free_threaded))
        return wheels & allowed if allowed is not None else wheels


@dataclass(frozen=True)
class PyPIProject:
    name: str
    releases: tuple[Release, ...]  # oldest first

    @property
    def latest(self) -> Release | None:
        """The newest stable release: no pre-release or development version, not yanked."""
        stable = [r for r in self.releases if not r.version.is_prerelease and not r.yanked]
        return stable[-1] if stable else None

    def newer_pre_releases(self) -> list[Release]:
        latest = self.latest
        return [r for r in self.releases if r.version.is_prerelease and not r.yanked
                and (latest is None or r.version > latest.version)]

    def newer_yanked(self) -> list[Release]:
        """Stable-looking versions newer than the latest that were yanked (a yanked latest)."""
        latest = self.latest
        return [r for r in self.releases if r.yanked and not r.version.is_prerelease
                and (latest is None or r.version > latest.version)]


def _parse_filename(filename: str) -> tuple[Version, frozenset[Tag]] | None:
    try:
        if filename.endswith(".whl"):
            _, version, _, tags = parse_wheel_filename(filename)
            return version, tags
        if filename.endswith((".tar.gz", ".zip")):
            return parse_sdist_filename(filename)[1], frozenset()
    except (InvalidWheelFilename, InvalidSdistFilename, InvalidVersion):
        pass
    return None  # eggs, Windows installers, names no tool can read: not used


def _timestamp(text: Any) -> dt.datetime | None:
    if not isinstance(text, str):
        return None
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def parse_pypi(name: str, document: Any) -> PyPIProject:
    """A PyPI JSON simple API page -> the project's releases. Raises RegistryError when it is not one."""
    files = document.get("files") if isinstance(document, dict) else None
    if not isinstance(files, list):
        raise RegistryError(f"PyPI answered something that is not a JSON simple API page for '{name}'")
    by_version: dict[Version, list[Dist]] = {}
    for entry in files:
        if not isinstance(entry, dict) or not isinstance(entry.get("filename"), str):
            raise RegistryError(f"PyPI's page for '{name}' lists a file without a name")
        parsed = _parse_filename(entry["filename"])
        if parsed is None:
            continue
        version, tags = parsed
        yanked = entry.get("yanked", False)
        requires = entry.get("requires-python")
        by_version.setdefault(version, []).append(Dist(
            filename=entry["filename"], uploaded=_timestamp(entry.get("upload-time")),
            yanked=None if yanked is False or yanked is None else (yanked if isinstance(yanked, str) else ""),
            requires_python=requires if isinstance(requires, str) else None, tags=tags))
    project = str(document.get("name") or canonicalize_name(name))
    releases = tuple(Release(project, version, tuple(dists)) for version, dists in sorted(by_version.items()))
    return PyPIProject(project, releases)


# --- npm ----------------------------------------------------------------------------------------

def _semver_key(version: str) -> tuple[int, int, int, int, str]:
    """Sort key for semver strings: 1.2.3-rc.1 < 1.2.3; anything unreadable sorts first."""
    core, _, pre = version.partition("-")
    parts = core.split("+", 1)[0].split(".")
    try:
        major, minor, patch = (int(p) for p in (parts + ["0", "0"])[:3])
    except ValueError:
        return (-1, -1, -1, 0, version)
    return (major, minor, patch, 0 if pre else 1, pre)


@dataclass(frozen=True)
class NpmPackage:
    name: str
    dist_tags: dict[str, str]
    published: dict[str, dt.datetime]  # version -> when it was published
    deprecated: str | None  # the latest version's deprecation message

    @property
    def latest(self) -> str | None:
        return self.dist_tags.get("latest")

    def date(self, version: str) -> dt.date | None:
        when = self.published.get(version)
        return when.astimezone(dt.UTC).date() if when else None

    def page(self, version: str) -> str:
        return f"https://www.npmjs.com/package/{self.name}/v/{version}"

    def newer_tags(self) -> list[tuple[str, str]]:
        """Other dist-tags (next, rc, ...) pointing past latest: pre-releases, never the latest."""
        latest = self.latest
        return sorted((tag, version) for tag, version in self.dist_tags.items()
                      if tag != "latest" and (latest is None or _semver_key(version) > _semver_key(latest)))


def parse_npm(name: str, document: Any) -> NpmPackage | None:
    """An npm package document -> its facts; None when the package was unpublished."""
    if not isinstance(document, dict):
        raise RegistryError(f"npm answered something that is not a package document for '{name}'")
    times = document.get("time")
    if isinstance(times, dict) and "unpublished" in times and "dist-tags" not in document:
        return None
    tags = document.get("dist-tags")
    if not isinstance(tags, dict) or not isinstance(times, dict):
        raise RegistryError(f"npm's document for '{name}' has no dist-tags or time")
    published = {version: when for version, text in times.items() if (when := _timestamp(text)) is not None}
    dist_tags = {str(tag): str(version) for tag, version in tags.items() if isinstance(version, str)}
    versions = document.get("versions")
    latest_doc = versions.get(dist_tags.get("latest", "")) if isinstance(versions, dict) else None
    deprecated = latest_doc.get("deprecated") if isinstance(latest_doc, dict) else None
    return NpmPackage(name, dist_tags, published, deprecated if isinstance(deprecated, str) else None)


# --- the client -----------------------------------------------------------------------------------

class Registries:
    """Asks PyPI and npm, through the cache. `refresh` ignores cached answers; `offline` uses only them."""

    def __init__(self, http: Http = urllib_http, cache: Cache | None = None, *, refresh: bool = False,
                 offline: bool = False, pypi_url: str = PYPI_URL, npm_url: str = NPM_URL,
                 progress: Callable[[str], None] = lambda message: None,
                 ranged: Ranged | None = None) -> None:
        self.http = http
        self.ranged = ranged or urllib_range
        self.cache = cache
        self.refresh = refresh
        self.offline = offline
        self.pypi_url = pypi_url.rstrip("/")
        self.npm_url = npm_url.rstrip("/")
        self.progress = progress

    def pypi_api_url(self, name: str) -> str:
        return f"{self.pypi_url}/simple/{canonicalize_name(name)}/"

    def npm_api_url(self, name: str) -> str:
        return f"{self.npm_url}/{urllib.parse.quote(name, safe='@')}"  # @scope%2Fname

    def pypi(self, name: str) -> PyPIProject | None:
        """The project, or None when PyPI has no such project."""
        return self._ask(self.pypi_api_url(name), PYPI_ACCEPT, f"PyPI {name}", lambda doc: parse_pypi(name, doc))

    def npm(self, name: str) -> NpmPackage | None:
        """The package, or None when npm has no such package (or it was unpublished)."""
        return self._ask(self.npm_api_url(name), NPM_ACCEPT, f"npm {name}", lambda doc: parse_npm(name, doc))

    def pypi_page(self, name: str) -> dict[str, Any] | None:
        """PyPI's JSON simple page of a project as it is (file sizes and URLs included); None when unknown."""
        return self._ask(self.pypi_api_url(name), PYPI_ACCEPT, f"PyPI {name}", lambda doc: dict(doc))

    def text(self, url: str, what: str) -> str:
        """A text file PyPI serves (a wheel's PEP 658 metadata), through the cache. Raises RegistryError."""
        found = self._ask(url, "*/*", what, lambda doc: str(doc["text"]), raw=True)
        if found is None:
            raise RegistryError(f"{_host(url)} has no {what} ({url})")
        return found

    def wheel_metadata(self, url: str, what: str) -> str:
        """The METADATA file inside a wheel, read with HTTP range requests (the end of the zip, its central
        directory, then the one member): a few kilobytes, never the wheel. Cached under the wheel's URL."""
        key = url + "#METADATA"
        if self.cache is not None and (self.offline or not self.refresh):
            hit = self.cache.get(key, any_age=self.offline)
            if hit is not None:
                return str(hit[1]["text"])
        if self.offline:
            raise RegistryError(f"{what} is not in the cache and --offline forbids asking {_host(url)}")
        self.progress(f"{what}: reading it inside the wheel")
        text = read_wheel_metadata(lambda start, end: self.ranged(url, start, end))
        if self.cache is not None:
            self.cache.put(key, 200, {"text": text})
        return text

    def _ask(self, url: str, accept: str, what: str, parse: Callable[[Any], T | None], *,
             raw: bool = False) -> T | None:
        if self.cache is not None and (self.offline or not self.refresh):
            hit = self.cache.get(url, any_age=self.offline)
            if hit is not None:
                status, document, fetched = hit
                self.progress(f"{what}: cached answer from {fetched:%Y-%m-%d %H:%M} UTC")
                return parse(document) if status == 200 else None
        if self.offline:
            raise RegistryError(f"{what} is not in the cache and --offline forbids asking {_host(url)}; "
                                "run once without --offline")
        self.progress(f"{what}: asking {url}")
        response = self.http(url, accept)
        if response.status in (404, 410):
            if self.cache is not None:
                self.cache.put(url, response.status, None)
            return None
        if response.status != 200:
            raise RegistryError(f"{_host(url)} answered HTTP {response.status} for {url}")
        try:
            document = {"text": response.body.decode("utf-8")} if raw else json.loads(response.body)
        except (UnicodeDecodeError, ValueError):
            raise RegistryError(f"{_host(url)} answered something that is not JSON for {url}") from None
        if not isinstance(document, dict):
            raise RegistryError(f"{_host(url)} answered JSON that is not an object for {url}")
        result = parse(document)  # raises RegistryError on garbage, which is then never cached
        if self.cache is not None:
            self.cache.put(url, 200, document)
        return result


def describe(items: Iterable[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    words = list(items)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1] if words else ""
