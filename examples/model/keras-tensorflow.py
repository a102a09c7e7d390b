import os

os.environ["KERAS_BACKEND"] = "tensorflow"  # Keras 3 picks its backend at import

import keras

keras.utils.set_random_seed(0)


class MLP(keras.Model):
    def __init__(self) -> None:
        super().__init__()
        self.hidden = keras.layers.Dense(16, activation="relu")
        self.out = keras.layers.Dense(1)

    def call(self, x):
        return self.out(self.hidden(x))


model = MLP()
y = model(keras.random.normal((32, 8)))

assert tuple(y.shape) == (32, 1), y.shape
assert model.count_params() == 161, model.count_params()
model.summary()
