import jax
import jax.numpy as jnp

key = jax.random.key(0)
k1, k2, kx, ky = jax.random.split(key, 4)
params = {"w1": jax.random.normal(k1, (8, 16)) * 8**-0.5, "b1": jnp.zeros(16),
          "w2": jax.random.normal(k2, (16, 1)) * 16**-0.5, "b2": jnp.zeros(1)}
x, y = jax.random.normal(kx, (32, 8)), jax.random.normal(ky, (32, 1))


def loss_fn(params: dict[str, jax.Array], x: jax.Array, y: jax.Array) -> jax.Array:
    """Loss of one example: x has shape (8,), y shape (1,)."""
    h = jax.nn.relu(x @ params["w1"] + params["b1"])
    return jnp.mean((h @ params["w2"] + params["b2"] - y) ** 2)


# Per-example gradients: vmap the gradient over the batch axis of x and y, not over params.
per_example = jax.jit(jax.vmap(jax.grad(loss_fn), in_axes=(None, 0, 0)))(params, x, y)

for i in (0, 17, 31):
    single = jax.grad(loss_fn)(params, x[i], y[i])
    for name in params:
        assert jnp.allclose(per_example[name][i], single[name], atol=1e-6), name

print(jax.tree.map(jnp.shape, per_example))
