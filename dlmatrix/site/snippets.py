"""The code evidence as the pages show it: the same tasks written in every framework, run, and measured.

Built from `site.evidence` (dlmatrix/data/evidence.py: the programs under examples/ and the committed results
under data/evidence/): the task x framework grid of /code/, each task page's blocks (a program with its
result, or the stated reason a framework has none), the footprint table, and the links from matrix cells,
framework pages and pair pages to the programs that demonstrate a feature. Every framework a task covers gets
a block: a program that passed or failed, one not run here (with the reason) or "not available" (with the
reason and its source); never a silent gap. Nothing here is HTML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from dlmatrix.data.dataset import Dataset
from dlmatrix.data.evidence import STATUSES, Evidence, FrameworkEvidence, Note, Result, RunEvidence, Task
from dlmatrix.data.model import FeatureDef, Framework
from dlmatrix.data.vocabulary import RESULTS, ResultStatus

T = TypeVar("T")


class Site(Protocol):
    """What this module reads of the view layer's Site (declared here so that views.py imports this module,
    never the other way round)."""

    data: Dataset
    evidence: Evidence | None

    def remember(self, key: Hashable, compute: Callable[[], T]) -> T: ...

CODE_STATUSES = ("passed", "failed", "not-run")  # a block with a program; "not-available" has none


def short_name(framework: Framework) -> str:
    """A framework's name without its parenthesis ("JAX (with Flax and Optax)" -> "JAX"), for tabs and columns."""
    return framework.name.split(" (")[0]


@dataclass(frozen=True)
class Snippet:
    """One block of a task page: a program and its result, or why a framework has no program."""

    task: Task
    key: str  # the program's file stem (keras-jax), or the framework id for a not-available entry; the block's id
    framework: Framework
    backend: Framework | None  # Keras: the framework whose backend the program runs on
    result: Result
    note: Note | None  # the task's note for this program (or its framework)
    source: str | None  # the program text; None when there is no program

    @property
    def status(self) -> str:
        return self.result.status

    @property
    def outcome(self) -> ResultStatus:
        """The result's word, icon and tone (dlmatrix/data/vocabulary.py)."""
        return RESULTS[self.result.status]

    @property
    def not_run(self) -> bool:
        """A program that exists but cannot run on the evidence machine: the block gives the reason."""
        return self.result.status == "not-run"

    @property
    def passed(self) -> bool:
        return self.result.status == "passed"

    @property
    def not_written(self) -> bool:
        """Nobody has written this program yet: the block asks for one instead of giving a reason and a source."""
        return self.result.status == "not-written"

    @property
    def has_code(self) -> bool:
        return self.source is not None

    @property
    def label(self) -> str:
        """"PyTorch", or "Keras 3 on JAX" for a program that runs on a backend."""
        return f"{self.framework.name} on {short_name(self.backend)}" if self.backend else short_name(self.framework)

    @property
    def tab(self) -> str:
        """The few words of a tab: the framework's short name ("Keras 3 · JAX" for a program on a backend)."""
        return f"{short_name(self.framework)} · {short_name(self.backend)}" if self.backend else short_name(self.framework)

    @property
    def backend_name(self) -> str:
        """The backend's short name ("JAX"), "" for a program that runs on its framework alone."""
        return short_name(self.backend) if self.backend else ""

    @property
    def versions(self) -> tuple[tuple[str, str], ...]:
        return tuple(self.result.versions.items())


@dataclass(frozen=True)
class TaskView:
    task: Task
    snippets: tuple[Snippet, ...]  # one per program, and one per framework without the feature, in column order
    features: tuple[FeatureDef, ...]  # the matrix rows it demonstrates (those the data defines)
    counts: dict[str, int]  # status -> how many blocks

    @property
    def default(self) -> Snippet:
        """The block a phone shows before the reader picks one: the first program that ran, else the first block."""
        return next((s for s in self.snippets if s.result.ran), next((s for s in self.snippets if s.has_code),
                                                                       self.snippets[0]))

    @property
    def date(self) -> str:
        """The latest run date among the task's results (ISO)."""
        return max(s.result.date for s in self.snippets).isoformat()

    @property
    def tallies(self) -> tuple[tuple[ResultStatus, int], ...]:
        return tallies(self.counts)


