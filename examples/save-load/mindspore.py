import tempfile
from pathlib import Path

import mindspore as ms
from mindspore import nn, ops

ms.set_seed(0)


def make_model() -> nn.Cell:
    return nn.SequentialCell(nn.Dense(8, 16, activation="relu"), nn.Dense(16, 1))


model = make_model()
x = ops.randn(4, 8)

with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "model.ckpt"
    ms.save_checkpoint(model, str(path))

    restored = make_model()  # fresh random weights
    ms.load_param_into_net(restored, ms.load_checkpoint(str(path)))
    print(f"saved {path.stat().st_size} bytes")

assert ops.equal(model(x), restored(x)).all()
