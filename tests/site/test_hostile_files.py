"""Hostile pull requests and hostile history (issue #24), on a temporary copy of the project that is a real git
repository, beside a sentinel folder outside it that must hash the same before and after:

- the build: a history with control characters, a record separator and markup in commit subjects, an alias bomb,
  a blob over the size limit and non-scalar names and levels in past commits; a committed `.cache` link pointing
  outside; CSV formulas in cell values. The build passes, nothing outside changes, every feed, badge and the
  sitemap parse as XML, the CSV (file and browser) is neutralised. One build, shared by the tests of this module.
- refusals, without a build: data files and folders that are links (to a device, outside the repository),
  generated folders and feeds that are links (to the sentinel, to the repository's own .git), example programs
  that are links or not UTF-8, an indentation slip. Each is refused with file:line:col, no traceback, nothing
  written or deleted outside; under `make serve` the refusal is shown and serving goes on.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from dlmatrix.data.load import load_dataset
from dlmatrix.site.stubs import orphan_stubs, write_stubs
from tests.conftest import FIXTURES, ROOT, VENV_BIN, copy_project, run
from tests.fixtures.history_repo import git

MINI = FIXTURES / "mini"
SITE_URL = "http://127.0.0.1:8123/"
REPO_URL = "https://git.example.org/matrix/data"
ERROR_LINE = re.compile(r"^(?P<path>[^:\n]+):(?P<line>[1-9]\d*):(?P<column>[1-9]\d*): \S.*$")
# Subjects no data reader checks: a record separator, unit separator, control characters, XML-illegal noncharacters,
# markup, a CDATA end, a spreadsheet formula.
HOSTILE_SUBJECT = ("Level \x1e\x1f\x01\x0b\x7f <script>alert('subject')</script> \ufffe\uffff ]]> "
                   "=cmd|' /C calc'!A0 &amp; done")
FORMULAS = {"pytorch": "=HYPERLINK(\"https://evil.invalid\",\"click\")", "tensorflow": "@SUM(1+1)*cmd|' /C calc'!A0",
            "oldnet": "-42"}  # a number stays a number


def tree_hash(folder: Path) -> str:
    """Every name, kind, mode, link target and byte under a folder (links not followed)."""
    digest = hashlib.sha256()
    for top, dirs, files in sorted(os.walk(folder, followlinks=False)):
        for name in sorted([*dirs, *files]):
            path = Path(top) / name
            info = path.lstat()
            digest.update(f"{path.relative_to(folder)}\0{info.st_mode}\0".encode())
            if path.is_symlink():
                digest.update(os.readlink(path).encode())
            elif path.is_file():
                digest.update(path.read_bytes())
    return digest.hexdigest()


def make_sentinel(where: Path) -> Path:
    (where / "deep").mkdir(parents=True)
    shutil.copyfile(MINI / "frameworks/pytorch.yaml", where / "secret.yaml")
    (where / "notes.txt").write_text("outside the repository\n", encoding="utf-8")
    (where / "deep/inner.txt").write_text("deeper\n", encoding="utf-8")
    shutil.copytree(MINI / "topics", where / "topics")
    return where


def commit(repo: Path, subject: str, day: int) -> None:
    git(repo, "add", "-A", "data")
    git(repo, "commit", "-q", "--allow-empty-message", "-m", subject, date=f"2026-06-{day:02d}T10:00:00Z")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def refusals(output: str) -> list[str]:
    """The lines of a run's output that report an error (the summary lines aside)."""
    return [line for line in output.splitlines() if line.strip() and not line.startswith(("warning:", "OK:"))
            and "error(s) found" not in line and "data error(s)" not in line]


def assert_refused_cleanly(result: subprocess.CompletedProcess[str], expected: list[str]) -> None:
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "internal error" not in output, output
    assert result.returncode == 1, output
    lines = refusals(result.stderr)
    assert lines == expected, "\n".join(["got:", *lines, "expected:", *expected])
    for line in lines:
        assert ERROR_LINE.match(line), f"not file:line:col: message: {line!r}"


# --- one build of a hostile copy -------------------------------------------------------------------------------


