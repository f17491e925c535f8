"""Writes the keras-json functional-model fixtures without Keras: two small functional models as
tf.keras 2.x writes them (model.to_json(), model.save('....h5') and model.save_weights('....h5')),
with seeded random weights, and the outputs Keras computes for two inputs, worked out here in NumPy.

- residual: Input(8, 6, 2) -> Conv2D(4, 3, same, relu) -> [Conv2D(4, 3) -> BatchNormalization ->
  ReLU(max_value=6) -> Conv2D(4, 3)] -> Add with the skip -> Activation(relu) ->
  GlobalAveragePooling2D -> Dense(3, softmax).
- branches: Input(9, 7, 3) -> Conv2D(4, 1, relu) -> ZeroPadding2D(((1, 0), (0, 1))) ->
  DepthwiseConv2D(3, strides 2) -> BatchNormalization -> ReLU(max_value=6) -> Concatenate of
  Conv2D(3, 1) and Conv2D(2, 1, sigmoid) -> Multiply with a Conv2D(5, 1, sigmoid) gate -> Flatten ->
  Dense(4) -> Activation(softmax).

Also written: residual-keras2.json (the same model as Keras 2.2.4 writes it: class_name "Model"),
and residual-lambda-tf2.json (a Lambda in place of the Activation, which keras-json refuses).

Run with Debian's Python (apt-get install python3-h5py): /usr/bin/python3 make_fixture.py
"""
import copy
import json

import h5py
import numpy as np

rng = np.random.default_rng(20261203)
glorot = {"class_name": "GlorotUniform", "config": {"seed": None}}
zeros = {"class_name": "Zeros", "config": {}}
ones = {"class_name": "Ones", "config": {}}
KERAS = "2.6.0"


def node(*names):
    """Keras' inbound_nodes for a layer called on the outputs of the named layers."""
    return [[[n, 0, 0, {}] for n in names]]


def layer(class_name, config, *inputs):
    config = dict(config)
    config.setdefault("trainable", True)
    config.setdefault("dtype", "float32")
    return {"class_name": class_name, "config": config, "name": config["name"], "inbound_nodes": node(*inputs) if inputs else []}


def input_layer(name, shape):
    return layer("InputLayer", {"batch_input_shape": [None, *shape], "dtype": "float32", "sparse": False,
                                "ragged": False, "name": name})


def penalties():
    return {"kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
            "kernel_constraint": None, "bias_constraint": None}


def conv(name, filters, kernel, source, activation="linear", padding="same", strides=1):
    return layer("Conv2D", {"name": name, "filters": filters, "kernel_size": [kernel, kernel],
                            "strides": [strides, strides], "padding": padding, "data_format": "channels_last",
                            "dilation_rate": [1, 1], "groups": 1, "activation": activation, "use_bias": True,
                            "kernel_initializer": glorot, "bias_initializer": zeros, **penalties()}, source)


def depthwise(name, kernel, strides, source):
    return layer("DepthwiseConv2D", {"name": name, "kernel_size": [kernel, kernel], "strides": [strides, strides],
                                     "padding": "valid", "data_format": "channels_last", "dilation_rate": [1, 1],
                                     "groups": 1, "activation": "linear", "use_bias": True,
                                     "bias_initializer": zeros, "bias_regularizer": None, "activity_regularizer": None,
                                     "bias_constraint": None, "depth_multiplier": 1,
                                     "depthwise_initializer": glorot, "depthwise_regularizer": None,
                                     "depthwise_constraint": None}, source)


def batch_norm(name, source):
    return layer("BatchNormalization", {
        "name": name, "axis": [3], "momentum": 0.99, "epsilon": 0.001, "center": True, "scale": True,
        "beta_initializer": zeros, "gamma_initializer": ones, "moving_mean_initializer": zeros,
        "moving_variance_initializer": ones, "beta_regularizer": None, "gamma_regularizer": None,
        "beta_constraint": None, "gamma_constraint": None}, source)


