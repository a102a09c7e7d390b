import tensorflow as tf

tf.random.set_seed(0)
x = tf.random.normal([256, 8])
y = x @ tf.reshape(tf.linspace(-1.0, 1.0, 8), [8, 1]) + 0.5

w1 = tf.Variable(tf.random.normal([8, 16]) * 8**-0.5)
b1 = tf.Variable(tf.zeros([16]))
w2 = tf.Variable(tf.random.normal([16, 1]) * 16**-0.5)
b2 = tf.Variable(tf.zeros([1]))
variables = [w1, b1, w2, b2]


@tf.function
def train_step(x: tf.Tensor, y: tf.Tensor) -> tf.Tensor:
    with tf.GradientTape() as tape:
        pred = tf.nn.relu(x @ w1 + b1) @ w2 + b2
        loss = tf.reduce_mean(tf.square(pred - y))
    for v, g in zip(variables, tape.gradient(loss, variables)):
        v.assign_sub(0.05 * g)  # plain SGD
    return loss


for step in range(2000):
    loss = float(train_step(x, y))
    if loss < 0.01:
        break

print(f"step {step}: loss {loss:.4f}")
assert loss < 0.01, loss
