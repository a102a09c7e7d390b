import paddle
import paddle.distributed as dist
from paddle import nn

paddle.seed(0)
X = paddle.randn([256, 8])
Y = X @ paddle.linspace(-1.0, 1.0, 8).unsqueeze(1) + 0.5


def train(model: nn.Layer, x: paddle.Tensor, y: paddle.Tensor) -> None:
    optimizer = paddle.optimizer.SGD(learning_rate=0.05, parameters=model.parameters())
    for _ in range(20):
        nn.functional.mse_loss(model(x), y).backward()
        optimizer.step()
        optimizer.clear_grad()


def worker() -> None:
    dist.init_parallel_env()
    rank = dist.get_rank()
    paddle.seed(1)
    local = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))
    model = paddle.DataParallel(local)  # all-reduces (averages) the gradients on backward
    train(model, X[rank * 128:(rank + 1) * 128], Y[rank * 128:(rank + 1) * 128])  # half of the batch each

    if rank == 0:  # the same steps in one process on the whole batch give the same weights
        paddle.seed(1)
        reference = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))
        train(reference, X, Y)
        assert paddle.allclose(local(X), reference(X), atol=1e-5).item()
        print(f"{dist.get_world_size()} processes with paddle.DataParallel match single-process training")


if __name__ == "__main__":
    dist.spawn(worker, nprocs=2, backend="gloo")  # two CPU processes (gloo)
