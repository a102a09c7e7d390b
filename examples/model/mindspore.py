import mindspore as ms
from mindspore import nn, ops

ms.set_seed(0)


class MLP(nn.Cell):
    def __init__(self) -> None:
        super().__init__()
        self.hidden = nn.Dense(8, 16, activation="relu")
        self.out = nn.Dense(16, 1)

    def construct(self, x: ms.Tensor) -> ms.Tensor:
        return self.out(self.hidden(x))


model = MLP()
y = model(ops.randn(32, 8))

n_params = sum(p.size for p in model.trainable_params())
assert y.shape == (32, 1), y.shape
assert n_params == 161, n_params
print(model)
print("output shape:", y.shape, "parameters:", n_params)