@dataclass
class Hostile:
    project: Path
    outside: Path
    before: str
    site: Path
    result: subprocess.CompletedProcess[str]


def hostile_history(project: Path, outside: Path) -> None:
    """The project's data (the mini fixture) committed with a hostile history; HEAD validates."""
    data = project / "data"
    shutil.copytree(MINI, data, dirs_exist_ok=True)
    git(project, "init", "-q")
    commit(project, "Start the data", 1)
    fw = data / "frameworks"
    edit(fw / "pytorch.yaml", "mobile_runtime: {level: full", "mobile_runtime: {level: partial")
    commit(project, HOSTILE_SUBJECT, 2)
    bomb = ["id: bomb", "name: Bomb", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    bomb += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 30)]
    (fw / "bomb.yaml").write_text("\n".join(bomb) + "\n", encoding="utf-8")
    commit(project, "\x1e", 3)  # a subject that is only a record separator
    (fw / "bomb.yaml").unlink()
    (fw / "huge.yaml").write_text("id: huge\nname: Huge\n" + "# padding\n" * 300_000, encoding="utf-8")
    commit(project, "A blob over the size limit", 4)
    (fw / "huge.yaml").unlink()
    original = (fw / "tensorflow.yaml").read_text(encoding="utf-8")
    edit(fw / "tensorflow.yaml", "name: TensorFlow", "name: [a, list, as, a, name]")
    edit(fw / "tensorflow.yaml", "eager_by_default: {level: full", "eager_by_default: {level: {nested: map}")
    commit(project, "Names and levels that are not scalars", 5)
    (fw / "tensorflow.yaml").write_text(original, encoding="utf-8")
    for framework, value in FORMULAS.items():
        path = fw / f"{framework}.yaml"
        text, quoted = path.read_text(encoding="utf-8"), value.replace("'", "''")
        if "  steward:" in text:
            text = re.sub(r"  steward: \{value: [^,]+,", lambda _, q=quoted: f"  steward: {{value: '{q}',", text)
        else:
            text = text.replace("cells:\n", f"cells:\n  steward: {{value: '{quoted}', sources: [https://x.invalid/s], "
                                "verified: 2026-11-01}\n", 1)
        path.write_text(text, encoding="utf-8")
    (project / ".cache").symlink_to(os.path.relpath(outside, project))  # the change cache's folder, committed
    git(project, "add", "-f", ".cache")
    commit(project, "CSV formulas in values; a .cache link <b>bold</b>", 6)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    root = tmp_path_factory.mktemp("hostile-files")
    outside = make_sentinel(root / "outside")
    before = tree_hash(outside)
    project = copy_project(root / "project")
    hostile_history(project, outside)
    dataset = load_dataset(project / "data")
    for orphan in orphan_stubs(dataset, project / "docs"):
        orphan.unlink()
    write_stubs(dataset, project / "docs")
    site = root / "site"
    result = run([str(VENV_BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site)], cwd=project,
                 env={"SOURCE_DATE_EPOCH": "1767225600", "SITE_URL": SITE_URL, "REPO_URL": REPO_URL,
                      "DLM_DATA_DIR": str(project / "data")})
    return Hostile(project, outside, before, site, result)


@pytest.mark.build
def test_the_build_passes_and_nothing_outside_changes(hostile: Hostile) -> None:
    output = hostile.result.stdout + hostile.result.stderr
    assert hostile.result.returncode == 0, output
    assert "Traceback" not in output, output
    assert tree_hash(hostile.outside) == hostile.before, "the build wrote or deleted outside the project"
    assert not (hostile.outside / "changes").exists()
    assert os.path.islink(hostile.project / ".cache"), "the committed link was replaced"


