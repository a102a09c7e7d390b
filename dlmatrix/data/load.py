"""Load a data folder into a checked Dataset, or report every error found in one pass.

read (reader.py, strict YAML with positions) -> model (model.py, one pydantic model per kind of file)
-> rules (rules.py, cross-file checks) -> Dataset. Nothing here is cached: the site layer keeps one
Site per state of the files (dlmatrix/site/views.py, site_for). The Dataset itself is dataset.py's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel

from dlmatrix.data.dataset import Dataset
from dlmatrix.data.errors import DataError, DataErrors
from dlmatrix.data.files import exists, is_link
from dlmatrix.data.layout import FOLDERS, SINGLE_FILES, display, folder_files, is_data_root
from dlmatrix.data.model import ClaimList, Framework, QuestionList, SiteSettings, Topic, UseCase
from dlmatrix.data.reader import LoadedFile, load_yaml_file
from dlmatrix.data.rules import Catalog, Parsed, run_rules
from dlmatrix.data.schema_errors import validate_model
from dlmatrix.data.vocabulary import status_rank

# kind -> the model its files must match (kinds without one here are read by their own module)
MODELS: dict[str, type[BaseModel]] = {"topic": Topic, "framework": Framework, "use_case": UseCase,
                                      "claims": ClaimList, "questions": QuestionList, "site": SiteSettings}


def _parse(files: list[Path], kind: str, errors: list[DataError], parsed: list[LoadedFile]) -> list[Parsed[Any]]:
    """Valid items of one kind; every file that parsed at all, valid or not, is added to `parsed`."""
    items: list[Parsed[Any]] = []
    for file in files:
        loaded, file_errors = load_yaml_file(file, display(file))
        errors.extend(file_errors)
        if loaded is None:
            continue
        parsed.append(loaded)
        item, model_errors = validate_model(MODELS[kind], loaded)
        errors.extend(model_errors)
        if item is not None:
            items.append(Parsed(item, loaded))
    return items


def read_catalog(root: Path, errors: list[DataError]) -> Catalog:
    """Every file of a data folder, parsed and checked against its model (errors collected, not raised)."""
    files: dict[str, list[LoadedFile]] = {}
    complete: dict[str, bool] = {}
    items: dict[str, list[Parsed[Any]]] = {}
    for folder, kind in FOLDERS.items():
        if is_link(root / folder):  # listed as nothing: say why
            errors.append(DataError(display(root / folder), 1, 1, "is a symbolic link; data folders must be real "
                                    "folders in the repository (links are not followed)"))
        paths = folder_files(root / folder)
        files[kind] = []
        items[kind] = _parse(paths, kind, errors, files[kind])
        complete[kind] = len(files[kind]) == len(paths) and not is_link(root / folder)
    for name, kind in SINGLE_FILES.items():
        if kind in MODELS and exists(root / name):  # a link is read, and refused, by the reader
            files[kind] = []
            items[kind] = _parse([root / name], kind, errors, files[kind])
    claims, settings, questions = (next(iter(items.get(kind, [])), None) for kind in ("claims", "site", "questions"))
    return Catalog(topics=items["topic"], frameworks=items["framework"], use_cases=items["use_case"],
                   claims=claims, settings=settings, files=files, complete=complete, questions=questions, root=root)


def load_dataset(data_dir: Path | str = "data") -> Dataset:
    """Load and check every file under `data_dir`. Raises DataErrors listing every problem."""
    root = Path(data_dir)
    if is_link(root):
        raise DataErrors([DataError(display(root), 1, 1, "is a symbolic link; the data folder must be a real folder "
                                    "(links are not followed)")])
    if not is_data_root(root):
        raise DataErrors([DataError(display(root), 1, 1, "not a data folder: expected topics/ and frameworks/ in it")])
    errors: list[DataError] = []
    catalog = read_catalog(root, errors)
    errors.extend(run_rules(catalog))
    if errors:
        raise DataErrors(errors)
    settings = catalog.settings.item if catalog.settings else SiteSettings()
    order = {framework_id: index for index, framework_id in enumerate(settings.framework_order)}
    files = {f"topic:{p.item.id}": p.file.path for p in catalog.topics}
    files |= {f"framework:{p.item.id}": p.file.path for p in catalog.frameworks}
    files |= {f"use_case:{p.item.id}": p.file.path for p in catalog.use_cases}
    return Dataset(
        topics=tuple(sorted((p.item for p in catalog.topics), key=lambda t: (t.order, t.id))),
        frameworks=tuple(sorted((p.item for p in catalog.frameworks),
                                key=lambda f: (order.get(f.id, len(order)), status_rank(f.status), f.name.casefold()))),
        use_cases=tuple(sorted((p.item for p in catalog.use_cases), key=lambda u: (u.order, u.id))),
        claims=tuple(catalog.claims.item.claims) if catalog.claims else (),
        settings=settings,
        source_files=files,
        questions=tuple(catalog.questions.item.questions) if catalog.questions else (),
        cell_lines={(p.item.id, feature_id): p.file.position(("cells", feature_id), key=True)[0]
                    for p in catalog.frameworks for feature_id in p.item.cells},
    )
