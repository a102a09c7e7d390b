import mindspore as ms
import mindspore.dataset as ds
import numpy as np
from mindspore import nn

ms.set_seed(0)
rng = np.random.default_rng(0)
x = rng.normal(size=(256, 8)).astype(np.float32)
y = x @ np.linspace(-1.0, 1.0, 8, dtype=np.float32)[:, None] + 0.5
train_set = ds.NumpySlicesDataset({"x": x, "y": y}, shuffle=True).batch(32)

network = nn.SequentialCell(nn.Dense(8, 16, activation="relu"), nn.Dense(16, 1))
loss_fn = nn.MSELoss()
model = ms.train.Model(network, loss_fn, nn.Adam(network.trainable_params(), learning_rate=0.01),
                       metrics={"loss": nn.Loss()})
model.train(40, train_set)  # the high-level training loop

loss = model.eval(ds.NumpySlicesDataset({"x": x, "y": y}, shuffle=False).batch(256))["loss"]
print(f"loss after train: {loss:.4f}")
assert loss < 0.01, loss
