import torch
from torch import nn
from torch.func import functional_call, grad, vmap

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))
params = {name: p.detach() for name, p in model.named_parameters()}
x, y = torch.randn(32, 8), torch.randn(32, 1)


def loss_fn(params: dict[str, torch.Tensor], x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    pred = functional_call(model, params, (x.unsqueeze(0),))  # one example as a batch of one
    return nn.functional.mse_loss(pred, y.unsqueeze(0))


# Per-example gradients: vmap the gradient function over the batch dimension of x and y.
per_example = vmap(grad(loss_fn), in_dims=(None, 0, 0))(params, x, y)

# The same thing with a Python loop, one backward pass per example.
for i in (0, 17, 31):
    model.zero_grad()
    nn.functional.mse_loss(model(x[i : i + 1]), y[i : i + 1]).backward()
    for name, p in model.named_parameters():
        assert torch.allclose(per_example[name][i], p.grad, atol=1e-6), name

print({name: tuple(g.shape) for name, g in per_example.items()})
