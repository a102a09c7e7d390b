import torch
from torch import nn

torch.manual_seed(0)
x = torch.randn(256, 8)
y = x @ torch.linspace(-1.0, 1.0, 8).unsqueeze(1) + 0.5

model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))  # float32 weights
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)

for step in range(1000):
    optimizer.zero_grad()
    with torch.autocast(device_type="cpu", dtype=torch.bfloat16):
        pred = model(x)  # matmuls run in bfloat16
        loss = nn.functional.mse_loss(pred.float(), y)
    loss.backward()
    optimizer.step()
    if loss.item() < 0.02:
        break

print(f"step {step}: loss {loss.item():.4f}, activations {pred.dtype}, weights {model[0].weight.dtype}")
assert pred.dtype == torch.bfloat16 and model[0].weight.dtype == torch.float32
assert loss.item() < 0.02, loss.item()
