import paddle
from paddle import nn

paddle.seed(0)
x = paddle.randn([256, 8])
y = x @ paddle.linspace(-1.0, 1.0, 8).unsqueeze(1) + 0.5

model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))
optimizer = paddle.optimizer.Adam(learning_rate=0.01, parameters=model.parameters())
loss_fn = nn.MSELoss()

for step in range(1000):
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    optimizer.clear_grad()
    if loss.item() < 0.01:
        break

print(f"step {step}: loss {loss.item():.4f}")
assert loss.item() < 0.01, loss.item()
