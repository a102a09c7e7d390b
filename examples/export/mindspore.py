import tempfile

import mindspore as ms
from mindspore import nn, ops

ms.set_seed(0)
model = nn.SequentialCell(nn.Dense(8, 16, activation="relu"), nn.Dense(16, 1))
x = ops.randn(4, 8)

with tempfile.TemporaryDirectory() as tmp:
    # MindIR: the graph and weights, for MindSpore Lite and MindSpore Serving.
    ms.export(model, x, file_name=f"{tmp}/model", file_format="MINDIR")
    graph = nn.GraphCell(ms.load(f"{tmp}/model.mindir"))
    assert ops.isclose(graph(x), model(x), atol=1e-6).all()
    print("exported MindIR gives the same outputs")
