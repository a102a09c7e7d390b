import torch
from torch import nn

torch.manual_seed(0)
x = torch.randn(256, 8)
w = torch.linspace(-1.0, 1.0, 8).unsqueeze(1)
y = x @ w + 0.5  # synthetic linear target

model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
loss_fn = nn.MSELoss()

for step in range(1000):
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    if loss.item() < 0.01:
        break

print(f"step {step}: loss {loss.item():.4f}")
assert loss.item() < 0.01, loss.item()
