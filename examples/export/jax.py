import jax
import jax.numpy as jnp
from jax import export

k1, k2, kx = jax.random.split(jax.random.key(0), 3)
params = {"w1": jax.random.normal(k1, (8, 16)), "b1": jnp.zeros(16),
          "w2": jax.random.normal(k2, (16, 1)), "b2": jnp.zeros(1)}


def predict(x: jax.Array) -> jax.Array:
    return jax.nn.relu(x @ params["w1"] + params["b1"]) @ params["w2"] + params["b2"]


x = jax.random.normal(kx, (4, 8))
batch = export.symbolic_shape("b")  # export with a symbolic batch dimension
exported = export.export(jax.jit(predict))(jax.ShapeDtypeStruct((*batch, 8), jnp.float32))

blob = exported.serialize()  # StableHLO plus calling convention, as bytes
restored = export.deserialize(blob)

print(f"{len(blob)} bytes; inputs {restored.in_avals}; platforms {restored.platforms}")
assert jnp.allclose(restored.call(x), predict(x), atol=1e-6)
assert restored.call(jnp.ones((7, 8))).shape == (7, 1)
