import paddle
from paddle import nn

paddle.seed(0)
x = paddle.randn([256, 8])
y = x @ paddle.linspace(-1.0, 1.0, 8).unsqueeze(1) + 0.5

model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))  # float32 weights
optimizer = paddle.optimizer.Adam(learning_rate=0.01, parameters=model.parameters())

for step in range(1000):
    with paddle.amp.auto_cast(dtype="bfloat16"):  # O1: white-listed ops such as matmul run in bfloat16
        pred = model(x)
        loss = nn.functional.mse_loss(pred.astype("float32"), y)
    loss.backward()
    optimizer.step()
    optimizer.clear_grad()
    if loss.item() < 0.02:
        break

print(f"step {step}: loss {loss.item():.4f}, activations {pred.dtype}, weights {model[0].weight.dtype}")
assert model[0].weight.dtype == paddle.float32 and loss.item() < 0.02, loss.item()
assert pred.dtype == paddle.bfloat16, f"auto_cast left the activations in {pred.dtype}"
