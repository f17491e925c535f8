"""Writes the keras-json weights fixture without Keras: a small Sequential model as tf.keras 2.x
writes it (model.to_json(), model.save('....h5') and model.save_weights('....h5')), with seeded
random weights, and the outputs Keras computes for two inputs, worked out here in NumPy.

Run with Debian's Python (apt-get install python3-h5py): /usr/bin/python3 make_fixture.py
"""
import json

import h5py
import numpy as np

rng = np.random.default_rng(20261123)
H, W, C = 8, 6, 2
glorot = {"class_name": "GlorotUniform", "config": {"seed": None}}
zeros = {"class_name": "Zeros", "config": {}}


def weighted(config):
    config.update({"use_bias": True, "kernel_initializer": glorot, "bias_initializer": zeros,
                   "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
                   "kernel_constraint": None, "bias_constraint": None})
    return config


layers = [
    {"class_name": "InputLayer", "config": {"batch_input_shape": [None, H, W, C], "dtype": "float32",
                                            "sparse": False, "ragged": False, "name": "conv2d_input"}},
    {"class_name": "Conv2D", "config": weighted({
        "name": "conv2d", "trainable": True, "dtype": "float32", "filters": 3, "kernel_size": [3, 3],
        "strides": [1, 1], "padding": "same", "data_format": "channels_last", "dilation_rate": [1, 1],
        "groups": 1, "activation": "relu"})},
    {"class_name": "BatchNormalization", "config": {
        "name": "batch_normalization", "trainable": True, "dtype": "float32", "axis": [3], "momentum": 0.99,
        "epsilon": 0.001, "center": True, "scale": True, "beta_initializer": zeros,
        "gamma_initializer": {"class_name": "Ones", "config": {}},
        "moving_mean_initializer": zeros, "moving_variance_initializer": {"class_name": "Ones", "config": {}},
        "beta_regularizer": None, "gamma_regularizer": None, "beta_constraint": None, "gamma_constraint": None}},
    {"class_name": "MaxPooling2D", "config": {"name": "max_pooling2d", "trainable": True, "dtype": "float32",
                                              "pool_size": [2, 2], "padding": "valid", "strides": [2, 2],
                                              "data_format": "channels_last"}},
    {"class_name": "Flatten", "config": {"name": "flatten", "trainable": True, "dtype": "float32",
                                         "data_format": "channels_last"}},
    {"class_name": "Dense", "config": weighted({"name": "dense", "trainable": True, "dtype": "float32",
                                                "units": 5, "activation": "relu"})},
    {"class_name": "Dropout", "config": {"name": "dropout", "trainable": True, "dtype": "float32", "rate": 0.2,
                                         "noise_shape": None, "seed": None}},
    {"class_name": "Dense", "config": weighted({"name": "dense_1", "trainable": True, "dtype": "float32",
                                                "units": 3, "activation": "linear"})},
    {"class_name": "Activation", "config": {"name": "activation", "trainable": True, "dtype": "float32",
                                            "activation": "softmax"}},
]
model = {"class_name": "Sequential", "config": {"name": "sequential", "layers": layers},
         "keras_version": "2.6.0", "backend": "tensorflow"}
model_json = json.dumps(model)

