"""Shared fixtures: paths, small hand-written data sets, and one real build of the site per session."""

from __future__ import annotations

import atexit
import datetime as dt
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from dlmatrix.data.dataset import Dataset
from dlmatrix.data.load import load_dataset
from dlmatrix.site.views import Site

ROOT = Path(__file__).resolve().parent.parent
FAVICON = "/assets/favicon.svg"  # mkdocs.yml theme.favicon
FIXTURES = Path(__file__).resolve().parent / "fixtures"
VENV_BIN = Path(sys.executable).parent


def run(args: list[str], *, env: dict[str, str] | None = None, cwd: Path = ROOT,
        timeout: float = 300) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    full_env["PATH"] = f"{VENV_BIN}{os.pathsep}{full_env.get('PATH', '')}"
    return subprocess.run(args, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=timeout)


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# The real site is built for the address it is served at in browser tests: Material's instant
# navigation only takes over links that its sitemap (from site_url) lists.
SITE_PORT = free_port()
SITE_URL = f"http://127.0.0.1:{SITE_PORT}/"


# What a build needs besides data/ (tests copy these to build elsewhere).
PROJECT_PARTS = ("mkdocs.yml", "main.py", "docs", "dlmatrix", "overrides")


def copy_project(target: Path, parts: tuple[str, ...] = PROJECT_PARTS) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for part in parts:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
        else:
            shutil.copy2(source, target / part)
    (target / "data").mkdir(exist_ok=True)  # mkdocs.yml watches it; DLM_DATA_DIR says where the data is
    (target / "examples").mkdir(exist_ok=True)  # watched too; empty: a build of other data has no code evidence
    return target


@functools.cache
def built_project() -> Path:
    """A copy of the project (its data and examples included) that this test process builds the live site from. A
    build writes the files generated from the data (API, feeds, badges) into docs/ first (dlmatrix/site/publish.py):
    two test workers building from the repository itself would write into the same folder at once."""
    target = Path(tempfile.mkdtemp(prefix="dlm-project-"))
    atexit.register(shutil.rmtree, target, ignore_errors=True)
    copy_project(target, PROJECT_PARTS + ("data", "examples"))
    # The repository's history too (the "What changed" page and the feeds read it): git finds it through a .git file
    git_dir = subprocess.run(["git", "rev-parse", "--absolute-git-dir"], cwd=ROOT, capture_output=True, text=True)
    if git_dir.returncode == 0:
        (target / ".git").write_text(f"gitdir: {git_dir.stdout.strip()}\n", encoding="utf-8")
    return target


def build_site(site_dir: Path, data_dir: Path | None = None, project: Path | None = None,
               site_url: str = SITE_URL) -> subprocess.CompletedProcess[str]:
    env = {"SOURCE_DATE_EPOCH": "1767225600", "SITE_URL": site_url}
    if data_dir is not None:
        env["DLM_DATA_DIR"] = str(data_dir)
        if project is None:  # other data builds from a copy of its own, leaving the live data's copy alone
            project = copy_project(site_dir.with_name(site_dir.name + "-project"))
    return run([str(VENV_BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site_dir)], env=env,
               cwd=project or built_project())


# Marks follow from what a test uses, so that a test cannot forget them: `make check` (-m "not browser and not
# build") stays quick, and the contributor-path test re-runs exactly the tests that read the live data (-m live_data).
BUILD_FIXTURES = {"real_site", "site_url"}
BROWSER_FIXTURES = {"browser", "page"}
LIVE_FIXTURES = {"real_site", "site_url", "live"}


@pytest.hookimpl(tryfirst=True)  # before -m deselects by mark
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & BUILD_FIXTURES:
            item.add_marker(pytest.mark.build)
        if used & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if used & LIVE_FIXTURES:
            item.add_marker(pytest.mark.live_data)
        if item.get_closest_marker("build") or item.get_closest_marker("browser"):
            # Each xdist worker builds a site once per session: keep a module's build tests on one worker.
            item.add_marker(pytest.mark.xdist_group(item.module.__name__ if item.module else "build"))
    # The longest test (a suite of its own on a scaffolded copy) starts first, so the other worker runs the rest meanwhile.
    items.sort(key=lambda item: not item.get_closest_marker("first"))


