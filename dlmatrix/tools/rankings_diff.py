"""How each use case's computed ranking changes between two versions of the data (make rankings-diff).

A new feature in a weighted topic, a changed level or a new framework can move rankings; this makes the
move visible in a pull request (the PR workflow posts it as a comment) instead of silent.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from dlmatrix.data.dataset import Dataset
from dlmatrix.data.errors import DataErrors
from dlmatrix.data.load import load_dataset
from dlmatrix.site.views import Site


@dataclass(frozen=True)
class Ranked:
    framework_id: str
    name: str
    score: float


@dataclass(frozen=True)
class RankingChange:
    use_case_id: str
    name: str
    before: tuple[Ranked, ...]  # empty: the use case is new
    after: tuple[Ranked, ...]  # empty: the use case was removed


def rankings(dataset: Dataset, today: dt.date) -> dict[str, tuple[str, tuple[Ranked, ...]]]:
    site = Site(dataset, today)
    return {uc.id: (uc.name, tuple(Ranked(s.framework.id, s.framework.name, s.score) for s in site.scores.ranking(uc)))
            for uc in dataset.use_cases}


def compare(before: Dataset, after: Dataset, today: dt.date) -> list[RankingChange]:
    """Use cases whose order or scores differ, in the order of the new data (removed ones last)."""
    old, new = rankings(before, today), rankings(after, today)
    changes = []
    for use_case_id, (name, ranked) in new.items():
        previous = old.get(use_case_id, (name, ()))[1]
        if previous != ranked:
            changes.append(RankingChange(use_case_id, name, previous, ranked))
    changes += [RankingChange(uid, name, ranked, ()) for uid, (name, ranked) in old.items() if uid not in new]
    return changes


def data_at(ref: str, repo: Path, target: Path) -> Path:
    """Extract data/ as it is at a git ref into `target`; raises ValueError when the ref has no data/."""
    archive = subprocess.run(["git", "archive", "--format=tar", ref, "data"], cwd=repo, capture_output=True)
    if archive.returncode != 0:
        raise ValueError(f"cannot read data/ at {ref}: {archive.stderr.decode(errors='replace').strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    return target / "data"


def load_or_explain(data_dir: Path) -> Dataset | str:
    try:
        return load_dataset(data_dir)
    except DataErrors as exc:
        return f"{len(exc.errors)} data error(s), e.g. {exc.errors[0]}"


def report(changes: list[RankingChange], base: str, top: int = 5) -> str:
    """Markdown: one section per use case whose ranking moved, the top `top` before and after."""
    if not changes:
        return f"No use case's computed ranking changes against `{base}`.\n"
    lines = [f"**{len(changes)} use case(s)** rank differently against `{base}` (top {top}, score out of 100):", ""]
    for change in changes:
        lines.append(f"- **{change.name}** (`{change.use_case_id}`)")
        before = {r.framework_id: (i + 1, r) for i, r in enumerate(change.before)}
        for rank, ranked in enumerate(change.after[:top], start=1):
            old = before.get(ranked.framework_id)
            if old is None:
                moved = "new"
            elif old[0] == rank and old[1].score == ranked.score:
                moved = "="
            else:
                moved = f"was #{old[0]}, {old[1].score}"
            lines.append(f"  {rank}. {ranked.name} {ranked.score} ({moved})")
        if not change.after:
            lines.append("  removed")
    return "\n".join(lines) + "\n"
