import jax
import jax.numpy as jnp

# JAX has no layer classes of its own: a model is a pytree of parameters and a pure function.


def init_linear(key: jax.Array, n_in: int, n_out: int) -> dict[str, jax.Array]:
    w_key, _ = jax.random.split(key)
    bound = 1.0 / n_in**0.5
    return {"w": jax.random.uniform(w_key, (n_in, n_out), minval=-bound, maxval=bound), "b": jnp.zeros(n_out)}


def init_mlp(key: jax.Array) -> dict[str, dict[str, jax.Array]]:
    k1, k2 = jax.random.split(key)
    return {"hidden": init_linear(k1, 8, 16), "out": init_linear(k2, 16, 1)}


def mlp(params: dict[str, dict[str, jax.Array]], x: jax.Array) -> jax.Array:
    h = jax.nn.relu(x @ params["hidden"]["w"] + params["hidden"]["b"])
    return h @ params["out"]["w"] + params["out"]["b"]


key = jax.random.key(0)
params = init_mlp(key)
y = mlp(params, jax.random.normal(key, (32, 8)))

n_params = sum(leaf.size for leaf in jax.tree.leaves(params))
assert y.shape == (32, 1), y.shape
assert n_params == 161, n_params
print(jax.tree.map(jnp.shape, params))
print("output shape:", y.shape, "parameters:", n_params)
