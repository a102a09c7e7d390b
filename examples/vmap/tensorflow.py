import tensorflow as tf

tf.random.set_seed(0)
w1 = tf.Variable(tf.random.normal([8, 16]) * 8**-0.5)
b1 = tf.Variable(tf.zeros([16]))
w2 = tf.Variable(tf.random.normal([16, 1]) * 16**-0.5)
b2 = tf.Variable(tf.zeros([1]))
variables = [w1, b1, w2, b2]
x, y = tf.random.normal([32, 8]), tf.random.normal([32, 1])


def example_grads(example: tuple[tf.Tensor, tf.Tensor]) -> list[tf.Tensor]:
    xi, yi = example
    with tf.GradientTape() as tape:
        pred = tf.nn.relu(xi[None] @ w1 + b1) @ w2 + b2
        loss = tf.reduce_mean(tf.square(pred - yi))
    return tape.gradient(loss, variables)


# Per-example gradients: vectorized_map runs example_grads over the batch as one vectorised computation.
per_example = tf.vectorized_map(example_grads, (x, y))

for i in (0, 17, 31):
    for batched, single in zip(per_example, example_grads((x[i], y[i]))):
        tf.debugging.assert_near(batched[i], single, atol=1e-6)

print([tuple(g.shape) for g in per_example])
