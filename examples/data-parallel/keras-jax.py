import os

os.environ["KERAS_BACKEND"] = "jax"  # Keras 3 picks its backend at import
os.environ["XLA_FLAGS"] = "--xla_force_host_platform_device_count=2"  # two CPU devices

import keras
import numpy as np

# Keras's distribution API (JAX backend): replicate the model, split each batch over the devices.
devices = keras.distribution.list_devices()
keras.distribution.set_distribution(keras.distribution.DataParallel(devices=devices))

keras.utils.set_random_seed(0)
x = np.random.default_rng(0).normal(size=(256, 8)).astype("float32")
y = x @ np.linspace(-1.0, 1.0, 8, dtype="float32")[:, None] + 0.5

model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
model.compile(optimizer=keras.optimizers.Adam(0.01), loss="mse")
loss = model.fit(x, y, batch_size=32, epochs=40, verbose=0).history["loss"][-1]

kernel = model.layers[0].kernel.value
print(f"devices {devices}, loss {loss:.4f}, kernel on {len(kernel.sharding.device_set)} devices")
assert len(devices) == 2 and len(kernel.sharding.device_set) == 2
assert loss < 0.01, loss
