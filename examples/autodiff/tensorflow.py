import tensorflow as tf

x = tf.Variable([1.0, 2.0, 3.0])
with tf.GradientTape() as tape:  # records operations for reverse-mode autodiff
    y = tf.reduce_sum(x**3 + 2 * x)
grad = tape.gradient(y, x)

expected = 3 * x**2 + 2
tf.debugging.assert_near(grad, expected)
print("gradient:", grad.numpy().tolist())
