import os

os.environ["KERAS_BACKEND"] = "tensorflow"  # Keras 3 picks its backend at import

import keras
import numpy as np

x = np.random.default_rng(0).normal(size=(256, 8)).astype("float32")
y = x @ np.linspace(-1.0, 1.0, 8, dtype="float32")[:, None] + 0.5


def train(jit_compile: bool) -> keras.Model:
    keras.utils.set_random_seed(0)  # same initial weights for both runs
    model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(0.05), loss="mse", jit_compile=jit_compile)
    model.fit(x, y, batch_size=64, epochs=5, shuffle=False, verbose=0)
    return model


eager, compiled = train(jit_compile=False), train(jit_compile=True)
for a, b in zip(eager.get_weights(), compiled.get_weights()):
    np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5)
print(f"eager and compiled training agree: loss {eager.evaluate(x, y, verbose=0):.6f}")
