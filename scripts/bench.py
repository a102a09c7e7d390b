"""Performance benchmark (issue #7): build time and memory against a bare-Material floor, page weight,
filter latency in Chromium and Lighthouse scores. `make bench`; `python scripts/bench.py --help`.

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
from dlmatrix.site.stubs import PAGE_KINDS, write_stubs
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
    (target / "examples").mkdir(exist_ok=True)  # mkdocs.yml watches it; the code evidence is left out of the copy
    if data_dir is not None:
        docs = target / "docs"
        for folder, _, _ in PAGE_KINDS.values():
            for stub in (docs / folder).glob("*.md"):
                if stub.name != "index.md":
                    stub.unlink()
        write_stubs(load_dataset(target / "data"), docs)
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


def _cell_word(cell) -> str:  # type: ignore[no-untyped-def]
    if cell is None:
        return "-"
    text = cell.level if cell.level else str(cell.value)
    return text.replace("|", "/")


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def make_floor(target: Path, data_dir: Path, ours_docs: Path, site_url: str) -> Path:
    """A bare Material project (no macros, no custom_dir, no extra CSS/JS) with the same pages as ours,
    each holding an equivalent static Markdown table."""
    dataset = load_dataset(data_dir)
    fws = dataset.frameworks
    docs = target / "docs"
    docs.mkdir(parents=True)
    (target / "mkdocs.yml").write_text(FLOOR_CONFIG.format(site_url=site_url), encoding="utf-8")

    def matrix_rows(features) -> list[list[str]]:  # type: ignore[no-untyped-def]
        return [[f.name, *[_cell_word(fw.cells.get(f.id)) for fw in fws]] for f in features]

    fw_by_id = {f.id: f for f in fws}
    cat_by_id = {c.id: c for c in dataset.topics}
    uc_by_id = {u.id: u for u in dataset.use_cases}
    for page in sorted(ours_docs.rglob("*.md")):
        rel = page.relative_to(ours_docs)
        out = docs / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        folder, stem = (rel.parts[0] if len(rel.parts) > 1 else ""), rel.stem
        if rel.as_posix() == "matrix.md":
            body = _table(["Feature", *[f.name for f in fws]], matrix_rows(dataset.features))
            body += "\n## Frameworks compared\n\n" + _table(["Framework", "Status", "Summary"],
                                                            [[f.name, f.status, f.summary or ""] for f in fws])
        elif folder == "frameworks" and stem in fw_by_id:
            fw = fw_by_id[stem]
            body = f"{fw.summary}\n\n" + _table(["Feature", "Value", "Note"], [
                [f.name, _cell_word(fw.cells.get(f.id)), (getattr(fw.cells.get(f.id), "note", None) or "")
                 .replace("|", "/")] for f in dataset.features])
        elif folder == "topics" and stem in cat_by_id:
            cat = cat_by_id[stem]
            body = f"{cat.description}\n\n" + _table(["Feature", *[f.name for f in fws]], matrix_rows(cat.features))
        elif folder == "use-cases" and stem in uc_by_id:
            uc = uc_by_id[stem]
            body = f"{uc.summary}\n\n" + _table(["Feature", "Weight"],
                                                [[k, str(v)] for k, v in uc.weights.features.items()])
            body += f"\n{uc.verdict.reasoning}\n" if uc.verdict else ""
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


def repeat_build(project: Path, site_dir: Path, repeat: int, site_url: str = "http://127.0.0.1:8000/") -> dict[str, Any]:
    runs = [build(project, site_dir, site_url) for _ in range(repeat)]
    return {"seconds_median": statistics.median(r["seconds"] for r in runs),
            "seconds_runs": [round(r["seconds"], 3) for r in runs],
            "maxrss_mb": max(r["maxrss_mb"] for r in runs)}


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

FILTER_JS = """async (text) => {
  const input = document.querySelector('input[name="search"]');
  input.value = text;
  const t0 = performance.now();
  input.dispatchEvent(new Event('input', {bubbles: true}));
  const t1 = performance.now();
  await new Promise(r => requestAnimationFrame(() => r()));
  const t2 = performance.now();
  return [t1 - t0, t2 - t0];
}"""
QUERIES = ["tensor graph", "onnx", "mobile export", "distributed", "zzz"]


def filter_latency(site_url: str, repeat: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    sync_ms, frame_ms = [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(site_url + "matrix/", wait_until="load", timeout=300_000)
        page.wait_for_selector('input[name="search"]', state="visible", timeout=120_000)
        for _ in range(repeat):
            for query in QUERIES:
                keys = [query[:i] for i in range(1, len(query) + 1)] + [query[:i] for i in range(len(query) - 1, -1, -1)]
                for text in keys:
                    s, f = page.evaluate(FILTER_JS, text)
                    sync_ms.append(s)
                    frame_ms.append(f)
        browser.close()
    return {"keystrokes": len(sync_ms), "handler_median_ms": statistics.median(sync_ms),
            "handler_worst_ms": max(sync_ms), "frame_median_ms": statistics.median(frame_ms),
            "frame_worst_ms": max(frame_ms)}


# --- Lighthouse ---------------------------------------------------------------------------------

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


def lighthouse(urls: dict[str, str], out_dir: Path) -> dict[str, Any]:
    binary = lighthouse_bin()
    if isinstance(binary, str):
        log(binary)
        return {"error": binary}
    results: dict[str, Any] = {}
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    for name, url in urls.items():
        report = out_dir / f"lighthouse-{name}.json"
        cmd = [str(binary), url, "--output=json", f"--output-path={report}", "--quiet",
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
        log(f"lighthouse {name}: {url}")
        result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
        if result.returncode != 0 or not report.exists():
            results[name] = {"error": (result.stderr or result.stdout).strip()[-800:]}
            continue
        data = json.loads(report.read_text())
        scores = {k: (round(v["score"] * 100) if v.get("score") is not None else None)
                  for k, v in data["categories"].items()}
        failing = []
        for cat in data["categories"].values():
            for ref in cat["auditRefs"]:
                audit = data["audits"].get(ref["id"], {})
                if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 0.9:
                    failing.append(f"{cat['id']}:{ref['id']} ({audit.get('displayValue') or audit['score']})")
        metrics = {k: data["audits"][k].get("displayValue") for k in
                   ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                    "cumulative-layout-shift", "speed-index") if k in data["audits"]}
        results[name] = {"scores": scores, "failing": failing, "metrics": metrics}
    return results


# --- Report -------------------------------------------------------------------------------------

def kb(n: float) -> str:
    return f"{n / 1024:.1f} KB"


def rows_for(report: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(measure, value, budget verdict) rows for the one table."""
    rows = []
    builds = report["builds"]
    ratios = []
    for b in builds:
        ratio = b["ours"]["seconds_median"] / b["floor"]["seconds_median"]
        ratios.append(ratio)
        rows.append((f"build {b['size']} ({b['pages']} pages)",
                     f"{b['ours']['seconds_median']:.2f} s vs floor {b['floor']['seconds_median']:.2f} s = "
                     f"{ratio:.2f}x; peak RSS {b['ours']['maxrss_mb']:.0f} MB (floor {b['floor']['maxrss_mb']:.0f} MB); "
                     f"matrix {kb(b['matrix']['html_raw'])} raw / {kb(b['matrix']['html_gzip'])} gz",
                     "met" if ratio <= 1.5 else "NOT met (<= 1.5x floor)"))
    if len(builds) >= 2:
        first, last = builds[0], builds[-1]
        def cells(build: dict[str, Any]) -> int:
            return int(build["frameworks"]) * int(build["features"])

        growth = (last["ours"]["seconds_median"] / first["ours"]["seconds_median"]) / (cells(last) / cells(first))
        rows.append(("build scaling (time growth / cell growth, smallest to largest)", f"{growth:.2f}",
                     "met (linear or better)" if growth <= 1.25 else "NOT met (super-linear)"))
        report["scaling"] = growth
    real = report["real"]
    rows.append(("real site build", f"{real['build']['seconds_median']:.2f} s, peak RSS {real['build']['maxrss_mb']:.0f} MB", "-"))
    rows.append(("real matrix page HTML", f"{kb(real['matrix']['html_raw'])} raw / {kb(real['matrix']['html_gzip'])} gz", "-"))
    total = real["matrix"]["total_gzip"]
    rows.append(("real matrix page total transfer (HTML+CSS+JS, gzip)", kb(total),
                 "met" if total <= 150 * 1024 else "NOT met (<= 150 KB)"))
    rows.append(("own JS matrix.js (gzip)", f"{kb(report['own_js']['gzip'])} ({kb(report['own_js']['raw'])} raw)",
                 "met" if report["own_js"]["gzip"] <= 10 * 1024 else "NOT met (<= 10 KB)"))
    for key, label in (("real", "filter latency, real data"), ("10x1000", "filter latency, 10 fw x 1000 features")):
        f = report["filter"].get(key)
        if not f or "error" in f:
            rows.append((label, f"error: {f and f.get('error')}", "not measured"))
            continue
        value = (f"handler median {f['handler_median_ms']:.1f} ms / worst {f['handler_worst_ms']:.1f} ms; "
                 f"to next frame median {f['frame_median_ms']:.1f} ms / worst {f['frame_worst_ms']:.1f} ms "
                 f"({f['keystrokes']} keystrokes)")
        verdict = "-"
        if key == "10x1000":
            verdict = "met" if f["frame_median_ms"] <= 16 else "NOT met (<= 16 ms median)"
        rows.append((label, value, verdict))
    lh = report["lighthouse"]
    if "error" in lh:
        rows.append(("Lighthouse", lh["error"], "not measured"))
    else:
        wanted = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
        for name, res in lh.items():
            if "error" in res:
                rows.append((f"Lighthouse {name}", "error: " + res["error"][:200], "not measured"))
                continue
            s = res["scores"]
            misses = [k for k, v in wanted.items() if (s.get(k) or 0) < v]
            rows.append((f"Lighthouse mobile {name} (perf/a11y/bp/seo)",
                         f"{s.get('performance')}/{s.get('accessibility')}/{s.get('best-practices')}/{s.get('seo')}",
                         "met" if not misses else "NOT met: " + ", ".join(misses)))
    return rows


