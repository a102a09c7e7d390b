"""make sync's install part (#22): wheels per Python, minimum OS and the download size of the resolved closure per
platform, offline from recorded answers (tests/fixtures/registry/install, see capture_install.py), written with
--write, recorded, and refused on hand edit. Expected figures are computed here from the recorded files themselves."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

from dlmatrix.data.errors import DataErrors
from dlmatrix.data.install import index_url_of, measured_by, packages_of
from dlmatrix.data.load import load_dataset
from dlmatrix.data.record import RECORD_FILE, read_record
from dlmatrix.tools import install_sync
from dlmatrix.tools.registry import Registries, RegistryError, Response, read_wheel_metadata
from dlmatrix.tools.sync import main
from tests.tools.test_sync import FIXTURES, PYPI, TODAY, FakeRegistry

INSTALL = FIXTURES / "install"
MIB = 1024 * 1024
# The fixture framework's install block: answers for CPU installs, `unknown` for the accelerators, `no` where jaxlib
# has no wheel.
BLOCK = """install:
  entries:
    - {os: [linux], arch: [x86_64, arm64], accel: [cpu], installs: 'yes', command: 'pip install -U jax',
       sources: ['https://docs.jax.dev/en/latest/installation.html'], verified: 2026-11-01}
    - {os: [linux], arch: [x86_64], accel: [nvidia, amd, intel, tpu], installs: unknown, verified: 2026-11-01}
    - {os: [linux], arch: [arm64], accel: [nvidia], installs: unknown, verified: 2026-11-01}
    - {os: [windows, macos], arch: [x86_64], accel: [cpu], installs: 'yes', command: 'pip install -U jax',
       sources: ['https://docs.jax.dev/en/latest/installation.html'], verified: 2026-11-01}
    - {os: [windows], arch: [x86_64], accel: [nvidia, amd, intel], installs: unknown, verified: 2026-11-01}
    - {os: [windows], arch: [arm64], accel: [cpu], installs: 'no', reason: 'No jaxlib wheel.',
       sources: ['https://pypi.org/project/jaxlib/'], verified: 2026-11-01}
    - {os: [macos], arch: [arm64], accel: [cpu], installs: 'yes', command: 'pip install -U jax',
       sources: ['https://docs.jax.dev/en/latest/installation.html'], verified: 2026-11-01}
    - {os: [macos], arch: [arm64], accel: [apple], installs: unknown, verified: 2026-11-01}
"""


class InstallRegistry(FakeRegistry):
    """The recorded answers, with the install part's pages (file sizes and URLs) and each wheel's metadata."""

    def __init__(self) -> None:
        super().__init__()
        for path in sorted((INSTALL / "pypi").glob("*.json")):
            self.documents[f"{PYPI}/{path.stem}/"] = json.loads(path.read_text(encoding="utf-8"))
        self.metadata: dict[str, list[str]] = json.loads((INSTALL / "metadata.json").read_text(encoding="utf-8"))
        self.refresh_metadata()

    def refresh_metadata(self) -> None:
        for url, requires in self.metadata.items():
            self.documents[url + ".metadata"] = ("Metadata-Version: 2.1\n" + "".join(
                f"Requires-Dist: {r}\n" for r in requires) + "\nA description.\n").encode()


def page(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((INSTALL / "pypi" / f"{name}.json").read_text(encoding="utf-8"))
    return document


def linux_x86_64_cp312(name: str) -> dict[str, Any]:
    """The one wheel of a recorded project that CPython 3.12 on manylinux x86-64 installs (read off the names)."""
    found = [f for f in page(name)["files"] if re.search(r"-(cp312-cp312|py3-none)-(manylinux[\w.]*x86_64|any)\.whl$",
                                                          f["filename"])]
    assert len(found) == 1, found
    return found[0]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """The registry fixture's data with only the JAX stand-in (and the retired one), given an install block."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", target)
    for other in ("pytorch", "tensorflow", "mindspore"):
        (target / "frameworks" / f"{other}.yaml").unlink()
    path = target / "frameworks" / "jax.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\ncells:\n", "\n" + BLOCK + "cells:\n", 1), encoding="utf-8")
    load_dataset(target)  # the fixture is valid before the sync
    return target