def relu6(name, source):
    return layer("ReLU", {"name": name, "max_value": 6.0, "negative_slope": 0.0, "threshold": 0.0}, source)


def activation(name, function, source):
    return layer("Activation", {"name": name, "activation": function}, source)


def dense(name, units, function, source):
    return layer("Dense", {"name": name, "units": units, "activation": function, "use_bias": True,
                           "kernel_initializer": glorot, "bias_initializer": zeros, **penalties()}, source)


def functional(name, layers, first, last):
    return {"class_name": "Functional",
            "config": {"name": name, "layers": layers, "input_layers": [[first, 0, 0]], "output_layers": [[last, 0, 0]]},
            "keras_version": KERAS, "backend": "tensorflow"}


def bn_weights(channels):
    return {"gamma:0": rng.uniform(0.5, 1.5, channels), "beta:0": rng.normal(0, 0.3, channels),
            "moving_mean:0": rng.normal(0, 0.5, channels), "moving_variance:0": rng.uniform(0.5, 2, channels)}


def conv_weights(kernel, inputs, filters, scale):
    return {"kernel:0": rng.normal(0, scale, (kernel, kernel, inputs, filters)), "bias:0": rng.normal(0, 0.2, filters)}


def write(stem, model, weights, expected_inputs, forward):
    weights = {n: {k: v.astype(np.float32) for k, v in ws.items()} for n, ws in weights.items()}
    names = [l["config"]["name"] for l in model["config"]["layers"]]  # a functional model's layers include its input

    def write_weights(group):
        group.attrs["layer_names"] = np.array([n.encode() for n in names])
        group.attrs["backend"] = b"tensorflow"
        group.attrs["keras_version"] = KERAS.encode()
        for name in names:
            g = group.create_group(name)
            ws = weights.get(name, {})
            g.attrs["weight_names"] = np.array([(name + "/" + k).encode() for k in ws], dtype="S")
            for k, v in ws.items():
                g.create_dataset(name + "/" + k, data=v)

    with open(stem + "-tf2.json", "w") as f:
        json.dump(model, f, indent=2)
    with h5py.File(stem + "-tf2.h5", "w") as f:  # model.save(...): config and weights
        f.attrs["keras_version"] = KERAS.encode()
        f.attrs["backend"] = b"tensorflow"
        f.attrs["model_config"] = json.dumps(model).encode()
        write_weights(f.create_group("model_weights"))
    with h5py.File(stem + "-tf2-weights.h5", "w") as f:  # model.save_weights(...): weights at the root
        write_weights(f)
    x = expected_inputs.astype(np.float32)
    with open(stem + "-expected.json", "w") as f:
        json.dump({"input_nhwc": x.tolist(), "keras_output": forward(x.astype(np.float64), weights).tolist(),
                   "keras_params": int(sum(v.size for ws in weights.values() for v in ws.values()))}, f)


# ---- NumPy versions of Keras' layers (NHWC, float64) ----

def np_conv(x, w, padding="same", strides=1):
    k, b = w["kernel:0"].astype(np.float64), w["bias:0"].astype(np.float64)
    size = k.shape[0]
    if padding == "same":
        p = (size - 1) // 2
        x = np.pad(x, ((0, 0), (p, size - 1 - p), (p, size - 1 - p), (0, 0)))
    out_h = (x.shape[1] - size) // strides + 1
    out_w = (x.shape[2] - size) // strides + 1
    y = np.zeros((x.shape[0], out_h, out_w, k.shape[3]))
    for i in range(out_h):
        for j in range(out_w):
            patch = x[:, i * strides:i * strides + size, j * strides:j * strides + size, :]
            y[:, i, j, :] = np.einsum("nhwc,hwcf->nf", patch, k) + b
    return y


