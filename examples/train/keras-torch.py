import os

os.environ["KERAS_BACKEND"] = "torch"  # Keras 3 picks its backend at import

import keras
import numpy as np
import torch

keras.utils.set_random_seed(0)
x = np.random.default_rng(0).normal(size=(256, 8)).astype("float32")
y = x @ np.linspace(-1.0, 1.0, 8, dtype="float32")[:, None] + 0.5

model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
optimizer = keras.optimizers.Adam(0.01)
loss_fn = keras.losses.MeanSquaredError()

x, y = torch.from_numpy(x), torch.from_numpy(y)

for step in range(1000):
    loss = loss_fn(y, model(x, training=True))
    model.zero_grad()
    loss.backward()
    grads = [v.value.grad for v in model.trainable_weights]
    with torch.no_grad():
        optimizer.apply(grads, model.trainable_weights)
    if loss.item() < 0.01:
        break

print(f"step {step}: loss {loss.item():.4f}")
assert loss.item() < 0.01, loss.item()
