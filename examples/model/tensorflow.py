import tensorflow as tf

tf.random.set_seed(0)


class Dense(tf.Module):
    def __init__(self, n_in: int, n_out: int, name: str | None = None) -> None:
        super().__init__(name=name)
        self.w = tf.Variable(tf.random.normal([n_in, n_out]) * n_in**-0.5, name="w")
        self.b = tf.Variable(tf.zeros([n_out]), name="b")

    def __call__(self, x: tf.Tensor) -> tf.Tensor:
        return x @ self.w + self.b


class MLP(tf.Module):
    def __init__(self) -> None:
        super().__init__()
        self.hidden = Dense(8, 16)
        self.out = Dense(16, 1)

    def __call__(self, x: tf.Tensor) -> tf.Tensor:
        return self.out(tf.nn.relu(self.hidden(x)))


model = MLP()
y = model(tf.random.normal([32, 8]))

n_params = sum(int(tf.size(v)) for v in model.trainable_variables)  # tf.Module tracks variables
assert y.shape == (32, 1), y.shape
assert n_params == 161, n_params
print([v.name for v in model.trainable_variables])
print("output shape:", tuple(y.shape), "parameters:", n_params)
