#!/usr/bin/python3
"""One epoch of the workbench's small-cnn, lenet5 or cifar-bn-cnn in PyTorch, timed as a notebook user
would run it, for bench/train-speed.sh. Same data and settings as the workbench side: the IDX files in
DATA_DIR (small-cnn, lenet5) or CIFAR-10's binary files in --cifar DIR (cifar-bn-cnn), pixels / 255,
a stratified seeded 10 % validation hold-out (evaluated after the epoch, as Keras' fit does), Adam
lr 0.001, batch 64 (cifar-bn-cnn: 128, as experiments/cifar10-bn-cnn.yaml), Xavier-uniform weights
and zero biases.

    /usr/bin/python3 torch_speed.py DATA_DIR --net small-cnn|lenet5|cifar-bn-cnn [--cifar DIR] [--batch N]
        [--train-limit N] [--threads 2] [--channels-last] [--seed 42]

Prints one JSON document: samples_per_second and epoch_seconds of the training loop (as the
workbench's metrics of the same names), test_accuracy, parameters (counted as Keras and the workbench
count them: batch normalization's moving means and variances included) and trainable_parameters.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "accuracy"))
from torch_small_cnn import evaluate, glorot_init, load, small_cnn  # noqa: E402  (the accuracy benchmark's net and data)


def lenet5(classes=10):
    """The workbench's lenet5 (tanh): Conv(6,5,same) AvgPool(2,1) Conv(16,5) AvgPool(2,2) Conv(120,5) Dense(84) Dense."""
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.Tanh(), nn.AvgPool2d(2, stride=1),
        nn.Conv2d(6, 16, 5), nn.Tanh(), nn.AvgPool2d(2, stride=2),
        nn.Conv2d(16, 120, 5), nn.Tanh(),
        nn.Flatten(),
        nn.Linear(120 * 7 * 7, 84), nn.Tanh(),
        nn.Linear(84, classes))


def cifar_bn_cnn(classes=10, filters=32, top_filters=128, dense=512, dropout=0.25):
    """The workbench's cifar-bn-cnn: BN, three blocks of [Conv(f,3,same) relu x2, MaxPool(2), Dropout, BN] with
    f = 32, 64, 128, Flatten, Dense(512, relu), Dropout, Dense. Batch normalization as Keras' defaults
    (momentum 0.99 = PyTorch's momentum 0.01, epsilon 1e-3), as the workbench's LayerStack.batchNorm."""
    layers = [nn.BatchNorm2d(3, eps=1e-3, momentum=0.01)]
    channels = 3
    for f in (filters, 2 * filters, top_filters):
        layers += [nn.Conv2d(channels, f, 3, padding=1), nn.ReLU(), nn.Conv2d(f, f, 3, padding=1), nn.ReLU(),
                   nn.MaxPool2d(2), nn.Dropout(dropout), nn.BatchNorm2d(f, eps=1e-3, momentum=0.01)]
        channels = f
    layers += [nn.Flatten(), nn.Linear(channels * 4 * 4, dense), nn.ReLU(), nn.Dropout(dropout), nn.Linear(dense, classes)]
    return nn.Sequential(*layers)


def load_cifar(cifar_dir):
    """CIFAR-10's binary version: data_batch_1..5.bin and test_batch.bin, records of a label byte and 3,072
    pixel bytes (1,024 red, green, blue, row by row): N,3,32,32 floats / 255 and the labels."""
    def read(names):
        raw = np.concatenate([np.fromfile(os.path.join(cifar_dir, n), dtype=np.uint8) for n in names]).reshape(-1, 3073)
        x = torch.from_numpy(raw[:, 1:].astype(np.float32) / 255.0).reshape(-1, 3, 32, 32).contiguous()
        return x, torch.from_numpy(raw[:, 0].astype(np.int64))
    return read(["data_batch_%d.bin" % i for i in range(1, 6)]), read(["test_batch.bin"])


