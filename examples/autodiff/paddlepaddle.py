import paddle

x = paddle.to_tensor([1.0, 2.0, 3.0], stop_gradient=False)  # track gradients for x
y = (x**3 + 2 * x).sum()
y.backward()

expected = 3 * x.detach() ** 2 + 2
assert paddle.allclose(x.grad, expected).item(), (x.grad, expected)
print("gradient:", x.grad.tolist())
