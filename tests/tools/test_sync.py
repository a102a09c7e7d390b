"""make sync (scripts/sync.py): registry facts against the data, offline, from recorded answers.

The recorded answers (tests/fixtures/registry/pypi, npm) are real PyPI and npm answers trimmed to what
the sync reads; each test changes a copy of them to stage one situation. The HTTP layer is a function
passed to main(), so no test touches the network (the "registry down" tests use a closed local port).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from dlmatrix.data.model import Packages
from dlmatrix.data.reader import load_yaml_file
from dlmatrix.data.record import RECORD_FILE, check_against_record, read_record
from dlmatrix.tools.registry import (
    Cache,
    NpmPackage,
    Pythons,
    Registries,
    RegistryError,
    Response,
    parse_pypi,
    platforms_of_tag,
)
from dlmatrix.tools.sync import RULES, Facts, _latest_release, main, parse_pythons
from tests.conftest import ROOT, free_port, run

FIXTURES = ROOT / "tests" / "fixtures" / "registry"
TODAY = dt.date(2026, 11, 26)
PYPI = "https://pypi.org/simple"
TFJS = "https://registry.npmjs.org/@tensorflow%2Ftfjs"


class FakeRegistry:
    """Answers from the recorded documents: a dict is sent as JSON, bytes as they are, an int as that status.
    A URL it does not know is noted (and answered 599), so a test can never reach the network."""

    def __init__(self) -> None:
        self.documents: dict[str, Any] = {f"{PYPI}/{p.stem}/": json.loads(p.read_text(encoding="utf-8"))
                                          for p in sorted((FIXTURES / "pypi").glob("*.json"))}
        self.documents[TFJS] = json.loads((FIXTURES / "npm" / "tensorflow__tfjs.json").read_text(encoding="utf-8"))
        self.calls: list[str] = []
        self.unknown: list[str] = []

    def pypi(self, name: str) -> dict[str, Any]:
        document: dict[str, Any] = self.documents[f"{PYPI}/{name}/"]
        return document

    def add_release(self, name: str, old: str, new: str, uploaded: str, yanked: bool | str = False) -> None:
        """A new version with the same files as `old`."""
        files = self.pypi(name)["files"]
        for entry in [f for f in files if f"-{old}-" in f["filename"] or f["filename"].endswith(f"-{old}.tar.gz")]:
            files.append(entry | {"filename": entry["filename"].replace(f"-{old}", f"-{new}"), "upload-time": uploaded,
                                  "yanked": yanked})

    def __call__(self, url: str, accept: str) -> Response:
        self.calls.append(url)
        if url not in self.documents:
            self.unknown.append(url)
            return Response(599, b"")
        answer = self.documents[url]
        if isinstance(answer, int):
            return Response(answer, b"Not Found")
        if isinstance(answer, bytes):
            return Response(200, answer)
        return Response(200, json.dumps(answer).encode())


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A writable copy of the small data folder: 4 frameworks with packages, one retired without."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", target)
    return target


@pytest.fixture
def fake() -> FakeRegistry:
    return FakeRegistry()


def sync(data: Path, fake: FakeRegistry, capsys: pytest.CaptureFixture[str], *args: str,
         cache: Path | None = None) -> tuple[int, str, str]:
    """Run main() with a fresh cache (unless given); returns (exit status, stdout, stderr)."""
    cache = cache or data.parent / f"cache-{len(fake.calls)}"
    code = main(["--data", str(data), *args], http=fake, today=TODAY, cache_dir=cache)
    out, err = capsys.readouterr()
    assert fake.unknown == [], f"asked for unrecorded URLs: {fake.unknown}"
    assert "Traceback" not in out + err
    return code, out, err


def cell_values(path: Path) -> dict[str, tuple[object, object, object]]:
    """What each cell says (level, value, note): what a sync that only marks cells must leave alone."""
    cells = load_yaml_file(path)[0].data["cells"]  # type: ignore[union-attr]
    return {f: (c.get("level"), c.get("value"), c.get("note")) for f, c in cells.items()}


def where(path: Path, needle: str, target: str | None = None) -> str:
    """'path:line:column' of `target` (default: `needle`) on the first line of the file holding `needle`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return f"{path}:{number}:{line.index(target or needle) + 1}"
    raise AssertionError(f"{needle!r} not in {path}")


def section(out: str, title: str) -> list[str]:
    """The lines of one report section ('Differences', 'Check by hand', 'Notices', 'Written')."""
    lines = out.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith(f"{title} (")), None)
    if start is None:
        return []
    end = next((i for i in range(start + 1, len(lines)) if not lines[i]), len(lines))
    return lines[start + 1:end]


# --- the report ---------------------------------------------------------------------------------------

