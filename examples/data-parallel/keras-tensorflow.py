import os

os.environ["KERAS_BACKEND"] = "tensorflow"  # Keras 3 picks its backend at import

import keras
import numpy as np
import tensorflow as tf

# On the TensorFlow backend, Keras distributes with tf.distribute: two logical CPU devices, one replica each.
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
strategy = tf.distribute.MirroredStrategy([device.name for device in tf.config.list_logical_devices("CPU")])

keras.utils.set_random_seed(0)
x = np.random.default_rng(0).normal(size=(256, 8)).astype("float32")
y = x @ np.linspace(-1.0, 1.0, 8, dtype="float32")[:, None] + 0.5

with strategy.scope():  # variables created here are mirrored on both devices
    model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="mse")
loss = model.fit(x, y, batch_size=32, epochs=40, verbose=0).history["loss"][-1]

print(f"{strategy.num_replicas_in_sync} replicas, loss {loss:.4f}")
assert strategy.num_replicas_in_sync == 2
assert loss < 0.01, loss
