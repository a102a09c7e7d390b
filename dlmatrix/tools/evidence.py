"""`make evidence`: run every example program in its framework's own virtualenv and record what happened.

For each framework: create (or reuse) a venv under .cache/evidence/venvs/ from examples/environments.yaml,
measure its footprint (download and installed size) and `import` time. For each snippet
examples/<task>/<snippet>.py: run it in a fresh temporary folder with a time limit, and record status, wall
time, peak memory (ru_maxrss of the child), the sha256 and lines of code of the file, the versions that ran,
and the last lines it printed. Results go to data/evidence/tasks/<task>.yaml (one file per task, keys sorted,
so a re-run changes only the lines that changed) and data/evidence/frameworks.yaml.

A subset run (--tasks, --frameworks) replaces only the results it produced. Nothing here imports a
deep-learning framework: everything framework-specific runs in a child process of the framework's venv.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dlmatrix.data.errors import DataError, DataErrors
from dlmatrix.data.evidence import (
    ENVIRONMENTS_FILE,
    EXAMPLES_DIR,
    FRAMEWORKS_FILE,
    PLATFORM,
    TASK_RESULTS_DIR,
    EnvironmentSpec,
    Task,
    clean_text,
    framework_statuses,
    lines_of_code,
    program_text,
    read_environment,
    read_tasks,
    sha256_of,
)
from dlmatrix.data.writer import DataWriter

VENVS_DIR = ".cache/evidence/venvs"
LOGS_DIR = ".cache/evidence/logs"
PIP_CACHE_DIR = ".cache/evidence/pip"
STAMP = ".evidence-install.json"
DEFAULT_TIMEOUT = 240.0
OUTPUT_LINES = 8
IMPORT_RUNS = 5
HEADER = "# Written by `make evidence` (scripts/evidence.py); do not edit by hand.\n"

Log = Callable[[str], None]


# --- running one program ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What one child process did."""

    status: str  # passed | failed
    returncode: int | None  # None when it was killed at the time limit
    wall_seconds: float
    peak_memory_mib: int
    stdout: str
    stderr: str
    timed_out: bool = False

    @property
    def error(self) -> str | None:
        if self.timed_out:
            return f"timed out after {self.wall_seconds:.0f} s"
        if self.status == "passed":
            return None
        return last_error_line(self.stderr) or f"exit code {self.returncode}"


_EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt|Failure)\b")


def last_error_line(stderr: str) -> str | None:
    """The exception line of a traceback (e.g. 'AssertionError: ...'), else the last non-empty line."""
    lines = [line.rstrip() for line in stderr.splitlines() if line.strip()]
    for index in range(len(lines) - 1, -1, -1):
        if lines[index].startswith("Traceback (most recent call last)"):
            tail = [line for line in lines[index + 1:] if not line.startswith((" ", "\t"))]
            named = [line for line in tail if _EXCEPTION_LINE.match(line)]
            if named or tail:  # the exception line after the frames (log lines may come between)
                return clean_text((named or tail)[0], 500)
    return clean_text(lines[-1], 500) if lines else None


def tail_lines(text: str, count: int = OUTPUT_LINES) -> str | None:
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    return clean_text("\n".join(lines[-count:]), 2000) if lines else None


