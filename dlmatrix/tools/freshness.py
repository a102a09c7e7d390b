"""Which cells are due for re-checking: verified more than N months before today.

A report, not a check: it reads framework files leniently (a file with other errors still counts)
and never fails. scripts/freshness.py prints it; .github/workflows/freshness.yml files it as an issue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from dlmatrix.data.reader import read_raw
from dlmatrix.data.vocabulary import STATUSES, status_rank
from dlmatrix.site.views import STALE_AFTER_MONTHS, months_before


@dataclass(frozen=True)
class StaleCell:
    framework_id: str
    framework_name: str
    feature_id: str
    verified: dt.date
    path: str
    line: int


def stale_cells(data_dir: Path | str = "data", months: int = STALE_AFTER_MONTHS,
                today: dt.date | None = None) -> list[StaleCell]:
    """Cells whose `verified` date is more than `months` months before `today`, grouped by framework
    (active first, then by name, as on the site) and in file order within a framework."""
    cutoff = months_before(today or dt.date.today(), months)
    found: list[tuple[tuple[int, str], StaleCell]] = []
    for loaded in read_raw(Path(data_dir), "framework"):
        if not isinstance(loaded.data.get("cells"), dict):
            continue
        stem = Path(loaded.path).stem
        name = str(loaded.data.get("name") or stem)
        framework_id = str(loaded.data.get("id") or stem)
        status = str(loaded.data.get("status"))
        sort_key = (status_rank(status) if status in STATUSES else len(STATUSES), name.casefold())
        for feature_id, cell in loaded.data["cells"].items():
            verified = cell.get("verified") if isinstance(cell, dict) else None
            if isinstance(verified, dt.date) and not isinstance(verified, dt.datetime) and verified < cutoff:
                line, _ = loaded.position(("cells", feature_id), key=True)
                found.append((sort_key, StaleCell(framework_id, name, str(feature_id), verified, loaded.path, line)))
    return [cell for _, cell in sorted(found, key=lambda item: item[0])]  # stable: file order kept


def _age(verified: dt.date, today: dt.date) -> str:
    months = (today.year - verified.year) * 12 + today.month - verified.month - (today.day < verified.day)
    return f"{months} months ago"


GITHUB_BODY_LIMIT = 65_536  # characters GitHub accepts in an issue or pull-request body


def report(cells: list[StaleCell], months: int, today: dt.date, markdown: bool = False,
           limit: int = GITHUB_BODY_LIMIT) -> str:
    """The report as text, or as Markdown for an issue; never longer than `limit` characters: when all
    cells do not fit, the first ones are listed and the rest counted."""
    shown = len(cells)
    text = _report(cells, shown, months, today, markdown)
    while len(text) > limit and shown > 0:
        shown = shown * limit // len(text) - 1 if len(text) > 2 * limit else shown - max(1, shown // 50)
        shown = max(shown, 0)
        text = _report(cells, shown, months, today, markdown)
    return text


def _report(cells: list[StaleCell], shown: int, months: int, today: dt.date, markdown: bool) -> str:
    cutoff = months_before(today, months)
    frameworks: dict[str, list[StaleCell]] = {}
    for cell in cells[:shown]:
        frameworks.setdefault(cell.framework_id, []).append(cell)
    count = len({c.framework_id for c in cells})
    lines: list[str] = []
    if markdown:
        lines += [f"Cells last verified more than {months} months ago (before {cutoff.isoformat()}), "
                  f"as of {today.isoformat()}: **{len(cells)}** in {count} framework(s).", ""]
        if not cells:
            lines.append("Nothing to re-check.")
        else:
            lines += ["Re-check each source, update the value if needed, set `verified` to the day you checked, "
                      "and open a pull request (see CONTRIBUTING.md).", ""]
        for group in frameworks.values():
            lines += [f"### {group[0].framework_name}", ""]
            lines += [f"- [ ] `{c.feature_id}`: verified {c.verified.isoformat()} ({_age(c.verified, today)}), "
                      f"`{c.path}:{c.line}`" for c in group]
            lines.append("")
    else:
        lines.append(f"{len(cells)} cell(s) verified more than {months} months ago (before {cutoff.isoformat()}) "
                     f"in {count} framework(s).")
        for group in frameworks.values():
            lines.append(f"{group[0].framework_name}:")
            lines += [f"  {c.path}:{c.line}: {c.feature_id} verified {c.verified.isoformat()} "
                      f"({_age(c.verified, today)})" for c in group]
    if shown < len(cells):
        lines.append(f"... and {len(cells) - shown} more cell(s) not listed here to stay within the size limit; "
                     "run `make freshness` for all of them.")
    return "\n".join(lines).rstrip("\n") + "\n"
