"""Two clean builds of the same sources with the same SOURCE_DATE_EPOCH are byte-identical: every page,
the sitemap (and its gzip header), the search index and the assets. The second build runs from a copy of
the project at another path, with another hash seed, time zone and locale, so that set ordering, the
clock, the zone or the checkout path cannot leak into the output unnoticed."""

from __future__ import annotations

import datetime as dt
import gzip
import shutil
import struct
from pathlib import Path

import pytest

from tests.conftest import ROOT, VENV_BIN, run

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z, as conftest.build_site uses
PROJECT = ["mkdocs.yml", "main.py", "dlmatrix", "docs", "overrides", "data", "examples"]


def build(project: Path, site: Path, **env: str) -> None:
    result = run([str(VENV_BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site)], cwd=project,
                 env={"SOURCE_DATE_EPOCH": EPOCH, "SITE_URL": "https://matrix.example.org/", **env})  # as published
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def first_difference(a: bytes, b: bytes) -> str:
    """Where two files first differ, with a little context (pages and the search index are long lines)."""
    index = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    start = max(0, index - 120)
    return (f"first difference at byte {index}:\n  one: {a[start:index + 120]!r}\n  two: {b[start:index + 120]!r}")


def snapshot(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in PROJECT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """Both builds run from copies of one snapshot of the sources (so that edits made to the checkout while
    the test runs cannot make them differ), at two different paths."""
    root = tmp_path_factory.mktemp("repro")
    first = snapshot(root / "a")
    second = root / "elsewhere" / "checkout"
    shutil.copytree(first, second)
    build(first, root / "one", PYTHONHASHSEED="1", TZ="UTC", LC_ALL="C.UTF-8")
    build(second, root / "two", PYTHONHASHSEED="2", TZ="Pacific/Kiritimati", LC_ALL="C")
    return root / "one", root / "two", second


@pytest.mark.build
def test_two_builds_are_byte_identical(two_builds: tuple[Path, Path, Path]) -> None:
    one, two, _ = two_builds
    a, b = files(one), files(two)
    assert sorted(a) == sorted(b), f"different files: {sorted(set(a) ^ set(b))}"
    for name in ("sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "index.html", "matrix/index.html"):
        assert name in a, f"{name} missing from the build"
    different = [name for name in a if a[name] != b[name]]
    assert not different, f"{len(different)} file(s) differ, e.g. {different[0]}:\n" + first_difference(
        a[different[0]], b[different[0]])


@pytest.mark.build
def test_no_path_of_the_build_machine_leaks(two_builds: tuple[Path, Path, Path]) -> None:
    one, two, copy = two_builds
    for site in (one, two):
        for name, content in files(site).items():
            for path in (str(ROOT), str(copy), str(copy.parent.parent / "a"), str(site), str(Path.home())):
                assert path.encode() not in content or path == "/", (name, path)


@pytest.mark.build
def test_dates_come_from_source_date_epoch(two_builds: tuple[Path, Path, Path]) -> None:
    one, _, _ = two_builds
    day = dt.datetime.fromtimestamp(int(EPOCH), dt.UTC).date().isoformat()
    sitemap = (one / "sitemap.xml").read_text(encoding="utf-8")
    # the sitemap's dates are the data's (tests/site/test_meta.py), never the build's
    assert "<lastmod>" in sitemap and f"<lastmod>{day}</lastmod>" not in sitemap
    raw = (one / "sitemap.xml.gz").read_bytes()
    assert struct.unpack("<I", raw[4:8])[0] == int(EPOCH), "gzip header time is not SOURCE_DATE_EPOCH"
    assert gzip.decompress(raw).decode("utf-8") == sitemap
