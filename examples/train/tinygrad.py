from tinygrad import Context, Tensor, nn

Tensor.manual_seed(0)
x = Tensor.randn(256, 8)
y = x @ Tensor.linspace(-1.0, 1.0, 8).reshape(8, 1) + 0.5


class MLP:
    def __init__(self) -> None:
        self.l1, self.l2 = nn.Linear(8, 16), nn.Linear(16, 1)

    def __call__(self, x: Tensor) -> Tensor:
        return self.l2(self.l1(x).relu())


model = MLP()
optimizer = nn.optim.Adam(nn.state.get_parameters(model), lr=0.01)

with Context(TRAINING=1):  # optimizers only step in training mode
    for step in range(1000):
        optimizer.zero_grad()
        loss = ((model(x) - y) ** 2).mean().backward()
        loss.realize(*optimizer.schedule_step())  # the loss and the update in one schedule
        if loss.item() < 0.01:
            break

print(f"step {step}: loss {loss.item():.4f}")
assert loss.item() < 0.01, loss.item()
