from tinygrad import Context, Tensor, TinyJit, nn

Tensor.manual_seed(0)
x = Tensor.randn(256, 8).realize()
y = (x @ Tensor.linspace(-1.0, 1.0, 8).reshape(8, 1) + 0.5).realize()


class MLP:
    def __init__(self) -> None:
        self.l1, self.l2 = nn.Linear(8, 16), nn.Linear(16, 1)

    def __call__(self, x: Tensor) -> Tensor:
        return self.l2(self.l1(x).relu())


def make_step(model: MLP):
    optimizer = nn.optim.SGD(nn.state.get_parameters(model), lr=0.05)

    def train_step(x: Tensor, y: Tensor) -> Tensor:
        optimizer.zero_grad()
        loss = ((model(x) - y) ** 2).mean().backward()
        return loss.realize(*optimizer.schedule_step())  # the loss and the update in one schedule

    return train_step


eager_model, jit_model = MLP(), MLP()
Tensor.realize(*nn.state.get_parameters(eager_model))  # tinygrad is lazy: materialise the initial weights
nn.state.load_state_dict(jit_model, {k: v.clone() for k, v in nn.state.get_state_dict(eager_model).items()})  # a copy
eager_step = make_step(eager_model)
jit_step = TinyJit(make_step(jit_model))  # captures the kernels on the first calls, then replays them

with Context(TRAINING=1):  # optimizers only step in training mode
    for _ in range(20):
        eager_loss = eager_step(x, y).item()
        jit_loss = jit_step(x, y).item()

print(f"eager loss {eager_loss:.6f}, TinyJit loss {jit_loss:.6f}")
assert abs(eager_loss - jit_loss) < 1e-5
assert (abs(eager_model(x).numpy() - jit_model(x).numpy()) < 1e-5).all()
