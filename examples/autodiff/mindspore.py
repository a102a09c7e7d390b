import mindspore as ms
from mindspore import ops


def f(x: ms.Tensor) -> ms.Tensor:
    return ops.sum(x**3 + 2 * x)


x = ms.Tensor([1.0, 2.0, 3.0], ms.float32)
grad = ms.grad(f)(x)  # functional autodiff: grad(f) returns df/dx

expected = 3 * x**2 + 2
assert ops.isclose(grad, expected).all(), (grad, expected)
print("gradient:", grad.asnumpy().tolist())
