import mlx.core as mx


def f(x: mx.array) -> mx.array:
    return mx.sum(x**3 + 2 * x)


x = mx.array([1.0, 2.0, 3.0])
grad = mx.grad(f)(x)  # function transform, as in JAX

expected = 3 * x**2 + 2
assert mx.allclose(grad, expected).item(), (grad, expected)
print("gradient:", grad.tolist())
