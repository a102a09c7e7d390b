import os

os.environ["KERAS_BACKEND"] = "tensorflow"  # Keras 3 picks its backend at import

import keras
import tensorflow as tf
from keras import ops

# Keras has no gradient API of its own: differentiate keras.ops code with the backend's autodiff.
x = keras.Variable([1.0, 2.0, 3.0])
with tf.GradientTape() as tape:
    y = ops.sum(x**3 + 2 * x)
grad = tape.gradient(y, x)

expected = 3 * x**2 + 2
assert ops.all(ops.isclose(grad, expected)), (grad, expected)
print("gradient:", ops.convert_to_numpy(grad).tolist())
