import pickle

from tinygrad import Tensor, TinyJit, nn

# tinygrad has no exchange format: its deployment path (as in openpilot) pickles a captured TinyJit,
# i.e. the compiled kernels and the weight buffers, and replays it without the model code.
Tensor.manual_seed(0)


class MLP:
    def __init__(self) -> None:
        self.l1, self.l2 = nn.Linear(8, 16), nn.Linear(16, 1)

    def __call__(self, x: Tensor) -> Tensor:
        return self.l2(self.l1(x).relu())


model = MLP()
run = TinyJit(lambda x: model(x).realize())
for _ in range(3):  # the JIT captures on the second call and replays from the third
    run(Tensor.randn(4, 8).realize())

blob = pickle.dumps(run)
restored = pickle.loads(blob)
x = Tensor.randn(4, 8).realize()
assert (abs(restored(x).numpy() - model(x).numpy()) < 1e-6).all()
print(f"pickled TinyJit: {len(blob)} bytes")
