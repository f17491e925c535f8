#!/usr/bin/python3
"""One epoch of the workbench's small-cnn or lenet5 in PyTorch, timed as a notebook user would run
it, for bench/train-speed.sh. Same data and settings as the workbench side: the IDX files in
DATA_DIR, pixels / 255, a stratified seeded 10 % validation hold-out (evaluated after the epoch, as
Keras' fit does), Adam lr 0.001, batch 64, Xavier-uniform weights and zero biases.

    /usr/bin/python3 torch_speed.py DATA_DIR --net small-cnn|lenet5 [--threads 2] [--channels-last] [--seed 42]

Prints one JSON document: samples_per_second and epoch_seconds of the training loop (as the
workbench's metrics of the same names), test_accuracy, parameters.
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


def split(data_dir, seed):
    """The training set less a stratified seeded 10 % validation hold-out, the hold-out, and the test set."""
    rng = np.random.RandomState(seed)
    x, y = load(data_dir, "train")
    x_test, y_test = load(data_dir, "t10k")
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
    model = small_cnn() if net == "small-cnn" else lenet5()
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
            "parameters": sum(t.numel() for t in model.parameters()), "train_images": n,
            "epoch_seconds": seconds, "samples_per_second": n / seconds,
            "val_accuracy": val_accuracy, "test_accuracy": test_accuracy, "test_loss": test_loss}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("data_dir")
    p.add_argument("--net", choices=["small-cnn", "lenet5"], default="small-cnn")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--channels-last", action="store_true")
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    data = split(a.data_dir, a.seed)
    print(json.dumps(train_one_epoch(a.net, data, seed=a.seed, channels_last=a.channels_last)))


if __name__ == "__main__":
    main()
