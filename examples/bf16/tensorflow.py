import tensorflow as tf

# TensorFlow's mixed-precision API is the Keras dtype policy: layers compute in bfloat16, keep float32 weights.
tf.keras.mixed_precision.set_global_policy("mixed_bfloat16")
tf.keras.utils.set_random_seed(0)
x = tf.random.normal([256, 8])
y = x @ tf.reshape(tf.linspace(-1.0, 1.0, 8), [8, 1]) + 0.5

model = tf.keras.Sequential([
    tf.keras.Input(shape=(8,)),
    tf.keras.layers.Dense(16, activation="relu"),
    tf.keras.layers.Dense(1, dtype="float32"),  # keep the output layer in float32
])
hidden = model.layers[0]
optimizer = tf.keras.optimizers.Adam(0.01)


@tf.function
def train_step(x: tf.Tensor, y: tf.Tensor) -> tf.Tensor:
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(x, training=True) - y))
    optimizer.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
    return loss


for step in range(1000):
    loss = float(train_step(x, y))
    if loss < 0.02:
        break

print(f"step {step}: loss {loss:.4f}, compute {hidden.compute_dtype}, weights {hidden.kernel.dtype}")
assert hidden.compute_dtype == "bfloat16" and hidden.kernel.dtype == "float32"
assert hidden(x).dtype == tf.bfloat16
assert loss < 0.02, loss
