import jax
import jax.numpy as jnp


def f(x: jax.Array) -> jax.Array:
    return jnp.sum(x**3 + 2 * x)


x = jnp.array([1.0, 2.0, 3.0])
grad = jax.grad(f)(x)  # grad transforms f into a function that returns df/dx

expected = 3 * x**2 + 2
assert jnp.allclose(grad, expected), (grad, expected)
print("gradient:", grad.tolist())
