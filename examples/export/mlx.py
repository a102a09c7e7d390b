import tempfile
from pathlib import Path

import mlx.core as mx
import mlx.nn as nn

mx.random.seed(0)
model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))
x = mx.random.normal((4, 8))
mx.eval(model.parameters())  # MLX is lazy: materialise the initial weights before tracing

with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "model.mlxfn"
    # The traced computation with the weights inlined; loadable from Python or C++ without the model code.
    mx.export_function(str(path), model, x, shapeless=True)
    imported = mx.import_function(str(path))
    (out,) = imported(x)
    assert mx.allclose(out, model(x)).item()
    (out7,) = imported(mx.ones((7, 8)))  # shapeless export: another batch size
    assert out7.shape == (7, 1)
    print(f"model.mlxfn {path.stat().st_size} bytes")
