from tinygrad import Tensor, nn

Tensor.manual_seed(0)


class MLP:
    def __init__(self) -> None:
        self.hidden = nn.Linear(8, 16)
        self.out = nn.Linear(16, 1)

    def __call__(self, x: Tensor) -> Tensor:
        return self.out(self.hidden(x).relu())


model = MLP()
y = model(Tensor.randn(32, 8))

params = nn.state.get_parameters(model)  # found by walking the object's attributes
n_params = sum(p.numel() for p in params)
assert y.shape == (32, 1), y.shape
assert n_params == 161, n_params
print(list(nn.state.get_state_dict(model)))
print("output shape:", y.shape, "parameters:", n_params)
