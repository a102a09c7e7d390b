import tempfile
from pathlib import Path

import mlx.core as mx
import mlx.nn as nn

mx.random.seed(0)


def make_model() -> nn.Module:
    return nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))


model = make_model()
x = mx.random.normal((4, 8))

with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "model.safetensors"
    model.save_weights(str(path))

    restored = make_model()  # fresh random weights
    restored.load_weights(str(path))
    print(f"saved {path.stat().st_size} bytes")

assert mx.array_equal(model(x), restored(x)).item()
