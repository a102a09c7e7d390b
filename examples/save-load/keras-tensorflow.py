import os

os.environ["KERAS_BACKEND"] = "tensorflow"  # Keras 3 picks its backend at import

import tempfile
from pathlib import Path

import keras
import numpy as np

keras.utils.set_random_seed(0)
model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
x = np.random.default_rng(0).normal(size=(4, 8)).astype("float32")

with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "model.keras"  # architecture, weights and optimizer state in one zip file
    model.save(path)
    restored = keras.saving.load_model(path)
    print(f"saved {path.stat().st_size} bytes")

np.testing.assert_array_equal(model.predict(x, verbose=0), restored.predict(x, verbose=0))
