#!/usr/bin/python3
"""The PyTorch side of bench/sweep-throughput.sh: the sweep's trials trained one after another in one
process, as a notebook user runs them (data loaded once, torch.set_num_threads(2)). Each trial is one
epoch of small-cnn (torch_speed.train_one_epoch: the same net, data split, Adam and evaluation).

    /usr/bin/python3 torch_sweep.py DATA_DIR --lr 0.0005 0.001 0.002 0.004 [--threads 2] [--seed 42]

Prints one JSON document: the whole process's wall seconds from its start (torch's import included),
and each trial's result.
"""
import time

WALL_START = time.time()

import argparse  # noqa: E402
import json  # noqa: E402

import torch  # noqa: E402

from torch_speed import split, train_one_epoch  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("data_dir")
    p.add_argument("--lr", type=float, nargs="+", required=True)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    data = split(a.data_dir, a.seed)
    trials = [train_one_epoch("small-cnn", data, seed=a.seed, lr=lr) for lr in a.lr]
    print(json.dumps({"wall_seconds": time.time() - WALL_START, "trials": trials}))


if __name__ == "__main__":
    main()
