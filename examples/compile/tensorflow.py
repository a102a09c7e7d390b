import tensorflow as tf

tf.random.set_seed(0)
x = tf.random.normal([256, 8])
y = x @ tf.reshape(tf.linspace(-1.0, 1.0, 8), [8, 1]) + 0.5
init = [tf.random.normal([8, 16]) * 8**-0.5, tf.zeros([16]), tf.random.normal([16, 1]) * 16**-0.5, tf.zeros([1])]


def make_step(variables: list[tf.Variable]):
    w1, b1, w2, b2 = variables

    def train_step(x: tf.Tensor, y: tf.Tensor) -> tf.Tensor:
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(tf.nn.relu(x @ w1 + b1) @ w2 + b2 - y))
        for v, g in zip(variables, tape.gradient(loss, variables)):
            v.assign_sub(0.05 * g)
        return loss

    return train_step


eager_vars = [tf.Variable(t) for t in init]
xla_vars = [tf.Variable(t) for t in init]
eager_step = make_step(eager_vars)
xla_step = tf.function(make_step(xla_vars), jit_compile=True)  # traced to a graph, compiled by XLA

for _ in range(20):
    eager_loss = eager_step(x, y)
    xla_loss = xla_step(x, y)

print(f"eager loss {float(eager_loss):.6f}, XLA loss {float(xla_loss):.6f}")
tf.debugging.assert_near(eager_loss, xla_loss, rtol=1e-4, atol=1e-5)
for a, b in zip(eager_vars, xla_vars):
    tf.debugging.assert_near(a, b, rtol=1e-4, atol=1e-5)