@functools.cache
def live_dataset() -> Dataset:
    """The live data (data/), loaded once per process: tests that check the live data itself read it from here."""
    return load_dataset(ROOT / "data")


@functools.cache
def live_site() -> Site:
    return Site(live_dataset(), dt.date.today())


@pytest.fixture
def live() -> Site:
    """The live data's Site (marks the test live_data: the contributor-path test runs it on a scaffolded copy too)."""
    return live_site()


@pytest.fixture
def mini_data(tmp_path: Path) -> Path:
    """A writable copy of the small hand-written data set (3 frameworks, 7 features)."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "mini", target)
    return target


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once with `mkdocs build --strict` from the live data."""
    site = tmp_path_factory.mktemp("site")
    result = build_site(site)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    return site


# --- Browser support: a real Chromium through Playwright, pages served over loopback ----------

CHROMIUM_CANDIDATES = [os.environ.get("CHROMIUM", ""), "/usr/bin/chromium", "/usr/bin/chromium-browser"]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str:
    for candidate in CHROMIUM_CANDIDATES:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    pytest.fail("No Chromium found for browser tests: install Debian's `chromium` package "
                "(make test does this as root) or set CHROMIUM=/path/to/chrome")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def serve():  # type: ignore[no-untyped-def]
    """serve(site_dir) -> base URL; every server is stopped at the end of the session."""
    import functools
    import threading
    from http.server import ThreadingHTTPServer

    servers = []

    def start(directory: Path, port: int = 0) -> str:
        handler = functools.partial(_QuietHandler, directory=str(directory))
        server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(real_site: Path, serve) -> str:  # type: ignore[no-untyped-def]
    """The real site served at the address it was built for."""
    return serve(real_site, SITE_PORT)


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield PatientBrowser(instance)
        instance.close()


# How long a page may take to load, navigate or reach a state on a loaded machine (two test workers, builds beside
# them): Playwright's 30 s ran out there. A wait, never a budget: make bench measures speed.
WAIT_MS = 90_000


class PatientBrowser:
    """The browser, whose every context waits up to WAIT_MS (every browser test makes its contexts here)."""

    def __init__(self, browser: Any) -> None:
        self._browser = browser

    def new_context(self, **options: Any) -> Any:
        context = self._browser.new_context(**options)
        context.set_default_timeout(WAIT_MS)
        context.set_default_navigation_timeout(WAIT_MS)
        return context

    def __getattr__(self, name: str) -> Any:
        return getattr(self._browser, name)


def aborted(request) -> bool:  # type: ignore[no-untyped-def]
    """A request the browser gave up because the page moved on (the test's next page, an instant navigation, the
    context closing): the lazily fetched favicon, or Material's search worker script, which a loaded machine may
    still be fetching when the page is idle (a worker's requests do not count for "networkidle"). Not the site's
    fault; a request the site's policy blocks or the server refuses fails otherwise (or answers an error status)."""
    return request.failure == "net::ERR_ABORTED"


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    """A fresh page that fails the test on any console error or uncaught exception."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("requestfailed", lambda request: None if aborted(request)
            else problems.append(f"request failed: {request.url}"))
    # No request may leave the site's own origin (no CDN, no fonts, no APIs).
    page.on("request", lambda request: None if request.url.startswith(("http://127.0.0.1", "data:", "blob:"))
            else problems.append(f"third-party request: {request.url}"))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.problems = problems
    yield page
    # What the test saw, taken before teardown: closing the context aborts whatever is still loading (a prefetch,
    # an instant navigation), which is the harness's doing, not the site's.
    seen = list(problems)
    context.close()
    assert not seen, f"console errors: {seen}"
