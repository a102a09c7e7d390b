"""The live data: every level a cell gives has its meaning stated in its feature's `scale:` (issue 21: the same
situation gets the same level, and a reader can see why). A new feature without cells needs no scale yet."""

from __future__ import annotations

from dlmatrix.data.load import load_dataset
from tests.conftest import ROOT


def test_every_level_a_cell_gives_is_defined_in_its_features_scale() -> None:
    dataset = load_dataset(ROOT / "data")
    support = {feature.id: feature for feature in dataset.features if feature.kind == "support"}
    levelled = [(framework.id, feature_id, cell.level) for framework in dataset.frameworks
                for feature_id, cell in framework.cells.items()
                if feature_id in support and cell.level not in (None, "unknown")]
    assert levelled, "the live data has levelled cells"
    undefined = sorted(f"{framework_id}.{feature_id}: {level}" for framework_id, feature_id, level in levelled
                       if level not in support[feature_id].scale)
    assert undefined == []
