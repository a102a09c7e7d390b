import os

os.environ["KERAS_BACKEND"] = "torch"  # Keras 3 picks its backend at import

import keras
import numpy as np
from keras import ops

rng = np.random.default_rng(0)
points = rng.normal(size=(32, 5, 3)).astype("float32")  # 32 examples, each a set of 5 points in 3-D
tensor = ops.convert_to_tensor(points)  # a backend tensor (torch.vmap does not take NumPy arrays)


def gram(p):
    """Pairwise dot products of one example's points: (5, 3) -> (5, 5)."""
    return ops.matmul(p, ops.transpose(p))


# vectorized_map maps gram over the leading axis, as one batched computation on each backend.
batched = ops.convert_to_numpy(ops.vectorized_map(gram, tensor))

assert batched.shape == (32, 5, 5), batched.shape
for i in (0, 17, 31):
    np.testing.assert_allclose(batched[i], points[i] @ points[i].T, rtol=1e-5, atol=1e-5)
print("per-example results:", batched.shape)
