import mlx.core as mx
import mlx.nn as nn
import mlx.optimizers as optim

mx.random.seed(0)
x = mx.random.normal((256, 8))
y = x @ mx.linspace(-1.0, 1.0, 8)[:, None] + 0.5

model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))
optimizer = optim.Adam(learning_rate=0.01)


def loss_fn(model: nn.Module, x: mx.array, y: mx.array) -> mx.array:
    return nn.losses.mse_loss(model(x), y)


loss_and_grad = nn.value_and_grad(model, loss_fn)  # gradients with respect to the model's parameters

for step in range(1000):
    loss, grads = loss_and_grad(model, x, y)
    optimizer.update(model, grads)
    mx.eval(model.parameters(), optimizer.state)  # MLX is lazy: evaluate the update
    if loss.item() < 0.01:
        break

print(f"step {step}: loss {loss.item():.4f}")
assert loss.item() < 0.01, loss.item()