def sync(data: Path, registry: InstallRegistry, tmp_path: Path, *args: str) -> int:
    return main(["--data", str(data), *args], http=registry, today=TODAY, cache_dir=tmp_path / "cache")


def test_the_sync_derives_writes_and_records_the_figures_of_every_platform(
        data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    registry = InstallRegistry()
    assert sync(data, registry, tmp_path) == 1
    out = capsys.readouterr().out
    assert "jax.yaml: install.registry: data says nothing, registry says jax==0.12.0.1" in out
    assert not registry.unknown, registry.unknown  # every answer was recorded: nothing reached for the network
    assert sync(data, registry, tmp_path, "--write") == 0
    framework = next(f for f in load_dataset(data).frameworks if f.id == "jax")  # valid after the write
    assert framework.install is not None and framework.install.registry is not None
    figures = framework.install.registry.platforms
    assert framework.install.registry.requirement == "jax==0.12.0.1"
    projects = sorted(p.stem for p in (INSTALL / "pypi").glob("*.json"))
    linux = figures["linux_x86_64"]
    assert linux.packages == len(projects)
    assert linux.download_mib == round(sum(linux_x86_64_cp312(p)["size"] for p in projects) / MIB, 1)
    glibc = min(tuple(map(int, m)) for f in page("jaxlib")["files"]
                for m in re.findall(r"manylinux_(\d+)_(\d+)_x86_64", f["filename"]))
    assert linux.min_os == "glibc {}.{}".format(*glibc)
    minors = sorted({int(m) for f in page("jaxlib")["files"] if "win_amd64" in f["filename"]
                     for m in re.findall(r"-cp3(\d+)-cp3\d+-", f["filename"])})
    assert figures["windows_x64"].pythons == install_sync.pythons_text(minors)
    assert figures["windows_x64"].min_os is None  # Windows wheels name no OS version
    assert not any("win_arm64" in f["filename"] for f in page("jaxlib")["files"])
    assert figures["windows_arm64"].pythons == "none" and figures["windows_arm64"].download_mib is None
    record, errors = read_record(data / RECORD_FILE)
    assert not errors and {k for k in record["jax"] if k.startswith("install:")} == {f"install:{p}" for p in figures}
    capsys.readouterr()
    assert sync(data, registry, tmp_path) == 0  # the next run agrees
    assert "0 difference(s)" in capsys.readouterr().out


def test_a_hand_edit_of_a_figure_is_refused_with_its_position(data: Path, tmp_path: Path) -> None:
    assert sync(data, InstallRegistry(), tmp_path, "--write") == 0
    path = data / "frameworks" / "jax.yaml"
    text = path.read_text(encoding="utf-8")
    figure = re.search(r"\n      linux_x86_64:\n(?:        .*\n)*?        download_mib: ([\d.]+)\n", text)
    assert figure is not None
    path.write_text(text[:figure.start(1)] + "1.0" + text[figure.end(1):], encoding="utf-8")
    line = text[:figure.start(1)].count("\n") + 1
    with pytest.raises(DataErrors) as caught:
        load_dataset(data)
    messages = [str(e) for e in caught.value.errors]
    assert len(messages) == 1, messages
    assert re.match(rf".*jax\.yaml:{line}:\d+: install\.registry\.platforms\.linux_x86_64: .*hand edit",
                    messages[0]), messages


def test_each_platform_reads_the_markers_of_that_platform(data: Path, tmp_path: Path) -> None:
    """pip --platform would keep the markers of the machine it runs on: a Linux-only dependency must weigh on Linux
    and on Linux only."""
    registry = InstallRegistry()
    jax_wheel = next(url for url in registry.metadata if url.endswith("jax-0.12.0.1-py3-none-any.whl"))
    registry.metadata[jax_wheel] = [*registry.metadata[jax_wheel], 'linux-only-lib; sys_platform == "linux"']
    registry.refresh_metadata()
    size = 123 * MIB
    wheel = "linux_only_lib-1.0-py3-none-manylinux_2_17_x86_64.manylinux_2_17_aarch64.whl"
    url = f"https://files.example.org/{wheel}"
    registry.documents[f"{PYPI}/linux-only-lib/"] = {"meta": {"api-version": "1.1"}, "name": "linux-only-lib", "files": [
        {"filename": wheel.replace("manylinux_2_17_x86_64.manylinux_2_17_aarch64", "manylinux_2_17_x86_64"),
         "url": url, "size": size, "requires-python": None, "yanked": False}]}
    registry.documents[url + ".metadata"] = b"Metadata-Version: 2.1\n\n"
    index = install_sync.Index(Registries(registry))
    linux = install_sync.resolve(index, ["jax==0.12.0.1"], install_sync.TARGETS["linux_x86_64"], 12)
    windows = install_sync.resolve(index, ["jax==0.12.0.1"], install_sync.TARGETS["windows_x64"], 12)
    assert "linux-only-lib" in {f.filename.split("-")[0].replace("_", "-") for f in linux.files}
    assert all(not f.filename.startswith("linux_only_lib") for f in windows.files)
    assert linux.size - sum(f.size or 0 for f in linux.files if not f.filename.startswith("linux_only_lib")) == size


def test_a_missing_wheel_is_a_reason_not_a_figure() -> None:
    index = install_sync.Index(Registries(InstallRegistry()))
    with pytest.raises(install_sync.ResolveError, match=r"no wheel of jaxlib.* for windows_arm64 and CPython 3\.12"):
        install_sync.resolve(index, ["jax==0.12.0.1"], install_sync.TARGETS["windows_arm64"], 12)


def _wheel(metadata: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("demo/__init__.py", "x = 1\n" * 1000)
        archive.writestr("demo-1.0.dist-info/METADATA", metadata)
        archive.writestr("demo-1.0.dist-info/RECORD", "")
    return out.getvalue()


def test_metadata_is_read_inside_the_wheel_by_byte_ranges_when_pypi_serves_no_metadata_file() -> None:
    metadata = "Metadata-Version: 2.1\nName: demo\nRequires-Dist: numpy>=2\n\nLong text.\n"
    blob = _wheel(metadata)
    asked: list[tuple[int, int]] = []

    def ranged(url: str, start: int, end: int) -> bytes:
        asked.append((start, end))
        return blob[start:] if start < 0 else blob[start:end + 1]

    registries = Registries(lambda url, accept: Response(404, b""), ranged=ranged)
    assert registries.wheel_metadata("https://files.example.org/demo-1.0-py3-none-any.whl", "demo") == metadata
    assert sum(len(blob[s:] if s < 0 else blob[s:e + 1]) for s, e in asked) < len(blob) * 2  # parts, not the wheel
    with pytest.raises(RegistryError, match=r"no \.dist-info/METADATA"):
        read_wheel_metadata(lambda start, end: _wheel("")[start:] if start < 0 else b"")


def test_commands_are_read_for_their_packages_and_index() -> None:
    assert packages_of('pip install -U "jax[cuda13]"') == ["jax[cuda13]"]
    assert packages_of("pip3 install torch --index-url https://download.pytorch.org/whl/cpu") == ["torch"]
    assert index_url_of("pip3 install torch --index-url https://download.pytorch.org/whl/cpu") == \
        "https://download.pytorch.org/whl/cpu"
    assert index_url_of("python -m pip install tensorflow") is None
    # a figure measures another command only when it installs the same packages from PyPI
    assert measured_by("pip3 install torch", "pip3 install torch")
    assert not measured_by("pip3 install torch --index-url https://download.pytorch.org/whl/cu130", "pip3 install torch")
    assert not measured_by("pip install mlx mlx-cuda-13", "pip install mlx mlx-cpu")


def test_the_live_data_says_every_platform_of_every_framework_in_use() -> None:
    """Done when: every framework in use has an install block with no placeholder, and make sync's figures."""
    from tests.conftest import ROOT

    dataset = load_dataset(ROOT / "data")
    in_use = [f for f in dataset.frameworks if f.status != "retired"]
    assert in_use
    for framework in in_use:
        assert framework.install is not None and framework.install.registry is not None, framework.id
        assert framework.install.registry.synced <= dt.date.today()