def child_env(extra: dict[str, str], cache_dir: Path) -> dict[str, str]:
    """The environment of a program: the runner's, without its venv, with fresh caches (cold timings)."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PIP_CONFIG_FILE")}
    env.update({
        "PYTHONHASHSEED": "0",
        "PYTHONSAFEPATH": "1",  # like `python -P`: examples/x/jax.py must not shadow the jax package
        "PYTHONUNBUFFERED": "1",
        "PYTHONWARNINGS": "ignore",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "XDG_CACHE_HOME": str(cache_dir),  # tinygrad's kernel cache, among others
        "TORCHINDUCTOR_CACHE_DIR": str(cache_dir / "torchinductor"),
        "TRITON_CACHE_DIR": str(cache_dir / "triton"),
    })
    env.update(extra)
    return env


def run_program(python: Path, program: Path, *, timeout: float, env: dict[str, str] | None = None,
                log_prefix: Path | None = None) -> Outcome:
    """Run `python -P program` in a fresh temporary folder; measure wall time and the child's peak memory."""
    with tempfile.TemporaryDirectory(prefix="evidence-") as tmp:
        workdir = Path(tmp) / "work"
        workdir.mkdir()
        full_env = child_env(env or {}, Path(tmp) / "cache")
        # As in an activated venv: launchers the program starts (msrun, mlx.launch) find this venv's python.
        full_env["PATH"] = f"{python.parent}{os.pathsep}{full_env.get('PATH', '')}"
        stdout_path, stderr_path = Path(tmp) / "stdout", Path(tmp) / "stderr"
        with stdout_path.open("wb") as out, stderr_path.open("wb") as err:
            start = time.perf_counter()
            process = subprocess.Popen([str(python), "-P", str(program.resolve())], cwd=workdir, env=full_env,
                                       stdin=subprocess.DEVNULL, stdout=out, stderr=err, start_new_session=True)
            timed_out = False
            status_code, usage = 0, None
            deadline = start + timeout
            while True:
                pid, status_code, usage = os.wait4(process.pid, os.WNOHANG)
                if pid:
                    break
                if time.perf_counter() > deadline:
                    timed_out = True
                    _kill_group(process.pid)
                    _, status_code, usage = os.wait4(process.pid, 0)
                    break
                time.sleep(0.02)
            wall = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status_code)  # keep Popen from waiting again
            _kill_group(process.pid)  # helpers it left behind (compile workers, data loaders)
        stdout = stdout_path.read_text(encoding="utf-8", errors="replace")
        stderr = stderr_path.read_text(encoding="utf-8", errors="replace")
    if log_prefix is not None:
        log_prefix.parent.mkdir(parents=True, exist_ok=True)
        log_prefix.with_suffix(".out").write_text(stdout, encoding="utf-8")
        log_prefix.with_suffix(".err").write_text(stderr, encoding="utf-8")
    returncode = None if timed_out else process.returncode
    peak_mib = round(usage.ru_maxrss / 1024) if usage is not None else 0  # ru_maxrss is in KiB on Linux
    status = "passed" if returncode == 0 else "failed"
    return Outcome(status, returncode, round(wall, 2), peak_mib, stdout, stderr, timed_out)


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


# --- virtualenvs --------------------------------------------------------------------------------------------------------


@dataclass
class Venv:
    name: str
    python: Path  # its interpreter
    error: str | None = None  # why it could not be set up (then its programs are not run)
    info: dict[str, Any] = field(default_factory=dict)  # python, pip, install, packages


def find_python(version: str) -> Path | None:
    """An interpreter for `version` (e.g. "3.12") that runs: $EVIDENCE_PYTHON_3_12, then python3.12 on PATH,
    then pyenv's newest 3.12.x (a pyenv shim on PATH may refuse to run without a selected version)."""
    candidates: list[Path] = []
    override = os.environ.get(f"EVIDENCE_PYTHON_{version.replace('.', '_')}")
    if override:
        candidates.append(Path(shutil.which(override) or override))
    found = shutil.which(f"python{version}")
    if found:
        candidates.append(Path(found))
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    candidates += sorted(pyenv.glob(f"{version}.*/bin/python"), reverse=True,
                         key=lambda p: [int(x) if x.isdigit() else -1 for x in p.parent.parent.name.split(".")])
    for candidate in candidates:
        try:
            done = subprocess.run([str(candidate), "-c", "import sys, venv; print('%d.%d' % sys.version_info[:2])"],
                                  capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.SubprocessError):
            continue
        if done.returncode == 0 and done.stdout.strip() == version:
            return candidate
    return None


def pip_env(root: Path) -> dict[str, str]:
    env = dict(os.environ)
    for key in ("VIRTUAL_ENV", "PIP_FIND_LINKS", "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_CONSTRAINT"):
        env.pop(key, None)  # PyPI only, as a fresh machine would see it
    env.update({"PIP_CONFIG_FILE": os.devnull,  # no constraint file: the newest releases
                "PIP_CACHE_DIR": str((root / PIP_CACHE_DIR).resolve()),
                "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1", "PIP_PROGRESS_BAR": "off"})
    return env


