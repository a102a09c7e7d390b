"""The evidence (examples/ and data/evidence/): committed results match the programs, every task covers every
active framework, a stale result is reported with the file and `make evidence`, and the runner's bookkeeping
(passed, failed, timeout, not-run, partial runs) on a fake framework whose "venv" is the project's own Python.

No deep-learning framework is installed or imported here.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from dlmatrix.data.errors import DataErrors
from dlmatrix.data.evidence import (
    FRAMEWORKS_FILE,
    TASK_RESULTS_DIR,
    active_frameworks,
    check_evidence,
    covered_frameworks,
    lines_of_code,
    load_evidence,
    sha256_of,
)
from dlmatrix.tools.evidence import Options, Venv, last_error_line, run, run_program

pytestmark = pytest.mark.live_data  # checks the live data: the contributor-path test runs it on a scaffolded copy too

ROOT = Path(__file__).resolve().parents[2]


def _copy_repo(tmp_path: Path) -> Path:
    """The parts of the repository the evidence check reads, in a temporary folder."""
    for part in ("examples", "data/evidence", "data/frameworks", "data/topics", "data/features"):
        if (ROOT / part).exists():
            shutil.copytree(ROOT / part, tmp_path / part)
    return tmp_path


# --- the committed evidence ---------------------------------------------------------------------------------------------


def test_committed_results_match_the_programs() -> None:
    errors = check_evidence(ROOT)
    assert not errors, "\n".join(str(error) for error in errors)


def test_every_task_has_a_result_or_a_reason_for_every_active_framework() -> None:
    evidence = load_evidence(ROOT)
    covered = covered_frameworks(ROOT, evidence.environment, [])
    assert set(active_frameworks(ROOT, [])) <= set(covered)
    assert len(covered) >= 8
    assert len(evidence.tasks) >= 8
    for task in evidence.tasks:
        for framework in covered:
            cell = evidence.cell(task.id, framework)
            assert cell, f"task {task.id}: nothing for {framework}"
            for _, result in cell:
                if result.status == "not-available":
                    assert result.reason and result.source and result.source.startswith("https://")
                elif result.status == "not-run":
                    assert result.reason
                elif result.status == "not-written":  # a new framework's program nobody has written yet: said so
                    assert result.reason and framework in task.spec.not_written
                else:
                    assert result.file and (ROOT / result.file).exists()


def test_the_committed_run_meets_the_bar() -> None:
    """At least 6 frameworks pass at least 6 tasks each; every framework that installs has its footprint."""
    evidence = load_evidence(ROOT)
    passed: dict[str, set[str]] = {}
    for task_id, results in evidence.results.items():
        for result in results.results.values():
            if result.status == "passed":
                passed.setdefault(result.framework, set()).add(task_id)
    assert sum(len(tasks) >= 6 for tasks in passed.values()) >= 6, passed
    assert evidence.frameworks is not None
    for framework_id, info in evidence.frameworks.frameworks.items():
        if info.install_error is None:
            assert info.footprint is not None, f"{framework_id} has no footprint"
            assert info.footprint.installed_mib > 0 and info.footprint.download_mib > 0
            assert info.import_seconds is not None


def test_a_stale_result_names_the_program_and_make_evidence(tmp_path: Path) -> None:
    root = _copy_repo(tmp_path)
    program = root / "examples" / "autodiff" / "pytorch.py"
    program.write_text(program.read_text(encoding="utf-8") + "print('edited after the run')\n", encoding="utf-8")

    errors = check_evidence(root)

    stale = [error for error in errors if "examples/autodiff/pytorch.py" in error.message]
    assert stale, errors
    assert all(error.path == f"{TASK_RESULTS_DIR}/autodiff.yaml" for error in stale)
    assert any("stale" in error.message and "make evidence" in error.message for error in stale)
    assert stale[0].line > 1  # points at the result's sha256, not the top of the file
    with pytest.raises(DataErrors):
        load_evidence(root)


def test_a_framework_without_program_or_reason_is_reported(tmp_path: Path) -> None:
    root = _copy_repo(tmp_path)
    task_file = root / "examples" / "fit" / "task.yaml"
    data = yaml.safe_load(task_file.read_text(encoding="utf-8"))
    del data["not_available"]["tinygrad"]
    task_file.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")

    messages = [str(error) for error in check_evidence(root)]

    assert any("examples/fit/task.yaml" in m and "tinygrad" in m and "not_available" in m for m in messages), messages


def test_a_missing_result_is_reported(tmp_path: Path) -> None:
    root = _copy_repo(tmp_path)
    (root / "examples" / "model" / "pytorch.py").rename(root / "examples" / "model" / "tinygrad-extra.py")

    messages = [str(error) for error in check_evidence(root)]

    assert any("tinygrad-extra.py" in m for m in messages), messages  # no framework runs that name
    assert any("result for examples/model/pytorch.py" in m and "no longer has" in m for m in messages), messages


def test_lines_of_code_skip_blanks_and_comments() -> None:
    source = textwrap.dedent('''\
        # a comment
        import os

        x = [1,  # trailing comment
             2]
            # indented comment
        def f():
            """Docstring."""
            return x
    ''')
    assert lines_of_code(source) == 6  # import, x (two lines), def, docstring, return


# --- the runner on a fake framework ----------------------------------------------------------------------------------

FAKE_ENVIRONMENTS = """\
python: "3.11"
venvs:
  fake:
    install: [fakepkg]
frameworks:
  fake:
    venv: fake
    packages: [pydantic]
    footprint: [pydantic]
    import: json
