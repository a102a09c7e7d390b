import torch
from torch import nn

torch.manual_seed(0)


class MLP(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.hidden = nn.Linear(8, 16)
        self.out = nn.Linear(16, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.out(torch.relu(self.hidden(x)))


model = MLP()
y = model(torch.randn(32, 8))

n_params = sum(p.numel() for p in model.parameters())
assert y.shape == (32, 1), y.shape
assert n_params == 8 * 16 + 16 + 16 * 1 + 1 == 161, n_params
print(model)
print("output shape:", tuple(y.shape), "parameters:", n_params)
