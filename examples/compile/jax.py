import jax
import jax.numpy as jnp

x_key, init_key = jax.random.split(jax.random.key(0))
x = jax.random.normal(x_key, (256, 8))
y = x @ jnp.linspace(-1.0, 1.0, 8)[:, None] + 0.5
k1, k2 = jax.random.split(init_key)
params = [(jax.random.normal(k1, (8, 16)) * 8**-0.5, jnp.zeros(16)),
          (jax.random.normal(k2, (16, 1)) * 16**-0.5, jnp.zeros(1))]


def loss_fn(params, x, y):
    (w1, b1), (w2, b2) = params
    return jnp.mean((jax.nn.relu(x @ w1 + b1) @ w2 + b2 - y) ** 2)


def train_step(params, x, y):
    loss, grads = jax.value_and_grad(loss_fn)(params, x, y)
    return jax.tree.map(lambda p, g: p - 0.05 * g, params, grads), loss


compiled_step = jax.jit(train_step)  # traced once, compiled by XLA, cached

eager_params, jit_params = params, params
for _ in range(20):
    with jax.disable_jit():
        eager_params, eager_loss = train_step(eager_params, x, y)
    jit_params, jit_loss = compiled_step(jit_params, x, y)

print(f"eager loss {eager_loss:.6f}, jit loss {jit_loss:.6f}")
assert jnp.allclose(eager_loss, jit_loss, rtol=1e-4, atol=1e-5)
assert all(jnp.allclose(a, b, rtol=1e-4, atol=1e-5) for a, b in zip(jax.tree.leaves(eager_params), jax.tree.leaves(jit_params)))
