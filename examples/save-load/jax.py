import tempfile
from pathlib import Path

import jax
import jax.numpy as jnp
import numpy as np

# JAX itself has no checkpoint API (Orbax is the separate library for that): parameters are a pytree
# of arrays, so flatten it and store the leaves with NumPy.
k1, k2, kx = jax.random.split(jax.random.key(0), 3)
params = {"hidden": {"w": jax.random.normal(k1, (8, 16)), "b": jnp.zeros(16)},
          "out": {"w": jax.random.normal(k2, (16, 1)), "b": jnp.zeros(1)}}


def mlp(params, x):
    return jax.nn.relu(x @ params["hidden"]["w"] + params["hidden"]["b"]) @ params["out"]["w"] + params["out"]["b"]


x = jax.random.normal(kx, (4, 8))
leaves, treedef = jax.tree.flatten(params)

with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "params.npz"
    np.savez(path, *leaves)
    with np.load(path) as saved:
        restored = jax.tree.unflatten(treedef, [jnp.asarray(saved[f"arr_{i}"]) for i in range(len(leaves))])
    print(f"saved {path.stat().st_size} bytes")

assert jnp.array_equal(mlp(params, x), mlp(restored, x))
