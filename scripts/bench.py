"""Performance benchmark (issues #7 and #12): build time and memory against a bare-Material floor, page weight,
the search index, filter latency in Chromium (search and must-haves) and Lighthouse on every kind of page, each
against its budget. `make bench`; `python scripts/bench.py --help`. Run it on a quiet machine: the load average is
recorded with the results.

Writes bench-results/latest.json and bench-results/latest.md; prints one table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
import _project  # enters the project's virtualenv before the imports below

_project.enter()

from dlmatrix.data.load import load_dataset
from dlmatrix.data.model import FeatureDef, Framework
from dlmatrix.site.assets import FOLDER as ASSETS_FOLDER
from dlmatrix.site.assets import asset_files
from dlmatrix.site.render import host_label
from dlmatrix.site.stubs import update_stubs
from dlmatrix.site.urls import Urls
from dlmatrix.tools.bench_data import generate_dataset

VENV_BIN = Path(sys.executable).parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
EPOCH = "1767225600"
LIGHTHOUSE_VERSION = "12.2.3"
LH_DIR = ROOT / ".cache" / "lighthouse"
RESULTS = ROOT / "bench-results"
PROJECT_PARTS = ("mkdocs.yml", "main.py", "docs", "dlmatrix", "overrides")
DEFAULT_SIZES = "10x100,25x250,50x500"  # 100x1000 via --sizes: about 5+ minutes per build here
# The budgets of issue 12.
MAX_BUILD_RATIO = 2.0  # the real site against the bare-Material floor (FLOORS: "full"); each size's ratio is stated
MATRIX_TRANSFER = 120 * 1024  # the matrix page's total transfer, every request, as Lighthouse counts it
SEARCH_INDEX = 60 * 1024  # gzipped, fetched once the reader reaches for search (static/search-on-demand.js)
OWN_JS = 8 * 1024  # matrix.js (the matrix's own script), gzipped
FILTER_MS = 16.0  # median, search keystroke and must-have change, 10 frameworks x 1000 features
MAX_CLS = 0.02
VALIDATE_SECONDS = 2.0  # scripts/validate.py refusing bad data, the whole run (moved here from tests/data/test_bad_data.py)
LIGHTHOUSE_WANTED = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
MATRIX_TBT_MS = 150  # the matrix's total blocking time, Lighthouse mobile (issue 23)
# The flags an outside measurement used (issue 23), so that the bench's figures can be compared with it
LIGHTHOUSE_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync")
QUICK_SIZES = "5x20,10x100"
GZIP_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


# --- Machine and versions -----------------------------------------------------------------------

def machine() -> dict[str, Any]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "unknown"
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))  # type: ignore[union-attr]
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        pass
    try:
        chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except OSError:
        chromium = "not found"
    return {"nproc": os.cpu_count(), "memory": mem, "cpu": cpu, "platform": platform.platform(),
            "python": platform.python_version(), "mkdocs": metadata.version("mkdocs"),
            "material": metadata.version("mkdocs-material"), "chromium": chromium,
            "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")}


# --- Projects: ours (temp copy with data replaced) and the bare-Material floor ----------------------

def make_project(target: Path, data_dir: Path | None) -> Path:
    """A temp copy of the project with data/ replaced by `data_dir` (None: the real data) and stubs rewritten."""
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, target / part)
    # docs/about/performance.md (this script's output) breaks the strict build until mkdocs.yml lists it.
    perf_page = target / "docs" / "about" / "performance.md"
    if perf_page.exists() and "about/performance.md" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8"):
        perf_page.unlink()
    shutil.copytree(data_dir or ROOT / "data", target / "data")
    if data_dir is None:  # the real site with its code pages: the examples they show are read from examples/
        shutil.copytree(ROOT / "examples", target / "examples", ignore=shutil.ignore_patterns("__pycache__", ".*"))
    else:
        (target / "examples").mkdir()  # mkdocs.yml watches it; synthetic data has no code evidence
    if data_dir is not None:  # the pages of the synthetic data, and none of the real data's
        update_stubs(load_dataset(target / "data"), target / "docs")
        # hand-written pages link rows of the real data (the home page's answer): not an error here
        config = target / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("strict: true", "strict: false"), encoding="utf-8")
    return target


FLOOR_CONFIG = """site_name: Floor
site_url: {site_url}
theme:
  name: material
  language: en
  font: false
  features: [navigation.instant, navigation.tracking, navigation.sections, navigation.top,
             navigation.indexes, content.action.edit, search.highlight]
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      primary: indigo
      toggle: {{icon: material/brightness-7, name: Switch to dark mode}}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      primary: indigo
      toggle: {{icon: material/brightness-4, name: Switch to light mode}}
