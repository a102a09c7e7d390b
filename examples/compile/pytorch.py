import copy

import torch
from torch import nn

torch.manual_seed(0)
x = torch.randn(256, 8)
y = x @ torch.linspace(-1.0, 1.0, 8).unsqueeze(1) + 0.5


def make_step(model: nn.Module, optimizer: torch.optim.Optimizer):
    def train_step(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        optimizer.zero_grad()
        loss = nn.functional.mse_loss(model(x), y)
        loss.backward()
        optimizer.step()
        return loss.detach()

    return train_step


eager_model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))
compiled_model = copy.deepcopy(eager_model)
eager_step = make_step(eager_model, torch.optim.SGD(eager_model.parameters(), lr=0.05))
compiled_step = torch.compile(make_step(compiled_model, torch.optim.SGD(compiled_model.parameters(), lr=0.05)))

for _ in range(20):
    eager_loss = eager_step(x, y)
    compiled_loss = compiled_step(x, y)

print(f"eager loss {eager_loss.item():.6f}, compiled loss {compiled_loss.item():.6f}")
assert torch.allclose(eager_loss, compiled_loss, rtol=1e-4, atol=1e-5)
for p, q in zip(eager_model.parameters(), compiled_model.parameters()):
    assert torch.allclose(p, q, rtol=1e-4, atol=1e-5)
