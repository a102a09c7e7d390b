"""The live data: every level a cell gives has its meaning stated in its feature's `scale:` (issue 21: the same
situation gets the same level, and a reader can see why)."""

from __future__ import annotations

from dlmatrix.data.load import load_dataset
from tests.conftest import ROOT


def test_every_support_feature_states_its_scale_and_every_level_used_is_in_it() -> None:
    dataset = load_dataset(ROOT / "data")
    support = {feature.id: feature for feature in dataset.features if feature.kind == "support"}
    assert support, "the live data has support features"
    assert [f for f, feature in support.items() if not feature.scale] == []
    undefined = sorted(f"{framework.id}.{feature_id}: {cell.level}"
                       for framework in dataset.frameworks for feature_id, cell in framework.cells.items()
                       if feature_id in support and cell.level not in (None, "unknown")
                       and cell.level not in support[feature_id].scale)
    assert undefined == []