def test_data_that_matches_the_registries_is_not_reported(data: Path, fake: FakeRegistry,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = sync(data, fake, capsys)
    assert code == 0, out + err
    assert section(out, "Differences") == []
    assert "4 framework(s) with packages" in out and "0 difference(s)" in out
    assert "sync: pytorch: asking the registries" in err  # progress goes to stderr
    assert not (data / RECORD_FILE).exists()
    notices = "\n".join(section(out, "Notices"))
    assert "tensorflow 2.22.0rc0 (2026-09-22) is a pre-release, newer than 2.21.0" in notices
    assert "npm @tensorflow/tfjs latest is 4.22.0, published 2024-12-11" in notices


def test_new_release_is_reported_with_file_line_and_column(data: Path, fake: FakeRegistry,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    fake.add_release("torch", "2.15.0", "2.16.0", "2026-11-20T15:00:01Z")
    code, out, _ = sync(data, fake, capsys)
    assert code == 1
    pytorch = data / "frameworks" / "pytorch.yaml"
    assert section(out, "Differences") == [
        where(pytorch, "'2.15.0'") + ": latest_release: data says '2.15.0', registry says '2.16.0' "
        "(https://pypi.org/project/torch/2.16.0/)",
        where(pytorch, "'2026-10'") + ": latest_release_date: data says '2026-10', registry says 2026-11-20 "
        "(https://pypi.org/project/torch/2.16.0/)",
    ]


def test_release_date_is_the_earliest_upload_of_the_version(data: Path, fake: FakeRegistry,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    fake.add_release("torch", "2.15.0", "2.16.0", "2026-12-01T00:30:00Z")
    fake.pypi("torch")["files"][-1]["upload-time"] = "2026-11-30T23:59:00Z"  # one file came first
    _, out, _ = sync(data, fake, capsys)
    assert "latest_release_date: data says '2026-10', registry says 2026-11-30" in out


def test_pre_release_is_never_the_latest(data: Path, fake: FakeRegistry, capsys: pytest.CaptureFixture[str]) -> None:
    fake.add_release("torch", "2.15.0", "2.16.0rc1", "2026-11-20T15:00:00Z")
    code, out, _ = sync(data, fake, capsys)
    assert code == 0, out
    assert "torch 2.16.0rc1 (2026-11-20) is a pre-release, newer than 2.15.0; not counted as the latest" in out


def test_project_with_only_pre_releases_is_not_compared(data: Path, fake: FakeRegistry,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    fake.add_release("torch", "2.15.0", "2.16.0rc1", "2026-11-20T15:00:00Z")
    files = fake.pypi("torch")["files"]
    files[:] = [f for f in files if "2.16.0rc1" in f["filename"]]
    code, out, _ = sync(data, fake, capsys)
    assert code == 0, out
    assert "pytorch: torch has no stable release on PyPI (only pre-releases, newest 2.16.0rc1)" in out
    assert "pytorch.yaml" not in "\n".join(section(out, "Differences"))


def test_yanked_latest_is_reported_and_skipped(data: Path, fake: FakeRegistry,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    fake.add_release("torch", "2.15.0", "2.16.0", "2026-11-20T15:00:00Z", yanked="broken CUDA wheels")
    code, out, _ = sync(data, fake, capsys)
    assert code == 0, out
    assert ("pytorch: torch 2.16.0 was yanked: broken CUDA wheels; the latest stable release is 2.15.0 "
            "(https://pypi.org/project/torch/2.16.0/)") in out
    pytorch = data / "frameworks" / "pytorch.yaml"
    pytorch.write_text(pytorch.read_text().replace("value: '2.15.0'", "value: '2.16.0'"))
    code, out, _ = sync(data, fake, capsys)
    assert code == 1
    assert "latest_release: data says '2.16.0', registry says '2.15.0'" in out


def test_new_python_tag_is_reported(data: Path, fake: FakeRegistry, capsys: pytest.CaptureFixture[str]) -> None:
    files = fake.pypi("torch")["files"]
    files += [f | {"filename": f["filename"].replace("cp315", "cp316")} for f in files
              if "-2.15.0-cp315-cp315-" in f["filename"]]
    code, out, _ = sync(data, fake, capsys)
    assert code == 1
    pytorch = data / "frameworks" / "pytorch.yaml"
    assert section(out, "Differences") == [
        (f"{where(pytorch, '3.11 to 3.15')}: python_versions: data says '3.11 to 3.15, plus free-threaded 3.14t and "
         "3.15t (3.10 dropped in 2.15)', registry says '3.11–3.16, plus free-threaded 3.14t and 3.15t' "
         "(https://pypi.org/project/torch/2.15.0/)")]


def test_new_windows_arm64_wheel_is_reported(data: Path, fake: FakeRegistry,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    fake.pypi("torch")["files"].append({"filename": "torch-2.15.0-cp313-cp313-win_arm64.whl",
                                        "upload-time": "2026-11-02T10:00:00Z", "yanked": False,
                                        "requires-python": ">=3.11"})
    code, out, _ = sync(data, fake, capsys)
    assert code == 1
    pytorch = data / "frameworks" / "pytorch.yaml"
    assert section(out, "Differences") == [
        (f"{where(pytorch, 'none  # no win_arm64')}: wheels_windows_arm64: data says none, registry says full "
         "(win_arm64 wheel in torch 2.15.0) (https://pypi.org/project/torch/2.15.0/#files)")]


def test_a_level_the_registry_contradicts_is_reported_but_never_written(
        data: Path, fake: FakeRegistry, capsys: pytest.CaptureFixture[str]) -> None:
    jaxlib = fake.pypi("jaxlib")
    jaxlib["files"] = [f for f in jaxlib["files"] if "win_amd64" not in f["filename"]]  # Windows wheels gone
    gpu = fake.pypi("jax-cuda12-plugin")
    gpu["files"].append({"filename": "jax_cuda12_plugin-0.12.0.1-cp313-cp313-win_amd64.whl",
                         "upload-time": "2026-10-21T21:06:00Z", "yanked": False, "requires-python": ">=3.12"})
    jax = data / "frameworks" / "jax.yaml"
    before = load_yaml_file(jax)[0].data["cells"]  # type: ignore[union-attr]
    windows_gpu_at = where(jax, "none")  # before --write marks the agreeing cells and moves lines
    code, out, _ = sync(data, fake, capsys, "--write")
    assert code == 1  # still there after --write: a person decides
    differences = section(out, "Differences")
    assert f"{windows_gpu_at}: windows_gpu: data says none, registry says Windows wheels (win_amd64) " \
           "in GPU package jax-cuda12-plugin 0.12.0.1 (https://pypi.org/project/jax-cuda12-plugin/0.12.0.1/#files); " \
           "the level needs a person, not written" in differences
    assert any("windows_cpu: data says full, registry says no Windows wheel in jaxlib 0.12.0.1" in line
               for line in differences)
    assert not any("wheels_windows_arm64" in line for line in differences)
    after = load_yaml_file(jax)[0].data["cells"]  # type: ignore[union-attr]
    assert {f: after[f]["level"] for f in ("windows_cpu", "windows_gpu")} == \
        {f: before[f]["level"] for f in ("windows_cpu", "windows_gpu")}  # levels that need a person: untouched


def test_gpu_package_behind_the_main_package_is_checked_by_hand(data: Path, fake: FakeRegistry,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    jax = data / "frameworks" / "jax.yaml"
    jax.write_text(jax.read_text().replace("  linux_gpu:\n    level: full", "  linux_gpu:\n    level: none"))
    _, out, _ = sync(data, fake, capsys)
    assert "linux_gpu: data says none, registry says Linux wheels" in out  # a current GPU package proves it
    fake.add_release("jax-cuda12-plugin", "0.12.0.1", "0.11.2", "2026-09-01T10:00:00Z")
    gpu = fake.pypi("jax-cuda12-plugin")
    gpu["files"] = [f for f in gpu["files"] if "0.11.2" in f["filename"]]
    code, out, _ = sync(data, fake, capsys)
    assert "linux_gpu" not in out  # a GPU package stuck at an older series proves nothing
    assert (f"{where(jax, 'jax-cuda12-plugin')}: jax-cuda12-plugin on PyPI stops at 0.11.2 (2026-09-01), behind jax "
            "0.12.0.1") in "\n".join(section(out, "Check by hand"))
    assert code == 0


def test_package_gone_is_reported_where_it_is_declared(data: Path, fake: FakeRegistry,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    fake.documents[f"{PYPI}/torch/"] = 404
    code, out, _ = sync(data, fake, capsys)
    assert code == 1
    pytorch = data / "frameworks" / "pytorch.yaml"
    assert (f"{where(pytorch, 'name: torch', 'torch')}: packages.pypi.0.name: PyPI has no project 'torch' "
            f"({PYPI}/torch/); correct the name or remove it") in section(out, "Differences")


def test_outside_registries_and_github_are_checked_by_hand(data: Path, fake: FakeRegistry,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = sync(data, fake, capsys)
    assert code == 0  # mindspore's Python versions differ, but its releases appear elsewhere first
    by_hand = section(out, "Check by hand")
    mindspore, pytorch = data / "frameworks" / "mindspore.yaml", data / "frameworks" / "pytorch.yaml"
    assert (where(mindspore, "'3.9 to 3.12'") + ": python_versions: data says '3.9 to 3.12', registry says '3.10–3.12' "
            "(https://pypi.org/project/mindspore/2.10.0/); not compared: MindSpore publishes releases on mindspore.cn "
            "before PyPI.") in by_hand
    assert any(line.startswith(f"{where(mindspore, 'MindSpore publishes')}: mindspore: MindSpore publishes releases")
               and "PyPI has mindspore 2.10.0 (2026-07-31" in line for line in by_hand)
    assert ("mindspore: mindspore 2.10.0 has wheels tagged for any platform but one CPython (cp310-none-any, "
            "cp311-none-any and cp312-none-any); they count for no platform") in out  # not pure Python, not binaries
    assert (f"{where(pytorch, 'github: pytorch/pytorch', 'pytorch/pytorch')}: pytorch: release tags of "
            "pytorch/pytorch cannot be read from here "
            "(github.com is not reachable); compare the newest tag with latest_release '2.15.0' at "
            "https://github.com/pytorch/pytorch/tags") in by_hand


# --- registry trouble: exit 2, nothing written ------------------------------------------------------------

def test_registry_down_exits_2_with_one_clear_line_and_writes_nothing(data: Path, fake: FakeRegistry,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    fake.add_release("torch", "2.15.0", "2.16.0", "2026-11-20T15:00:00Z")  # drift that must not be written
    before = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    port = free_port()  # nothing listens there: connection refused
    closed = f"http://127.0.0.1:{port}"
    code = main(["--data", str(data), "--write", "--pypi-url", closed, "--npm-url", closed], today=TODAY,
                cache_dir=data.parent / "cache")
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    errors = [line for line in err.splitlines() if "asking" not in line]
    assert len(errors) == 1
    assert errors[0].startswith(f"sync: cannot reach 127.0.0.1:{port}: ") and errors[0].endswith("nothing was written")
    assert {p: p.read_bytes() for p in data.rglob("*") if p.is_file()} == before


def test_registry_down_from_the_command_line_prints_no_traceback(data: Path) -> None:
    port = free_port()
    result = run([sys.executable, "scripts/sync.py", "--data", str(data), "--refresh",
                  "--pypi-url", f"http://127.0.0.1:{port}", "--npm-url", f"http://127.0.0.1:{port}"])
    assert result.returncode == 2
    assert f"cannot reach 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("answer", "message"), [
    (b"<html><body>Service Unavailable</body></html>", "pypi.org answered something that is not JSON"),
    ({"error": "maintenance"}, "PyPI answered something that is not a JSON simple API page for 'torch'"),
    (503, "pypi.org answered HTTP 503"),
])
def test_garbage_answer_exits_2(data: Path, fake: FakeRegistry, capsys: pytest.CaptureFixture[str],
                                answer: Any, message: str) -> None:
    fake.documents[f"{PYPI}/torch/"] = answer
    code, out, err = sync(data, fake, capsys, "--write")
    assert code == 2
    assert message in err and out == ""
    assert not (data / RECORD_FILE).exists()


def test_invalid_data_exits_2(data: Path, fake: FakeRegistry, capsys: pytest.CaptureFixture[str]) -> None:
    pytorch = data / "frameworks" / "pytorch.yaml"
    text = pytorch.read_text()
    pytorch.write_text(text.replace("  linux_gpu:\n    level: full", "  linux_gpu:\n    level: yess"))
    code, _, err = sync(data, fake, capsys)
    assert code == 2
    assert "pytorch.yaml:" in err and "yess" in err and "fix them first" in err
    assert fake.calls == []


# --- the cache -----------------------------------------------------------------------------------------

def test_answers_are_cached_refreshed_and_used_offline(data: Path, fake: FakeRegistry,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    cache = data.parent / "cache"
    code, _, err = sync(data, fake, capsys, "--offline", cache=cache)
    assert code == 2 and "not in the cache and --offline forbids asking pypi.org" in err
    assert fake.calls == []
    sync(data, fake, capsys, cache=cache)
    asked = len(fake.calls)
    assert asked == 7  # 6 PyPI projects and 1 npm package, each once
    fake.add_release("torch", "2.15.0", "2.16.0", "2026-11-20T15:00:00Z")
    code, _, err = sync(data, fake, capsys, cache=cache)
    assert code == 0 and len(fake.calls) == asked and "cached answer from" in err  # the cache still answers
    code, _, _ = sync(data, fake, capsys, "--offline", cache=cache)
    assert code == 0 and len(fake.calls) == asked
    code, out, _ = sync(data, fake, capsys, "--refresh", cache=cache)
    assert code == 1 and len(fake.calls) == 2 * asked and "registry says '2.16.0'" in out


def test_cache_entries_expire(tmp_path: Path) -> None:
    now = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)
    clock = [now]
    cache = Cache(tmp_path, ttl=dt.timedelta(hours=6), now=lambda: clock[0])
    calls: list[str] = []

    def http(url: str, accept: str) -> Response:
        calls.append(url)
        return Response(200, (FIXTURES / "pypi" / "jax.json").read_bytes())

    def ask() -> None:
        Registries(http, cache).pypi("jax")

    ask()
    clock[0] = now + dt.timedelta(hours=5)
    ask()
    assert len(calls) == 1
    clock[0] = now + dt.timedelta(hours=7)
    ask()
    assert len(calls) == 2
    with pytest.raises(RegistryError, match="not JSON"):
        Registries(lambda url, accept: Response(200, b"<html>"), Cache(tmp_path / "other")).pypi("jax")
    assert not (tmp_path / "other").exists()  # garbage is never cached


# --- --write ---------------------------------------------------------------------------------------------

def test_write_round_trip(data: Path, fake: FakeRegistry, capsys: pytest.CaptureFixture[str]) -> None:
    fake.add_release("torch", "2.15.0", "2.16.0", "2026-11-20T15:00:01Z")
    fake.pypi("torch")["files"].append({"filename": "torch-2.16.0-cp313-cp313-win_arm64.whl",
                                        "upload-time": "2026-11-21T10:00:00Z", "yanked": False,
                                        "requires-python": ">=3.11"})
    tensorflow = data / "frameworks" / "tensorflow.yaml"
    tensorflow.write_text(tensorflow.read_text().replace(
        "  wheels_linux_aarch64:\n    level: full\n    sources:\n      - https://pypi.org/project/tensorflow/\n"
        "    verified: 2026-11-01\n", ""))  # a row without a cell: the sync adds it
    untouched = {p: cell_values(p) for p in (data / "frameworks").glob("*.yaml") if p.stem not in ("pytorch", "tensorflow")}

    code, out, _ = sync(data, fake, capsys, "--write")
    assert code == 0, out  # every difference was mechanical, and written
    pytorch = data / "frameworks" / "pytorch.yaml"
    text = pytorch.read_text()
    assert "# --- overview ---" in text and "# --- governance ---" in text and "# --- platforms ---" in text
    assert "# the 2.15 line" not in text and "# no win_arm64 wheel yet" not in text  # they described old values
    assert ("  latest_release:\n    value: '2.16.0'\n    derived: registry\n    sources:\n"
            "      - https://pypi.org/project/torch/2.16.0/\n    verified: 2026-11-26\n") in text
    assert "  latest_release_date:\n    value: 2026-11-20\n    derived: registry\n" in text
    assert ("  wheels_windows_arm64:\n    level: full\n    derived: registry\n    sources:\n"
            "      - https://pypi.org/project/torch/2.16.0/#files\n    verified: 2026-11-26\n") in text
    assert "2.15.0 is the newest version on PyPI" not in text
    assert "  python_versions:\n    value: 3.11 to 3.15, plus free-threaded 3.14t and 3.15t (3.10 dropped in 2.15)\n" \
        "    derived: registry\n" in text  # it agreed: its value and note kept, now marked as kept by the sync
    written = "\n".join(section(out, "Written"))
    assert "note removed (it described the old value): 2.15.0 is the newest version on PyPI." in written
    tf_text = tensorflow.read_text()
    assert tf_text.index("  wheels_linux_aarch64:\n    level: full\n    derived: registry\n") \
        < tf_text.index("  wheels_windows_arm64:")  # a new cell goes where the catalog puts it
    assert {p: cell_values(p) for p in untouched} == untouched  # agreeing cells only get marked

    # The canonical format and the validator accept the written files.
    formatted = run([sys.executable, "scripts/format.py", "--check", str(pytorch), str(tensorflow)])
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr
    validated = run([sys.executable, "scripts/validate.py", str(data)])
    assert validated.returncode == 0, validated.stdout + validated.stderr

    record, errors = read_record(data / RECORD_FILE)
    assert errors == []
    assert {(f, key) for f, features in record.items() for key in features} >= {
        ("pytorch", "latest_release"), ("pytorch", "latest_release_date"), ("pytorch", "wheels_windows_arm64"),
        ("tensorflow", "wheels_linux_aarch64"), ("pytorch", "python_versions")}
    for framework_id, features in record.items():  # every recorded cell is marked, and every marked cell recorded
        cells = load_yaml_file(data / "frameworks" / f"{framework_id}.yaml")[0].data["cells"]  # type: ignore[union-attr]
        assert {f for f, cell in cells.items() if cell.get("derived") == "registry"} == set(features), framework_id
    assert record["pytorch"]["latest_release"].value == "2.16.0"
    assert record["pytorch"]["latest_release_date"].value == "2026-11-20"
    assert record["pytorch"]["wheels_windows_arm64"].level == "full"
    assert record["pytorch"]["latest_release"].evidence == "https://pypi.org/project/torch/2.16.0/"
    assert record["pytorch"]["latest_release"].synced == TODAY
    assert check_against_record(data) == []

    # Nothing left to do: a second run reports no difference and changes nothing.
    snapshot = {p: p.read_bytes() for p in data.rglob("*.yaml")}
    code, out, _ = sync(data, fake, capsys, "--write")
    assert code == 0 and section(out, "Differences") == []
    assert {p: p.read_bytes() for p in data.rglob("*.yaml")} == snapshot

    # A later hand edit of a derived cell contradicts the record.
    pytorch.write_text(text.replace("value: '2.16.0'", "value: '2.17.0'").replace(
        "value: PyTorch Foundation", "value: The PyTorch Foundation"))  # the second cell is not derived
    errors = check_against_record(data)
    assert [str(e) for e in errors] == [
        where(pytorch, "'2.17.0'") + ": cells.latest_release.value: '2.17.0' is a hand edit that contradicts the last "
        "registry sync of 2026-11-26 ('2.16.0', https://pypi.org/project/torch/2.16.0/); run make sync ARGS=--write"]


def test_write_refuses_a_file_changed_by_someone_else_meanwhile(data: Path, fake: FakeRegistry,
                                                                 capsys: pytest.CaptureFixture[str],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from dlmatrix.data.writer import DataWriter

    fake.add_release("torch", "2.15.0", "2.16.0", "2026-11-20T15:00:00Z")
    pytorch = data / "frameworks" / "pytorch.yaml"
    real_check = DataWriter.check

    def meanwhile(self: DataWriter, texts: dict[Path, str]) -> None:
        real_check(self, texts)
        pytorch.write_text(pytorch.read_text() + "# someone else's edit\n")

    monkeypatch.setattr(DataWriter, "check", meanwhile)
    code, _, err = sync(data, fake, capsys, "--write")
    assert code == 2 and "changed while it was being rewritten; nothing was written" in err
    assert "value: '2.15.0'" in pytorch.read_text() and not (data / RECORD_FILE).exists()


def test_derived_cell_without_a_record_entry_is_reported(data: Path) -> None:
    jax = data / "frameworks" / "jax.yaml"
    jax.write_text(jax.read_text().replace("    value: 0.12.0.1\n", "    value: 0.12.0.1\n    derived: registry\n"))
    errors = check_against_record(data)
    assert [str(e) for e in errors] == [
        (f"{where(jax, 'registry')}: cells.latest_release: marked `derived: registry`, but no registry sync wrote "
         "it; run make sync ARGS=--write, or remove `derived` to keep a hand-written cell")]


# --- the pieces ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("3.11 to 3.14 (3.10 dropped in 2.15)", "3.11–3.14"),
    ("3.10–3.13 (TF 2.21 dropped Python 3.9)", "3.10–3.13"),
    ("3.12, 3.13, 3.14 (plus free-threaded 3.14t)", "3.12–3.14"),
    ("3.12 to 3.15, plus free-threaded 3.14t and 3.15t (not on Windows)",
     "3.12–3.15, plus free-threaded 3.14t and 3.15t"),
    ("'3.10 to 3.15, plus free-threaded 3.13t, 3.14t and 3.15t'",
     "3.10–3.15, plus free-threaded 3.13t, 3.14t and 3.15t"),
    ("3.11 and newer (3.11–3.14)", "3.11 and newer"),
    ("'3.9 to 3.12 as of 2.7.2'", "3.9–3.12"),
    ("3.9, 3.11-3.13", "3.9, 3.11–3.13"),
    (">=3.10", "3.10 and newer"),
    ("v7 requires Python 3.5.2 or later", None),
    ("no wheels", None),
])
def test_python_versions_are_read_from_cell_text(text: str, expected: str | None) -> None:
    parsed = parse_pythons(text)
    assert (parsed.text() if parsed else None) == expected


def test_python_versions_from_wheel_tags_and_requires_python() -> None:
    def release(*files: tuple[str, str | None]) -> Pythons | None:
        document = {"name": "p", "files": [{"filename": name, "upload-time": "2026-01-01T00:00:00Z", "yanked": False,
                                            "requires-python": requires} for name, requires in files]}
        latest = parse_pypi("p", document).latest
        assert latest is not None
        return latest.pythons()

    wheels = release(("p-1.0-cp310-cp310-win_amd64.whl", ">=3.10"), ("p-1.0-cp313-cp313-win_amd64.whl", ">=3.10"),
                     ("p-1.0-cp313-cp313t-win_amd64.whl", ">=3.10"),
                     ("p-1.0-cp311-cp311-manylinux_2_28_x86_64.whl", ">=3.10"),
                     ("p-1.0-cp312-cp312-manylinux_2_28_x86_64.whl", ">=3.10"))
    assert wheels is not None and wheels.text() == "3.10–3.13, plus free-threaded 3.13t"
    abi3 = release(("p-1.0-cp39-abi3-manylinux_2_28_x86_64.whl", ">=3.9,<3.15"))
    assert abi3 is not None and abi3.text() == "3.9–3.14"
    pure = release(("p-1.0-py3-none-any.whl", ">=3.11"), ("p-1.0.tar.gz", ">=3.11"))
    assert pure is not None and pure.text() == "3.11 and newer"
    assert release(("p-1.0-py3-none-any.whl", None)) is None
    jax = Pythons.from_specifier(">=3.12")
    assert jax is not None and wheels is not None and (jax & wheels).text() == "3.12–3.13, plus free-threaded 3.13t"


@pytest.mark.parametrize(("tag", "platforms"), [
    ("manylinux_2_28_x86_64", {"linux_x86_64"}), ("musllinux_1_2_aarch64", {"linux_aarch64"}),
    ("manylinux2014_aarch64", {"linux_aarch64"}), ("macosx_14_0_arm64", {"macos_arm64"}),
    ("macosx_11_0_universal2", {"macos_arm64", "macos_x86_64"}), ("macosx_10_15_x86_64", {"macos_x86_64"}),
    ("win_amd64", {"windows_x64"}),
    ("win_arm64", {"windows_arm64"}), ("win32", set()), ("manylinux_2_17_ppc64le", set()),
])
def test_wheel_platform_tags(tag: str, platforms: set[str]) -> None:
    assert platforms_of_tag(tag) == platforms


def test_npm_carries_the_latest_release_when_nothing_is_on_pypi() -> None:
    document = json.loads((FIXTURES / "npm" / "tensorflow__tfjs.json").read_text(encoding="utf-8"))
    document = copy.deepcopy(document) | {"dist-tags": {"latest": "4.22.0", "next": "5.0.0-rc.1"}}
    document["time"]["5.0.0-rc.1"] = "2026-11-01T00:00:00.000Z"
    from dlmatrix.tools.registry import parse_npm

    package = parse_npm("@tensorflow/tfjs", document)
    assert isinstance(package, NpmPackage)
    facts = Facts("tfjs", Packages.model_validate({"npm": ["@tensorflow/tfjs"]}), (), (package,))
    answer = _latest_release(facts)
    assert answer is not None and answer.value == "4.22.0"
    assert answer.evidence == ("https://www.npmjs.com/package/@tensorflow/tfjs/v/4.22.0",)
    assert package.newer_tags() == [("next", "5.0.0-rc.1")]  # a pre-release, never the latest


def test_rules_table_names_each_row_once_and_skips_rows_the_data_lacks(data: Path, fake: FakeRegistry,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    features = [rule.feature for rule in RULES]
    assert len(features) == len(set(features))
    assert {rule.feature for rule in RULES if rule.mechanical} == {
        "latest_release", "latest_release_date", "python_versions", "wheels_linux_x86_64", "wheels_linux_aarch64",
        "wheels_macos_arm64", "wheels_windows_x64", "wheels_windows_arm64"}
    _, out, _ = sync(data, fake, capsys)
    assert "wheels_linux_x86_64" not in out  # the fixture data has no such row


def test_malformed_record_is_reported_and_blocks_writing(data: Path, fake: FakeRegistry,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    record = data / RECORD_FILE
    record.write_text("frameworks:\n  pytorch:\n    latest_release:\n      value: '2.16.0'\n")
    assert [str(e) for e in check_against_record(data)] == [
        f"{record}:4:7: frameworks.pytorch.latest_release: expected value or level, evidence and synced (a date)"]
    fake.add_release("torch", "2.15.0", "2.16.0", "2026-11-20T15:00:00Z")
    before = (data / "frameworks" / "pytorch.yaml").read_bytes()
    code, _, err = sync(data, fake, capsys, "--write")
    assert code == 2 and f"{record}:4:7:" in err and "fix them first (make validate); nothing was written" in err
    assert (data / "frameworks" / "pytorch.yaml").read_bytes() == before


# --- check by hand: plugins that may be dead, version numbers in notes the registry has overtaken ----------

def add_cell(path: Path, text: str) -> None:
    """Append cells (YAML, indented as under `cells:`) to a fixture framework file."""
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + text, encoding="utf-8")


def plugin_cell(feature: str, via: str) -> str:
    return (f"  {feature}:\n    level: plugin\n    via: {via}\n    sources:\n      - https://pypi.org/\n"
            "    verified: 2026-11-01\n")


def test_a_plugin_without_a_release_for_18_months_may_be_dead(data: Path, fake: FakeRegistry,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    jax = data / "frameworks" / "jax.yaml"
    add_cell(jax, plugin_cell("macos_gpu", "pypi:jax-metal"))
    code, out, _ = sync(data, fake, capsys)
    assert code == 0, out  # a person judges it: not a difference
    assert section(out, "Differences") == []
    assert f"{where(jax, 'pypi:jax-metal')}: jax: macos_gpu: check by hand: plugin may be dead: jax-metal 0.1.1 " \
           "(2024-10-08) is its newest release, more than 18 months ago " \
           "(https://pypi.org/project/jax-metal/0.1.1/#files)" in section(out, "Check by hand")
    # Released a month ago: alive (jax-metal is pure Python without requires-python: no wheel to miss).
    for entry in fake.pypi("jax-metal")["files"]:
        entry["upload-time"] = "2026-10-20T10:00:00Z"
    _, out, _ = sync(data, fake, capsys)
    assert "plugin may be dead" not in out


def test_a_plugin_without_wheels_for_the_frameworks_python_may_be_dead(
        data: Path, fake: FakeRegistry, capsys: pytest.CaptureFixture[str]) -> None:
    tensorflow = data / "frameworks" / "tensorflow.yaml"
    add_cell(tensorflow, plugin_cell("macos_gpu", "pypi:tensorflow-metal"))
    _, out, _ = sync(data, fake, capsys)
    expected = (f"{where(tensorflow, 'pypi:tensorflow-metal')}: tensorflow: macos_gpu: check by hand: plugin may be "
                "dead: tensorflow-metal 1.2.0 (2025-01-31) is its newest release, more than 18 months ago; "
                "tensorflow-metal 1.2.0 has no wheel for Python 3.13, which TensorFlow supports "
                "(https://pypi.org/project/tensorflow-metal/1.2.0/#files)")
    assert expected in section(out, "Check by hand")
    metal = fake.pypi("tensorflow-metal")["files"]
    for entry in metal:
        entry["upload-time"] = "2026-03-20T10:00:00Z"  # within 18 months, but 8 months without a wheel for 3.13
    _, out, _ = sync(data, fake, capsys)
    assert [line for line in section(out, "Check by hand") if "plugin may be dead" in line] == [
        f"{where(tensorflow, 'pypi:tensorflow-metal')}: tensorflow: macos_gpu: check by hand: plugin may be dead: "
        "tensorflow-metal 1.2.0 has no wheel for Python 3.13, which TensorFlow supports "
        "(https://pypi.org/project/tensorflow-metal/1.2.0/#files)"]
    for entry in metal:
        entry["upload-time"] = "2026-10-20T10:00:00Z"  # released a month ago: catching up, not dead
    _, out, _ = sync(data, fake, capsys)
    assert "plugin may be dead" not in out
    for entry in metal:
        entry["upload-time"] = "2026-03-20T10:00:00Z"
    metal += [f | {"filename": f["filename"].replace("cp312-cp312", "cp313-cp313")} for f in metal
              if "-1.2.0-cp312-cp312-" in f["filename"]]
    _, out, _ = sync(data, fake, capsys)
    assert "plugin may be dead" not in out


def test_a_via_package_the_registry_does_not_know_is_a_difference(
        data: Path, fake: FakeRegistry, capsys: pytest.CaptureFixture[str]) -> None:
    jax = data / "frameworks" / "jax.yaml"
    add_cell(jax, plugin_cell("macos_gpu", "pypi:jax-metall"))
    fake.documents[f"{PYPI}/jax-metall/"] = 404
    code, out, _ = sync(data, fake, capsys)
    assert code == 1
    assert section(out, "Differences") == [
        f"{where(jax, 'pypi:jax-metall')}: jax: macos_gpu: via: PyPI has no project 'jax-metall' "
        f"({PYPI}/jax-metall/); correct the name"]


def test_version_numbers_in_notes_that_the_registry_has_overtaken_are_listed(
        data: Path, fake: FakeRegistry, capsys: pytest.CaptureFixture[str]) -> None:
    jax = data / "frameworks" / "jax.yaml"
    text = jax.read_text(encoding="utf-8")
    text = text.replace("  windows_gpu:\n    level: none\n",
                        "  windows_gpu:\n    level: none\n    note: jax-cuda12-plugin 0.12.0.1 has no Windows wheel "
                        "(none since 0.12.0 either); Python 3.12 is the oldest.\n")
    text = text.replace("  linux_gpu:\n    level: full\n",
                        "  linux_gpu:\n    level: full\n    note: 0.12.0.1 needs a CUDA 12 driver, and flax-extras "
                        "(0.12.0.1) needs it too.\n")  # the second number is another package's
    jax.write_text(text, encoding="utf-8")
    _, out, _ = sync(data, fake, capsys)
    assert "check by hand: says" not in out  # still the newest releases
    fake.add_release("jax-cuda12-plugin", "0.12.0.1", "0.12.1", "2026-11-20T10:00:00Z")
    fake.add_release("jax", "0.12.0.1", "0.12.1", "2026-11-20T10:00:00Z")
    fake.add_release("jaxlib", "0.12.0.1", "0.12.1", "2026-11-20T10:00:00Z")
    _, out, _ = sync(data, fake, capsys)
    assert [line for line in section(out, "Check by hand") if "check by hand: says" in line] == [
        f"{where(jax, 'note: 0.12.0.1', '0.12.0.1')}: cells.linux_gpu.note: check by hand: says '0.12.0.1', the "
        "newest release up to 30 days before it was verified on 2026-11-01; the registry now has jax 0.12.1 "
        "(https://pypi.org/project/jax/0.12.1/)",
        f"{where(jax, 'note: jax-cuda12', 'jax-cuda12')}: cells.windows_gpu.note: check by hand: says "
        "'jax-cuda12-plugin 0.12.0.1', the newest release up to 30 days before it was verified on 2026-11-01; "
        "the registry now has "
        "jax-cuda12-plugin 0.12.1 (https://pypi.org/project/jax-cuda12-plugin/0.12.1/)"]