def ensure_venv(root: Path, name: str, spec: EnvironmentSpec, *, upgrade: bool, log: Log) -> Venv:
    """Create or reuse .cache/evidence/venvs/<name>; install its packages when the spec changed (or --upgrade)."""
    venv_spec = spec.venvs[name]
    version = spec.venv_python_version(name)
    directory = root / VENVS_DIR / name
    python = directory / "bin" / "python"
    wanted = {"python": version, "install": list(venv_spec.install)}
    stamp = directory / STAMP
    if python.exists() and stamp.exists() and not upgrade:
        try:
            if json.loads(stamp.read_text(encoding="utf-8")) == wanted:
                log(f"venv {name}: reusing {directory.relative_to(root)}")
                return Venv(name, python)
        except ValueError:
            pass
    base = find_python(version)
    if base is None:
        return Venv(name, python, f"no Python {version} found (set EVIDENCE_PYTHON_{version.replace('.', '_')})")
    if not python.exists():
        log(f"venv {name}: creating with {base}")
        made = subprocess.run([str(base), "-m", "venv", str(directory)], capture_output=True, text=True)
        if made.returncode != 0:
            return Venv(name, python, f"venv creation failed: {last_error_line(made.stderr)}")
    log(f"venv {name}: pip install {' '.join(venv_spec.install)}" + (" --upgrade" if upgrade else ""))
    log_file = root / LOGS_DIR / f"install-{name}.log"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    with log_file.open("w", encoding="utf-8") as out:
        command = [str(python), "-m", "pip", "install", *(["--upgrade"] if upgrade else []), *venv_spec.install]
        done = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, env=pip_env(root))
    if done.returncode != 0:
        reason = last_error_line(log_file.read_text(encoding="utf-8", errors="replace")) or "pip failed"
        log(f"venv {name}: install FAILED: {reason}")
        return Venv(name, python, f"pip install failed: {reason}")
    log(f"venv {name}: installed in {time.perf_counter() - start:.0f} s")
    stamp.write_text(json.dumps(wanted), encoding="utf-8")
    return Venv(name, python)


_PROBE = r"""
import json, sys, importlib.metadata as md
from pathlib import Path

def norm(name):
    return name.lower().replace("_", "-").replace(".", "-")

def closure(roots):
    seen, todo = {}, [(r.split("[")[0].strip(), r[r.index("[") + 1:r.index("]")].split(",") if "[" in r else [])
                      for r in roots]
    while todo:
        name, extras = todo.pop()
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            continue
        key = norm(dist.metadata["Name"])
        if key in seen and not extras:
            continue
        seen[key] = dist
        for req in dist.requires or []:
            spec, _, marker = req.partition(";")
            if "extra" in marker and not any(f'"{e.strip()}"' in marker or f"'{e.strip()}'" in marker
                                             for e in extras):
                continue
            dep = spec.strip()
            for stop in "[<>=!~ (":
                dep = dep.split(stop)[0]
            sub = spec[spec.index("[") + 1:spec.index("]")].split(",") if "[" in spec.split(" ")[0] else []
            if norm(dep) not in seen:
                todo.append((dep, sub))
    return seen

def size(dist):
    total = 0
    for f in dist.files or []:
        p = Path(dist.locate_file(f))
        if p.is_file():
            total += p.stat().st_size
    return total

args = json.loads(sys.argv[1])
report = {"python": sys.version.split()[0],
          "packages": {dist.metadata["Name"]: dist.version for dist in md.distributions()}}
try:
    report["pip"] = md.version("pip")
except md.PackageNotFoundError:
    report["pip"] = "none"
for key, roots in args.items():
    found = closure(roots)
    report[key] = {"bytes": sum(size(d) for d in found.values()), "distributions": len(found)}
print(json.dumps(report))
"""


