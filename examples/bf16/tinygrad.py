from tinygrad import Context, Tensor, dtypes, nn

# tinygrad has no autocast: keep float32 weights and cast to bfloat16 for the forward pass.
Tensor.manual_seed(0)
x = Tensor.randn(256, 8)
y = x @ Tensor.linspace(-1.0, 1.0, 8).reshape(8, 1) + 0.5


class MLP:
    def __init__(self) -> None:
        self.l1, self.l2 = nn.Linear(8, 16), nn.Linear(16, 1)

    def __call__(self, x: Tensor) -> Tensor:
        bf16 = dtypes.bfloat16
        h = x.cast(bf16).linear(self.l1.weight.cast(bf16).T, self.l1.bias.cast(bf16)).relu()
        return h.linear(self.l2.weight.cast(bf16).T, self.l2.bias.cast(bf16))


model = MLP()
optimizer = nn.optim.Adam(nn.state.get_parameters(model), lr=0.01)

with Context(TRAINING=1):  # optimizers only step in training mode
    for step in range(1000):
        optimizer.zero_grad()
        pred = model(x)
        loss = ((pred.float() - y) ** 2).mean().backward()  # gradients flow back to float32 weights
        loss.realize(*optimizer.schedule_step())  # the loss and the update in one schedule
        if loss.item() < 0.02:
            break

print(f"step {step}: loss {loss.item():.4f}, activations {pred.dtype}, weights {model.l1.weight.dtype}")
assert pred.dtype == dtypes.bfloat16 and model.l1.weight.dtype == dtypes.float32
assert loss.item() < 0.02, loss.item()
