"""scripts/linkcheck.py, offline: against a loopback server (the real check, `make linkcheck`, needs a network)."""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from dlmatrix.tools import linkcheck
from tests.conftest import ROOT


class Handler(BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def log_message(self, *args: Any) -> None:
        pass

    def answer(self, with_body: bool) -> None:
        Handler.requests.append(f"{self.command} {self.path}")
        if self.path == "/nohead" and self.command == "HEAD":
            self.send_response(405)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path in ("/ok", "/nohead"):
            self.send_response(200)
        elif self.path == "/busy":
            self.send_response(429)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "2" if with_body else "0")
        self.end_headers()
        if with_body:
            self.wfile.write(b"ok")

    def do_HEAD(self) -> None:
        self.answer(False)

    def do_GET(self) -> None:
        self.answer(True)


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    Handler.requests = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_head_then_get_cache_and_report(server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    urls = {f"{server}/{name}": {f"data/frameworks/{name}.yaml"} for name in ("ok", "gone", "nohead", "moved", "busy")}
    cache = tmp_path / "linkcheck.json"
    out = io.StringIO()
    code = linkcheck.run(urls, cache, timeout=5, max_requests=100, max_age_days=7, refresh=False, workers=2, out=out)
    report = out.getvalue()
    assert code == 1, report
    verdicts = {url.rsplit("/", 1)[1]: entry["verdict"] for url, entry in json.loads(cache.read_text()).items()}
    assert verdicts == {"ok": "ok", "gone": "broken", "nohead": "ok", "moved": "ok", "busy": "unsure"}
    assert "GET /nohead" in Handler.requests and "GET /ok" not in Handler.requests  # GET only as a fallback
    assert "BROKEN" in report and f"{server}/gone" in report and "data/frameworks/gone.yaml" in report
    assert "Redirected" in report and f"-> {server}/ok" in report

    # second run: ok results come from the cache; only the others are asked again, within the bound
    Handler.requests = []
    out = io.StringIO()
    linkcheck.run(urls, cache, timeout=5, max_requests=1, max_age_days=7, refresh=False, workers=1, out=out)
    assert len({r.split()[1] for r in Handler.requests}) == 1, Handler.requests
    assert "3 fresh in the cache, checking 1, 1 left for the next run" in out.getvalue()


def test_urls_are_collected_from_sources_and_notes() -> None:
    urls = linkcheck.collect_urls(ROOT / "data")
    assert len(urls) > 100
    assert all(url.startswith(("https://", "http://")) for url in urls)
    assert any(file.startswith("data/use_cases/") for files in urls.values() for file in files)
