import tempfile

import paddle
from paddle import nn
from paddle.static import InputSpec

paddle.seed(0)
model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))
model.eval()
x = paddle.randn([4, 8])

with tempfile.TemporaryDirectory() as tmp:
    # Static graph plus parameters: the format Paddle Inference, Paddle Lite and paddle2onnx read.
    paddle.jit.save(model, f"{tmp}/model", input_spec=[InputSpec(shape=[None, 8], dtype="float32")])
    loaded = paddle.jit.load(f"{tmp}/model")
    assert paddle.allclose(loaded(x), model(x), atol=1e-6).item()
    assert loaded(paddle.ones([7, 8])).shape == [7, 1]  # the batch dimension stays dynamic
    print("exported model gives the same outputs")
