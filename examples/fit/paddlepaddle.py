import numpy as np
import paddle
from paddle import nn
from paddle.io import TensorDataset

paddle.seed(0)
x = paddle.randn([256, 8])
y = x @ paddle.linspace(-1.0, 1.0, 8).unsqueeze(1) + 0.5
dataset = TensorDataset([x, y])

network = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))
model = paddle.Model(network)  # the high-level API: prepare, fit, evaluate, predict
model.prepare(optimizer=paddle.optimizer.Adam(learning_rate=0.01, parameters=network.parameters()), loss=nn.MSELoss())
model.fit(dataset, batch_size=32, epochs=40, shuffle=True, verbose=0)

loss = float(np.mean(model.evaluate(dataset, batch_size=256, verbose=0)["loss"]))
print(f"loss after fit: {loss:.4f}")
assert loss < 0.01, loss
