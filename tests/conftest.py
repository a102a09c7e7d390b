"""Shared fixtures: paths, small hand-written data sets, and one real build of the site per session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
VENV_BIN = Path(sys.executable).parent


def run(args: list[str], *, env: dict[str, str] | None = None, cwd: Path = ROOT,
        timeout: float = 300) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    full_env["PATH"] = f"{VENV_BIN}{os.pathsep}{full_env.get('PATH', '')}"
    return subprocess.run(args, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=timeout)


def build_site(site_dir: Path, data_dir: Path | None = None, project: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {"SOURCE_DATE_EPOCH": "1767225600"}
    if data_dir is not None:
        env["DLM_DATA_DIR"] = str(data_dir)
    return run([str(VENV_BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site_dir)], env=env, cwd=project)


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
