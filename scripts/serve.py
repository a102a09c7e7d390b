"""Live preview that survives mistakes: `make serve` (PORT=8123 for another port).

    python scripts/serve.py [--port 8000] [--host 127.0.0.1]

Runs `mkdocs serve` with DLM_SERVE=1, so data and macro errors are printed here and shown in the page
instead of stopping the server; saving the fix rebuilds. MkDocs reloads data/, docs/ and templates itself;
an edit to the Python code (dlmatrix/, main.py) restarts it, so no stale module is ever used. Stopping
this script (Ctrl-C, or its parent `make` being killed) stops MkDocs and frees the port.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import _project  # enters the project's virtualenv before the imports below

_project.enter()

ROOT = _project.ROOT
CODE = [ROOT / "main.py", ROOT / "dlmatrix"]
PR_SET_PDEATHSIG = 1  # Linux prctl: a signal for this process when its parent dies


def die_with_parent() -> None:
    """Ask Linux to send SIGTERM to the calling process when its parent exits (no-op elsewhere)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def code_signature() -> tuple[tuple[str, int], ...]:
    files = [p for root in CODE for p in ([root] if root.is_file() else root.rglob("*.py"))]
    return tuple(sorted((str(p), p.stat().st_mtime_ns) for p in files if p.exists()))


def start(host: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DLM_SERVE": "1", "DLM_MACROS_FAIL": "false"}
    command = [str(Path(sys.executable).parent / "mkdocs"), "serve", "--livereload", "--no-strict",
               "--dev-addr", f"{host}:{port}"]
    if data_dir := os.environ.get("DLM_DATA_DIR"):
        command += ["--watch", data_dir]  # a data folder outside the project is watched too
    return subprocess.Popen(command, cwd=ROOT, env=env, preexec_fn=die_with_parent)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args(argv)
    die_with_parent()  # `make serve` killed: stop too, and with us the server
    stopping = False

    def on_signal(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    signature = code_signature()
    server = start(args.host, args.port)
    print(f"Serving on http://{args.host}:{args.port}/ (Ctrl-C stops)", file=sys.stderr)
    try:
        while not stopping:
            time.sleep(0.5)
            if server.poll() is not None:
                print(f"serve: mkdocs stopped (exit {server.returncode}); restarting in 2 s", file=sys.stderr)
                time.sleep(2)
                server = start(args.host, args.port)
                continue
            now = code_signature()
            if now != signature:
                signature = now
                print("serve: Python code changed; restarting MkDocs", file=sys.stderr)
                stop(server)
                server = start(args.host, args.port)
    finally:
        stop(server)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