def np_depthwise(x, w, strides):
    k, b = w["depthwise_kernel:0"].astype(np.float64), w["bias:0"].astype(np.float64)  # (kh, kw, channels, 1)
    size = k.shape[0]
    out_h = (x.shape[1] - size) // strides + 1
    out_w = (x.shape[2] - size) // strides + 1
    y = np.zeros((x.shape[0], out_h, out_w, x.shape[3]))
    for i in range(out_h):
        for j in range(out_w):
            patch = x[:, i * strides:i * strides + size, j * strides:j * strides + size, :]
            y[:, i, j, :] = np.einsum("nhwc,hwc->nc", patch, k[:, :, :, 0]) + b
    return y


def np_bn(x, w):
    w = {k: v.astype(np.float64) for k, v in w.items()}
    return (x - w["moving_mean:0"]) / np.sqrt(w["moving_variance:0"] + 0.001) * w["gamma:0"] + w["beta:0"]


def np_dense(x, w):
    return x @ w["kernel:0"].astype(np.float64) + w["bias:0"].astype(np.float64)


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


# ---- residual ----

residual_layers = [
    input_layer("input_1", [8, 6, 2]),
    conv("conv2d", 4, 3, "input_1", activation="relu"),
    conv("conv2d_1", 4, 3, "conv2d"),
    batch_norm("batch_normalization", "conv2d_1"),
    relu6("re_lu", "batch_normalization"),
    conv("conv2d_2", 4, 3, "re_lu"),
    layer("Add", {"name": "add"}, "conv2d", "conv2d_2"),
    activation("activation", "relu", "add"),
    layer("GlobalAveragePooling2D", {"name": "global_average_pooling2d", "data_format": "channels_last",
                                     "keepdims": False}, "activation"),
    dense("dense", 3, "softmax", "global_average_pooling2d"),
]
residual = functional("model", residual_layers, "input_1", "dense")
residual_weights = {
    "conv2d": conv_weights(3, 2, 4, 0.8),
    "conv2d_1": conv_weights(3, 4, 4, 0.8),
    "batch_normalization": bn_weights(4),
    "conv2d_2": conv_weights(3, 4, 4, 0.4),
    "dense": {"kernel:0": rng.normal(0, 0.15, (4, 3)), "bias:0": rng.normal(0, 0.1, 3)},
}


def residual_forward(x, w):
    stem = np.maximum(np_conv(x, w["conv2d"]), 0)
    y = np_bn(np_conv(stem, w["conv2d_1"]), w["batch_normalization"])
    clipped = np.mean(y > 6)
    assert 0 < clipped < 0.5, "the fixture should exercise ReLU's max_value (share above 6: %s)" % clipped
    y = np.clip(y, 0, 6)
    y = np_conv(y, w["conv2d_2"])
    y = np.maximum(stem + y, 0)
    y = y.mean(axis=(1, 2))
    return softmax(np_dense(y, w["dense"]))


write("residual", residual, residual_weights, rng.uniform(-3, 3, (2, 8, 6, 2)), residual_forward)

# The same model as Keras 2.2.4 writes it: class "Model".
keras2 = copy.deepcopy(residual)
keras2["class_name"] = "Model"
keras2["keras_version"] = "2.2.4"
with open("residual-keras2.json", "w") as f:
    json.dump(keras2, f, indent=2)

# A Lambda layer in a functional model: refused by name.
with_lambda = copy.deepcopy(residual)
for entry in with_lambda["config"]["layers"]:
    if entry["name"] == "activation":
        entry["class_name"] = "Lambda"
        entry["config"] = {"name": "activation", "trainable": True, "dtype": "float32",
                           "function": ["4wEAAAAAAAAAAQAAAAIAAABDAAAAcwgAAAB8AGQBFABTACkCTukCAAAAqQApAdoBeHIB"
                                        "AAAAcgEAAAD6HjxpcHl0aG9uLWlucHV0LTEtYjVjZWNjYjg0ZWY0PtoIPGxhbWJkYT4B"
                                        "AAAA8wAAAAA=", None, None],
                           "function_type": "lambda", "module": "__main__", "output_shape": None,
                           "output_shape_type": "raw", "output_shape_module": None, "arguments": {}}
