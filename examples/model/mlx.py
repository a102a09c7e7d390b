import mlx.core as mx
import mlx.nn as nn
from mlx.utils import tree_flatten

mx.random.seed(0)


class MLP(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.hidden = nn.Linear(8, 16)
        self.out = nn.Linear(16, 1)

    def __call__(self, x: mx.array) -> mx.array:
        return self.out(nn.relu(self.hidden(x)))


model = MLP()
y = model(mx.random.normal((32, 8)))

n_params = sum(v.size for _, v in tree_flatten(model.parameters()))
assert y.shape == (32, 1), y.shape
assert n_params == 161, n_params
print(model)
print("output shape:", y.shape, "parameters:", n_params)
