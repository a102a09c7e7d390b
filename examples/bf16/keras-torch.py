import os

os.environ["KERAS_BACKEND"] = "torch"  # Keras 3 picks its backend at import

import keras
import numpy as np

keras.mixed_precision.set_dtype_policy("mixed_bfloat16")  # compute in bfloat16, keep float32 weights
keras.utils.set_random_seed(0)
x = np.random.default_rng(0).normal(size=(256, 8)).astype("float32")
y = x @ np.linspace(-1.0, 1.0, 8, dtype="float32")[:, None] + 0.5

model = keras.Sequential([
    keras.Input(shape=(8,)),
    keras.layers.Dense(16, activation="relu"),
    keras.layers.Dense(1, dtype="float32"),  # keep the output layer in float32
])
model.compile(optimizer=keras.optimizers.Adam(0.01), loss="mse")
loss = model.fit(x, y, batch_size=32, epochs=40, verbose=0).history["loss"][-1]

hidden = model.layers[0]
print(f"loss {loss:.4f}, compute {hidden.compute_dtype}, weights {hidden.kernel.dtype}")
assert hidden.compute_dtype == "bfloat16" and hidden.kernel.dtype == "float32"
assert keras.backend.standardize_dtype(hidden(x).dtype) == "bfloat16"
assert loss < 0.02, loss
