"""The evidence: the same small tasks written in every active framework, run, and their committed results.

Files (all read with the strict YAML reader, so every problem has a file:line:column):

    examples/environments.yaml        one virtualenv per framework: what `make evidence` installs
    examples/<task>/task.yaml         what the task shows, its matrix features, frameworks without the feature
    examples/<task>/<snippet>.py      one program per framework (Keras: keras-jax.py, keras-torch.py, ...)
    data/evidence/tasks/<task>.yaml   one result per snippet (written by `make evidence`)
    data/evidence/frameworks.yaml     the run's machine, each venv's packages, each framework's footprint

`check_evidence` says whether the committed results still describe the snippets (sha256 of each file) and
whether every task has a result or a stated reason for every active framework. `load_evidence` returns the
typed results for the pages. Nothing here imports MkDocs or any deep-learning framework.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import tokenize
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeVar, get_args
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from dlmatrix.data.errors import DataError, DataErrors
from dlmatrix.data.files import FileRefused, exists, is_link, is_real_dir, list_dir, read_bytes, read_text, walk_files
from dlmatrix.data.reader import LoadedFile, load_yaml_file
from dlmatrix.data.vocabulary import ResultId

EXAMPLES_DIR = "examples"
RESULTS_DIR = "data/evidence"
TASK_RESULTS_DIR = "data/evidence/tasks"
ENVIRONMENTS_FILE = "examples/environments.yaml"
FRAMEWORKS_FILE = "data/evidence/frameworks.yaml"
TASK_FILE = "task.yaml"
PLATFORM = "Linux x86-64 CPU"
RERUN_HINT = "run `make evidence`"

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$", max_length=40)]
FeatureId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$", max_length=60)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Requirement = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._\-\[\],<>=!~ ]*$", max_length=100)]
Status = ResultId  # the vocabulary's results (dlmatrix/data/vocabulary.py)
STATUSES: tuple[Status, ...] = get_args(ResultId)


def _check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme != "https" or "." not in (parts.hostname or "") or any(c.isspace() for c in url):
        raise ValueError(f"'{url}' is not an absolute https URL")
    return url


Url = Annotated[str, StringConstraints(max_length=500), AfterValidator(_check_url)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --- examples/<task>/task.yaml -------------------------------------------------------------------------------------


class Unavailable(Strict):
    """A framework without the feature the task shows: no program, a reason and a source for it."""

    reason: LongText
    source: Url


class NotRun(Strict):
    """A program that exists but cannot run on the evidence machine (e.g. it needs a package the venv lacks)."""

    reason: LongText


class Note(Strict):
    """Something a reader should know next to a program (what it works around, why it fails)."""

    text: LongText
    source: Url | None = None


class TaskSpec(Strict):
    title: Text
    shows: LongText = Field(description="What the task shows, in one or two sentences.")
    order: int = Field(ge=0, le=1000, description="Tasks are shown by increasing order.")
    features: Annotated[list[FeatureId], Field(min_length=1)] = Field(
        description="The matrix features (ids from data/topics/) the task demonstrates.")
    not_available: dict[Id, Unavailable] = Field(default_factory=dict)
    not_run: dict[Id, NotRun] = Field(default_factory=dict, description="Snippet id -> why it is not run here.")
    not_written: list[Id] = Field(default_factory=list, description="Frameworks whose program for this task nobody has "
                                  "written yet (scripts/new.py starts a framework here); shown as such on /code/.")
    notes: dict[Id, Note] = Field(default_factory=dict, description="Snippet or framework id -> a note.")


# --- examples/environments.yaml ------------------------------------------------------------------------------------


class VenvSpec(Strict):
    install: Annotated[list[Requirement], Field(min_length=1)] = Field(
        description="Installed with one pip command, newest releases (no constraint file).")
    python: Annotated[str, StringConstraints(pattern=r"^3\.\d+$")] | None = None


class FrameworkSpec(Strict):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)

    venv: Id = Field(description="The venv its programs run in (and where its footprint and import are measured).")
    packages: Annotated[list[Requirement], Field(min_length=1)] = Field(
        description="Its distributions: versions reported with every result; their dependency closure is the "
                    "installed size.")
    footprint: Annotated[list[Requirement], Field(min_length=1)] = Field(
        description="What `pip download` fetches for the download size (the framework's own CPU install).")
    import_: Annotated[str, StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_.]*$")] = Field(alias="import")
    backends: dict[Id, Id] = Field(default_factory=dict, description="Snippet suffix -> the framework whose venv "
                                   "it runs in (Keras: keras-jax.py runs in the jax venv).")
    backend_env: Annotated[str, StringConstraints(pattern=r"^[A-Z_][A-Z0-9_]*$")] | None = Field(
        None, description="Environment variable that names the backend (KERAS_BACKEND).")
    env: dict[Annotated[str, StringConstraints(pattern=r"^[A-Z_][A-Z0-9_]*$")], str] = Field(default_factory=dict)
    footprint_note: LongText | None = Field(
        None, description="What a reader should know next to the framework's footprint and import time (inline "
                          "Markdown): shown in the footprint table and as the note of its measured matrix cells.")
    footprint_short: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=30)] | None = \
        Field(None, description="A few words the matrix shows beside the size figures at a glance, not behind a tap "
                                "(e.g. that the Linux wheel brings CUDA libraries).")


class EnvironmentSpec(Strict):
    python: Annotated[str, StringConstraints(pattern=r"^3\.\d+$")]
    venvs: dict[Id, VenvSpec]
    frameworks: dict[Id, FrameworkSpec]

    @model_validator(mode="after")
    def _venvs_exist(self) -> EnvironmentSpec:
        for framework_id, framework in self.frameworks.items():
            if framework.venv not in self.venvs:
                raise ValueError(f"framework {framework_id}: venv '{framework.venv}' is not under venvs")
            for backend, target in framework.backends.items():
                if target not in self.frameworks:
                    raise ValueError(f"framework {framework_id}: backend {backend} names unknown framework {target}")
        return self

    def venv_python_version(self, venv: str) -> str:
        return self.venvs[venv].python or self.python

    def resolve(self, snippet_id: str) -> tuple[str, str | None, str] | None:
        """(framework id, backend or None, venv) for a snippet file stem, or None if no framework has it."""
        if snippet_id in self.frameworks:
            return snippet_id, None, self.frameworks[snippet_id].venv
        for framework_id, framework in self.frameworks.items():
            for backend, target in framework.backends.items():
                if snippet_id == f"{framework_id}-{backend}":
                    return framework_id, backend, self.frameworks[target].venv
        return None


# --- data/evidence/tasks/<task>.yaml -------------------------------------------------------------------------------


class Result(Strict):
    """What happened to one snippet (or why a framework has none) in the last `make evidence` run."""

    framework: Id
    backend: Id | None = None
    status: Status
    file: Annotated[str, StringConstraints(pattern=r"^examples/[a-z0-9-]+/[a-z0-9-]+\.py$")] | None = None
    sha256: Sha256 | None = Field(None, description="Of the snippet's bytes when it ran.")
    lines_of_code: int | None = Field(None, ge=0, description="Without blank and comment-only lines.")
    versions: dict[str, str] = Field(default_factory=dict, description="Distribution -> installed version.")
    python: str | None = None
    platform: str | None = None
    wall_seconds: float | None = Field(None, ge=0)
    peak_memory_mib: int | None = Field(None, ge=0, description="ru_maxrss of the child process.")
    date: dt.date
    output: str | None = Field(None, description="The last lines the program printed.")
    error: str | None = Field(None, description="For failed: the last line of the error, or the timeout.")
    reason: str | None = Field(None, description="For not-run and not-available.")
    source: Url | None = Field(None, description="For not-available: where that is stated.")

    @model_validator(mode="after")
    def _fields_for_status(self) -> Result:
        ran = ("file", "sha256", "python", "platform", "wall_seconds", "peak_memory_mib")
        if self.status in ("passed", "failed"):
            missing = [name for name in ran if getattr(self, name) is None]
            if missing:
                raise ValueError(f"a {self.status} result needs {', '.join(missing)}")
        if self.status == "failed" and not self.error:
            raise ValueError("a failed result needs error")
        if self.status in ("not-run", "not-available", "not-written") and not self.reason:
            raise ValueError(f"a {self.status} result needs reason")
        if self.status == "not-available" and not self.source:
            raise ValueError("a not-available result needs source")
        if self.file and not self.sha256:
            raise ValueError("a result with file needs sha256")
        return self

    @property
    def ran(self) -> bool:
        return self.status in ("passed", "failed")


class TaskResults(Strict):
    task: Id
    results: dict[Id, Result] = Field(description="Snippet id (file stem) or, for not-available, framework id.")


# --- data/evidence/frameworks.yaml ---------------------------------------------------------------------------------


class Footprint(Strict):
    download_mib: float = Field(ge=0, description="Sum of the files `pip download` fetches for the CPU install.")
    installed_mib: float = Field(ge=0, description="Files of the installed distributions (the dependency closure).")
    distributions: int = Field(ge=0, description="How many distributions that closure has.")


class FrameworkEvidence(Strict):
    venv: Id
    python: str
    versions: dict[str, str]
    import_statement: str
    import_seconds: float | None = Field(None, ge=0, description="Median of 5 fresh interpreters.")
    footprint: Footprint | None = None
    measured: dt.date
    install_error: str | None = None


class VenvEvidence(Strict):
    python: str
    pip: str
    install: list[str]
    packages: dict[str, str] = Field(description="Every installed distribution -> version (pip's view).")


class RunEvidence(Strict):
    date: dt.date
    platform: str
    cpu: str
    cores: int
    memory_gib: float
    os: str
    runner_python: str
    duration_seconds: float | None = None
    command: str


class FrameworksFile(Strict):
    run: RunEvidence
    frameworks: dict[Id, FrameworkEvidence]
    venvs: dict[Id, VenvEvidence]


# --- reading ---------------------------------------------------------------------------------------------------------

M = TypeVar("M", bound=BaseModel)


MAX_PROGRAM_BYTES = 200_000  # an example program is a page of code; the longest is a few KB
UNREADABLE = "?"  # the status of a framework whose data file does not parse (its own error says why)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(read_bytes(path, MAX_PROGRAM_BYTES, what="example programs")).hexdigest()


def program_text(root: Path, file: str) -> str:
    """An example program's text under the file-access rule: a regular file, UTF-8 (else FileRefused)."""
    return read_text(root / file, MAX_PROGRAM_BYTES, file, "example programs")


