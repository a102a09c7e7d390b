import os
import subprocess
import sys
from pathlib import Path

if "MS_ROLE" not in os.environ:  # started as a plain script: launch two worker processes with msrun
    venv_bin = Path(sys.executable).parent  # msrun starts `python` from PATH: this venv's
    env = {**os.environ, "PATH": f"{venv_bin}{os.pathsep}{os.environ['PATH']}"}
    sys.exit(subprocess.run([venv_bin / "msrun", "--worker_num=2", "--local_worker_num=2", "--master_port=8129",
                             "--join=True", "--log_dir=msrun_log", __file__], env=env).returncode)

import mindspore as ms
from mindspore import nn, ops
from mindspore.communication import get_group_size, get_rank, init

ms.set_device("CPU")
init()  # joins the two-process group msrun set up
ms.set_auto_parallel_context(parallel_mode=ms.ParallelMode.DATA_PARALLEL, gradients_mean=True)
rank = get_rank()

ms.set_seed(0)
x = ops.randn(256, 8)
y = x @ ops.linspace(-1.0, 1.0, 8).reshape(8, 1) + 0.5


def train(model: nn.Cell, x: ms.Tensor, y: ms.Tensor, distributed: bool) -> None:
    optimizer = nn.SGD(model.trainable_params(), learning_rate=0.05)
    loss_fn = nn.MSELoss()

    def forward_fn(x: ms.Tensor, y: ms.Tensor) -> ms.Tensor:
        return loss_fn(model(x), y)

    grad_fn = ms.value_and_grad(forward_fn, None, optimizer.parameters)
    reducer = nn.DistributedGradReducer(optimizer.parameters) if distributed else None  # all-reduce, mean
    for _ in range(20):
        _, grads = grad_fn(x, y)
        optimizer(reducer(grads) if reducer else grads)


ms.set_seed(1)
model = nn.SequentialCell(nn.Dense(8, 16, activation="relu"), nn.Dense(16, 1))  # same seed: same weights
train(model, x[rank * 128:(rank + 1) * 128], y[rank * 128:(rank + 1) * 128], distributed=True)

if rank == 0:  # the same steps in one process on the whole batch give the same weights
    ms.set_seed(1)
    reference = nn.SequentialCell(nn.Dense(8, 16, activation="relu"), nn.Dense(16, 1))
    train(reference, x, y, distributed=False)
    assert ops.isclose(model(x), reference(x), atol=1e-5).all()
    print(f"{get_group_size()} processes with DistributedGradReducer match single-process training")
