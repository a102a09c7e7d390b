import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = (x**3 + 2 * x).sum()
y.backward()  # reverse-mode autodiff fills x.grad

expected = 3 * x.detach() ** 2 + 2  # d/dx (x^3 + 2x) = 3x^2 + 2
assert torch.allclose(x.grad, expected), (x.grad, expected)
print("gradient:", x.grad.tolist())
