import paddle
from paddle import nn

paddle.seed(0)
x = paddle.randn([256, 8])
y = x @ paddle.linspace(-1.0, 1.0, 8).unsqueeze(1) + 0.5

eager_model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))
static_model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))
static_model.set_state_dict(eager_model.state_dict())  # same initial weights
static_model = paddle.jit.to_static(static_model)  # dynamic-to-static: runs as a compiled static graph


def train(model: nn.Layer) -> list[float]:
    optimizer = paddle.optimizer.SGD(learning_rate=0.05, parameters=model.parameters())
    losses = []
    for _ in range(20):
        loss = nn.functional.mse_loss(model(x), y)
        loss.backward()
        optimizer.step()
        optimizer.clear_grad()
        losses.append(loss.item())
    return losses


eager_losses, static_losses = train(eager_model), train(static_model)
print(f"eager loss {eager_losses[-1]:.6f}, static-graph loss {static_losses[-1]:.6f}")
assert paddle.allclose(paddle.to_tensor(eager_losses), paddle.to_tensor(static_losses), rtol=1e-4, atol=1e-5).item()
assert paddle.allclose(eager_model(x), static_model(x), rtol=1e-4, atol=1e-5).item()
