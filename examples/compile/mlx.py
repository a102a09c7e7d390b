from functools import partial

import mlx.core as mx
import mlx.nn as nn
import mlx.optimizers as optim

mx.random.seed(0)
x = mx.random.normal((256, 8))
y = x @ mx.linspace(-1.0, 1.0, 8)[:, None] + 0.5


def make_step(model: nn.Module, optimizer: optim.Optimizer, compile: bool):
    loss_and_grad = nn.value_and_grad(model, lambda m, x, y: nn.losses.mse_loss(m(x), y))

    def train_step(x: mx.array, y: mx.array) -> mx.array:
        loss, grads = loss_and_grad(model, x, y)
        optimizer.update(model, grads)
        return loss

    if compile:  # the model and optimizer state are inputs and outputs of the compiled graph
        state = [model.state, optimizer.state]
        return partial(mx.compile, inputs=state, outputs=state)(train_step), state
    return train_step, [model.state, optimizer.state]


eager_model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))
compiled_model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))
compiled_model.update(eager_model.parameters())  # same initial weights
eager_step, eager_state = make_step(eager_model, optim.SGD(learning_rate=0.05), compile=False)
compiled_step, compiled_state = make_step(compiled_model, optim.SGD(learning_rate=0.05), compile=True)

for _ in range(20):
    eager_loss = eager_step(x, y)
    compiled_loss = compiled_step(x, y)
    mx.eval(eager_state, compiled_state)

print(f"eager loss {eager_loss.item():.6f}, compiled loss {compiled_loss.item():.6f}")
assert mx.allclose(eager_loss, compiled_loss, rtol=1e-4, atol=1e-5).item()
assert mx.allclose(eager_model(x), compiled_model(x), rtol=1e-4, atol=1e-5).item()
