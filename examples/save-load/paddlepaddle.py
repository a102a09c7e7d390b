import tempfile
from pathlib import Path

import paddle
from paddle import nn

paddle.seed(0)


def make_model() -> nn.Layer:
    return nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))


model = make_model()
x = paddle.randn([4, 8])

with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "model.pdparams"
    paddle.save(model.state_dict(), str(path))

    restored = make_model()  # fresh random weights
    restored.set_state_dict(paddle.load(str(path)))
    print(f"saved {path.stat().st_size} bytes")

assert paddle.equal_all(model(x), restored(x)).item()
