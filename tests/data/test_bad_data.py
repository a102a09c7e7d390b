"""The broken-data corpus (tests/data/bad_data/): every case is refused with file, line, column and the
exact message, never a traceback; a build on bad data fails and leaves the previous site/ whole."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT, VENV_BIN, run

CORPUS = Path(__file__).resolve().parent / "bad_data"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and (p / "expected.txt").is_file())
# How fast validation refuses bad data is measured by `make bench` (scripts/bench.py), not here: a functional test
# that times itself fails on a loaded machine with correct output.
ERROR_LINE = re.compile(r"^(?P<path>[^:\n]+\.ya?ml):(?P<line>[1-9]\d*):(?P<column>[1-9]\d*): \S.*$")


def make_case(tmp_path: Path, case: str) -> Path:
    """A copy of the mini fixture with the case's files laid over it."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "mini", data)
    for source in sorted((CORPUS / case).rglob("*")):
        if source.is_file() and source.name != "expected.txt":
            target = data / source.relative_to(CORPUS / case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    return data


def validate(data: Path) -> tuple[int, list[str], str]:
    result = run([sys.executable, str(ROOT / "scripts/validate.py"), "."], cwd=data, timeout=300)
    return result.returncode, result.stderr.splitlines(), result.stdout + result.stderr


def check_refused(data: Path, expected: list[str]) -> None:
    code, lines, output = validate(data)
    assert "Traceback" not in output and "internal error" not in output, output
    assert code == 1, f"exit {code}, expected 1:\n{output}"
    assert lines[-1] == f"{len(expected)} error(s) found; nothing was built.", output
    assert lines[:-1] == expected, "\n".join(["got:", *lines[:-1], "expected:", *expected])
    for line in lines[:-1]:
        assert ERROR_LINE.match(line), f"not file:line:column: message: {line!r}"


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 30, CASES


@pytest.mark.parametrize("case", CASES)
def test_bad_data_is_refused_with_position_and_message(tmp_path: Path, case: str) -> None:
    expected = (CORPUS / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected and all(ERROR_LINE.match(line) for line in expected), f"{case}/expected.txt is malformed"
    check_refused(make_case(tmp_path, case), expected)


# --- Cases generated here, too large to commit -----------------------------------------------------

def test_file_of_tens_of_megabytes_is_refused_unread(tmp_path: Path) -> None:
    data = make_case(tmp_path, "empty-file")  # any case: the big file replaces pytorch.yaml
    size = 40 * 1024 * 1024
    with (data / "frameworks/pytorch.yaml").open("wb") as out:
        out.write(b"id: pytorch\nname: ")
        out.write(b"x" * (size - 18 - 1))
        out.write(b"\n")
    check_refused(data, [f"frameworks/pytorch.yaml:1:1: file is {size:,} bytes; data files may be at most 256,000"])


def test_file_just_under_the_size_limit_is_read_whole(tmp_path: Path) -> None:
    """Many small tokens are the slow case for a pure-Python YAML parser: the size limit keeps it quick (make bench
    times it); here, a file just under the limit is read and checked like any other."""
    from dlmatrix.data.reader import MAX_FILE_BYTES

    data = make_case(tmp_path, "empty-file")
    head = (FIXTURES / "mini/frameworks/pytorch.yaml").read_text()
    item = "https://pytorch.org/a, "
    count = (MAX_FILE_BYTES - len(head) - 100) // len(item)
    text = head.replace("sources: [https://pytorch.org]", "sources: [" + item * count + "https://pytorch.org]", 1)
    assert MAX_FILE_BYTES - 200 < len(text.encode()) <= MAX_FILE_BYTES
    (data / "frameworks/pytorch.yaml").write_text(text)
    check_refused(data, ["frameworks/pytorch.yaml:7:10: sources: has too many items (at most 8)"])


def test_billion_laughs_in_memory_is_refused_at_the_first_anchor() -> None:
    from dlmatrix.data.reader import parse_yaml

    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 30)]
    loaded, errors = parse_yaml("bomb.yaml", "\n".join(lines).encode())
    assert loaded is None and [str(e) for e in errors] == [
        "bomb.yaml:1:5: YAML syntax: anchors and aliases (&name, *name) are not allowed in data files; write the value out"]


def test_javascript_source_url_is_refused(tmp_path: Path) -> None:
    """The hostile-data build relies on this: a `javascript:` source never reaches a page."""
    check_refused(make_case(tmp_path, "url-javascript"), [
        "frameworks/pytorch.yaml:10:50: cells.steward.sources.0: 'javascript:alert(1)' is not an absolute http(s) URL"])


# --- make build on bad data ------------------------------------------------------------------------

PROJECT_FILES = ["Makefile", "mkdocs.yml", "main.py", "requirements.txt", "requirements-test.txt"]
PROJECT_DIRS = ["dlmatrix", "docs", "overrides", "scripts", "data"]


def project_copy(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    for name in PROJECT_FILES:
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, project / name)
    for name in PROJECT_DIRS:
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    (project / "examples").mkdir()  # mkdocs.yml watches it (the code evidence; none in this build)
    (project / ".venv").symlink_to(VENV_BIN.parent)
    old_site = project / "site"
    (old_site / "matrix").mkdir(parents=True)
    (old_site / "index.html").write_text("<p>previous build</p>")
    (old_site / "matrix/index.html").write_text("<p>previous matrix</p>")
    return project


def make_build(project: Path, **env: str) -> tuple[int, str]:
    result = run(["make", "--no-print-directory", "-o", ".venv/.installed-site", "build"], cwd=project,
                 env={"SOURCE_DATE_EPOCH": "1767225600", **env}, timeout=120)
    return result.returncode, result.stdout + result.stderr


def assert_old_site_whole(project: Path) -> None:
    site = project / "site"
    assert sorted(str(p.relative_to(site)) for p in site.rglob("*")) == ["index.html", "matrix", "matrix/index.html"]
    assert (site / "index.html").read_text() == "<p>previous build</p>"
    assert (site / "matrix/index.html").read_text() == "<p>previous matrix</p>"
    assert not (project / "site.old").exists()


@pytest.mark.build
def test_make_build_with_bad_data_dir_fails_and_keeps_the_old_site(tmp_path: Path) -> None:
    """DLM_DATA_DIR points the build at a broken copy: validation stops it, site/ is not touched."""
    project = project_copy(tmp_path)
    bad = make_case(tmp_path / "bad", "date-impossible")
    code, output = make_build(project, DLM_DATA_DIR=str(bad))
    assert code != 0, output
    assert "'2026-02-30' is not a calendar date" in output, output
    assert "1 error(s) found; nothing was built." in output, output
    assert "Traceback" not in output, output
    assert_old_site_whole(project)


@pytest.mark.build
def test_make_build_with_bad_data_fails_at_validation_and_keeps_the_old_site(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    shutil.copyfile(CORPUS / "url-javascript/frameworks/pytorch.yaml", project / "data/frameworks/pytorch.yaml")
    code, output = make_build(project)
    assert code != 0, output
    assert "data/frameworks/pytorch.yaml" in output and "is not an absolute http(s) URL" in output, output
    assert "mkdocs build" not in output, "the build must not start after validation failed"
    assert "Traceback" not in output, output
    assert_old_site_whole(project)
