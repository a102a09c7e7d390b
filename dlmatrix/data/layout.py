"""Where data lives: the folders and files of a data folder, and what kind of data each holds.

    topics/<topic-id>.yaml          a topic and the features in it
    frameworks/<framework-id>.yaml  one framework, one cell per feature
    use_cases/<use-case-id>.yaml    one use case
    claims.yaml                     the claims of a 2025 TensorFlow-vs-PyTorch blog post, checked
    questions.yaml                  the questions people ask, answered
    site.yaml                       site-wide choices (column order, the phone's default frameworks)

Every tool finds files through this module, so a new kind of file is added here once.
"""

from __future__ import annotations

from pathlib import Path

from dlmatrix.data.files import exists, list_dir

# folder -> kind (the kind names the model and data/schema/<kind>.schema.json)
FOLDERS: dict[str, str] = {"topics": "topic", "frameworks": "framework", "use_cases": "use_case"}
# single file -> kind; each is optional
SINGLE_FILES: dict[str, str] = {"claims.yaml": "claims", "questions.yaml": "questions", "site.yaml": "site"}


def path_of(kind: str, entity_id: str, data_folder: str = "data") -> str:
    """Where the file of one framework, topic or use case lives, as the repository names it
    ("data/frameworks/pytorch.yaml"): "suggest a fix" and "edit" links open it."""
    folder = next(folder for folder, folder_kind in FOLDERS.items() if folder_kind == kind)
    return f"{data_folder}/{folder}/{entity_id}.yaml"


def kind_of(path: Path) -> str | None:
    """The kind of a data file, from where it is (None when it is not a data file)."""
    if path.suffix != ".yaml":
        return None
    return FOLDERS.get(path.parent.name) or SINGLE_FILES.get(path.name)


def folder_files(folder: Path) -> list[Path]:
    """The YAML files of one folder (.yml included, so that it can be refused by name), sorted. Links are listed
    (the reader refuses them by name) but never followed; a folder that is a link lists nothing (load.py refuses it)."""
    return [p for p in list_dir(folder) if p.suffix in (".yaml", ".yml") and not p.name.startswith(".")]


def data_files(root: Path) -> list[Path]:
    """Every data file under a data folder: the folders in layout order, then the single files."""
    files = [path for folder in FOLDERS for path in folder_files(root / folder)]
    return files + [root / name for name in SINGLE_FILES if exists(root / name)]


def is_data_root(path: Path) -> bool:
    return (path / "topics").is_dir() and (path / "frameworks").is_dir()


def find_data_root(path: Path) -> Path:
    """The data folder a file or folder belongs to: the nearest one holding topics/ and frameworks/."""
    for candidate in [path, *path.parents]:
        if is_data_root(candidate):
            return candidate
    return path if path.is_dir() else path.parent


def display(path: Path) -> str:
    """A path as messages show it: relative to the working directory when it is inside it. The path's last part is
    never resolved: a link is named as the link, not as what it points at."""
    try:
        return str(path.parent.resolve().relative_to(Path.cwd().resolve()) / path.name)
    except ValueError:
        return str(path)
