import os

os.environ["KERAS_BACKEND"] = "tensorflow"  # Keras 3 picks its backend at import

import tempfile

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
x = np.random.default_rng(0).normal(size=(4, 8)).astype("float32")
expected = model.predict(x, verbose=0)

with tempfile.TemporaryDirectory() as tmp:
    model.export(f"{tmp}/saved_model", format="tf_saved_model")  # TF SavedModel with a serve() endpoint
    reloaded = tf.saved_model.load(f"{tmp}/saved_model")
    np.testing.assert_allclose(reloaded.serve(x).numpy(), expected, rtol=1e-5, atol=1e-6)
    print("exported SavedModel serves the same outputs")
