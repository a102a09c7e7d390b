"""The file-access rule (dlmatrix/data/files.py): regular files and real folders only, checked with lstat, opened
without following links, read up to a limit even from a device; writes and deletions inside a folder never go
through a link. Also the smaller guards of issue #24: the XML text filter, CSV neutralising, the change reader's
record parsing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dlmatrix.data.files import FileRefused, Folder, NotUtf8, list_dir, read_bytes, read_text, walk_files
from dlmatrix.data.reader import load_yaml_file
from dlmatrix.site.api import csv_cell
from dlmatrix.site.render import xml_text


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    (folder / "deep").mkdir(parents=True)
    (folder / "secret.txt").write_text("secret\n")
    (folder / "deep/inner.txt").write_text("inner\n")
    return folder


def snapshot(folder: Path) -> dict[str, bytes | str]:
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else "dir") for p in sorted(folder.rglob("*"))}


def test_a_link_to_a_device_is_refused_unread(tmp_path: Path) -> None:
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    with pytest.raises(FileRefused, match="is a symbolic link"):
        read_bytes(link, 1000)
    loaded, errors = load_yaml_file(link, "frameworks/zero.yaml")
    assert loaded is None
    assert [str(e) for e in errors] == ["frameworks/zero.yaml:1:1: is a symbolic link; it must be a regular file in "
                                        "the repository (links are not followed)"]


def test_a_link_to_a_file_outside_is_refused(tmp_path: Path, outside: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    link = repo / "x.yaml"
    link.symlink_to(outside / "secret.txt")
    with pytest.raises(FileRefused, match="symbolic link"):
        read_bytes(link)
    (repo / "linked").symlink_to(outside)
    with pytest.raises(FileRefused, match="its folder is a symbolic link"):
        read_bytes(repo / "linked/secret.txt")
    assert list_dir(repo / "linked") == []
    assert walk_files(repo) == []  # the links and what they point at are neither listed nor followed
    (repo / "real.yaml").write_text("id: x\n")
    assert walk_files(repo) == [repo / "real.yaml"]


def test_a_device_itself_is_refused_and_a_long_file_is_not_read_whole(tmp_path: Path) -> None:
    with pytest.raises(FileRefused, match="a device, socket or pipe"):
        read_bytes("/dev/zero", 10)
    big = tmp_path / "big.yaml"
    big.write_bytes(b"x" * 101)
    assert read_bytes(big, 101) == b"x" * 101
    with pytest.raises(FileRefused, match="101 bytes; files may be at most 100"):
        read_bytes(big, 100)


def test_text_that_is_not_utf8_is_refused_with_its_position(tmp_path: Path) -> None:
    program = tmp_path / "p.py"
    program.write_bytes(b"x = 1\n# caf\xe9\n")
    with pytest.raises(NotUtf8) as refused:
        read_text(program, display="examples/t/p.py")
    assert str(refused.value.error()) == "examples/t/p.py:2:6: invalid UTF-8 (byte 0xe9); save the file as UTF-8"


def test_folder_writes_reads_and_removes_inside_itself(tmp_path: Path) -> None:
    folder = Folder(tmp_path / "docs", create=True)
    folder.write("api/v1/index.json", b"{}")
    assert folder.read("api/v1/index.json") == b"{}"
    assert folder.entries("api") == ["api/v1/index.json", "api/v1"]
    folder.remove_tree("api")
    assert not (tmp_path / "docs/api").exists()
    with pytest.raises(FileRefused, match="not a path inside"):
        folder.write("../escape.txt", b"x")


@pytest.mark.parametrize("where", ["api/v1", "api", "badges"])
def test_folder_never_writes_or_deletes_through_a_link(tmp_path: Path, outside: Path, where: str) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / where).parent.mkdir(parents=True, exist_ok=True)
    (docs / where).symlink_to(outside)
    before = snapshot(outside)
    folder = Folder(docs)
    for attempt in (lambda: folder.write(f"{where}/secret.txt", b"overwritten"),
                    lambda: folder.write(f"{where}/new.txt", b"new"), lambda: folder.remove(f"{where}/secret.txt"),
                    lambda: folder.remove_tree(where), lambda: folder.entries(where),
                    lambda: folder.read(f"{where}/secret.txt")):
        with pytest.raises(FileRefused, match="symbolic link"):
            attempt()
    assert snapshot(outside) == before


def test_folder_refuses_a_link_inside_a_generated_folder_and_a_linked_file(tmp_path: Path, outside: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "badges").mkdir(parents=True)
    (docs / "badges/x.svg").symlink_to(outside / "secret.txt")
    (docs / "changes.xml").symlink_to(outside / "secret.txt")
    before = snapshot(outside)
    folder = Folder(docs)
    with pytest.raises(FileRefused, match=r"badges/x\.svg: is a symbolic link"):
        folder.entries("badges")
    with pytest.raises(FileRefused, match=r"changes\.xml: is a symbolic link, where the build writes a file"):
        folder.write("changes.xml", b"<feed/>")
    with pytest.raises(FileRefused, match="symbolic link"):
        folder.remove("changes.xml")
    assert snapshot(outside) == before
    assert os.path.islink(docs / "changes.xml")


def test_xml_text_drops_what_xml_cannot_hold() -> None:
    import xml.etree.ElementTree as ET

    subject = "a\x00b\x01c\x0bd\x1ee\x1ff\ufffeg\uffffh\ud800i \t\n\r é 😀"
    cleaned = xml_text(subject)
    assert cleaned == "abcdefghi \t\n\r é 😀"
    assert ET.fromstring(f"<t>{cleaned}</t>".encode()).text == "abcdefghi \t\n\n é 😀"


@pytest.mark.parametrize(("cell", "written"), [
    ("=HYPERLINK(\"https://x.invalid\")", "'=HYPERLINK(\"https://x.invalid\")"), ("+cmd", "'+cmd"), ("-x", "'-x"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("-42", "-42"), ("+1.5", "+1.5"), ("-2e3", "-2e3"),
    ("-1+1", "'-1+1"), ("PyTorch", "PyTorch"), ("", "")])
def test_csv_cells_that_start_like_a_formula_are_neutralised(cell: str, written: str) -> None:
    assert csv_cell(cell) == written


def test_change_reader_skips_a_record_it_cannot_read(monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from dlmatrix.data import changes

    good = b"a" * 40 + b"\n" + b"b" * 40 + b"\n1767225600\nA subject with \x1e and \x1f\0"
    bad = b"not a commit\nx\ny\0" + b"c" * 40 + b"\n\nnot-a-date\nsubject\0"
    monkeypatch.setattr(changes, "_git", lambda *args, **kwargs: good + bad)
    repo = object.__new__(changes.Repository)
    repo.top, repo.prefix = Path("."), "data/"
    records = list(repo.log())
    assert [(sha, parents, subject) for sha, parents, _, subject in records] == [
        ("a" * 40, ["b" * 40], "A subject with \x1e and \x1f")]
    warnings = capsys.readouterr().err.splitlines()
    assert len(warnings) == 2 and all(w.startswith("warning: the data's history: skipped a commit") for w in warnings)