@dataclass(frozen=True)
class GridRow:
    view: TaskView
    cells: tuple[tuple[Framework, tuple[Snippet, ...]], ...]  # one per framework column, Keras with three entries


@dataclass(frozen=True)
class FootprintRow:
    framework: Framework
    info: FrameworkEvidence
    note: str | None  # environments.yaml's footprint_note (inline Markdown)


@dataclass(frozen=True)
class CodeOverview:
    frameworks: tuple[Framework, ...]  # the grid's columns
    rows: tuple[GridRow, ...]
    counts: dict[str, int]  # over every block of every task
    footprint: tuple[FootprintRow, ...]
    run: RunEvidence | None

    @property
    def programs(self) -> int:
        return sum(n for status, n in self.counts.items() if status in CODE_STATUSES)

    @property
    def tallies(self) -> tuple[tuple[ResultStatus, int], ...]:
        return tallies(self.counts)

    @property
    def legend(self) -> tuple[ResultStatus, ...]:
        return tuple(RESULTS.values())

    @property
    def measured(self) -> tuple[dt.date, ...]:
        """The days the footprints were measured, oldest first (one day after a full run; a partial run keeps
        the other frameworks' last measurements)."""
        return tuple(sorted({row.info.measured for row in self.footprint}))


def tallies(counts: dict[str, int]) -> tuple[tuple[ResultStatus, int], ...]:
    """(result, how many) for the results that occur, in the vocabulary's order."""
    return tuple((RESULTS[status], n) for status, n in counts.items() if n)


def _counts(snippets: Iterable[Snippet]) -> dict[str, int]:
    counts: dict[str, int] = dict.fromkeys(STATUSES, 0)
    for snippet in snippets:
        counts[snippet.status] += 1
    return counts


def code_frameworks(site: Site) -> tuple[Framework, ...]:
    """The frameworks the evidence covers, in the site's column order."""
    evidence = site.evidence
    if evidence is None:
        return ()
    covered = {result.framework for results in evidence.results.values() for result in results.results.values()}
    covered |= {framework_id for task in evidence.tasks for framework_id in task.spec.not_written}
    return tuple(f for f in site.data.frameworks if f.id in covered)


def _snippets(site: Site, evidence: Evidence, task: Task) -> tuple[Snippet, ...]:
    found: list[Snippet] = []
    backends = {fw_id: spec.backends for fw_id, spec in evidence.environment.frameworks.items()}
    for framework in code_frameworks(site):
        entries = evidence.cell(task.id, framework.id)
        # Keras: one program per backend, in the site's column order of the backends' frameworks
        order = {f.id: i for i, f in enumerate(site.data.frameworks)}
        entries.sort(key=lambda pair: order.get(backends.get(framework.id, {}).get(pair[1].backend or "", ""), -1))
        for key, result in entries:
            backend_id = backends.get(framework.id, {}).get(result.backend) if result.backend else None
            backend = site.data.framework(backend_id) if backend_id and site.data.has_framework(backend_id) else None
            note = task.spec.notes.get(key) or task.spec.notes.get(framework.id)
            source = evidence.source(task.id, key) if result.file else None
            found.append(Snippet(task, key, framework, backend, result, note, source))
    return tuple(found)


def task_view(site: Site, task_id: str) -> TaskView:
    """A task page's content; an unknown task id (a typo in a stub page) fails the build."""
    evidence = site.evidence
    if evidence is None:
        raise ValueError("no code evidence: examples/ and data/evidence/ are missing next to the data folder")
    task = next((t for t in evidence.tasks if t.id == task_id), None)
    if task is None:
        raise ValueError(f"unknown task id in page: {task_id!r}; known: {', '.join(t.id for t in evidence.tasks)}")

    def compute() -> TaskView:
        snippets = _snippets(site, evidence, task)
        features = tuple(site.data.feature(f) for f in task.spec.features if site.data.has_feature(f))
        return TaskView(task, snippets, features, _counts(snippets))

    return site.remember(("code-task", task_id), compute)


