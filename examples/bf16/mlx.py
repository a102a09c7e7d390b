import mlx.core as mx
import mlx.nn as nn
import mlx.optimizers as optim
from mlx.utils import tree_map

# MLX has no autocast: keep float32 master weights and run the forward pass on a bfloat16 copy.
mx.random.seed(0)
x = mx.random.normal((256, 8))
y = x @ mx.linspace(-1.0, 1.0, 8)[:, None] + 0.5

model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))  # float32 weights
optimizer = optim.Adam(learning_rate=0.01)
compute = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))  # runs the bfloat16 forward pass


def loss_fn(params, x, y):
    compute.update(tree_map(lambda p: p.astype(mx.bfloat16), params))
    pred = compute(x.astype(mx.bfloat16))
    return nn.losses.mse_loss(pred.astype(mx.float32), y), pred


loss_and_grad = mx.value_and_grad(loss_fn)  # gradients flow back through the casts in float32

for step in range(1000):
    (loss, pred), grads = loss_and_grad(model.parameters(), x, y)
    optimizer.update(model, grads)
    mx.eval(model.parameters(), optimizer.state)
    if loss.item() < 0.02:
        break

print(f"step {step}: loss {loss.item():.4f}, activations {pred.dtype}, weights {model.layers[0].weight.dtype}")
assert pred.dtype == mx.bfloat16 and model.layers[0].weight.dtype == mx.float32
assert loss.item() < 0.02, loss.item()
