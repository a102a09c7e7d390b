import tempfile
from pathlib import Path

from tinygrad import Tensor, nn
from tinygrad.nn.state import get_state_dict, load_state_dict, safe_load, safe_save

Tensor.manual_seed(0)


class MLP:
    def __init__(self) -> None:
        self.l1, self.l2 = nn.Linear(8, 16), nn.Linear(16, 1)

    def __call__(self, x: Tensor) -> Tensor:
        return self.l2(self.l1(x).relu())


model = MLP()
Tensor.realize(*nn.state.get_parameters(model))  # tinygrad is lazy: materialise the initial weights
x = Tensor.randn(4, 8).realize()

with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "model.safetensors"
    safe_save(get_state_dict(model), str(path))

    restored = MLP()  # fresh random weights
    load_state_dict(restored, safe_load(str(path)))
    print(f"saved {path.stat().st_size} bytes")

assert (model(x).numpy() == restored(x).numpy()).all()
