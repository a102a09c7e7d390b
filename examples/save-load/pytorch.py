import tempfile
from pathlib import Path

import torch
from torch import nn

torch.manual_seed(0)


def make_model() -> nn.Module:
    return nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))


model = make_model()
x = torch.randn(4, 8)

with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "model.pt"
    torch.save(model.state_dict(), path)

    restored = make_model()  # fresh random weights
    restored.load_state_dict(torch.load(path, weights_only=True))
    print(f"saved {path.stat().st_size} bytes")

assert torch.equal(model(x), restored(x))
