import os

os.environ["KERAS_BACKEND"] = "torch"  # Keras 3 picks its backend at import

import keras
import numpy as np

keras.utils.set_random_seed(0)
x = np.random.default_rng(0).normal(size=(256, 8)).astype("float32")
y = x @ np.linspace(-1.0, 1.0, 8, dtype="float32")[:, None] + 0.5

model = keras.Sequential([
    keras.Input(shape=(8,)),
    keras.layers.Dense(16, activation="relu"),
    keras.layers.Dense(1),
])
model.compile(optimizer=keras.optimizers.Adam(0.01), loss="mse")
history = model.fit(x, y, batch_size=32, epochs=40, verbose=0)

loss = history.history["loss"][-1]
print(f"epochs {len(history.history['loss'])}: loss {loss:.4f}")
assert loss < 0.01, loss
