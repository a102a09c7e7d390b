import mindspore as ms
from mindspore import ops

ms.set_seed(0)
w1, b1, w2, b2 = ops.randn(8, 16) * 8**-0.5, ops.zeros(16), ops.randn(16, 1) * 16**-0.5, ops.zeros(1)
x, y = ops.randn(32, 8), ops.randn(32, 1)


def loss_fn(w1, b1, w2, b2, x, y):
    """Loss of one example: x has shape (8,), y shape (1,)."""
    h = ops.relu(x @ w1 + b1)
    return ((h @ w2 + b2 - y) ** 2).mean()


grad_fn = ms.grad(loss_fn, grad_position=(0, 1, 2, 3))  # gradients for the four weights
# Per-example gradients: vmap the gradient over the batch axis of x and y, not over the weights.
per_example = ms.vmap(grad_fn, in_axes=(None, None, None, None, 0, 0))(w1, b1, w2, b2, x, y)

assert len(per_example) == 4
for i in (0, 17, 31):
    single = grad_fn(w1, b1, w2, b2, x[i], y[i])
    for batched, one in zip(per_example, single):
        assert batched[i].shape == one.shape and ops.isclose(batched[i], one, atol=1e-6).all()

print([g.shape for g in per_example])
