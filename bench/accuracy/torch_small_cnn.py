#!/usr/bin/python3
"""The seed's small-cnn in PyTorch, for bench/accuracy.sh: the workbench's `small-cnn` layer for
layer (93,322 parameters on 28x28x1), trained on Fashion-MNIST with the workbench's settings.

    /usr/bin/python3 torch_small_cnn.py DATA_DIR --seed N [--epochs 5] [--batch 64] [--lr 0.001]
        [--validation-split 0.1] [--init xavier|default] [--threads 2]

Data: the IDX files in DATA_DIR, pixels / 255, NCHW. validation_split holds out that share of
each class (seeded), as the workbench's idx dataset does; the rest is shuffled every epoch and
fed in batches of --batch (the last one partial).
Optimizer: RMSprop with Keras' semantics and the workbench's DL4J RmsProp(lr, 0.9, 1e-7):
alpha (rho) 0.9, eps 1e-7, no momentum, not centred.
Init: `xavier` = xavier_uniform weights and zero biases (Keras' glorot_uniform, the workbench's
default `weight_init: xavier_uniform`); `default` = PyTorch's own (Kaiming-uniform, a=sqrt(5),
with uniform biases).

Prints one line per epoch on stderr and, last, one JSON document on stdout:
{"test_accuracy": ..., "test_loss": ..., "epoch_seconds": [...], "samples_per_second": [...], ...}
epoch_seconds times the training loop of the epoch only (no validation, no test), like the
workbench's epoch_seconds.
"""
import argparse
import gzip
import json
import os
import struct
import sys
import time

import numpy as np
import torch
from torch import nn


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    zero, dtype, dims = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file")
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(data_dir, prefix):
    images = read_idx(os.path.join(data_dir, f"{prefix}-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(data_dir, f"{prefix}-labels-idx1-ubyte.gz"))
    x = torch.from_numpy(images.astype(np.float32) / 255.0).unsqueeze(1).contiguous()   # N,1,28,28
    y = torch.from_numpy(labels.astype(np.int64))
    return x, y


def small_cnn(classes=10):
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(64, 64, 3), nn.ReLU(),
        nn.Flatten(),
        nn.Linear(64 * 3 * 3, 64), nn.ReLU(),
        nn.Linear(64, classes))          # softmax is inside CrossEntropyLoss


def glorot_init(model):
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(m.weight)   # fan_in = in * kh * kw, fan_out = out * kh * kw: Keras' and DL4J's
            nn.init.zeros_(m.bias)


@torch.no_grad()
def evaluate(model, x, y, loss_fn, batch=1000):
    model.eval()
    correct, loss = 0, 0.0
    for i in range(0, len(x), batch):
        out = model(x[i:i + batch])
        loss += loss_fn(out, y[i:i + batch]).item() * len(out)
        correct += (out.argmax(1) == y[i:i + batch]).sum().item()
    model.train()
    return correct / len(x), loss / len(x)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("data_dir")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--lr", type=float, default=0.001)
    p.add_argument("--validation-split", type=float, default=0.1)
    p.add_argument("--init", choices=["xavier", "default"], default="xavier")
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = np.random.RandomState(a.seed)

    x, y = load(a.data_dir, "train")
    x_test, y_test = load(a.data_dir, "t10k")
    # Stratified hold-out: the first share of each class's seeded permutation.
    val_idx = []
    if a.validation_split > 0:
        labels = y.numpy()
        for c in np.unique(labels):
            idx = np.flatnonzero(labels == c)
            rng.shuffle(idx)
            val_idx.extend(idx[:int(round(len(idx) * a.validation_split))])
    mask = np.ones(len(y), dtype=bool)
    mask[np.asarray(val_idx, dtype=np.int64)] = False
    train_idx = torch.from_numpy(np.flatnonzero(mask))
    x_val, y_val = x[torch.from_numpy(np.sort(np.asarray(val_idx, dtype=np.int64)))], y[torch.from_numpy(np.sort(np.asarray(val_idx, dtype=np.int64)))]
    x_train, y_train = x[train_idx].contiguous(), y[train_idx].contiguous()
    n = len(x_train)

    model = small_cnn()
    if a.init == "xavier":
        glorot_init(model)
    params = sum(t.numel() for t in model.parameters())
    opt = torch.optim.RMSprop(model.parameters(), lr=a.lr, alpha=0.9, eps=1e-7, momentum=0.0, centered=False)
    loss_fn = nn.CrossEntropyLoss()
    gen = torch.Generator().manual_seed(a.seed)

    print(f"torch {torch.__version__}, {torch.get_num_threads()} thread(s), init {a.init}, seed {a.seed}: "
          f"{params:,} parameters; {n:,} training, {len(x_val):,} validation, {len(x_test):,} test samples",
          file=sys.stderr)
    epoch_seconds, sps, history = [], [], []
    model.train()
    for epoch in range(1, a.epochs + 1):
        t0 = time.perf_counter()
        perm = torch.randperm(n, generator=gen)
        loss_sum, correct = 0.0, 0
        for i in range(0, n, a.batch):
            idx = perm[i:i + a.batch]
            xb, yb = x_train[idx], y_train[idx]
            opt.zero_grad(set_to_none=True)
            out = model(xb)
            loss = loss_fn(out, yb)
            loss.backward()
            opt.step()
            loss_sum += loss.item() * len(idx)
            correct += (out.argmax(1) == yb).sum().item()
        dt = time.perf_counter() - t0
        epoch_seconds.append(dt)
        sps.append(n / dt)
        row = {"epoch": epoch, "loss": loss_sum / n, "accuracy": correct / n, "epoch_seconds": dt}
        if len(x_val):
            row["val_accuracy"], row["val_loss"] = evaluate(model, x_val, y_val, loss_fn)
        history.append(row)
        print(f"Epoch {epoch}/{a.epochs}  loss {row['loss']:.4f}  accuracy {row['accuracy']:.4f}"
              + (f"  val_loss {row['val_loss']:.4f}  val_accuracy {row['val_accuracy']:.4f}" if len(x_val) else "")
              + f"  time {dt:.1f}s  ({n / dt:,.0f} samples/s)", file=sys.stderr)
    test_acc, test_loss = evaluate(model, x_test, y_test, loss_fn)
    print(f"Test accuracy {test_acc:.4f}, test loss {test_loss:.4f}", file=sys.stderr)
    print(json.dumps({"test_accuracy": test_acc, "test_loss": test_loss, "params": params,
                      "seed": a.seed, "init": a.init, "threads": torch.get_num_threads(),
                      "torch": torch.__version__, "epoch_seconds": epoch_seconds,
                      "samples_per_second": sps, "epoch_metrics": history}))


if __name__ == "__main__":
    main()