def overview(site: Site) -> CodeOverview | None:
    """What /code/ shows: the grid of results, the footprint table and the run (None without evidence)."""
    evidence = site.evidence
    if evidence is None:
        return None

    def compute() -> CodeOverview:
        columns = code_frameworks(site)
        rows = []
        for task in evidence.tasks:
            view = task_view(site, task.id)
            rows.append(GridRow(view, tuple((fw, tuple(s for s in view.snippets if s.framework.id == fw.id))
                                            for fw in columns)))
        footprint = []
        measured = evidence.frameworks.frameworks if evidence.frameworks else {}
        for framework in columns:
            info = measured.get(framework.id)
            spec = evidence.environment.frameworks.get(framework.id)
            if info is not None:
                footprint.append(FootprintRow(framework, info, spec.footprint_note if spec else None))
        counts = _counts(s for row in rows for s in row.view.snippets)
        return CodeOverview(columns, tuple(rows), counts, tuple(footprint),
                            evidence.frameworks.run if evidence.frameworks else None)

    return site.remember(("code-overview",), compute)


def snippets_for(site: Site, feature_id: str, framework_id: str) -> tuple[Snippet, ...]:
    """The programs that demonstrate a feature in a framework: the blocks with code of every task that lists
    the feature, in task order (a framework without the feature in a task has no program there)."""
    evidence = site.evidence
    if evidence is None:
        return ()

    def compute() -> tuple[Snippet, ...]:
        return tuple(s for task in evidence.tasks if feature_id in task.spec.features
                     for s in task_view(site, task.id).snippets if s.framework.id == framework_id and s.has_code)

    return site.remember(("code-snippets", feature_id, framework_id), compute)


def code_links(site: Site, feature_id: str, framework_id: str) -> tuple[Snippet, ...]:
    """One program per task that demonstrates the feature in the framework (for Keras the first of its backends that
    ran): what a matrix cell links to."""
    chosen: dict[str, Snippet] = {}
    for snippet in snippets_for(site, feature_id, framework_id):
        best = chosen.get(snippet.task.id)
        if best is None or (snippet.result.ran and not best.result.ran):
            chosen[snippet.task.id] = snippet
    return tuple(chosen.values())


@dataclass(frozen=True)
class FrameworkCode:
    """A framework's share of the code evidence: for each task, its programs (three for Keras) or its reason."""

    framework: Framework
    tasks: tuple[tuple[TaskView, tuple[Snippet, ...]], ...]

    @property
    def name(self) -> str:
        return short_name(self.framework)

    @property
    def passed(self) -> int:
        """In how many tasks one of its programs passed."""
        return sum(any(s.status == "passed" for s in mine) for _, mine in self.tasks)

    @property
    def with_code(self) -> int:
        """How many tasks it has a program for (the others: the feature does not exist in it)."""
        return sum(any(s.has_code for s in mine) for _, mine in self.tasks)

    def blocks(self, task_id: str) -> tuple[Snippet, ...]:
        return next((mine for view, mine in self.tasks if view.task.id == task_id), ())


def framework_code(site: Site, framework_id: str) -> FrameworkCode | None:
    """Every task with this framework's blocks in it, in task order (None: the evidence does not cover it)."""
    evidence = site.evidence
    if evidence is None or not site.data.has_framework(framework_id):
        return None
    found = []
    for task in evidence.tasks:
        view = task_view(site, task.id)
        mine = tuple(s for s in view.snippets if s.framework.id == framework_id)
        if mine:
            found.append((view, mine))
    return FrameworkCode(site.data.framework(framework_id), tuple(found)) if found else None
