#!/usr/bin/env python3
"""Eager PyTorch side of bench TrainBench: the reference MNIST LeNet Deep SVDD network.

Runs AE pretraining epochs, Deep SVDD epochs and scoring on the SAME float32 arrays the Java side
uses (raw files written by TrainBench), and prints one JSON line with the timings. The network is
lukasruff/Deep-SVDD-PyTorch's MNIST_LeNet(_Autoencoder); --decoder conv uses Conv2d in place of the
stride-1 ConvTranspose2d (the same function, what DJL runs), --decoder convtranspose the original.

Usage: train_bench.py --train F --n N --test F --m M --ae-epochs A --svdd-epochs S --threads T
"""
import argparse
import json
import resource
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.pool = nn.MaxPool2d(2, 2)
        self.conv1 = nn.Conv2d(1, 8, 5, bias=False, padding=2)
        self.bn1 = nn.BatchNorm2d(8, eps=1e-04, affine=False)
        self.conv2 = nn.Conv2d(8, 4, 5, bias=False, padding=2)
        self.bn2 = nn.BatchNorm2d(4, eps=1e-04, affine=False)
        self.fc1 = nn.Linear(4 * 7 * 7, 32, bias=False)

    def forward(self, x):
        x = self.pool(F.leaky_relu(self.bn1(self.conv1(x))))
        x = self.pool(F.leaky_relu(self.bn2(self.conv2(x))))
        return self.fc1(x.view(x.size(0), -1))


class Autoencoder(nn.Module):
    def __init__(self, decoder):
        super().__init__()
        self.encoder = Encoder()
        if decoder == "convtranspose":
            self.deconv1 = nn.ConvTranspose2d(2, 4, 5, bias=False, padding=2)
            self.deconv2 = nn.ConvTranspose2d(4, 8, 5, bias=False, padding=3)
            self.deconv3 = nn.ConvTranspose2d(8, 1, 5, bias=False, padding=2)
        else:
            self.deconv1 = nn.Conv2d(2, 4, 5, bias=False, padding=2)
            self.deconv2 = nn.Conv2d(4, 8, 5, bias=False, padding=1)
            self.deconv3 = nn.Conv2d(8, 1, 5, bias=False, padding=2)
        self.bn3 = nn.BatchNorm2d(4, eps=1e-04, affine=False)
        self.bn4 = nn.BatchNorm2d(8, eps=1e-04, affine=False)

    def forward(self, x):
        z = self.encoder(x)
        x = z.view(z.size(0), 2, 4, 4)
        x = F.interpolate(F.leaky_relu(x), scale_factor=2)
        x = self.deconv1(x)
        x = F.interpolate(F.leaky_relu(self.bn3(x)), scale_factor=2)
        x = self.deconv2(x)
        x = F.interpolate(F.leaky_relu(self.bn4(x)), scale_factor=2)
        x = self.deconv3(x)
        return torch.sigmoid(x), z


def epoch(model, data, batch, loss_fn, opt, gen):
    perm = torch.randperm(data.shape[0], generator=gen)
    shuffled = data[perm]
    for start in range(0, data.shape[0], batch):
        x = shuffled[start:start + batch]
        opt.zero_grad()
        loss = loss_fn(model, x)
        loss.backward()
        opt.step()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--train", required=True)
    p.add_argument("--n", type=int, required=True)
    p.add_argument("--test", required=True)
    p.add_argument("--m", type=int, required=True)
    p.add_argument("--ae-epochs", type=int, default=3)
    p.add_argument("--svdd-epochs", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--batch", type=int, default=200)
    p.add_argument("--decoder", default="conv", choices=["conv", "convtranspose"])
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    gen = torch.Generator().manual_seed(a.seed)
    train = torch.from_numpy(np.fromfile(a.train, dtype=np.float32).reshape(a.n, 1, 28, 28))
    test = torch.from_numpy(np.fromfile(a.test, dtype=np.float32).reshape(a.m, 1, 28, 28))

    ae = Autoencoder(a.decoder)
    opt = torch.optim.Adam(ae.parameters(), lr=1e-4, weight_decay=0.5e-3)
    ae.train()
    ae_times = []
    for _ in range(a.ae_epochs):
        t0 = time.perf_counter()
        epoch(ae, train, a.batch, lambda m, x: torch.mean(torch.sum((m(x)[0] - x) ** 2, dim=(1, 2, 3))), opt, gen)
        ae_times.append(time.perf_counter() - t0)

    net = Encoder()
    net.load_state_dict(ae.encoder.state_dict())
    net.eval()
    with torch.no_grad():
        c = torch.cat([net(train[i:i + 1000]) for i in range(0, a.n, 1000)]).mean(0)
    c[(abs(c) < 0.1) & (c < 0)] = -0.1
    c[(abs(c) < 0.1) & (c >= 0)] = 0.1
    opt = torch.optim.Adam(net.parameters(), lr=1e-4, weight_decay=0.5e-6)
    net.train()
    svdd_times = []
    for _ in range(a.svdd_epochs):
        t0 = time.perf_counter()
        epoch(net, train, a.batch, lambda m, x: torch.mean(torch.sum((m(x) - c) ** 2, dim=1)), opt, gen)
        svdd_times.append(time.perf_counter() - t0)

    net.eval()
    score_times = []
    for _ in range(3):
        t0 = time.perf_counter()
        with torch.no_grad():
            scores = torch.cat([torch.sum((net(test[i:i + 1000]) - c) ** 2, dim=1) for i in range(0, a.m, 1000)])
        score_times.append(time.perf_counter() - t0)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(json.dumps({"ae": ae_times, "svdd": svdd_times, "score": score_times, "peak_rss_mb": rss_mb,
                      "torch": torch.__version__, "threads": torch.get_num_threads(),
                      "score_mean": float(scores.mean())}))


if __name__ == "__main__":
    main()