@pytest.mark.build
def test_every_feed_badge_and_the_sitemap_parse_as_xml(hostile: Hostile) -> None:
    dataset = load_dataset(hostile.project / "data")
    feeds = sorted(hostile.site.glob("changes*.xml"))
    badges = sorted((hostile.site / "badges").rglob("*.svg"))
    assert len(feeds) == 1 + len(dataset.frameworks) + len(dataset.topics)  # the site's, per framework, per topic
    assert len(badges) == len(dataset.frameworks) + len(dataset.features)  # per framework, per feature
    for path in [*feeds, *badges, hostile.site / "sitemap.xml"]:
        try:
            ET.fromstring(path.read_bytes())
        except ET.ParseError as exc:
            pytest.fail(f"{path.relative_to(hostile.site)} is not XML: {exc}")
    feed = ET.fromstring((hostile.site / "changes.xml").read_bytes())
    titles = [t.text or "" for t in feed.iter("{http://www.w3.org/2005/Atom}title")]
    # shown as text, the characters XML cannot hold dropped (git itself re-encodes a subject holding U+FFFE as Latin-1)
    hostile_titles = [title for title in titles if "<script>alert('subject')</script>" in title]
    assert hostile_titles and all(title.startswith("1 change: Level \x7f <script>") and
                                  title.endswith(" ]]> =cmd|' /C calc'!A0 &amp; done") for title in hostile_titles), titles


@pytest.mark.build
def test_hostile_history_is_read_strictly(hostile: Hostile) -> None:
    """The bomb and the huge blob count as absent (no framework added), non-scalar names and levels as nothing; the
    subjects appear as text on the page."""
    page = (hostile.site / "about/changes/index.html").read_text(encoding="utf-8")
    frameworks = set(re.findall(r'data-framework="([^"]+)"', page))
    assert frameworks <= {"pytorch", "tensorflow", "oldnet"}, frameworks
    assert "Bomb" not in page and "Huge" not in page and "lol" not in page
    for shown in ("[&#39;a&#39;", "&#39;nested&#39;", "&#39;list&#39;", "['a'", "'nested'", "{nested"):
        assert shown not in page, shown
    assert "&lt;script&gt;alert(&#39;subject&#39;)&lt;/script&gt;" in page or \
        "&lt;script&gt;alert('subject')&lt;/script&gt;" in page
    assert "\x1e" not in page and "\x01" not in page