weights = {
    "conv2d": {"kernel:0": rng.normal(0, 0.5, (3, 3, C, 3)), "bias:0": rng.normal(0, 0.1, 3)},
    "batch_normalization": {"gamma:0": rng.uniform(0.5, 1.5, 3), "beta:0": rng.normal(0, 0.1, 3),
                            "moving_mean:0": rng.normal(0, 0.2, 3), "moving_variance:0": rng.uniform(0.5, 2, 3)},
    "dense": {"kernel:0": rng.normal(0, 0.15, (H // 2 * W // 2 * 3, 5)), "bias:0": rng.normal(0, 0.1, 5)},
    "dense_1": {"kernel:0": rng.normal(0, 0.4, (5, 3)), "bias:0": rng.normal(0, 0.1, 3)},
}
weights = {layer: {k: v.astype(np.float32) for k, v in ws.items()} for layer, ws in weights.items()}
layer_names = [l["config"]["name"] for l in layers[1:]]


def write_weights(group):
    group.attrs["layer_names"] = np.array([n.encode() for n in layer_names])
    group.attrs["backend"] = b"tensorflow"
    group.attrs["keras_version"] = b"2.6.0"
    for name in layer_names:
        g = group.create_group(name)
        ws = weights.get(name, {})
        g.attrs["weight_names"] = np.array([(name + "/" + k).encode() for k in ws], dtype="S")
        for k, v in ws.items():
            g.create_dataset(name + "/" + k, data=v)


with open("tiny-cnn-tf2.json", "w") as f:
    json.dump(model, f, indent=2)
with h5py.File("tiny-cnn-tf2.h5", "w") as f:  # model.save(...): config and weights
    f.attrs["keras_version"] = b"2.6.0"
    f.attrs["backend"] = b"tensorflow"
    f.attrs["model_config"] = model_json.encode()
    write_weights(f.create_group("model_weights"))
with h5py.File("tiny-cnn-tf2-weights.h5", "w") as f:  # model.save_weights(...): weights at the root
    write_weights(f)


def forward(x):
    k, b = weights["conv2d"]["kernel:0"], weights["conv2d"]["bias:0"]
    padded = np.pad(x, ((0, 0), (1, 1), (1, 1), (0, 0)))
    conv = np.zeros(x.shape[:3] + (3,), np.float64)
    for i in range(H):
        for j in range(W):
            conv[:, i, j, :] = np.einsum("nhwc,hwcf->nf", padded[:, i:i + 3, j:j + 3, :], k) + b
    y = np.maximum(conv, 0)
    bn = weights["batch_normalization"]
    y = (y - bn["moving_mean:0"]) / np.sqrt(bn["moving_variance:0"] + 0.001) * bn["gamma:0"] + bn["beta:0"]
    y = y.reshape(len(x), H // 2, 2, W // 2, 2, 3).max(axis=(2, 4))
    y = y.reshape(len(x), -1)  # Keras' Flatten: height, width, channels
    y = np.maximum(y @ weights["dense"]["kernel:0"] + weights["dense"]["bias:0"], 0)
    z = y @ weights["dense_1"]["kernel:0"] + weights["dense_1"]["bias:0"]
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


x = rng.uniform(0, 1, (2, H, W, C)).astype(np.float32)
with open("tiny-cnn-expected.json", "w") as f:
    json.dump({"input_nhwc": x.tolist(), "keras_output": forward(x.astype(np.float64)).tolist()}, f)

# The same model with a Dropout between Flatten and the first Dense (inactive at inference): the
# dense kernel's rows still follow Keras' height-width-channel flattening.
at = next(i for i, l in enumerate(layers) if l["config"]["name"] == "flatten") + 1
layers.insert(at, {"class_name": "Dropout", "config": {"name": "dropout_1", "trainable": True, "dtype": "float32",
                                                       "rate": 0.5, "noise_shape": None, "seed": None}})
model_json = json.dumps(model)
layer_names = [l["config"]["name"] for l in layers[1:]]
with open("tiny-cnn-dropout-tf2.json", "w") as f:
    json.dump(model, f, indent=2)
with h5py.File("tiny-cnn-dropout-tf2.h5", "w") as f:
    f.attrs["keras_version"] = b"2.6.0"
    f.attrs["backend"] = b"tensorflow"
    f.attrs["model_config"] = model_json.encode()
    write_weights(f.create_group("model_weights"))
with open("tiny-cnn-dropout-expected.json", "w") as f:
    json.dump({"input_nhwc": x.tolist(), "keras_output": forward(x.astype(np.float64)).tolist()}, f)
