"""Which cells are due for re-checking: verified more than N months before today.

A report, not a check: it reads framework files leniently (a file with other errors still counts)
and never fails. scripts/freshness.py prints it; .github/workflows/freshness.yml files it as an issue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from dlmatrix.data.load import STATUS_ORDER
from dlmatrix.data.reader import load_yaml_file


@dataclass(frozen=True)
class StaleCell:
    framework_id: str
    framework_name: str
    feature_id: str
    verified: dt.date
    path: str
    line: int


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months earlier (the last day of the month when it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    next_month = dt.date(year + (month == 12), month % 12 + 1, 1)
    return dt.date(year, month, min(day.day, (next_month - dt.timedelta(days=1)).day))


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def stale_cells(data_dir: Path | str = "data", months: int = 12, today: dt.date | None = None) -> list[StaleCell]:
    """Cells whose `verified` date is more than `months` months before `today`, grouped by framework
    (active first, then by name, as on the site) and in file order within a framework."""
    cutoff = months_before(today or dt.date.today(), months)
    found: list[tuple[tuple[int, str], StaleCell]] = []
    for path in sorted((Path(data_dir) / "frameworks").glob("*.yaml")):
        loaded, _ = load_yaml_file(path, _display(path))
        if loaded is None or not isinstance(loaded.data.get("cells"), dict):
            continue
        name = str(loaded.data.get("name") or path.stem)
        framework_id = str(loaded.data.get("id") or path.stem)
        sort_key = (STATUS_ORDER.get(str(loaded.data.get("status")), 3), name.casefold())
        for feature_id, cell in loaded.data["cells"].items():
            verified = cell.get("verified") if isinstance(cell, dict) else None
            if isinstance(verified, dt.date) and not isinstance(verified, dt.datetime) and verified < cutoff:
                line, _ = loaded.position(("cells", feature_id), key=True)
                found.append((sort_key, StaleCell(framework_id, name, str(feature_id), verified, loaded.path, line)))
    return [cell for _, cell in sorted(found, key=lambda item: item[0])]  # stable: file order kept


def _age(verified: dt.date, today: dt.date) -> str:
    months = (today.year - verified.year) * 12 + today.month - verified.month - (today.day < verified.day)
    return f"{months} months ago"


def report(cells: list[StaleCell], months: int, today: dt.date, markdown: bool = False) -> str:
    cutoff = months_before(today, months)
    frameworks: dict[str, list[StaleCell]] = {}
    for cell in cells:
        frameworks.setdefault(cell.framework_id, []).append(cell)
    lines: list[str] = []
    if markdown:
        lines += [f"Cells last verified more than {months} months ago (before {cutoff.isoformat()}), "
                  f"as of {today.isoformat()}: **{len(cells)}** in {len(frameworks)} framework(s).", ""]
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
                     f"in {len(frameworks)} framework(s).")
        for group in frameworks.values():
            lines.append(f"{group[0].framework_name}:")
            lines += [f"  {c.path}:{c.line}: {c.feature_id} verified {c.verified.isoformat()} "
                      f"({_age(c.verified, today)})" for c in group]
    return "\n".join(lines).rstrip("\n") + "\n"