def render_table(rows: list[tuple[str, str, str]]) -> str:
    lines = ["| Measure | Value | Budget |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)


def markdown(report: dict[str, Any], rows: list[tuple[str, str, str]]) -> str:
    m = report["machine"]
    text = [f"Measured {m['date']} on {m['nproc']} CPUs ({m['cpu']}), {m['memory']} RAM, {m['platform']}; "
            f"Python {m['python']}, MkDocs {m['mkdocs']}, Material {m['material']}, {m['chromium']}. "
            f"Build times are the median of {report['args']['repeat']} run(s).", "", render_table(rows), ""]
    lh = report["lighthouse"]
    if "error" not in lh:
        text += ["What drags Lighthouse scores down (audits scoring below 0.9):", ""]
        for name, res in lh.items():
            if "error" in res:
                continue
            text.append(f"- {name}: " + ("; ".join(res["failing"]) or "nothing") +
                        f" (metrics: {', '.join(f'{k} {v}' for k, v in res['metrics'].items())})")
        text.append("")
    return "\n".join(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help=f"small sizes only ({QUICK_SIZES})")
    parser.add_argument("--sizes", help=f"comma-separated FRAMEWORKSxFEATURES (default {DEFAULT_SIZES})")
    parser.add_argument("--repeat", type=int, default=3, help="builds per project; the median is reported")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--skip-browser", action="store_true", help="no filter latency measurement")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder")
    args = parser.parse_args()
    sizes = [tuple(int(n) for n in s.split("x")) for s in (args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES)).split(",")]

    RESULTS.mkdir(exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="dlm-bench-"))
    report: dict[str, Any] = {"args": vars(args), "machine": machine(), "builds": [], "filter": {}}
    log(f"temp folder {tmp}")
    try:
        for frameworks, features in sizes:
            size = f"{frameworks}x{features}"
            log(f"size {size}: generating")
            data = generate_dataset(tmp / f"data-{size}", frameworks, features)
            ours = make_project(tmp / f"ours-{size}", data)
            floor = make_floor(tmp / f"floor-{size}", data, ours / "docs", "http://127.0.0.1:8000/")
            log(f"size {size}: building ours x{args.repeat}")
            ours_build = repeat_build(ours, tmp / f"site-{size}", args.repeat)
            log(f"size {size}: building floor x{args.repeat}")
            floor_build = repeat_build(floor, tmp / f"floor-site-{size}", args.repeat)
            pages = sum(1 for _ in (tmp / f"site-{size}").rglob("index.html"))
            report["builds"].append({"size": size, "frameworks": frameworks, "features": features, "pages": pages,
                                     "floor_pages": sum(1 for _ in (tmp / f"floor-site-{size}").rglob("index.html")),
                                     "ours": ours_build, "floor": floor_build,
                                     "matrix": page_weight(tmp / f"site-{size}")})
            log(f"size {size}: ours {ours_build['seconds_median']:.2f} s, floor {floor_build['seconds_median']:.2f} s")

        port = free_port()
        real_url = f"http://127.0.0.1:{port}/"
        log("real site: building")
        real = make_project(tmp / "ours-real", None)
        real_build = repeat_build(real, tmp / "site-real", args.repeat, real_url)
        report["real"] = {"build": real_build, "matrix": page_weight(tmp / "site-real")}
        js = (ROOT / "docs" / "javascripts" / "matrix.js").read_bytes()
        report["own_js"] = {"raw": len(js), "gzip": gz(js)}
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
            if args.skip_lighthouse:
                report["lighthouse"] = {"error": "skipped (--skip-lighthouse)"}
            else:
                dataset = load_dataset(ROOT / "data")
                report["lighthouse"] = lighthouse({
                    "home": url, "matrix": url + "matrix/",
                    "use-case": url + f"use-cases/{dataset.use_cases[0].id}/",
                    "framework": url + f"frameworks/{dataset.frameworks[0].id}/"}, RESULTS)
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
