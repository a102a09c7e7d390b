import os

os.environ["KERAS_BACKEND"] = "torch"  # Keras 3 picks its backend at import

import tempfile

import keras
import numpy as np
import onnxruntime

keras.utils.set_random_seed(0)
model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
x = np.random.default_rng(0).normal(size=(4, 8)).astype("float32")
expected = model.predict(x, verbose=0)

with tempfile.TemporaryDirectory() as tmp:
    model.export(f"{tmp}/model.onnx", format="onnx")  # through torch.onnx on this backend
    session = onnxruntime.InferenceSession(f"{tmp}/model.onnx", providers=["CPUExecutionProvider"])
    (out,) = session.run(None, {session.get_inputs()[0].name: x})
    np.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-6)
    print("exported ONNX model gives the same outputs in ONNX Runtime")
