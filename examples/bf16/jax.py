import jax
import jax.numpy as jnp

# JAX has no autocast: mixed precision means keeping float32 parameters and casting to bfloat16 for compute.
x_key, k1, k2 = jax.random.split(jax.random.key(0), 3)
x = jax.random.normal(x_key, (256, 8))
y = x @ jnp.linspace(-1.0, 1.0, 8)[:, None] + 0.5
params = [(jax.random.normal(k1, (8, 16)) * 8**-0.5, jnp.zeros(16)),
          (jax.random.normal(k2, (16, 1)) * 16**-0.5, jnp.zeros(1))]


def predict(params, x):
    (w1, b1), (w2, b2) = jax.tree.map(lambda p: p.astype(jnp.bfloat16), params)  # compute copies
    return jax.nn.relu(x.astype(jnp.bfloat16) @ w1 + b1) @ w2 + b2


def loss_fn(params, x, y):
    return jnp.mean((predict(params, x).astype(jnp.float32) - y) ** 2)  # loss in float32


@jax.jit
def update(params, x, y):
    loss, grads = jax.value_and_grad(loss_fn)(params, x, y)  # grads come back in float32
    return jax.tree.map(lambda p, g: p - 0.05 * g, params, grads), loss


for step in range(2000):
    params, loss = update(params, x, y)
    if loss < 0.02:
        break

print(f"step {step}: loss {loss:.4f}, activations {predict(params, x).dtype}, weights {params[0][0].dtype}")
assert predict(params, x).dtype == jnp.bfloat16 and params[0][0].dtype == jnp.float32
assert loss < 0.02, loss
