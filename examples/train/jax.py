import jax
import jax.numpy as jnp

x_key, init_key = jax.random.split(jax.random.key(0))
x = jax.random.normal(x_key, (256, 8))
y = x @ jnp.linspace(-1.0, 1.0, 8)[:, None] + 0.5


def init_params(key: jax.Array) -> list[tuple[jax.Array, jax.Array]]:
    k1, k2 = jax.random.split(key)
    return [(jax.random.normal(k1, (8, 16)) * 8**-0.5, jnp.zeros(16)),
            (jax.random.normal(k2, (16, 1)) * 16**-0.5, jnp.zeros(1))]


def predict(params: list[tuple[jax.Array, jax.Array]], x: jax.Array) -> jax.Array:
    (w1, b1), (w2, b2) = params
    return jax.nn.relu(x @ w1 + b1) @ w2 + b2


def loss_fn(params: list[tuple[jax.Array, jax.Array]], x: jax.Array, y: jax.Array) -> jax.Array:
    return jnp.mean((predict(params, x) - y) ** 2)


@jax.jit
def update(params: list[tuple[jax.Array, jax.Array]], x: jax.Array, y: jax.Array):
    loss, grads = jax.value_and_grad(loss_fn)(params, x, y)
    params = jax.tree.map(lambda p, g: p - 0.05 * g, params, grads)  # plain SGD
    return params, loss


params = init_params(init_key)
for step in range(2000):
    params, loss = update(params, x, y)
    if loss < 0.01:
        break

print(f"step {step}: loss {loss:.4f}")
assert loss < 0.01, loss
