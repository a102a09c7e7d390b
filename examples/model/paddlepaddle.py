import paddle
from paddle import nn

paddle.seed(0)


class MLP(nn.Layer):
    def __init__(self) -> None:
        super().__init__()
        self.hidden = nn.Linear(8, 16)
        self.out = nn.Linear(16, 1)

    def forward(self, x: paddle.Tensor) -> paddle.Tensor:
        return self.out(nn.functional.relu(self.hidden(x)))


model = MLP()
y = model(paddle.randn([32, 8]))

n_params = sum(p.size for p in model.parameters())
assert y.shape == [32, 1], y.shape
assert n_params == 161, n_params
print(model)
print("output shape:", y.shape, "parameters:", n_params)
