import mindspore as ms
from mindspore import nn, ops

ms.set_seed(0)
x = ops.randn(256, 8)
y = x @ ops.linspace(-1.0, 1.0, 8).reshape(8, 1) + 0.5

model = nn.SequentialCell(nn.Dense(8, 16, activation="relu"), nn.Dense(16, 1))  # float32 weights
model = ms.amp.auto_mixed_precision(model, "O2", dtype=ms.bfloat16)  # run the layers in bfloat16
optimizer = nn.Adam(model.trainable_params(), learning_rate=0.01)


def forward_fn(x: ms.Tensor, y: ms.Tensor) -> tuple[ms.Tensor, ms.Tensor]:
    pred = model(x)
    return nn.MSELoss()(pred.astype(ms.float32), y), pred


grad_fn = ms.value_and_grad(forward_fn, None, optimizer.parameters, has_aux=True)

for step in range(1000):
    (loss, pred), grads = grad_fn(x, y)
    optimizer(grads)
    if loss.item() < 0.02:
        break

weight = model.trainable_params()[0]
print(f"step {step}: loss {loss.item():.4f}, activations {pred.dtype}, weights {weight.dtype}")
assert pred.dtype == ms.bfloat16 and weight.dtype == ms.float32
assert loss.item() < 0.02, loss.item()
