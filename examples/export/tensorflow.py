import tempfile

import numpy as np
import tensorflow as tf

tf.random.set_seed(0)


class MLP(tf.Module):
    def __init__(self) -> None:
        super().__init__()
        self.w1 = tf.Variable(tf.random.normal([8, 16]))
        self.b1 = tf.Variable(tf.zeros([16]))
        self.w2 = tf.Variable(tf.random.normal([16, 1]))
        self.b2 = tf.Variable(tf.zeros([1]))

    @tf.function(input_signature=[tf.TensorSpec([None, 8], tf.float32)])
    def __call__(self, x: tf.Tensor) -> tf.Tensor:
        return tf.nn.relu(x @ self.w1 + self.b1) @ self.w2 + self.b2


model = MLP()
x = tf.random.normal([4, 8])

with tempfile.TemporaryDirectory() as tmp:
    # SavedModel: graph and weights, loadable without the Python class (TF Serving, TF.js, converters).
    tf.saved_model.save(model, f"{tmp}/saved_model")
    reloaded = tf.saved_model.load(f"{tmp}/saved_model")
    tf.debugging.assert_near(reloaded(x), model(x))

    # LiteRT (TensorFlow Lite) flatbuffer for mobile and embedded, run with the built-in interpreter.
    tflite = tf.lite.TFLiteConverter.from_saved_model(f"{tmp}/saved_model").convert()
    interpreter = tf.lite.Interpreter(model_content=tflite)
    runner = interpreter.get_signature_runner()
    (out,) = runner(x=x.numpy()).values()
    assert np.allclose(out, model(x).numpy(), atol=1e-5)
    print(f"SavedModel and {len(tflite)}-byte .tflite agree")
