import os

os.environ["KERAS_BACKEND"] = "jax"  # Keras 3 picks its backend at import

import jax
import keras
from keras import ops

# Keras has no gradient API of its own: differentiate keras.ops code with the backend's autodiff.


def f(x):
    return ops.sum(x**3 + 2 * x)


x = ops.convert_to_tensor([1.0, 2.0, 3.0])
grad = jax.grad(f)(x)

expected = 3 * x**2 + 2
assert ops.all(ops.isclose(grad, expected)), (grad, expected)
print("gradient:", ops.convert_to_numpy(grad).tolist())