def lines_of_code(source: str) -> int:
    """Lines holding code: blank lines and comment-only lines are not counted (docstrings are)."""
    skip = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING,
            tokenize.ENDMARKER}
    lines: set[int] = set()
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type not in skip:
                lines.update(range(token.start[0], token.end[0] + 1))
    except (tokenize.TokenError, SyntaxError):  # not valid Python: fall back to a plain count
        return sum(1 for line in source.splitlines() if line.strip() and not line.lstrip().startswith("#"))
    return len(lines)


def _field_location(error: Any) -> tuple[str | int, ...]:
    loc = tuple(part for part in error["loc"] if not (isinstance(part, str) and part.startswith("function-")))
    return tuple(part for part in loc if part not in ("[key]",))


def parse_model(loaded: LoadedFile, model: type[M], errors: list[DataError]) -> M | None:
    """Validate a loaded file against a model; each problem becomes a DataError at the value's position."""
    try:
        return model.model_validate(loaded.data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = _field_location(error)
            key = error["type"] == "extra_forbidden"
            where = ".".join(str(part) for part in loc)
            message = error["msg"].removeprefix("Value error, ")
            errors.append(loaded.error(loc, f"{where}: {message}" if where else message, key=key))
        return None


def _load(root: Path, relative: str, model: type[M], errors: list[DataError]) -> tuple[M | None, LoadedFile | None]:
    loaded, problems = load_yaml_file(root / relative, relative)
    errors.extend(problems)
    if loaded is None:
        return None, None
    return parse_model(loaded, model, errors), loaded


@dataclass(frozen=True)
class Task:
    id: str
    spec: TaskSpec
    snippets: tuple[str, ...]  # snippet ids (file stems) in examples/<task>/, sorted
    path: str  # examples/<task>/task.yaml

    def snippet_file(self, snippet_id: str) -> str:
        return f"{EXAMPLES_DIR}/{self.id}/{snippet_id}.py"


@dataclass(frozen=True)
class Evidence:
    """The typed evidence, for the pages: tasks by `order`, and per task the result of every snippet."""

    tasks: tuple[Task, ...]
    results: dict[str, TaskResults]  # task id -> results
    environment: EnvironmentSpec
    frameworks: FrameworksFile | None  # None before the first run
    root: Path

    def cell(self, task_id: str, framework_id: str) -> list[tuple[str, Result]]:
        """The results for one framework in one task: one per snippet (three for Keras), or one not-available."""
        results = self.results.get(task_id)
        task = next((t for t in self.tasks if t.id == task_id), None)
        if task is not None and framework_id in task.spec.not_written:
            return [(framework_id, Result.model_validate({
                "framework": framework_id, "status": "not-written", "date": self.written_on(task),
                "reason": "Nobody has written this program yet: a contribution is welcome."}))]
        if results is None:
            return []
        return [(snippet, result) for snippet, result in sorted(results.results.items())
                if result.framework == framework_id]

    def written_on(self, task: Task) -> dt.date:
        """The date a not-written entry is shown with: the task's last run (the state the page reports)."""
        results = self.results.get(task.id)
        dates = [r.date for r in results.results.values()] if results else []
        return max(dates) if dates else self.frameworks.run.date if self.frameworks else dt.date.today()

    def grid(self, framework_ids: Iterable[str]) -> list[tuple[Task, dict[str, list[tuple[str, Result]]]]]:
        """One row per task (by order), one cell per framework: what the matrix of results shows."""
        ids = list(framework_ids)
        return [(task, {framework_id: self.cell(task.id, framework_id) for framework_id in ids})
                for task in self.tasks]

    def source(self, task_id: str, snippet_id: str) -> str:
        return program_text(self.root, f"{EXAMPLES_DIR}/{task_id}/{snippet_id}.py")


def read_tasks(root: Path, errors: list[DataError]) -> list[Task]:
    tasks: list[Task] = []
    examples = root / EXAMPLES_DIR
    for link in [examples] if is_link(examples) else [p for p in list_dir(examples) if is_link(p)]:
        errors.append(DataError(f"{EXAMPLES_DIR}/{link.name}" if link != examples else EXAMPLES_DIR, 1, 1,
                                "is a symbolic link; example folders must be real folders in the repository"))
    for folder in (p for p in list_dir(examples) if is_real_dir(p) and not p.name.startswith((".", "_"))):
        relative = f"{EXAMPLES_DIR}/{folder.name}/{TASK_FILE}"
        if not exists(folder / TASK_FILE):
            errors.append(DataError(f"{EXAMPLES_DIR}/{folder.name}", 1, 1, f"no {TASK_FILE}: every task folder "
                                    "needs one (title, shows, order, features)"))
            continue
        spec, _ = _load(root, relative, TaskSpec, errors)
        if spec is None:
            continue
        snippets = tuple(sorted(p.stem for p in list_dir(folder) if p.suffix == ".py"))
        tasks.append(Task(folder.name, spec, snippets, relative))
    return sorted(tasks, key=lambda task: (task.spec.order, task.id))


def read_environment(root: Path, errors: list[DataError]) -> EnvironmentSpec | None:
    spec, _ = _load(root, ENVIRONMENTS_FILE, EnvironmentSpec, errors)
    return spec


def framework_statuses(root: Path, errors: list[DataError]) -> dict[str, str]:
    """Framework id -> its `status` in data/frameworks/ (active, maintenance, retired, ...)."""
    found: dict[str, str] = {}
    for path in (p for p in list_dir(root / "data" / "frameworks") if p.suffix == ".yaml"):
        loaded, problems = load_yaml_file(path, f"data/frameworks/{path.name}")
        if loaded is None:
            errors.extend(problems)
            found[path.stem] = UNREADABLE  # not "no data file": its own error says what is wrong
            continue
        if isinstance(loaded.data, dict):
            found[str(loaded.data.get("id") or path.stem)] = str(loaded.data.get("status"))
    return found


def active_frameworks(root: Path, errors: list[DataError]) -> list[str]:
    """Ids of the frameworks whose data file says `status: active`."""
    return _active(framework_statuses(root, errors))


def covered_frameworks(root: Path, env: EnvironmentSpec, errors: list[DataError]) -> list[str]:
    """The frameworks every task must cover: the active ones, and any other in environments.yaml that is not
    retired (a framework in maintenance keeps its programs)."""
    return _covered(framework_statuses(root, errors), env)


def _active(statuses: dict[str, str]) -> list[str]:
    return [framework_id for framework_id, status in statuses.items() if status == "active"]


def _covered(statuses: dict[str, str], env: EnvironmentSpec) -> list[str]:
    return sorted(set(_active(statuses)) | {fw for fw in env.frameworks if statuses.get(fw) not in (None, "retired")})


def feature_ids(root: Path) -> set[str]:
    """Feature ids from data/topics/ (or data/features/, the folder's earlier name)."""
    ids: set[str] = set()
    for folder in ("topics", "features"):
        for path in (p for p in list_dir(root / "data" / folder) if p.suffix == ".yaml"):
            loaded, _ = load_yaml_file(path, f"data/{folder}/{path.name}")
            if loaded is not None and isinstance(loaded.data, dict):
                for feature in loaded.data.get("features") or []:
                    if isinstance(feature, dict) and isinstance(feature.get("id"), str):
                        ids.add(feature["id"])
    return ids


# --- the check -------------------------------------------------------------------------------------------------------


def _check_task(root: Path, task: Task, env: EnvironmentSpec, active: list[str], features: set[str],
                errors: list[DataError], unread: frozenset[str] = frozenset()) -> TaskResults | None:
    """`active`: the frameworks the task must cover (covered_frameworks); `unread`: frameworks whose data file
    does not parse, about which nothing more is said."""
    spec_file, _ = load_yaml_file(root / task.path, task.path)
    assert spec_file is not None  # it parsed a moment ago

    def at(loc: tuple[str | int, ...], message: str, key: bool = False) -> None:
        errors.append(spec_file.error(loc, message, key=key))

    if features:
        for index, feature in enumerate(task.spec.features):
            if feature not in features:
                at(("features", index), f"unknown feature '{feature}': use an id from data/topics/")
    snippet_frameworks: dict[str, str] = {}
    for snippet in task.snippets:
        resolved = env.resolve(snippet)
        if resolved is None:
            errors.append(DataError(task.snippet_file(snippet), 1, 1, f"no framework in {ENVIRONMENTS_FILE} runs "
                                    f"'{snippet}.py': name it <framework-id>.py (Keras: keras-<backend>.py)"))
            continue
        snippet_frameworks[snippet] = resolved[0]
        if resolved[0] not in active and resolved[0] not in unread:
            errors.append(DataError(task.snippet_file(snippet), 1, 1, f"'{resolved[0]}' has no data file in "
                                    "data/frameworks/ or is retired"))
    for framework_id in task.spec.not_available:
        if framework_id in snippet_frameworks.values():
            at(("not_available", framework_id), f"{framework_id} has a program in {EXAMPLES_DIR}/{task.id}/ and is "
               "listed as not available; keep one", key=True)
        elif framework_id not in active:
            at(("not_available", framework_id), f"'{framework_id}' is not a framework the examples cover", key=True)
    for snippet in task.spec.not_run:
        if snippet not in task.snippets:
            at(("not_run", snippet), f"not_run names {task.snippet_file(snippet)}, which does not exist", key=True)
    for position, framework_id in enumerate(task.spec.not_written):
        if framework_id in snippet_frameworks.values() or framework_id in task.spec.not_available:
            at(("not_written", position), f"{framework_id} is listed as not written yet but has a program or a "
               "not_available reason; remove it from not_written")
        elif framework_id not in active:
            at(("not_written", position), f"'{framework_id}' is not a framework the examples cover")
    for framework_id in active:
        if framework_id not in snippet_frameworks.values() and framework_id not in task.spec.not_available \
                and framework_id not in task.spec.not_written:
            at((), f"task '{task.id}' has neither a program nor a not_available reason for {framework_id}: add "
               f"{EXAMPLES_DIR}/{task.id}/{framework_id}.py, not_available: {{{framework_id}: {{reason, source}}}} "
               f"or, until someone writes it, not_written: [{framework_id}]")

    relative = f"{TASK_RESULTS_DIR}/{task.id}.yaml"
    if not (root / relative).exists():
        errors.append(DataError(task.path, 1, 1, f"no results for task '{task.id}' ({relative}); {RERUN_HINT}"))
        return None
    results, loaded = _load(root, relative, TaskResults, errors)
    if results is None or loaded is None:
        return results

    def result_error(loc: tuple[str | int, ...], message: str, key: bool = False) -> None:
        errors.append(loaded.error(loc, message, key=key))

    texts: dict[str, str] = {}
    for snippet in task.snippets:
        try:
            texts[snippet] = program_text(root, task.snippet_file(snippet))
        except FileRefused as refused:
            errors.append(refused.error())

    if results.task != task.id:
        result_error(("task",), f"task is '{results.task}' but the file is for '{task.id}'")
    for snippet in task.snippets:
        file = task.snippet_file(snippet)
        result = results.results.get(snippet)
        if result is None:
            result_error(("results",), f"no result for {file}; {RERUN_HINT}")
            continue
        if result.file != file:
            result_error(("results", snippet, "file"), f"file should be {file}")
        if snippet not in texts:
            continue  # refused above: a link, too big or not UTF-8
        current = hashlib.sha256(texts[snippet].encode("utf-8")).hexdigest()
        if result.sha256 != current:
            result_error(("results", snippet, "sha256"), f"stale result: {file} changed after its run (recorded "
                         f"sha256 {str(result.sha256)[:12]}, now {current[:12]}); {RERUN_HINT} "
                         f"ARGS=\"--tasks {task.id} --frameworks {snippet_frameworks.get(snippet, snippet)}\"")
        if snippet in snippet_frameworks and result.framework != snippet_frameworks[snippet]:
            result_error(("results", snippet, "framework"), f"framework should be {snippet_frameworks[snippet]}")
        if snippet in task.spec.not_run and result.status != "not-run":
            result_error(("results", snippet, "status"), f"{task.path} says {file} is not run here; {RERUN_HINT}")
        if snippet not in task.spec.not_run and result.status == "not-run" and "install" not in (result.reason or ""):
            result_error(("results", snippet, "status"), f"{file} is no longer listed under not_run; {RERUN_HINT}")
        if result.file and result.lines_of_code != lines_of_code(texts[snippet]):
            result_error(("results", snippet, "lines_of_code"), f"lines_of_code does not match {file}; {RERUN_HINT}")
    for framework_id, unavailable in task.spec.not_available.items():
        result = results.results.get(framework_id)
        if result is None or result.status != "not-available":
            result_error(("results",), f"no not-available result for {framework_id}, which {task.path} lists; "
                         f"{RERUN_HINT}")
        elif (result.reason, result.source) != (unavailable.reason, unavailable.source):
            result_error(("results", framework_id), f"the not-available reason or source for {framework_id} differs "
                         f"from {task.path}; {RERUN_HINT}", key=True)
    for key, result in results.results.items():
        if key not in task.snippets and key not in task.spec.not_available:
            what = result.file or f"not-available entry for {key}"
            result_error(("results", key), f"result for {what}, which the task no longer has; {RERUN_HINT}", key=True)
    return results


def _collect(root: Path, known: Known | None = None) -> tuple[Evidence | None, list[DataError]]:
    errors: list[DataError] = []
    env = read_environment(root, errors)
    tasks = read_tasks(root, errors)
    statuses = known.statuses if known else framework_statuses(root, errors)
    unread = frozenset(fw for fw, status in statuses.items() if status == UNREADABLE)
    active = _active(statuses)
    covered = [fw for fw in (_covered(statuses, env) if env is not None else active) if fw not in unread]
    features = known.features if known else feature_ids(root)
    results: dict[str, TaskResults] = {}
    # A framework whose every program is still to be written owes no environment and no evidence run yet.
    unwritten = {fw for fw in active if tasks and all(fw in task.spec.not_written for task in tasks)}
    if env is not None:
        for framework_id in active:
            if framework_id not in env.frameworks and framework_id not in unwritten:
                errors.append(DataError(ENVIRONMENTS_FILE, 1, 1, f"active framework {framework_id} has no entry under "
                                        "frameworks: say which venv and packages run it"))
        for task in tasks:
            checked = _check_task(root, task, env, covered, features, errors, unread)
            if checked is not None:
                results[task.id] = checked
    task_ids = {task.id for task in tasks}
    results_dir = root / TASK_RESULTS_DIR
    for path in (p for p in list_dir(results_dir) if p.suffix == ".yaml"):
        if path.stem not in task_ids:
            errors.append(DataError(f"{TASK_RESULTS_DIR}/{path.name}", 1, 1, f"results for task '{path.stem}', which "
                                    f"has no folder under {EXAMPLES_DIR}/; delete the file or {RERUN_HINT}"))
    frameworks: FrameworksFile | None = None
    if (root / FRAMEWORKS_FILE).exists():
        frameworks, _ = _load(root, FRAMEWORKS_FILE, FrameworksFile, errors)
    else:
        errors.append(DataError(FRAMEWORKS_FILE, 1, 1, f"missing: the environment and footprint of the run; "
                                f"{RERUN_HINT}"))
    if frameworks is not None:
        loaded, _ = load_yaml_file(root / FRAMEWORKS_FILE, FRAMEWORKS_FILE)
        for framework_id in covered:
            if framework_id not in frameworks.frameworks and framework_id not in unwritten and loaded is not None:
                errors.append(loaded.error(("frameworks",), f"no entry for framework {framework_id}; "
                                           f"{RERUN_HINT}"))
    if env is None:
        return None, errors
    return Evidence(tuple(tasks), results, env, frameworks, root), errors


def evidence_files(root: Path) -> list[Path]:
    """Every file the evidence is read from (examples/ and data/evidence/), sorted: what a cache of it watches."""
    return sorted(walk_files(root / EXAMPLES_DIR, (".py", ".yaml")) + walk_files(root / RESULTS_DIR, (".yaml",)))


@dataclass(frozen=True)
class Known:
    """What the loaded data set already says (so that the evidence does not parse its files again):
    framework id -> status, and the feature ids."""

    statuses: dict[str, str]
    features: set[str]


def project_evidence(data_dir: Path, known: Known | None = None) -> Evidence | None:
    """The evidence of the project a data folder belongs to (its parent holds examples/), or None when there is
    none (a data set of its own, such as a test fixture). Raises DataErrors, a stale result included."""
    root = Path(data_dir).parent
    return load_evidence(root, known) if (root / EXAMPLES_DIR / "environments.yaml").is_file() else None


def check_evidence(root: Path | str = ".") -> list[DataError]:
    """Every problem with the examples and their committed results, sorted; empty when all is well."""
    _, errors = _collect(Path(root))
    return sorted(set(errors))


def load_evidence(root: Path | str = ".", known: Known | None = None) -> Evidence:
    """The typed evidence; raises DataErrors with every problem (a stale result included)."""
    evidence, errors = _collect(Path(root), known)
    if errors or evidence is None:
        raise DataErrors(errors)
    return evidence


def status_counts(results: Iterable[Result]) -> dict[str, int]:
    counts: dict[str, int] = dict.fromkeys(STATUSES, 0)
    for result in results:
        counts[result.status] += 1
    return counts


# What the strict reader refuses in a data file: control characters, surrogates, bidirectional overrides, BOM.
_UNSAFE_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069\ufeff]")


def clean_text(text: str, limit: int = 2000) -> str:
    """Program output made safe for a data file: printable characters only, bounded length."""
    text = _UNSAFE_TEXT.sub("?", text.replace("\r", ""))
    return text if len(text) <= limit else text[: limit - 1] + "…"