"""


def _fake_repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "data" / "frameworks").mkdir(parents=True)
    (root / "data" / "frameworks" / "fake.yaml").write_text("id: fake\nname: Fake\nstatus: active\n")
    (root / "examples").mkdir()
    (root / "examples" / "environments.yaml").write_text(FAKE_ENVIRONMENTS)
    programs = {
        "ok": "x = 6 * 7\nassert x == 42\nprint('answer', x)\n",
        "bad": "print('before')\nassert 1 + 1 == 3, 'arithmetic is broken'\n",
        "slow": "import time\nprint('sleeping', flush=True)\ntime.sleep(60)\n",
        "skipped": "raise SystemExit('must not run')\n",
    }
    for order, (task, program) in enumerate(programs.items()):
        folder = root / "examples" / task
        folder.mkdir()
        not_run = "not_run:\n  fake:\n    reason: needs hardware this machine lacks\n" if task == "skipped" else ""
        (folder / "task.yaml").write_text(f"title: {task}\nshows: The {task} program.\norder: {order}\n"
                                          f"features: [automatic_differentiation]\n{not_run}")
        (folder / "fake.py").write_text(program)
    return root


def _results(root: Path, task: str) -> dict[str, object]:
    data = yaml.safe_load((root / TASK_RESULTS_DIR / f"{task}.yaml").read_text(encoding="utf-8"))
    result: dict[str, object] = data["results"]["fake"]
    return result


def test_the_runner_records_passed_failed_timeout_and_not_run(tmp_path: Path) -> None:
    root = _fake_repo(tmp_path)
    lines: list[str] = []

    errors = run(root, Options(timeout=3, footprint=False), log=lines.append,
                 venv_factory=lambda name: Venv(name, Path(sys.executable)))

    assert errors == []
    ok, bad, slow, skipped = (_results(root, task) for task in ("ok", "bad", "slow", "skipped"))
    assert ok["status"] == "passed" and ok["output"] == "answer 42" and "error" not in ok
    assert ok["sha256"] == sha256_of(root / "examples" / "ok" / "fake.py")
    assert ok["lines_of_code"] == 3 and ok["platform"] == "Linux x86-64 CPU"
    assert ok["versions"] == {"pydantic": __import__("pydantic").VERSION}
    assert ok["python"] == sys.version.split()[0]
    assert isinstance(ok["wall_seconds"], float) and 0 < ok["wall_seconds"] < 3
    assert isinstance(ok["peak_memory_mib"], int) and ok["peak_memory_mib"] > 1
    assert bad["status"] == "failed" and bad["error"] == "AssertionError: arithmetic is broken"
    assert bad["output"] == "before"
    assert slow["status"] == "failed" and str(slow["error"]).startswith("timed out after")
    assert isinstance(slow["wall_seconds"], float) and 3 <= slow["wall_seconds"] < 15
    assert skipped["status"] == "not-run" and skipped["reason"] == "needs hardware this machine lacks"
    assert any("ok/fake" in line and "passed" in line for line in lines)  # progress as it goes
    frameworks = yaml.safe_load((root / FRAMEWORKS_FILE).read_text(encoding="utf-8"))
    assert frameworks["frameworks"]["fake"]["import_statement"] == "import json"
    assert frameworks["run"]["platform"] == "Linux x86-64 CPU"
    assert check_evidence(root) == []  # what the runner writes passes the check

    # A partial run replaces only what it ran; editing a program makes its result stale until then.
    (root / "examples" / "bad" / "fake.py").write_text("print('fixed')\n")
    assert any("examples/bad/fake.py" in str(e) and "make evidence" in str(e) for e in check_evidence(root))
    assert run(root, Options(tasks=["bad"], footprint=False), log=lines.append,
               venv_factory=lambda name: Venv(name, Path(sys.executable))) == []
    assert _results(root, "bad")["status"] == "passed"
    assert _results(root, "ok") == ok
    after = yaml.safe_load((root / FRAMEWORKS_FILE).read_text(encoding="utf-8"))
    assert after["frameworks"]["fake"] == frameworks["frameworks"]["fake"]  # measurements kept
    assert check_evidence(root) == []


def test_run_program_measures_the_childs_peak_memory(tmp_path: Path) -> None:
    program = tmp_path / "big.py"
    program.write_text("block = bytearray(300 * 2**20)\nblock[::4096] = b'x' * len(block[::4096])\n")

    outcome = run_program(Path(sys.executable), program, timeout=60)

    assert outcome.status == "passed" and outcome.returncode == 0
    assert outcome.peak_memory_mib >= 300


def test_run_program_runs_in_a_fresh_folder_without_shadowing(tmp_path: Path) -> None:
    """A program named like the package it imports (examples/x/json.py importing json) still works (-P)."""
    program = tmp_path / "json.py"
    program.write_text("import json, os\nprint(json.dumps({'cwd_empty': os.listdir('.') == []}))\n")

    outcome = run_program(Path(sys.executable), program, timeout=60)

    assert outcome.status == "passed", outcome.stderr
    assert outcome.stdout.strip() == '{"cwd_empty": true}'


def test_last_error_line_finds_the_exception() -> None:
    stderr = "warning: noise\nTraceback (most recent call last):\n  File \"x.py\", line 1\n    assert 0\n" \
             "AssertionError: boom\n[WARNING] trailing log line\n"
    assert last_error_line(stderr) == "AssertionError: boom"
    assert last_error_line("Traceback (most recent call last):\n  File 'x'\nValueError: bad\n") == "ValueError: bad"
    assert last_error_line("") is None
