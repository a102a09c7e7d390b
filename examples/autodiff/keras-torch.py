import os

os.environ["KERAS_BACKEND"] = "torch"  # Keras 3 picks its backend at import

import keras
from keras import ops

# Keras has no gradient API of its own: differentiate keras.ops code with the backend's autodiff.
x = keras.Variable([1.0, 2.0, 3.0])  # on the torch backend, x.value is a torch.nn.Parameter
y = ops.sum(x**3 + 2 * x)
y.backward()
grad = x.value.grad

expected = 3 * x**2 + 2
assert ops.all(ops.isclose(grad, expected)), (grad, expected)
print("gradient:", ops.convert_to_numpy(grad).tolist())
