import mlx.core as mx

mx.random.seed(0)
params = {"w1": mx.random.normal((8, 16)) * 8**-0.5, "b1": mx.zeros(16),
          "w2": mx.random.normal((16, 1)) * 16**-0.5, "b2": mx.zeros(1)}
x, y = mx.random.normal((32, 8)), mx.random.normal((32, 1))


def loss_fn(params: dict[str, mx.array], x: mx.array, y: mx.array) -> mx.array:
    """Loss of one example: x has shape (8,), y shape (1,)."""
    h = mx.maximum(x @ params["w1"] + params["b1"], 0)
    return mx.mean((h @ params["w2"] + params["b2"] - y) ** 2)


# Per-example gradients: vmap the gradient over the batch axis of x and y, not over params.
per_example = mx.vmap(mx.grad(loss_fn), in_axes=(None, 0, 0))(params, x, y)

for i in (0, 17, 31):
    single = mx.grad(loss_fn)(params, x[i], y[i])
    for name in params:
        assert mx.allclose(per_example[name][i], single[name], atol=1e-6).item(), name

print({name: g.shape for name, g in per_example.items()})
