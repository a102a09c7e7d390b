"""A framework's lifecycle: status, first and latest release, cadence, end and successor, and the geometry of
its release timeline (drawn as SVG by templates/timeline.svg at build time).

Everything here is computed from the data and the build date only, and every coordinate is rounded to one
decimal, so two builds of the same data on the same day give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dlmatrix.data.model import Framework, Release
from dlmatrix.site.views import Site, months_before

# viewBox units; the stylesheet draws it at most 36rem wide, so on a phone the text stays about 10px high
WIDTH = 480
HEIGHT = 124
MARGIN = 26  # left and right, so that labels centred on the first and last marks stay inside
AXIS_Y = 76
LABEL_ROWS = (58, 42)  # baselines of the version labels above the axis, nearest first
LABEL_GAP = 40  # minimum distance between two labels on one row
CHAR_WIDTH = 7.2  # about how wide one character of a label is (13px text)
YEAR_Y = 96


@dataclass(frozen=True)
class Mark:
    x: float
    version: str
    date: str
    label_y: float | None  # None: no label (too close to its neighbours; the list below names it)
    label_x: float  # the label's centre: the mark's, moved inwards where the text would leave the drawing
    latest: bool = False
    outside_record: bool = False  # known from the first-release or latest-release row, not from the list


@dataclass(frozen=True)
class Tick:
    x: float
    year: int
    label: bool


@dataclass(frozen=True)
class Timeline:
    width: int
    height: int
    axis_y: int
    year_y: int
    start_x: float
    end_x: float  # where the life line stops: the last release or the end of development (retired), else the build date
    ended_x: float | None  # retired: where development ended (releases may follow, e.g. maintenance patches)
    ticks: tuple[Tick, ...]
    marks: tuple[Mark, ...]
    title: str
    description: str


@dataclass(frozen=True)
class Lifecycle:
    framework: Framework
    first_release: str  # "" when not known (the page says "Unknown")
    latest_release: str
    latest_release_date: str
    cadence: str
    releases_last_year: int | None  # feature lines started in the 12 months before the build date
    timeline: Timeline | None
    record: tuple[Release, ...]  # the dated releases the timeline is drawn from, oldest first


def position(value: dt.date | str) -> float:
    """A date (or 'YYYY-MM' / 'YYYY') as a fractional year: partial dates fall mid-month or mid-year."""
    if isinstance(value, dt.date):
        start = dt.date(value.year, 1, 1)
        length = (dt.date(value.year + 1, 1, 1) - start).days
        return value.year + ((value - start).days + 0.5) / length
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return parts[0] + 0.5
    return parts[0] + (parts[1] - 0.5) / 12


def date_text(value: dt.date | str) -> str:
    return value.isoformat() if isinstance(value, dt.date) else value


def _as_date(text: str) -> dt.date | str | None:
    """A role cell's text as a date or partial date, or None when it is not one."""
    if re.fullmatch(r"\d{4}-\d\d-\d\d", text):
        return dt.date.fromisoformat(text)
    return text if re.fullmatch(r"\d{4}(-(0[1-9]|1[0-2]))?", text) else None


def lifecycle(site: Site, framework: Framework) -> Lifecycle:
    return site.remember(("lifecycle", framework.id), lambda: _lifecycle(site, framework))


def _lifecycle(site: Site, framework: Framework) -> Lifecycle:
    first, latest = site.identity_value(framework, "first_release"), site.identity_value(framework, "latest_release")
    latest_date = site.identity_value(framework, "latest_release_date")
    cadence = site.identity_value(framework, "release_cadence")
    record = tuple(framework.releases.versions) if framework.releases else ()
    events: list[tuple[dt.date | str, str, bool]] = [(r.date, r.version, False) for r in record]
    first_day = _as_date(first)
    if events and first_day is not None and position(first_day) < position(events[0][0]) - 0.25:
        events.insert(0, (first_day, "first release", True))
    latest_day = _as_date(latest_date)
    listed_lines = {".".join(r.version.split(".")[:2]) for r in record}
    if events and latest_day is not None and latest and ".".join(latest.split(".")[:2]) not in listed_lines \
            and position(latest_day) >= position(events[-1][0]):
        events.append((latest_day, latest, True))
    year_ago = months_before(site.today, 12)
    recent = None if not record or framework.status == "retired" else sum(
        1 for day, _, _ in events if position(day) >= position(year_ago))
    timeline = _timeline(site, framework, events) if events else None
    return Lifecycle(framework, first, latest, latest_date, cadence, recent, timeline, record)


def _timeline(site: Site, framework: Framework, events: list[tuple[dt.date | str, str, bool]]) -> Timeline:
    start = min(position(day) for day, _, _ in events)
    ended = framework.end_date if framework.status == "retired" else None
    stop = position(ended) if ended is not None else position(site.today)
    stop = max(stop, max(position(day) for day, _, _ in events))
    first_year, last_year = int(start), int(stop) + 1
    span = last_year - first_year

    def x(value: float) -> float:
        return round(MARGIN + (value - first_year) / span * (WIDTH - 2 * MARGIN), 1)

    step = 1 if span <= 12 else 2
    ticks = tuple(Tick(x(year), year, (year - first_year) % step == 0) for year in range(first_year, last_year + 1))
    # A partial date ('2026') sits mid-period, but never before the release listed above it.
    places: list[float] = []
    for day, _, _ in events:
        here = position(day)
        places.append(max(here, places[-1]) if places and not isinstance(day, dt.date) else here)
    xs = [x(place) for place in places]
    # Labels: the latest first (it matters most), then left to right on the nearest free row.
    placed: dict[int, float] = {}
    taken: list[list[float]] = [[] for _ in LABEL_ROWS]

    def place(index: int) -> None:
        for row, existing in enumerate(taken):
            if all(abs(xs[index] - other) >= LABEL_GAP for other in existing):
                existing.append(xs[index])
                placed[index] = LABEL_ROWS[row]
                return

    last = len(events) - 1
    place(last)
    for index in range(last):
        place(index)
    def label_x(index: int) -> float:
        half = len(events[index][1]) * CHAR_WIDTH / 2
        return round(min(max(xs[index], half + 2), WIDTH - half - 2), 1)

    marks = tuple(Mark(xs[i], version, date_text(day), placed.get(i), label_x(i), i == last, outside)
                  for i, (day, version, outside) in enumerate(events))
    listed = [m for m in marks if not m.outside_record]
    title = f"{framework.name}: release timeline, {date_text(events[0][0])[:4]} to " + \
        (f"{date_text(ended)} (development ended)" if ended is not None else site.today.isoformat())
    description = (f"{len(listed)} dated releases from {listed[0].version} ({listed[0].date}) to {listed[-1].version} "
                   f"({listed[-1].date})." if listed else "No dated releases.")
    if ended is not None:
        description += f" Development ended {date_text(ended)}."
        if framework.successor:
            description += f" Successor: {framework.successor}."
    return Timeline(WIDTH, HEIGHT, AXIS_Y, YEAR_Y, xs[0], x(stop), x(position(ended)) if ended is not None else None,
                    ticks, marks, title, description)