def probe_venv(python: Path, footprints: dict[str, list[str]]) -> dict[str, Any]:
    """Python and pip versions, every installed distribution, and the installed size of each closure."""
    done = subprocess.run([str(python), "-c", _PROBE, json.dumps(footprints)], capture_output=True, text=True,
                          timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"probe failed: {last_error_line(done.stderr)}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def download_size(root: Path, python: Path, requirements: list[str], scratch: Path) -> int:
    """Bytes of the files `pip download` fetches for `requirements` (from pip's cache when it has them)."""
    target = scratch / "download"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    try:
        subprocess.run([str(python), "-m", "pip", "download", "--quiet", "--dest", str(target), *requirements],
                       check=True, capture_output=True, env=pip_env(root), timeout=3600)
        return sum(path.stat().st_size for path in target.iterdir() if path.is_file())
    finally:
        shutil.rmtree(target, ignore_errors=True)


def import_seconds(python: Path, module: str, env: dict[str, str], runs: int = IMPORT_RUNS) -> float:
    """Median time of `import module` in `runs` fresh interpreters (the statement alone, not start-up)."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    times = []
    with tempfile.TemporaryDirectory(prefix="evidence-import-") as tmp:
        for _ in range(runs):
            done = subprocess.run([str(python), "-P", "-c", code], capture_output=True, text=True, cwd=tmp,
                                  env=child_env(env, Path(tmp) / "cache"), timeout=300)
            if done.returncode != 0:
                raise RuntimeError(f"import {module} failed: {last_error_line(done.stderr)}")
            times.append(float(done.stdout.strip().splitlines()[-1]))
    return round(statistics.median(times), 3)  # the matrix shows it in milliseconds


# --- the run ----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    tasks: list[str] | None = None
    frameworks: list[str] | None = None
    timeout: float = DEFAULT_TIMEOUT
    upgrade: bool = False
    footprint: bool = True


@dataclass(frozen=True)
class Job:
    task: Task
    snippet: str
    framework: str
    backend: str | None
    venv: str


def plan(tasks: list[Task], spec: EnvironmentSpec, options: Options) -> list[Job]:
    jobs = []
    for task in tasks:
        if options.tasks and task.id not in options.tasks:
            continue
        for snippet in task.snippets:
            resolved = spec.resolve(snippet)
            if resolved is None:
                continue
            framework, backend, venv = resolved
            if options.frameworks and framework not in options.frameworks and snippet not in options.frameworks:
                continue
            jobs.append(Job(task, snippet, framework, backend, venv))
    return jobs


def versions_for(spec: EnvironmentSpec, framework: str, backend: str | None, packages: dict[str, str]) -> dict[str, str]:
    """Installed versions of the framework's distributions (and of its backend's, for Keras)."""
    names = list(spec.frameworks[framework].packages)
    if backend is not None:
        names += spec.frameworks[spec.frameworks[framework].backends[backend]].packages
    lookup = {name.lower().replace("_", "-"): version for name, version in packages.items()}
    return {name: lookup[name.lower().replace("_", "-")] for name in names if name.lower().replace("_", "-") in lookup}


def _result_for_job(root: Path, spec: EnvironmentSpec, job: Job, venv: Venv, outcome: Outcome | None,
                    today: dt.date, not_run_reason: str | None) -> dict[str, Any]:
    file = job.task.snippet_file(job.snippet)
    text = program_text(root, file)
    result: dict[str, Any] = {"framework": job.framework}
    if job.backend:
        result["backend"] = job.backend
    result["file"] = file
    result["sha256"] = sha256_of(root / file)
    result["lines_of_code"] = lines_of_code(text)
    if outcome is None:
        result.update({"status": "not-run", "reason": not_run_reason, "date": today})
        return _ordered(result)
    packages = venv.info.get("packages", {})
    result.update({
        "status": outcome.status,
        "versions": versions_for(spec, job.framework, job.backend, packages),
        "python": venv.info.get("python"),
        "platform": PLATFORM,
        "wall_seconds": outcome.wall_seconds,
        "peak_memory_mib": outcome.peak_memory_mib,
        "date": today,
        "output": tail_lines(outcome.stdout),
        "error": outcome.error,
    })
    return _ordered(result)


ORDER = ("framework", "backend", "status", "file", "sha256", "lines_of_code", "versions", "python", "platform",
         "wall_seconds", "peak_memory_mib", "date", "reason", "source", "error", "output")


def _ordered(result: dict[str, Any]) -> dict[str, Any]:
    return {key: result[key] for key in ORDER if result.get(key) is not None}


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # the strict reader refuses anchors and aliases
        return True


def _str_representer(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    if "\n" in data:
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", data)


_Dumper.add_representer(str, _str_representer)


def dump_yaml(data: Any) -> str:
    return HEADER + yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120,
                              default_flow_style=False)


def _read_existing(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def write_task_results(root: Path, task: Task, new: dict[str, dict[str, Any]], today: dt.date) -> Path:
    """Merge `new` into data/evidence/tasks/<task>.yaml: keep results of snippets not run this time, drop those
    whose file is gone, and (re)write the not-available entries from task.yaml."""
    path = root / TASK_RESULTS_DIR / f"{task.id}.yaml"
    old = _read_existing(path).get("results") or {}
    merged: dict[str, Any] = {}
    for snippet in task.snippets:
        if snippet in new:
            merged[snippet] = new[snippet]
        elif snippet in old and isinstance(old[snippet], dict) and old[snippet].get("file"):
            merged[snippet] = old[snippet]
    for framework_id, unavailable in task.spec.not_available.items():
        previous = old.get(framework_id) if isinstance(old.get(framework_id), dict) else None
        same = previous and previous.get("reason") == unavailable.reason and previous.get("source") == unavailable.source
        merged[framework_id] = _ordered({"framework": framework_id, "status": "not-available",
                                         "reason": unavailable.reason, "source": unavailable.source,
                                         "date": previous["date"] if same and previous else today})
    path.parent.mkdir(parents=True, exist_ok=True)
    results = dump_yaml({"task": task.id, "results": dict(sorted(merged.items()))})
    DataWriter(root / "data").write({path: results}, check=False)  # checked by the evidence's own loader
    return path


def machine() -> dict[str, Any]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = 0.0
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                memory = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    os_name = platform.platform()
    try:
        release = dict(line.split("=", 1) for line in Path("/etc/os-release").read_text().splitlines() if "=" in line)
        os_name = f"{release.get('PRETTY_NAME', '').strip(chr(34))}, kernel {platform.release()}"
    except OSError:
        pass
    return {"platform": PLATFORM if platform.machine() in ("x86_64", "AMD64") else f"Linux {platform.machine()} CPU",
            "cpu": cpu, "cores": os.cpu_count() or 0, "memory_gib": memory, "os": os_name,
            "runner_python": platform.python_version()}


def run(root: Path, options: Options, log: Log = print,
        venv_factory: Callable[[str], Venv] | None = None) -> list[DataError]:
    """The whole run; returns configuration errors (then nothing ran). `venv_factory` replaces venv creation
    (tests use the project's own Python)."""
    errors: list[DataError] = []
    spec = read_environment(root, errors)
    tasks = read_tasks(root, errors)
    if spec is None or errors:
        return errors
    known = set(spec.frameworks) | {f"{fw}-{b}" for fw, s in spec.frameworks.items() for b in s.backends}
    for name in options.frameworks or []:
        if name not in known:
            return [DataError(ENVIRONMENTS_FILE, 1, 1, f"unknown framework '{name}'; known: {', '.join(sorted(known))}")]
    for name in options.tasks or []:
        if name not in {task.id for task in tasks}:
            return [DataError(EXAMPLES_DIR, 1, 1, f"unknown task '{name}'")]
    today = dt.date.today()
    started = time.perf_counter()
    jobs = plan(tasks, spec, options)
    frameworks = sorted({job.framework for job in jobs} | set(options.frameworks or [])) if options.frameworks \
        else sorted(spec.frameworks)
    frameworks = [fw for fw in frameworks if fw in spec.frameworks]
    needed = sorted({job.venv for job in jobs} | {spec.frameworks[fw].venv for fw in frameworks})
    log(f"evidence: {len(jobs)} programs in {len(needed)} venvs ({', '.join(needed)})")

    venvs: dict[str, Venv] = {}
    for name in needed:
        venv = venv_factory(name) if venv_factory else ensure_venv(root, name, spec, upgrade=options.upgrade, log=log)
        if venv.error is None:
            roots = {fw: spec.frameworks[fw].packages for fw in spec.frameworks if spec.frameworks[fw].venv == name}
            try:
                venv.info = probe_venv(venv.python, roots)
            except (RuntimeError, subprocess.SubprocessError, ValueError) as exc:
                venv.error = str(exc)
        venvs[name] = venv

    # Per framework: versions, footprint, import time.
    previous_frameworks = _read_existing(root / FRAMEWORKS_FILE).get("frameworks") or {}
    framework_info: dict[str, dict[str, Any]] = {}
    for framework_id in frameworks:
        fw = spec.frameworks[framework_id]
        venv = venvs[fw.venv]
        entry: dict[str, Any] = {"venv": fw.venv, "python": venv.info.get("python", "unknown"),
                                 "versions": {}, "import_statement": f"import {fw.import_}", "measured": today}
        if venv.error:
            entry["install_error"] = clean_text(venv.error, 500)
            framework_info[framework_id] = entry
            continue
        entry["versions"] = versions_for(spec, framework_id, None, venv.info["packages"])
        if options.tasks and framework_id in previous_frameworks:
            continue  # a run of some tasks keeps the last measurements of the frameworks
        try:
            entry["import_seconds"] = import_seconds(venv.python, fw.import_, fw.env)
            log(f"{framework_id}: import {fw.import_} {entry['import_seconds']:.2f} s (median of {IMPORT_RUNS})")
        except (RuntimeError, subprocess.SubprocessError, ValueError) as exc:
            log(f"{framework_id}: {exc}")
        if options.footprint:
            installed = venv.info.get(framework_id, {})
            try:
                downloaded = download_size(root, venv.python, list(fw.footprint), root / ".cache" / "evidence")
                entry["footprint"] = {"download_mib": round(downloaded / 2**20, 1),
                                      "installed_mib": round(installed.get("bytes", 0) / 2**20, 1),
                                      "distributions": installed.get("distributions", 0)}
                log(f"{framework_id}: download {entry['footprint']['download_mib']:.0f} MiB, installed "
                    f"{entry['footprint']['installed_mib']:.0f} MiB in {entry['footprint']['distributions']} "
                    "distributions")
            except (subprocess.SubprocessError, OSError) as exc:
                log(f"{framework_id}: footprint not measured: {exc}")
        framework_info[framework_id] = entry

    # The programs.
    new: dict[str, dict[str, dict[str, Any]]] = {}
    width = max((len(f"{job.task.id}/{job.snippet}") for job in jobs), default=10) + 2
    counts: dict[str, int] = {}
    for index, job in enumerate(jobs, start=1):
        venv = venvs[job.venv]
        label = f"[{index:>3}/{len(jobs)}] {job.task.id}/{job.snippet}".ljust(width + 10, ".")
        not_run = job.task.spec.not_run.get(job.snippet)
        outcome: Outcome | None = None
        reason: str | None = None
        if not_run is not None:
            reason = not_run.reason
        elif venv.error:
            reason = f"the {job.venv} venv could not be installed here: {venv.error}"
        else:
            fw = spec.frameworks[job.framework]
            env = dict(fw.env)
            if job.backend and fw.backend_env:
                env[fw.backend_env] = job.backend
            outcome = run_program(venv.python, root / job.task.snippet_file(job.snippet), timeout=options.timeout,
                                  env=env, log_prefix=root / LOGS_DIR / job.task.id / job.snippet)
        result = _result_for_job(root, spec, job, venv, outcome, today, reason)
        new.setdefault(job.task.id, {})[job.snippet] = result
        counts[result["status"]] = counts.get(result["status"], 0) + 1
        detail = (f"{outcome.wall_seconds:6.1f} s {outcome.peak_memory_mib:6d} MiB" if outcome else "")
        why = f"  {outcome.error}" if outcome and outcome.error else (f"  ({reason})" if reason else "")
        log(f"{label} {result['status']:<9}{detail}{why}")

    for task in tasks:
        if options.tasks and task.id not in options.tasks:
            continue
        write_task_results(root, task, new.get(task.id, {}), today)

    frameworks_path = root / FRAMEWORKS_FILE
    existing = _read_existing(frameworks_path)
    old_frameworks = existing.get("frameworks") or {}
    old_venvs = existing.get("venvs") or {}
    for framework_id, entry in framework_info.items():
        previous = old_frameworks.get(framework_id)
        if "footprint" not in entry and isinstance(previous, dict) and previous.get("footprint"):
            entry["footprint"] = previous["footprint"]  # --no-footprint keeps the last measurement
        old_frameworks[framework_id] = entry
    for name, venv in venvs.items():
        if venv.info:
            old_venvs[name] = {"python": venv.info["python"], "pip": venv.info["pip"],
                               "install": list(spec.venvs[name].install),
                               "packages": dict(sorted(venv.info["packages"].items(), key=lambda kv: kv[0].lower()))}
    statuses = framework_statuses(root, [])
    run_info = {"date": today, **machine(), "duration_seconds": round(time.perf_counter() - started, 1),
                "command": "make evidence" + (f" ARGS=\"{_args_text(options)}\"" if _args_text(options) else "")}
    document = {"run": run_info,
                "frameworks": {k: _order_framework(v) for k, v in sorted(old_frameworks.items())
                               if k in spec.frameworks and statuses.get(k) != "retired"},
                "venvs": dict(sorted((k, v) for k, v in old_venvs.items() if k in spec.venvs))}
    frameworks_path.parent.mkdir(parents=True, exist_ok=True)
    DataWriter(root / "data").write({frameworks_path: dump_yaml(document)}, check=False)
    summary = ", ".join(f"{counts[s]} {s}" for s in ("passed", "failed", "not-run") if counts.get(s))
    log(f"evidence: {summary or 'nothing run'} in {time.perf_counter() - started:.0f} s; results in "
        f"{TASK_RESULTS_DIR}/ and {FRAMEWORKS_FILE}")
    return update_measured_cells(root, today, log)


def update_measured_cells(root: Path, today: dt.date, log: Log) -> list[DataError]:
    """The matrix cells marked `derived: measured` (install size, import time), rewritten from the run's file; a
    problem is reported, with nothing written, as one error (the results of the run stay written)."""
    from dlmatrix.data.writer import WriteError
    from dlmatrix.tools.measured_cells import write_measured_cells  # imports the data loader

    try:
        written = write_measured_cells(root, today, lambda line: log(f"  {line}"))
    except WriteError as exc:
        return [DataError("data/frameworks", 1, 1, f"the measured matrix cells were not updated: {exc}")]
    except DataErrors as exc:
        return exc.errors
    log(f"evidence: measured matrix cells updated in {len(written)} framework file(s)" if written
        else "evidence: measured matrix cells already match the run")
    return []


def _order_framework(entry: dict[str, Any]) -> dict[str, Any]:
    keys = ("venv", "python", "versions", "import_statement", "import_seconds", "footprint", "measured",
            "install_error")
    return {key: entry[key] for key in keys if entry.get(key) is not None}


def _args_text(options: Options) -> str:
    parts = []
    if options.tasks:
        parts.append(f"--tasks {','.join(options.tasks)}")
    if options.frameworks:
        parts.append(f"--frameworks {','.join(options.frameworks)}")
    return " ".join(parts)


def _split(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    return [item for value in values for item in value.split(",") if item]


def parse_args(argv: list[str]) -> Options:
    parser = argparse.ArgumentParser(prog="make evidence ARGS=...", description=__doc__.split("\n\n")[0]
                                     if __doc__ else None)
    parser.add_argument("--tasks", action="append", help="only these tasks (comma-separated or repeated)")
    parser.add_argument("--frameworks", action="append",
                        help="only these frameworks or snippets, e.g. pytorch,keras or keras-jax")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per program")
    parser.add_argument("--upgrade", action="store_true", help="re-resolve every venv to the newest releases")
    parser.add_argument("--no-footprint", dest="footprint", action="store_false",
                        help="skip the download-size measurement (keeps the last one)")
    parser.add_argument("--check", action="store_true", help="only check the committed results against examples/")
    parser.add_argument("--cells", action="store_true",
                        help="only rewrite the measured matrix cells (derived: measured) from the committed run")
    args = parser.parse_args(argv)
    return Options(tasks=_split(args.tasks), frameworks=_split(args.frameworks), timeout=args.timeout,
                   upgrade=args.upgrade, footprint=args.footprint)


def iter_results_files(root: Path) -> Iterator[Path]:
    yield from sorted((root / TASK_RESULTS_DIR).glob("*.yaml"))
