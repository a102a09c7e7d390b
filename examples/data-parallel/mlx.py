import subprocess
import sys
from pathlib import Path

import mlx.core as mx
import mlx.nn as nn
import mlx.optimizers as optim
from mlx.nn.utils import average_gradients

group = mx.distributed.init()
if group.size() == 1:  # started as a plain script: launch two processes on this machine (ring backend)
    launcher = Path(sys.executable).parent / "mlx.launch"
    sys.exit(subprocess.run([launcher, "-n", "2", "--python", sys.executable, __file__]).returncode)

mx.random.seed(0)
x = mx.random.normal((256, 8))
y = x @ mx.linspace(-1.0, 1.0, 8)[:, None] + 0.5


def train(model: nn.Module, x: mx.array, y: mx.array, distributed: bool) -> None:
    optimizer = optim.SGD(learning_rate=0.05)
    loss_and_grad = nn.value_and_grad(model, lambda m, x, y: nn.losses.mse_loss(m(x), y))
    for _ in range(20):
        _, grads = loss_and_grad(model, x, y)
        if distributed:
            grads = average_gradients(grads)  # all-reduce: the mean of every process's gradients
        optimizer.update(model, grads)
        mx.eval(model.parameters())


mx.random.seed(1)
model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))  # same seed: same weights everywhere
shard = slice(group.rank() * 128, (group.rank() + 1) * 128)  # each process trains on its half of the batch
train(model, x[shard], y[shard], distributed=True)

if group.rank() == 0:  # the same steps in one process on the whole batch give the same weights
    mx.random.seed(1)
    reference = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))
    train(reference, x, y, distributed=False)
    assert mx.allclose(model(x), reference(x), atol=1e-5).item()
    print(f"{group.size()} processes with average_gradients match single-process training")
