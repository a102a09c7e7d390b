from tinygrad import Context, Tensor, nn

DEVICES = ("CPU:0", "CPU:1")  # two CPU devices; on a multi-GPU machine, e.g. ("NV:0", "NV:1")

Tensor.manual_seed(0)
x = Tensor.randn(256, 8).realize()
y = (x @ Tensor.linspace(-1.0, 1.0, 8).reshape(8, 1) + 0.5).realize()


class MLP:
    def __init__(self) -> None:
        self.l1, self.l2 = nn.Linear(8, 16), nn.Linear(16, 1)

    def __call__(self, x: Tensor) -> Tensor:
        return self.l2(self.l1(x).relu())


def train(model: MLP, x: Tensor, y: Tensor) -> None:
    optimizer = nn.optim.SGD(nn.state.get_parameters(model), lr=0.05)
    with Context(TRAINING=1):
        for _ in range(20):
            optimizer.zero_grad()
            loss = ((model(x) - y) ** 2).mean().backward()
            loss.realize(*optimizer.schedule_step())


single, parallel = MLP(), MLP()
Tensor.realize(*nn.state.get_parameters(single))
nn.state.load_state_dict(parallel, {k: v.clone() for k, v in nn.state.get_state_dict(single).items()})
for p in nn.state.get_parameters(parallel):
    p.to_(DEVICES)  # replicate the weights on both devices

train(parallel, x.shard(DEVICES, axis=0), y.shard(DEVICES, axis=0))  # each device gets half of the batch
train(single, x, y)

for a, b in zip(nn.state.get_parameters(parallel), nn.state.get_parameters(single)):
    assert (abs(a.to("CPU").numpy() - b.numpy()) < 1e-5).all()
print(f"data parallel over {DEVICES} matches one device")