def split(data_dir, seed, cifar_dir=None, train_limit=None):
    """The training set (its first train_limit images when given, as the workbench's train_limit) less a
    stratified seeded 10 % validation hold-out, the hold-out, and the test set."""
    rng = np.random.RandomState(seed)
    if cifar_dir:
        (x, y), (x_test, y_test) = load_cifar(cifar_dir)
    else:
        x, y = load(data_dir, "train")
        x_test, y_test = load(data_dir, "t10k")
    if train_limit:
        x, y = x[:train_limit], y[:train_limit]
    labels = y.numpy()
    held = np.zeros(len(labels), dtype=bool)
    for c in np.unique(labels):
        idx = np.flatnonzero(labels == c)
        rng.shuffle(idx)
        held[idx[:int(round(len(idx) * 0.1))]] = True
    train = (x[torch.from_numpy(~held)], y[torch.from_numpy(~held)])
    return train, (x[torch.from_numpy(held)], y[torch.from_numpy(held)]), (x_test, y_test)


def train_one_epoch(net, data, seed=42, lr=0.001, batch=64, channels_last=False):
    """One epoch of NET on DATA (as split returns it), then validation and test evaluation; a result dict."""
    (x_train, y_train), (x_val, y_val), (x_test, y_test) = data
    torch.manual_seed(seed)
    model = {"small-cnn": small_cnn, "lenet5": lenet5, "cifar-bn-cnn": cifar_bn_cnn}[net]()
    glorot_init(model)
    fmt = torch.channels_last if channels_last else torch.contiguous_format
    model = model.to(memory_format=fmt)
    opt = torch.optim.Adam(model.parameters(), lr=lr, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()
    n = len(x_train)
    # Shuffled once, as DataLoader(shuffle=True) yields it; batches are slices of the shuffled tensors.
    order = torch.randperm(n)
    xs, ys = x_train[order].contiguous(memory_format=fmt), y_train[order]
    start = time.perf_counter()
    model.train()
    for i in range(0, n, batch):
        xb = xs[i:i + batch]
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(xb), ys[i:i + batch])
        loss.backward()
        opt.step()
    seconds = time.perf_counter() - start
    # Evaluated in batches of the training batch size, as the workbench does: here PyTorch 1.13 takes
    # about 1.3 s for the 10,000 test images in batches of 64, and about 10 s in batches of 1,000.
    val_accuracy, _ = evaluate(model, x_val, y_val, loss_fn, batch=batch)
    test_accuracy, test_loss = evaluate(model, x_test, y_test, loss_fn, batch=batch)
    return {"net": net, "channels_last": channels_last, "threads": torch.get_num_threads(), "lr": lr, "seed": seed,
            "parameters": parameters(model), "trainable_parameters": sum(t.numel() for t in model.parameters()),
            "batch": batch, "train_images": n,
            "epoch_seconds": seconds, "samples_per_second": n / seconds,
            "val_accuracy": val_accuracy, "test_accuracy": test_accuracy, "test_loss": test_loss}


def parameters(model):
    """Parameters as Keras and the workbench (DL4J's numParams) count them: with batch normalization's moving
    means and variances (PyTorch's running_mean and running_var buffers; not num_batches_tracked)."""
    stats = sum(b.numel() for name, b in model.named_buffers() if name.endswith(("running_mean", "running_var")))
    return sum(t.numel() for t in model.parameters()) + stats


def main():
    p = argparse.ArgumentParser()
    p.add_argument("data_dir")
    p.add_argument("--net", choices=["small-cnn", "lenet5", "cifar-bn-cnn"], default="small-cnn")
    p.add_argument("--cifar", help="CIFAR-10 binary folder (data_batch_1.bin ... test_batch.bin), for cifar-bn-cnn")
    p.add_argument("--batch", type=int, help="batch size (default 64; cifar-bn-cnn 128)")
    p.add_argument("--train-limit", type=int, help="train on the first N training images only (before the hold-out)")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--channels-last", action="store_true")
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    if a.net == "cifar-bn-cnn" and not a.cifar:
        p.error("--net cifar-bn-cnn needs --cifar DIR (CIFAR-10's binary files)")
    data = split(a.data_dir, a.seed, a.cifar if a.net == "cifar-bn-cnn" else None, a.train_limit)
    batch = a.batch or (128 if a.net == "cifar-bn-cnn" else 64)
    print(json.dumps(train_one_epoch(a.net, data, seed=a.seed, batch=batch, channels_last=a.channels_last)))


if __name__ == "__main__":
    main()
