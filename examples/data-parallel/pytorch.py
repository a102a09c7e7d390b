import os

import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from torch import nn
from torch.nn.parallel import DistributedDataParallel as DDP

WORLD_SIZE = 2
torch.manual_seed(0)
X = torch.randn(256, 8)
Y = X @ torch.linspace(-1.0, 1.0, 8).unsqueeze(1) + 0.5


def train(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> None:
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
    for _ in range(20):
        optimizer.zero_grad()
        nn.functional.mse_loss(model(x), y).backward()
        optimizer.step()


def worker(rank: int) -> None:
    os.environ.update(MASTER_ADDR="127.0.0.1", MASTER_PORT="29531")
    dist.init_process_group("gloo", rank=rank, world_size=WORLD_SIZE)  # gloo: the CPU backend
    torch.manual_seed(1)
    local = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))
    model = DDP(local)  # broadcasts rank 0's weights, then all-reduces (averages) gradients on backward
    shard = slice(rank * 128, (rank + 1) * 128)  # each process trains on its half of the batch
    train(model, X[shard], Y[shard])

    if rank == 0:  # the same steps in one process on the whole batch give the same weights
        torch.manual_seed(1)
        reference = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))
        train(reference, X, Y)
        for p, q in zip(local.parameters(), reference.parameters()):
            assert torch.allclose(p, q, atol=1e-5)
        print(f"{WORLD_SIZE} processes with DDP match single-process training")
    dist.destroy_process_group()


if __name__ == "__main__":
    mp.spawn(worker, nprocs=WORLD_SIZE)  # two CPU processes; an assertion in either fails the run