plugins:
  - search
markdown_extensions: [attr_list, md_in_html, admonition, tables, {{toc: {{permalink: true}}}}]
validation: {{omitted_files: ignore, not_in_nav: ignore}}
"""


# What a floor's table cell holds. "word": the level or value alone (the floor as it was when #12 set its budget).
# "full": what the same cell carries on our pages: the word, the note where the page shows it, a link per source
# and the date it was checked; #7 asks for "equivalent static Markdown tables", so that the ratio isolates the
# cost of the data layer from MkDocs' own cost of the same content.
FLOORS = ("word", "full")


def _cell_text(cell, floor: str, note: bool = False) -> str:  # type: ignore[no-untyped-def]
    if cell is None:
        return "-"
    text = cell.level if cell.level else str(cell.value)
    if floor == "full":
        if note and cell.note:
            text += f" {cell.note}"
        links = " ".join(f"[{host_label(src)}]({src})" for src in cell.sources)
        text += f" {links} checked {cell.verified.isoformat()}"
    return text.replace("|", "/").replace("\n", " ")


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def make_floor(target: Path, data_dir: Path, ours_docs: Path, site_url: str, floor: str) -> Path:
    """A bare Material project (no macros, no custom_dir, no extra CSS/JS) with the same pages as ours,
    each holding a static Markdown table of the same cells, each cell as `floor` says (FLOORS)."""
    dataset = load_dataset(data_dir)
    fws = dataset.frameworks
    docs = target / "docs"
    docs.mkdir(parents=True)
    (target / "mkdocs.yml").write_text(FLOOR_CONFIG.format(site_url=site_url), encoding="utf-8")

    def matrix_rows(features, note: bool = False) -> list[list[str]]:  # type: ignore[no-untyped-def]
        return [[f.name, *[_cell_text(fw.cells.get(f.id), floor, note) for fw in fws]] for f in features]

    fw_by_id = {f.id: f for f in fws}
    cat_by_id = {c.id: c for c in dataset.topics}
    uc_by_id = {u.id: u for u in dataset.use_cases}
    for page in sorted(ours_docs.rglob("*.md")):
        rel = page.relative_to(ours_docs)
        out = docs / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        folder, stem = (rel.parts[0] if len(rel.parts) > 1 else ""), rel.stem
        pair = stem.split("-vs-") if folder == "compare" else []
        if rel.as_posix() in ("matrix.md", "matrix-retired.md"):
            body = _table(["Feature", *[f.name for f in fws]], matrix_rows(dataset.features))
            body += "\n## Frameworks compared\n\n" + _table(["Framework", "Status", "Summary"],
                                                            [[f.name, f.status, f.summary or ""] for f in fws])
        elif folder == "frameworks" and stem in fw_by_id:
            fw = fw_by_id[stem]
            body = f"{fw.summary}\n\n" + _table(["Feature", "Value", "Note"], [
                [f.name, _cell_text(fw.cells.get(f.id), floor), (getattr(fw.cells.get(f.id), "note", None) or "")
                 .replace("|", "/")] for f in dataset.features])
        elif folder == "topics" and stem in cat_by_id:
            cat = cat_by_id[stem]
            body = f"{cat.description}\n\n" + _table(["Feature", *[f.name for f in fws]], matrix_rows(cat.features, note=True))
        elif folder == "use-cases" and stem in uc_by_id:
            uc = uc_by_id[stem]
            body = f"{uc.summary}\n\n" + _table(["Feature", "Weight"],
                                                [[k, str(v)] for k, v in uc.weights.features.items()])
            body += f"\n{uc.verdict.reasoning}\n" if uc.verdict else ""
        elif len(pair) == 2 and all(side in fw_by_id for side in pair):  # a pair page: both cells and notes per row
            a, b = (fw_by_id[side] for side in pair)

            def answer(fw: Framework, feature: FeatureDef) -> tuple[str | None, str] | None:
                cell = fw.cells.get(feature.id)
                return None if cell is None else (cell.level, str(cell.value))

            # the one-word floor keeps every row, as it did; the equivalent one the rows that differ, as ours
            rows = [f for f in dataset.features if floor == "word" or answer(a, f) != answer(b, f)]
            body = _table(["Feature", a.name, b.name, "Notes"], [
                [f.name, _cell_text(a.cells.get(f.id), floor), _cell_text(b.cells.get(f.id), floor),
                 " / ".join(getattr(fw.cells.get(f.id), "note", None) or "" for fw in (a, b)).replace("|", "/")]
                for f in rows])
        elif rel.as_posix() == "index.md":
            body = _table(["Framework", "Status"], [[f.name, f.status] for f in fws])
        else:
            body = _table(["Name", "Kind"], [[f.name, f.kind] for f in dataset.features][:50])
        out.write_text(f"# {stem.replace('-', ' ').capitalize()}\n\n{body}", encoding="utf-8")
    return target


def build(project: Path, site_dir: Path, site_url: str = "http://127.0.0.1:8000/") -> dict[str, Any]:
    """One `mkdocs build`; wall time and the child's peak RSS (os.wait4)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "SITE_URL": site_url,
           "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("DLM_DATA_DIR", None)
    if site_dir.exists():
        shutil.rmtree(site_dir)
    os.sync()  # the previous build's writes and deletions are flushed before the clock starts, not during it
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen([str(VENV_BIN / "mkdocs"), "build", "--site-dir", str(site_dir)],
                                cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            out.seek(0)
            raise RuntimeError(f"mkdocs build failed in {project}:\n{out.read().decode(errors='replace')[-4000:]}")
    return {"seconds": seconds, "maxrss_mb": usage.ru_maxrss / 1024}


def repeat_builds(projects: dict[str, tuple[Path, Path]], repeat: int, site_url: str = "http://127.0.0.1:8000/"
                  ) -> dict[str, dict[str, Any]]:
    """Build each project (name -> (project, site dir)) `repeat` times, taking turns (ours, a floor, the other floor,
    ours...): this machine's speed drifts by 10-20 % over minutes, and taking turns lets every project meet the same
    drift. The median per project."""
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in projects}
    for _ in range(repeat):
        for name, (project, site_dir) in projects.items():
            runs[name].append(build(project, site_dir, site_url))
    return {name: {"seconds_median": statistics.median(r["seconds"] for r in these),
                   "seconds_runs": [round(r["seconds"], 3) for r in these],
                   "maxrss_mb": max(r["maxrss_mb"] for r in these)} for name, these in runs.items()}


