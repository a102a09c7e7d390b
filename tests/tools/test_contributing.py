"""CONTRIBUTING.md: its file templates are valid data, so they cannot drift from the model."""

from __future__ import annotations

import re

import pytest

from dlmatrix.data.model import Cell, Framework, Topic, UseCase
from dlmatrix.data.reader import parse_yaml
from dlmatrix.data.schema_errors import validate_model
from tests.conftest import ROOT

TEXT = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def template(folder: str) -> str:
    match = re.search(r"### `data/" + folder + r"/[^`]*`\n\n```yaml\n(.*?)```", TEXT, re.S)
    assert match, f"no template for data/{folder}/ in CONTRIBUTING.md"
    return match.group(1)


@pytest.mark.parametrize("folder, model", [("frameworks", Framework), ("topics", Topic),
                                           ("use_cases", UseCase)])
def test_each_template_is_valid(folder: str, model: type) -> None:
    loaded, errors = parse_yaml(f"{folder}.yaml", template(folder).encode())
    assert loaded is not None and not errors, errors
    item, model_errors = validate_model(model, loaded)
    assert item is not None and not model_errors, [str(e) for e in model_errors]
    for field in model.model_fields:  # every key is shown and explained (comment on its line or the next)
        assert re.search(rf"^{field}:.*(#|\n +#)", template(folder), re.M), f"{folder}: key '{field}' not documented"


def test_every_cell_key_is_documented() -> None:
    for field in Cell.model_fields:
        assert re.search(rf"^ +{field}:.*#", template("frameworks"), re.M), f"cell key '{field}' not documented"
