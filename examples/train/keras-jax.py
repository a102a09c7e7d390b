import os

os.environ["KERAS_BACKEND"] = "jax"  # Keras 3 picks its backend at import

import jax
import keras
import numpy as np

keras.utils.set_random_seed(0)
x = np.random.default_rng(0).normal(size=(256, 8)).astype("float32")
y = x @ np.linspace(-1.0, 1.0, 8, dtype="float32")[:, None] + 0.5

model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
optimizer = keras.optimizers.Adam(0.01)
loss_fn = keras.losses.MeanSquaredError()

optimizer.build(model.trainable_variables)


def compute_loss(trainable, non_trainable, x, y):
    y_pred, non_trainable = model.stateless_call(trainable, non_trainable, x)  # pure function of the weights
    return loss_fn(y, y_pred), non_trainable


grad_fn = jax.value_and_grad(compute_loss, has_aux=True)


@jax.jit
def train_step(state, x, y):
    trainable, non_trainable, optimizer_vars = state
    (loss, non_trainable), grads = grad_fn(trainable, non_trainable, x, y)
    trainable, optimizer_vars = optimizer.stateless_apply(optimizer_vars, grads, trainable)
    return loss, (trainable, non_trainable, optimizer_vars)


state = ([v.value for v in model.trainable_variables], [v.value for v in model.non_trainable_variables],
         [v.value for v in optimizer.variables])
for step in range(1000):
    loss, state = train_step(state, x, y)
    if loss < 0.01:
        break
for variable, value in zip(model.trainable_variables, state[0]):
    variable.assign(value)  # write the trained values back into the model

print(f"step {step}: loss {float(loss):.4f}")
assert float(loss) < 0.01 and float(loss_fn(y, model(x))) < 0.01, loss