with open("residual-lambda-tf2.json", "w") as f:
    json.dump(with_lambda, f, indent=2)

# ---- branches ----

branches_layers = [
    input_layer("input_1", [9, 7, 3]),
    conv("conv2d", 4, 1, "input_1", activation="relu"),
    layer("ZeroPadding2D", {"name": "zero_padding2d", "padding": [[1, 0], [0, 1]], "data_format": "channels_last"},
          "conv2d"),
    depthwise("depthwise_conv2d", 3, 2, "zero_padding2d"),
    batch_norm("batch_normalization", "depthwise_conv2d"),
    relu6("re_lu", "batch_normalization"),
    conv("conv2d_1", 3, 1, "re_lu"),
    conv("conv2d_2", 2, 1, "re_lu", activation="sigmoid"),
    layer("Concatenate", {"name": "concatenate", "axis": -1}, "conv2d_1", "conv2d_2"),
    conv("conv2d_3", 5, 1, "re_lu", activation="sigmoid"),
    layer("Multiply", {"name": "multiply"}, "concatenate", "conv2d_3"),
    layer("Flatten", {"name": "flatten", "data_format": "channels_last"}, "multiply"),
    dense("dense", 4, "linear", "flatten"),
    activation("activation", "softmax", "dense"),
]
branches = functional("model", branches_layers, "input_1", "activation")
branches_weights = {
    "conv2d": conv_weights(1, 3, 4, 0.8),
    "depthwise_conv2d": {"depthwise_kernel:0": rng.normal(0, 0.8, (3, 3, 4, 1)), "bias:0": rng.normal(0, 0.2, 4)},
    "batch_normalization": bn_weights(4),
    "conv2d_1": conv_weights(1, 4, 3, 0.8),
    "conv2d_2": conv_weights(1, 4, 2, 0.8),
    "conv2d_3": conv_weights(1, 4, 5, 0.8),
    # Flatten of 4 x 3 x 5 (height, width, channels) = 60 values.
    "dense": {"kernel:0": rng.normal(0, 0.06, (60, 4)), "bias:0": rng.normal(0, 0.1, 4)},
}


def branches_forward(x, w):
    y = np.maximum(np_conv(x, w["conv2d"]), 0)
    y = np.pad(y, ((0, 0), (1, 0), (0, 1), (0, 0)))
    y = np_depthwise(y, w["depthwise_conv2d"], 2)
    y = np_bn(y, w["batch_normalization"])
    clipped = np.mean(y > 6)
    assert 0 < clipped < 0.5, "the fixture should exercise ReLU's max_value (share above 6: %s)" % clipped
    y = np.clip(y, 0, 6)
    joined = np.concatenate([np_conv(y, w["conv2d_1"]), sigmoid(np_conv(y, w["conv2d_2"]))], axis=3)
    gated = joined * sigmoid(np_conv(y, w["conv2d_3"]))
    flat = gated.reshape(len(x), -1)  # Keras' Flatten: height, width, channels
    return softmax(np_dense(flat, w["dense"]))


write("branches", branches, branches_weights, rng.uniform(-4, 4, (2, 9, 7, 3)), branches_forward)

# The branches model with a Dropout between Flatten and Dense (inactive at inference): the dense
# kernel's rows still follow Keras' height-width-channel flattening.
with_dropout = copy.deepcopy(branches)
layers = with_dropout["config"]["layers"]
at = next(i for i, entry in enumerate(layers) if entry["name"] == "dense")
layers.insert(at, layer("Dropout", {"name": "dropout", "rate": 0.5, "noise_shape": None, "seed": None}, "flatten"))
layers[at + 1]["inbound_nodes"] = node("dropout")
write("branches-dropout", with_dropout, branches_weights, rng.uniform(-4, 4, (2, 9, 7, 3)), branches_forward)
