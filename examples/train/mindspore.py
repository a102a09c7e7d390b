import mindspore as ms
from mindspore import nn, ops

ms.set_seed(0)
x = ops.randn(256, 8)
y = x @ ops.linspace(-1.0, 1.0, 8).reshape(8, 1) + 0.5

model = nn.SequentialCell(nn.Dense(8, 16, activation="relu"), nn.Dense(16, 1))
optimizer = nn.Adam(model.trainable_params(), learning_rate=0.01)
loss_fn = nn.MSELoss()


def forward_fn(x: ms.Tensor, y: ms.Tensor) -> ms.Tensor:
    return loss_fn(model(x), y)


grad_fn = ms.value_and_grad(forward_fn, None, optimizer.parameters)  # gradients for the weights

for step in range(1000):
    loss, grads = grad_fn(x, y)
    optimizer(grads)
    if loss.item() < 0.01:
        break

print(f"step {step}: loss {loss.item():.4f}")
assert loss.item() < 0.01, loss.item()
