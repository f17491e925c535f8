"""ResNet20 v1 (Keras' cifar10_resnet example structure, 274,442 parameters for 10 classes) in PyTorch:
one timed epoch of Adam(1e-3) on random 32x32x3 images, batch 32, as the workbench's resnet depth 20.
Prints {"samples_per_second": ..., "epoch_seconds": ..., "params": ...} as JSON."""
import argparse, json, time
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.c1 = nn.Conv2d(cin, cout, 3, stride, 1)
        self.b1 = nn.BatchNorm2d(cout, eps=1e-3, momentum=0.01)
        self.c2 = nn.Conv2d(cout, cout, 3, 1, 1)
        self.b2 = nn.BatchNorm2d(cout, eps=1e-3, momentum=0.01)
        self.short = nn.Conv2d(cin, cout, 1, stride) if stride != 1 or cin != cout else None

    def forward(self, x):
        y = torch.relu(self.b1(self.c1(x)))
        y = self.b2(self.c2(y))
        return torch.relu((self.short(x) if self.short is not None else x) + y)


class ResNet(nn.Module):
    def __init__(self, depth=20, classes=10):
        super().__init__()
        n = (depth - 2) // 6
        self.stem = nn.Sequential(nn.Conv2d(3, 16, 3, 1, 1), nn.BatchNorm2d(16, eps=1e-3, momentum=0.01), nn.ReLU())
        blocks, cin = [], 16
        for stage, cout in enumerate([16, 32, 64]):
            for b in range(n):
                blocks.append(Block(cin, cout, 2 if stage > 0 and b == 0 else 1))
                cin = cout
        self.blocks = nn.Sequential(*blocks)
        self.pool = nn.AvgPool2d(8)
        self.fc = nn.Linear(64, classes)

    def forward(self, x):
        return self.fc(torch.flatten(self.pool(self.blocks(self.stem(x))), 1))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--samples", type=int, default=2000)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--classes", type=int, default=3)
    a = p.parse_args()
    torch.manual_seed(42)
    torch.set_num_threads(a.threads)
    net = ResNet(20, a.classes)
    x = torch.rand(a.samples, 3, 32, 32)
    y = torch.randint(0, a.classes, (a.samples,))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()
    net.train()
    start = time.perf_counter()
    for i in range(0, a.samples, a.batch):
        opt.zero_grad()
        loss = loss_fn(net(x[i:i + a.batch]), y[i:i + a.batch])
        loss.backward()
        opt.step()
    secs = time.perf_counter() - start
    print(json.dumps({"samples_per_second": a.samples / secs, "epoch_seconds": secs,
                      "params": sum(t.numel() for t in net.parameters()) + sum(b.numel() for n, b in net.named_buffers() if "running" in n)}))


if __name__ == "__main__":
    main()
