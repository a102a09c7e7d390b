import mindspore as ms
from mindspore import nn, ops

ms.set_seed(0)
x = ops.randn(256, 8)
y = x @ ops.linspace(-1.0, 1.0, 8).reshape(8, 1) + 0.5


def make_step(model: nn.Cell):
    optimizer = nn.SGD(model.trainable_params(), learning_rate=0.05)
    loss_fn = nn.MSELoss()

    def forward_fn(x: ms.Tensor, y: ms.Tensor) -> ms.Tensor:
        return loss_fn(model(x), y)

    grad_fn = ms.value_and_grad(forward_fn, None, optimizer.parameters)

    def train_step(x: ms.Tensor, y: ms.Tensor) -> ms.Tensor:
        loss, grads = grad_fn(x, y)
        optimizer(grads)
        return loss

    return train_step


eager_model = nn.SequentialCell(nn.Dense(8, 16, activation="relu"), nn.Dense(16, 1))
jit_model = nn.SequentialCell(nn.Dense(8, 16, activation="relu"), nn.Dense(16, 1))
ms.load_param_into_net(jit_model, {name: p.copy() for name, p in eager_model.parameters_dict().items()})  # same start

eager_step = make_step(eager_model)
jit_step = ms.jit(make_step(jit_model))  # compiled to a static graph

for _ in range(20):
    eager_loss = eager_step(x, y)
    jit_loss = jit_step(x, y)

print(f"eager loss {eager_loss.item():.6f}, jit loss {jit_loss.item():.6f}")
assert ops.isclose(eager_loss, jit_loss, rtol=1e-4, atol=1e-5).all()
assert ops.isclose(eager_model(x), jit_model(x), rtol=1e-4, atol=1e-5).all()
