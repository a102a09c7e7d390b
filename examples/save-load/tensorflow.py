import tempfile

import tensorflow as tf

tf.random.set_seed(0)


class MLP(tf.Module):
    def __init__(self) -> None:
        super().__init__()
        self.w1 = tf.Variable(tf.random.normal([8, 16]))
        self.b1 = tf.Variable(tf.zeros([16]))
        self.w2 = tf.Variable(tf.random.normal([16, 1]))
        self.b2 = tf.Variable(tf.zeros([1]))

    def __call__(self, x: tf.Tensor) -> tf.Tensor:
        return tf.nn.relu(x @ self.w1 + self.b1) @ self.w2 + self.b2


model = MLP()
x = tf.random.normal([4, 8])

with tempfile.TemporaryDirectory() as tmp:
    path = tf.train.Checkpoint(model=model).write(f"{tmp}/ckpt")

    restored = MLP()  # fresh random weights
    tf.train.Checkpoint(model=restored).read(path).assert_consumed()
    print("checkpoint:", path)

tf.debugging.assert_equal(model(x), restored(x))
