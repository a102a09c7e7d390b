from tinygrad import Tensor

x = Tensor([1.0, 2.0, 3.0])
y = (x**3 + 2 * x).sum()
y.backward()  # lazy: builds the gradient graph, computed when read

expected = 3 * x.numpy() ** 2 + 2
assert (abs(x.grad.numpy() - expected) < 1e-5).all(), (x.grad.numpy(), expected)
print("gradient:", x.grad.tolist())
