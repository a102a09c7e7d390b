"""`make serve`: a data error shows in the terminal and in the page, the server keeps running and
recovers on the fix, PORT is honoured, and stopping `make` frees the port."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, free_port

pytestmark = pytest.mark.build


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def test_serve_shows_data_errors_recovers_and_frees_its_port(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    port = free_port()
    server = subprocess.Popen(["make", "-s", "serve", f"PORT={port}", f"DLM_DATA_DIR={data}"], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.extend(iter(server.stdout.readline, "")),  # type: ignore[union-attr]
                              daemon=True)
    reader.start()
    matrix = f"http://127.0.0.1:{port}/matrix/"
    try:
        wait_for(lambda: "data-matrix-table" in fetch(matrix), "the first build")
        path = data / "frameworks/pytorch.yaml"
        good = path.read_text(encoding="utf-8")
        path.write_text(good.replace("level: full", "level: fulll", 1), encoding="utf-8")
        wait_for(lambda: "data-build-error" in fetch(matrix), "the error in the page")
        page = fetch(matrix)
        assert "frameworks/pytorch.yaml:" in page and "fulll" in page, page[:2000]
        wait_for(lambda: any("pytorch.yaml:" in line and "fulll" in line for line in output), "the error in the terminal")
        assert server.poll() is None, "the server stopped on a data error"
        path.write_text(good, encoding="utf-8")
        wait_for(lambda: "data-matrix-table" in (body := fetch(matrix)) and "data-build-error" not in body,
                 "the recovery")
    finally:
        server.send_signal(signal.SIGTERM)  # to make only, as when a terminal or a CI step kills it
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    wait_for(lambda: port_is_free(port), "the port to be freed", timeout=20)
