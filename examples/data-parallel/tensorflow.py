import tensorflow as tf

# Two logical CPU devices, then one model replica per device with MirroredStrategy (synchronous all-reduce).
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
strategy = tf.distribute.MirroredStrategy([device.name for device in tf.config.list_logical_devices("CPU")])

tf.keras.utils.set_random_seed(0)
x = tf.random.normal([256, 8])
y = x @ tf.reshape(tf.linspace(-1.0, 1.0, 8), [8, 1]) + 0.5

with strategy.scope():  # variables created here are mirrored on both devices
    model = tf.keras.Sequential([tf.keras.Input(shape=(8,)), tf.keras.layers.Dense(16, activation="relu"),
                                 tf.keras.layers.Dense(1)])
    model.compile(optimizer=tf.keras.optimizers.Adam(0.01), loss="mse")
history = model.fit(x, y, batch_size=32, epochs=40, verbose=0)  # each step splits the batch over the replicas

loss = history.history["loss"][-1]
print(f"{strategy.num_replicas_in_sync} replicas, loss {loss:.4f}, variables: {type(model.weights[0].value).__name__}")
assert strategy.num_replicas_in_sync == 2
assert loss < 0.01, loss
