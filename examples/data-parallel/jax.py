import os

os.environ["XLA_FLAGS"] = "--xla_force_host_platform_device_count=2"  # two CPU devices (before importing jax)

import jax
import jax.numpy as jnp
from jax.sharding import NamedSharding, PartitionSpec as P

mesh = jax.make_mesh((2,), ("data",))
x_key, k1, k2 = jax.random.split(jax.random.key(0), 3)
x = jax.random.normal(x_key, (256, 8))
y = x @ jnp.linspace(-1.0, 1.0, 8)[:, None] + 0.5
params = [(jax.random.normal(k1, (8, 16)) * 8**-0.5, jnp.zeros(16)),
          (jax.random.normal(k2, (16, 1)) * 16**-0.5, jnp.zeros(1))]


def loss_fn(params, x, y):
    (w1, b1), (w2, b2) = params
    return jnp.mean((jax.nn.relu(x @ w1 + b1) @ w2 + b2 - y) ** 2)


@jax.jit
def update(params, x, y):
    grads = jax.grad(loss_fn)(params, x, y)
    return jax.tree.map(lambda p, g: p - 0.05 * g, params, grads)


# Shard the batch over the two devices and replicate the weights: XLA inserts the gradient all-reduce.
batch = NamedSharding(mesh, P("data"))
replicated = NamedSharding(mesh, P())
x_sharded, y_sharded = jax.device_put(x, batch), jax.device_put(y, batch)
dp_params = jax.device_put(params, replicated)
for _ in range(20):
    dp_params = update(dp_params, x_sharded, y_sharded)
    params = update(params, x, y)  # the same steps on one device

assert len(x_sharded.sharding.device_set) == 2 and x_sharded.addressable_shards[0].data.shape == (128, 8)
for a, b in zip(jax.tree.leaves(dp_params), jax.tree.leaves(params)):
    assert jnp.allclose(a, b, atol=1e-5)
print(f"data parallel over {jax.devices()} matches one device")