@pytest.mark.build
def test_csv_file_neutralises_formulas_and_keeps_numbers(hostile: Hostile) -> None:
    text = (hostile.site / "api/v1/matrix.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    stewards = {row["framework"]: row["value"] for row in rows if row["feature"] == "steward"}
    assert stewards == {"pytorch": "'" + FORMULAS["pytorch"], "tensorflow": "'" + FORMULAS["tensorflow"],
                        "oldnet": "-42"}
    for row in rows:
        for value in row.values():
            assert not (value.startswith(("=", "+", "-", "@", "\t", "\r")) and value != "-42"), row
    api = (hostile.site / "api/index.html").read_text(encoding="utf-8")
    assert "no spreadsheet runs it as a formula" in api


@pytest.mark.browser
@pytest.mark.build
def test_browser_csv_neutralises_formulas(hostile: Hostile, serve: Any, page: Any) -> None:
    base = serve(hostile.site)
    page.goto(base + "matrix/?fw=pytorch,tensorflow,oldnet", wait_until="networkidle")  # the retired one too
    page.wait_for_function("document.querySelectorAll('td[data-framework=\"oldnet\"]').length > 0")
    with page.expect_download() as download:
        page.click('[data-action="csv"]')
    text = Path(download.value.path()).read_text(encoding="utf-8")
    cells = [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]
    assert "'" + FORMULAS["pytorch"] in cells and "'" + FORMULAS["tensorflow"] in cells, cells
    assert "-42" in cells
    assert not [cell for cell in cells if cell.startswith(("=", "+", "@", "\t", "\r"))
                or (cell.startswith("-") and cell != "-42")], cells


# --- refusals, without a build ----------------------------------------------------------------------------------


def test_links_in_data_are_refused(tmp_path: Path) -> None:
    outside = make_sentinel(tmp_path / "outside")
    before = tree_hash(outside)
    data = tmp_path / "repo/data"
    shutil.copytree(MINI, data)
    (data / "frameworks/zero.yaml").symlink_to("/dev/zero")
    (data / "frameworks/stolen.yaml").symlink_to(outside / "secret.yaml")
    (data / "site.yaml").symlink_to(outside / "notes.txt")
    shutil.rmtree(data / "topics")
    (data / "topics").symlink_to(outside / "topics")
    result = run([sys.executable, str(ROOT / "scripts/validate.py"), "."], cwd=data, timeout=60)
    link = "is a symbolic link; it must be a regular file in the repository (links are not followed)"
    assert_refused_cleanly(result, [
        f"frameworks/stolen.yaml:1:1: {link}", f"frameworks/zero.yaml:1:1: {link}", f"site.yaml:1:1: {link}",
        "topics:1:1: is a symbolic link; data folders must be real folders in the repository (links are not followed)"])
    # make test's first step, the format check, neither reads nor writes through the links
    formatted = run([sys.executable, str(ROOT / "scripts/format.py"), "--check", "."], cwd=data, timeout=60)
    assert "Traceback" not in formatted.stdout + formatted.stderr, formatted.stderr
    assert tree_hash(outside) == before


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    """The project (code, docs, scripts) with the mini data, as a git repository, the virtualenv linked."""
    project = copy_project(tmp_path / "project", ("mkdocs.yml", "main.py", "docs", "dlmatrix", "overrides", "scripts"))
    shutil.copytree(MINI, project / "data", dirs_exist_ok=True)
    (project / ".venv").symlink_to(VENV_BIN.parent)
    for generated in ("api/v1", "badges", "assets/dlm"):  # copied from a build here, if any: start from none
        shutil.rmtree(project / "docs" / generated, ignore_errors=True)
    for feed in (project / "docs").glob("changes*.xml"):
        feed.unlink()
    git(project, "init", "-q")
    commit(project, "Start", 1)
    return project


@pytest.mark.parametrize(("generated", "target"), [
    ("api/v1", ".git"), ("badges", "outside"), ("assets/dlm", "outside/deep"), ("changes.xml", "outside/notes.txt")])
def test_generated_folders_that_are_links_are_refused(small_project: Path, generated: str, target: str) -> None:
    outside = make_sentinel(small_project.parent / "outside")
    link = small_project / "docs" / generated
    link.parent.mkdir(parents=True, exist_ok=True)
    pointed = small_project / target if target == ".git" else small_project.parent / target
    link.symlink_to(os.path.relpath(pointed, link.parent))
    before = (tree_hash(outside), tree_hash(small_project / ".git"))
    result = run([sys.executable, "scripts/generate.py", "data"], cwd=small_project, timeout=120)
    what = "a file" if generated.endswith(".xml") else "a folder"
    remedy = ("; remove it" if what == "a file" else "; nothing is written or deleted through it: remove it")
    assert_refused_cleanly(result, [f"docs/{generated}:1:1: is a symbolic link, where the build "
                                    f"{'writes' if what == 'a file' else 'keeps'} {what}{remedy}"])
    assert (tree_hash(outside), tree_hash(small_project / ".git")) == before
    assert git(small_project, "log", "--format=%s") == "Start", "the repository was damaged"


SERVE_PROBE = """
import os, sys
sys.path.insert(0, os.getcwd())
os.environ.setdefault("DLM_SERVE", "1")
import main

class Env:
    conf = {"docs_dir": "docs", "site_url": "", "repo_url": "", "markdown_extensions": []}
    variables = {}
    macros = {}
    page = None
    def macro(self, function, name):
        self.macros[name] = function

env = Env()
main.define_env(env)
print(env.macros["matrix"]())
"""


def test_serve_shows_a_refusal_and_keeps_serving(small_project: Path) -> None:
    """Under `make serve` (DLM_SERVE=1) the bridge reports the refusal and renders it in the page; nothing stops."""
    outside = make_sentinel(small_project.parent / "outside")
    before = tree_hash(outside)
    (small_project / "docs/badges").symlink_to(os.path.relpath(outside, small_project / "docs"))
    result = run([sys.executable, "-c", SERVE_PROBE], cwd=small_project, timeout=120,
                 env={"DLM_DATA_DIR": str(small_project / "data")})
    output = result.stdout + result.stderr
    assert result.returncode == 0 and "Traceback" not in output, output
    assert "docs/badges:1:1: is a symbolic link" in result.stderr, output
    assert "docs/badges:1:1: is a symbolic link" in result.stdout, "the page does not show the refusal"
    assert tree_hash(outside) == before


def test_example_programs_and_a_broken_framework_file_are_refused_without_cascade(tmp_path: Path) -> None:
    """On the live data and examples: a program that is not UTF-8 and one that is a link are refused with the file
    named; one indentation slip in a framework file gives one error, not one per program of that framework."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "data", project / "data")
    shutil.copytree(ROOT / "examples", project / "examples")
    with (project / "examples/autodiff/pytorch.py").open("ab") as program:
        program.write(b"# caf\xe9\n")
    lines = (project / "examples/autodiff/pytorch.py").read_bytes().count(b"\n")
    (project / "examples/autodiff/jax.py").unlink()
    (project / "examples/autodiff/jax.py").symlink_to("/dev/zero")
    framework = project / "data/frameworks/tensorflow.yaml"
    text = framework.read_text(encoding="utf-8").split("\n")
    slip = next(i for i, line in enumerate(text) if i > 10 and re.match(r"^  [a-z_]+:", line))
    text[slip] = " " + text[slip]
    framework.write_text("\n".join(text), encoding="utf-8")
    result = run([sys.executable, str(ROOT / "scripts/validate.py"), "data"], cwd=project, timeout=120)
    lines_out = refusals(result.stderr)
    assert_refused_cleanly(result, lines_out)  # positions, no traceback, exit 1
    assert len(lines_out) == 3, "\n".join(lines_out)
    assert lines_out[0].startswith(f"data/frameworks/tensorflow.yaml:{slip + 1}:4: YAML syntax: indentation: line "
                                   f"{slip + 1} starts at column 4"), lines_out
    assert ("examples/autodiff/jax.py:1:1: is a symbolic link; it must be a regular file in the repository (links are "
            "not followed)") in lines_out
    assert (f"examples/autodiff/pytorch.py:{lines}:6: invalid UTF-8 (byte 0xe9); save the file as UTF-8") in lines_out
    assert not [line for line in lines_out if "has no data file" in line]


@pytest.mark.parametrize("serving", ["1", "0"])
def test_a_page_that_is_a_link_is_refused(small_project: Path, serving: str) -> None:
    """MkDocs reads docs/ and overrides/ itself: a link there would publish what it points at. The bridge refuses
    it, stopping a build and showing it under `make serve`."""
    outside = make_sentinel(small_project.parent / "outside")
    (small_project / "docs/stolen.md").symlink_to(outside / "notes.txt")
    (small_project / "overrides/partials").mkdir(parents=True, exist_ok=True)
    (small_project / "overrides/partials/x.html").symlink_to("/dev/zero")
    result = run([sys.executable, "-c", SERVE_PROBE], cwd=small_project, timeout=120,
                 env={"DLM_DATA_DIR": str(small_project / "data"), "DLM_SERVE": serving})
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    expected = ["docs/stolen.md:1:1: is a symbolic link (or a device); the build reads only regular files in the "
                "repository: remove it", "overrides/partials/x.html:1:1: is a symbolic link (or a device); the build "
                "reads only regular files in the repository: remove it"]
    assert refusals(result.stderr) == expected, output
    assert result.returncode == (0 if serving == "1" else 1), output
    if serving == "1":
        assert "docs/stolen.md:1:1" in result.stdout, "the page does not show the refusal"


@pytest.mark.parametrize("name", ["docs/api/v1", "docs/badges", "docs/assets/dlm", "docs/changes.xml", ".cache",
                                  "site", ".venv"])
def test_gitignore_ignores_a_link_or_a_file_of_a_generated_name(tmp_path: Path, name: str) -> None:
    """A `/`-ended entry matches folders only, so a link of the name could be committed unnoticed; ours do not."""
    shutil.copyfile(ROOT / ".gitignore", tmp_path / ".gitignore")
    git(tmp_path, "init", "-q")
    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / name).symlink_to("/dev/null")
    assert subprocess.run(["git", "-C", str(tmp_path), "check-ignore", "-q", name]).returncode == 0, name
    (tmp_path / name).unlink()
    (tmp_path / name).write_text("x")
    assert subprocess.run(["git", "-C", str(tmp_path), "check-ignore", "-q", name]).returncode == 0, name