# --- Page weight --------------------------------------------------------------------------------

def page_weight(site: Path, page: str = "matrix/index.html") -> dict[str, Any]:
    html_path = site / page
    html = html_path.read_bytes()
    text = html.decode("utf-8", errors="replace")
    refs = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', text)
    refs += re.findall(r'<link[^>]+href="([^"]+)"[^>]+rel="stylesheet"', text)
    refs += re.findall(r'<script[^>]+src="([^"]+)"', text)
    assets = {}
    base = "http://x/" + page
    for ref in dict.fromkeys(refs):
        url = urljoin(base, ref)
        if not url.startswith("http://x/"):
            continue  # third-party: none expected
        path = site / urlsplit(url).path.lstrip("/")
        if path.is_file():
            assets[urlsplit(url).path.lstrip("/")] = gz(path.read_bytes())
    return {"html_raw": len(html), "html_gzip": gz(html), "assets_gzip": assets,
            "total_gzip": gz(html) + sum(assets.values())}


# --- Serving (with gzip) --------------------------------------------------------------------------

class GzipHandler(SimpleHTTPRequestHandler):
    """Static files; text responses gzipped when the client accepts it."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # redirect to the slash form
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        if (not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", "")
                or not ctype.startswith(GZIP_TYPES)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        import io
        return io.BytesIO(body)


def serve(directory: Path, port: int = 0) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(GzipHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def free_port() -> int:
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- Filter latency -----------------------------------------------------------------------------

# One change, timed from the event to the handler's return, to the start of the next frame (the measure of issue 7,
# the budget's), and to that frame drawn (a task posted from requestAnimationFrame runs once its style, layout and
# paint are done).
MEASURE_JS = """async ([kind, value]) => {
  let input;
  if (kind === 'search') {
    input = document.querySelector('input[name="search"]');
    input.value = value;
  } else {
    input = document.querySelector(`tr[data-feature="${value}"] th input[name="must"]`);
    input.checked = !input.checked;
  }
  const t0 = performance.now();
  input.dispatchEvent(new Event('input', {bubbles: true}));
  const t1 = performance.now();
  let t2 = 0;
  await new Promise(resolve => requestAnimationFrame(() => { t2 = performance.now(); setTimeout(resolve, 0); }));
  return [t1 - t0, t2 - t0, performance.now() - t0];
}"""
QUERIES = ["tensor graph", "onnx", "mobile export", "distributed", "zzz"]


def filter_latency(site_url: str, repeat: int) -> dict[str, Any]:
    """Search keystrokes (each prefix typed, then erased) and must-have changes (tick and untick rows), in Chromium
    at 1280x900 without throttling: the medians are the budget's numbers."""
    from playwright.sync_api import sync_playwright

    timings: dict[str, tuple[list[float], list[float], list[float]]] = {"search": ([], [], []), "must": ([], [], [])}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(site_url + "matrix/", wait_until="load", timeout=300_000)
        page.wait_for_selector('input[name="search"]', state="visible", timeout=120_000)
        musts = page.eval_on_selector_all('tr[data-feature] th input[name="must"]', "inputs => inputs.map(i => i.value)")
        picks = [musts[i * len(musts) // 6] for i in range(6)] if musts else []
        for _ in range(repeat):
            for query in QUERIES:
                typed = [query[:i] for i in range(1, len(query) + 1)] + [query[:i] for i in range(len(query) - 1, -1, -1)]
                for text in typed:
                    for series, value in zip(timings["search"], page.evaluate(MEASURE_JS, ["search", text]), strict=True):
                        series.append(value)
            for feature in picks + picks[::-1]:  # tick six must-haves, one at a time, then untick them
                for series, value in zip(timings["must"], page.evaluate(MEASURE_JS, ["must", feature]), strict=True):
                    series.append(value)
        browser.close()
    result: dict[str, Any] = {}
    for kind, (handler, frame, drawn) in timings.items():
        if handler:
            result[kind] = {"changes": len(handler), "handler_median_ms": statistics.median(handler),
                            "handler_worst_ms": max(handler), "frame_median_ms": statistics.median(frame),
                            "frame_worst_ms": max(frame), "drawn_median_ms": statistics.median(drawn),
                            "drawn_worst_ms": max(drawn)}
    return result


# --- Lighthouse ---------------------------------------------------------------------------------

def validation_seconds(tmp: Path, repeat: int) -> dict[str, Any]:
    """`scripts/validate.py` on the small fixture with one file just under the size limit (many small tokens: the
    slow case of a pure-Python YAML parser) and on the live data: medians of `repeat` runs, the process included."""
    from dlmatrix.data.reader import MAX_FILE_BYTES

    data = tmp / "validate-worst" / "data"
    shutil.copytree(ROOT / "tests/fixtures/mini", data)
    head = (data / "frameworks/pytorch.yaml").read_text(encoding="utf-8")
    item = "https://pytorch.org/a, "
    count = (MAX_FILE_BYTES - len(head) - 100) // len(item)
    (data / "frameworks/pytorch.yaml").write_text(
        head.replace("sources: [https://pytorch.org]", "sources: [" + item * count + "https://pytorch.org]", 1), encoding="utf-8")
    result: dict[str, Any] = {}
    for name, folder in (("largest file refused", data), ("live data", ROOT / "data")):
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run([sys.executable, str(ROOT / "scripts/validate.py"), str(folder)], capture_output=True, check=False)
            times.append(time.perf_counter() - start)
        result[name] = statistics.median(times)
    return result


def lighthouse_bin() -> Path | str:
    binary = LH_DIR / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        LH_DIR.mkdir(parents=True, exist_ok=True)
        log(f"installing lighthouse@{LIGHTHOUSE_VERSION} into {LH_DIR}")
        result = subprocess.run(["npm", "install", "--prefix", str(LH_DIR), "--no-audit", "--no-fund",
                                 f"lighthouse@{LIGHTHOUSE_VERSION}"], capture_output=True, text=True, timeout=600)
        if result.returncode != 0 or not binary.exists():
            return f"npm install lighthouse@{LIGHTHOUSE_VERSION} failed: {result.stderr.strip()[-500:]}"
    return binary


METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
           "speed-index", "total-byte-weight")


def lighthouse_once(binary: Path, url: str, report: Path) -> dict[str, Any]:
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    cmd = [str(binary), url, "--output=json", f"--output-path={report}", "--quiet",
           f"--chrome-flags={' '.join(LIGHTHOUSE_FLAGS)}"]
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    if result.returncode != 0 or not report.exists():
        return {"error": (result.stderr or result.stdout).strip()[-800:]}
    data = json.loads(report.read_text())
    if any(c.get("score") is None for c in data["categories"].values()):
        return {"error": "a category has no score: " + str(data.get("runtimeError") or
                                                           [a.get("errorMessage") for a in data["audits"].values()
                                                            if a.get("errorMessage")][:1])}
    scores = {k: round(v["score"] * 100) for k, v in data["categories"].items()}
    failing = []
    for cat in data["categories"].values():
        for ref in cat["auditRefs"]:
            audit = data["audits"].get(ref["id"], {})
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 0.9:
                failing.append(f"{cat['id']}:{ref['id']} ({audit.get('displayValue') or audit['score']})")
    metrics = {k: data["audits"][k].get("numericValue") for k in METRICS if k in data["audits"]}
    return {"scores": scores, "failing": failing, "metrics": metrics}


def lighthouse(urls: dict[str, str], out_dir: Path, runs: int) -> dict[str, Any]:
    """Each page `runs` times, one page after the other; the run with the median performance score is reported,
    with the range of the performance scores."""
    binary = lighthouse_bin()
    if isinstance(binary, str):
        log(binary)
        return {"error": binary}
    results: dict[str, Any] = {}
    for name, url in urls.items():
        attempts = []
        for run in range(runs):
            log(f"lighthouse {name} ({run + 1}/{runs}), load {load_average()}: {url}")
            attempts.append(lighthouse_once(binary, url, out_dir / f"lighthouse-{name}-{run + 1}.json"))
        good = sorted((a for a in attempts if "error" not in a), key=lambda a: a["scores"]["performance"])
        if not good:
            results[name] = {"error": attempts[-1]["error"]}
            continue
        median = good[len(good) // 2]
        results[name] = {**median, "url": url, "runs": len(good),
                         "performance_runs": [a["scores"]["performance"] for a in good]}
    return results


# --- Report -------------------------------------------------------------------------------------

def kib(n: float) -> str:
    return f"{n / 1024:.1f} KiB"


def verdict(ok: bool, budget: str) -> str:
    return "met" if ok else f"NOT met ({budget})"


def rows_for(report: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(measure, value, budget verdict) rows for the one table."""
    rows = []
    builds = report["builds"]
    for b in builds:
        ratio = b["ours"]["seconds_median"] / b["floor_full"]["seconds_median"]
        word_ratio = b["ours"]["seconds_median"] / b["floor_word"]["seconds_median"]
        b["ratio"], b["ratio_word_floor"] = ratio, word_ratio
        rows.append((f"Build {b['size']} ({b['pages']} pages)",
                     f"{b['ours']['seconds_median']:.2f} s vs floor {b['floor_full']['seconds_median']:.2f} s = {ratio:.2f}x "
                     f"(one-word floor {b['floor_word']['seconds_median']:.2f} s: {word_ratio:.2f}x); "
                     f"peak RSS {b['ours']['maxrss_mb']:.0f} MB (floor {b['floor_full']['maxrss_mb']:.0f} MB); "
                     f"matrix {kib(b['matrix']['html_raw'])} raw / {kib(b['matrix']['html_gzip'])} gz",
                     "- (stated; the budget is the real site's and linear growth)"))
    if len(builds) >= 2:
        first, last = builds[0], builds[-1]

        def cells(build: dict[str, Any]) -> int:
            return int(build["frameworks"]) * int(build["features"])

        growth = (last["ours"]["seconds_median"] / first["ours"]["seconds_median"]) / (cells(last) / cells(first))
        rows.append((f"Build scaling, {first['size']} to {last['size']} (time growth / cell growth)",
                     f"{cells(last) / cells(first):.0f}x the cells, "
                     f"{last['ours']['seconds_median'] / first['ours']['seconds_median']:.1f}x the time: {growth:.2f}",
                     verdict(growth <= 1.25, "linear or better")))
        report["scaling"] = growth
    real = report["real"]
    ratio = real["build"]["seconds_median"] / real["floor_full"]["seconds_median"]
    word_ratio = real["build"]["seconds_median"] / real["floor_word"]["seconds_median"]
    rows.append((f"Real site build ({real['pages']} pages)",
                 f"{real['build']['seconds_median']:.2f} s vs floor {real['floor_full']['seconds_median']:.2f} s = {ratio:.2f}x; "
                 f"peak RSS {real['build']['maxrss_mb']:.0f} MB",
                 verdict(ratio <= MAX_BUILD_RATIO, f"<= {MAX_BUILD_RATIO:g}x floor")))
    rows.append(("Real site build vs the one-word floor (the floor when #12 set its budget)",
                 f"{real['build']['seconds_median']:.2f} s vs {real['floor_word']['seconds_median']:.2f} s = {word_ratio:.2f}x",
                 verdict(word_ratio <= MAX_BUILD_RATIO, f"<= {MAX_BUILD_RATIO:g}x if held to that floor")))
    weight = real["matrix"]
    rows.append(("Real matrix page HTML", f"{kib(weight['html_raw'])} raw / {kib(weight['html_gzip'])} gz", "-"))
    total = (report.get("lighthouse", {}).get("matrix") or {}).get("metrics", {}).get("total-byte-weight")
    rows.append(("Real matrix page: HTML, CSS and JavaScript it links, gzipped", kib(weight["total_gzip"]), "-"))
    rows.append(("Real matrix page total transfer, every request (Lighthouse)", kib(total) if total else "not measured",
                 verdict(total <= MATRIX_TRANSFER, f"<= {kib(MATRIX_TRANSFER)}") if total else "not measured"))
    index = real["search_index"]
    rows.append(("Search index (fetched once the reader reaches for search)", f"{kib(index['raw'])} raw / {kib(index['gzip'])} gz",
                 verdict(index["gzip"] <= SEARCH_INDEX, f"<= {kib(SEARCH_INDEX)}")))
    js = report["own_js"]
    rows.append(("Own JavaScript (matrix.js), gzipped", f"{kib(js['gzip'])} ({kib(js['raw'])} raw)",
                 verdict(js["gzip"] <= OWN_JS, f"<= {kib(OWN_JS)}")))
    files = js.get("files_gzip", {})
    rows.append(("All own JavaScript, gzipped, every page", " + ".join(f"{name} {kib(size)}" for name, size in files.items())
                 + f" = {kib(sum(files.values()))}", "-"))
    for name, seconds in report.get("validate", {}).items():
        rows.append((f"scripts/validate.py, {name} (median, process included)", f"{seconds:.2f} s",
                     verdict(seconds <= VALIDATE_SECONDS, f"<= {VALIDATE_SECONDS:g} s")))
    for key, label in (("real", "real data"), ("10x1000", "10 frameworks x 1000 features")):
        measured = report["filter"].get(key)
        if not measured or "error" in measured:
            rows.append((f"Filter update, {label}", f"error: {measured and measured.get('error')}", "not measured"))
            continue
        for kind, what in (("search", "search keystroke"), ("must", "must-have change")):
            f = measured.get(kind)
            if not f:
                continue
            rows.append((f"{what.capitalize()}, {label} ({f['changes']} changes)",
                         f"handler {f['handler_median_ms']:.1f} ms median / {f['handler_worst_ms']:.1f} ms worst; "
                         f"next frame {f['frame_median_ms']:.1f} / {f['frame_worst_ms']:.1f} ms; "
                         f"drawn {f['drawn_median_ms']:.1f} / {f['drawn_worst_ms']:.1f} ms",
                         verdict(f["frame_median_ms"] <= FILTER_MS, f"<= {FILTER_MS:g} ms median")
                         if key == "10x1000" else "-"))
    lh = report["lighthouse"]
    if "error" in lh:
        rows.append(("Lighthouse", lh["error"], "not measured"))
        return rows
    for name, res in lh.items():
        if "error" in res:
            rows.append((f"Lighthouse, {name}", "error: " + res["error"][:200], "not measured"))
            continue
        s, m = res["scores"], res["metrics"]
        misses = [k for k, v in LIGHTHOUSE_WANTED.items() if s.get(k, 0) < v]
        cls = m.get("cumulative-layout-shift") or 0
        if cls > MAX_CLS:
            misses.append("CLS")
        if name == "matrix" and m.get("total-blocking-time", 0) > MATRIX_TBT_MS:
            misses.append(f"TBT <= {MATRIX_TBT_MS} ms")
        rows.append((f"Lighthouse mobile, {name} (performance / accessibility / best practices / SEO)",
                     f"{s['performance']} / {s['accessibility']} / {s['best-practices']} / {s['seo']} "
                     f"(performance runs {', '.join(map(str, res['performance_runs']))}); CLS {cls:.3f}; "
                     f"TBT {m.get('total-blocking-time', 0):.0f} ms; LCP {m.get('largest-contentful-paint', 0) / 1000:.1f} s; "
                     f"transfer {kib(m.get('total-byte-weight', 0))}",
                     "met" if not misses else "NOT met: " + ", ".join(misses)))
    return rows


def render_table(rows: list[tuple[str, str, str]]) -> str:
    lines = ["| Measure | Value | Budget |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)


def markdown(report: dict[str, Any], rows: list[tuple[str, str, str]]) -> str:
    m = report["machine"]
    loads = report["load"]
    text = [f"Measured {m['date']} on {m['nproc']} CPUs ({m['cpu']}), {m['memory']} RAM, {m['platform']}; "
            f"Python {m['python']}, MkDocs {m['mkdocs']}, Material {m['material']}, {m['chromium']}, "
            f"Lighthouse {LIGHTHOUSE_VERSION}. Load average (1 min) from {min(loads):.2f} to {max(loads):.2f} during "
            f"the run. Builds: median of {report['args']['repeat']}; Lighthouse: median of "
            f"{report['args']['lighthouse_runs']} runs per page, mobile preset, Chromium flags "
            f"`{' '.join(LIGHTHOUSE_FLAGS)}`, the real site served with gzip over loopback.", "",
            render_table(rows), ""]
    lh = report["lighthouse"]
    if "error" not in lh:
        text += ["Audits below 0.9 in the reported runs:", ""]
        for name, res in lh.items():
            if "error" not in res:
                text.append(f"- {name}: " + ("; ".join(res["failing"]) or "none"))
        text.append("")
    return "\n".join(text)


def load_average() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:
        return -1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help=f"small sizes only ({QUICK_SIZES})")
    parser.add_argument("--sizes", help=f"comma-separated FRAMEWORKSxFEATURES (default {DEFAULT_SIZES})")
    parser.add_argument("--repeat", type=int, default=3, help="builds per project; the median is reported")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page (median reported)")
    parser.add_argument("--skip-builds", action="store_true", help="no synthetic build sizes (real site only)")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--skip-browser", action="store_true", help="no filter latency measurement")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder")
    args = parser.parse_args()
    sizes = [] if args.skip_builds else [
        tuple(int(n) for n in s.split("x")) for s in (args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES)).split(",")]

    RESULTS.mkdir(exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="dlm-bench-"))
    report: dict[str, Any] = {"args": vars(args), "machine": machine(), "builds": [], "filter": {},
                              "load": [load_average()]}
    log(f"temp folder {tmp}, load average {load_average():.2f} (nothing else should run)")
    try:
        for frameworks, features in sizes:
            size = f"{frameworks}x{features}"
            log(f"size {size}: generating")
            data = generate_dataset(tmp / f"data-{size}", frameworks, features)
            ours = make_project(tmp / f"ours-{size}", data)
            projects = {"ours": (ours, tmp / f"site-{size}")} | {
                f"floor_{kind}": (make_floor(tmp / f"floor-{kind}-{size}", data, ours / "docs", "http://127.0.0.1:8000/", kind),
                                  tmp / f"floor-{kind}-site-{size}") for kind in FLOORS}
            log(f"size {size}: building ours and the floors x{args.repeat}, taking turns")
            built = repeat_builds(projects, args.repeat)
            report["load"].append(load_average())
            pages = sum(1 for _ in (tmp / f"site-{size}").rglob("index.html"))
            report["builds"].append({"size": size, "frameworks": frameworks, "features": features, "pages": pages,
                                     "floor_pages": sum(1 for _ in (tmp / f"floor-full-site-{size}").rglob("index.html")),
                                     **built, "matrix": page_weight(tmp / f"site-{size}")})
            log(f"size {size}: " + ", ".join(f"{name} {b['seconds_median']:.2f} s" for name, b in built.items()))

        log("validation time")
        report["validate"] = validation_seconds(tmp, args.repeat)
        port = free_port()
        real_url = f"http://127.0.0.1:{port}/"
        log("real site: building ours and its floor")
        real = make_project(tmp / "ours-real", None)
        projects = {"ours": (real, tmp / "site-real")} | {
            f"floor_{kind}": (make_floor(tmp / f"floor-{kind}-real", ROOT / "data", real / "docs", real_url, kind),
                              tmp / f"floor-{kind}-site-real") for kind in FLOORS}
        built = repeat_builds(projects, args.repeat, real_url)
        report["load"].append(load_average())
        index = (tmp / "site-real" / "search" / "search_index.json").read_bytes()
        report["real"] = {"build": built["ours"], "floor_word": built["floor_word"], "floor_full": built["floor_full"],
                          "matrix": page_weight(tmp / "site-real"),
                          "pages": sum(1 for _ in (tmp / "site-real").rglob("index.html")),
                          "search_index": {"raw": len(index), "gzip": gz(index)}}
        shipped = asset_files()  # as the site ships them (dlmatrix/site/assets.py)
        js = shipped[f"{ASSETS_FOLDER}/matrix.js"]
        every = {Path(path).name: gz(content) for path, content in sorted(shipped.items()) if path.endswith(".js")}
        report["own_js"] = {"raw": len(js), "gzip": gz(js), "files_gzip": every}
        server, url = serve(tmp / "site-real", port)
        try:
            if not args.skip_browser:
                log("filter latency: real data")
                try:
                    report["filter"]["real"] = filter_latency(url, 2)
                except Exception as exc:
                    report["filter"]["real"] = {"error": str(exc)[:500]}
                log("filter latency: 10x1000")
                try:
                    data = generate_dataset(tmp / "data-10x1000", 10, 1000)
                    proj = make_project(tmp / "ours-10x1000", data)
                    port2 = free_port()
                    build(proj, tmp / "site-10x1000", f"http://127.0.0.1:{port2}/")
                    server2, url2 = serve(tmp / "site-10x1000", port2)
                    try:
                        report["filter"]["10x1000"] = filter_latency(url2, 1)
                    finally:
                        server2.shutdown()
                except Exception as exc:
                    report["filter"]["10x1000"] = {"error": str(exc)[:500]}
                report["load"].append(load_average())
            if args.skip_lighthouse:
                report["lighthouse"] = {"error": "skipped (--skip-lighthouse)"}
            else:
                dataset = load_dataset(ROOT / "data")
                to = Urls(url)
                use_case, framework, topic = dataset.use_cases[0], dataset.frameworks[0], dataset.topics[0]
                a, b = [f.id for f in dataset.frameworks if dataset.settings.has_pair_pages(f)][:2]
                report["lighthouse"] = lighthouse({
                    "home": to.home(), "matrix": to.page("matrix/"),
                    f"use case ({use_case.id})": to.use_case(use_case.id),
                    f"framework ({framework.id})": to.framework(framework.id),
                    f"topic ({topic.id})": to.topic(topic.id), f"pair ({a} vs {b})": to.compare(a, b),
                    "claims": to.page("claims/"), "coverage": to.page("coverage/"), "code": to.code(),
                    "install": to.install()}, RESULTS, args.lighthouse_runs)
                report["load"].append(load_average())
        finally:
            server.shutdown()
    finally:
        if args.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    rows = rows_for(report)
    report["table"] = [{"measure": a, "value": b, "budget": c} for a, b, c in rows]
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    md = markdown(report, rows)
    (RESULTS / "latest.md").write_text(md, encoding="utf-8")
    print(md)
    log(f"wrote {RESULTS / 'latest.json'} and {RESULTS / 'latest.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
