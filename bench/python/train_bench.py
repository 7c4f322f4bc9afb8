#!/usr/bin/env python3
"""Eager PyTorch side of bench TrainBench: the reference MNIST LeNet Deep SVDD network.

Runs AE pretraining epochs, Deep SVDD epochs and scoring on the SAME float32 arrays the Java side
uses (raw files written by TrainBench), and prints one JSON line with the timings. The network is
lukasruff/Deep-SVDD-PyTorch's MNIST_LeNet(_Autoencoder); --decoder conv uses Conv2d in place of the
stride-1 ConvTranspose2d (the same function, what DJL runs), --decoder convtranspose the original.

--net cifar-lenet runs the reference's CIFAR10_LeNet(_Autoencoder) (its ConvTranspose2d as the equal
Conv2d, as DJL runs it) on 3x32x32 arrays; --net resnet18 the lab's ResNet-18-type encoder (CIFAR stem,
bias-free, BatchNorm without affine, LeakyReLU) and its decoder, as deepsvddlab.nn.ResNet18 builds them.

Usage: train_bench.py --train F --n N --test F --m M --ae-epochs A --svdd-epochs S --threads T [--net NET]
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


def bn(c):
    return nn.BatchNorm2d(c, eps=1e-04, affine=False)


class CifarEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.pool = nn.MaxPool2d(2, 2)
        self.conv1 = nn.Conv2d(3, 32, 5, bias=False, padding=2)
        self.bn1 = bn(32)
        self.conv2 = nn.Conv2d(32, 64, 5, bias=False, padding=2)
        self.bn2 = bn(64)
        self.conv3 = nn.Conv2d(64, 128, 5, bias=False, padding=2)
        self.bn3 = bn(128)
        self.fc1 = nn.Linear(128 * 4 * 4, 128, bias=False)

    def forward(self, x):
        x = self.pool(F.leaky_relu(self.bn1(self.conv1(x))))
        x = self.pool(F.leaky_relu(self.bn2(self.conv2(x))))
        x = self.pool(F.leaky_relu(self.bn3(self.conv3(x))))
        return self.fc1(x.view(x.size(0), -1))


class CifarAutoencoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = CifarEncoder()
        self.bn1d = nn.BatchNorm1d(128, eps=1e-04, affine=False)
        self.deconv1 = nn.Conv2d(8, 128, 5, bias=False, padding=2)
        self.bn4 = bn(128)
        self.deconv2 = nn.Conv2d(128, 64, 5, bias=False, padding=2)
        self.bn5 = bn(64)
        self.deconv3 = nn.Conv2d(64, 32, 5, bias=False, padding=2)
        self.bn6 = bn(32)
        self.deconv4 = nn.Conv2d(32, 3, 5, bias=False, padding=2)

    def forward(self, x):
        z = self.encoder(x)
        x = self.bn1d(z).view(z.size(0), 8, 4, 4)
        x = self.deconv1(F.leaky_relu(x))
        x = self.deconv2(F.interpolate(F.leaky_relu(self.bn4(x)), scale_factor=2))
        x = self.deconv3(F.interpolate(F.leaky_relu(self.bn5(x)), scale_factor=2))
        x = self.deconv4(F.interpolate(F.leaky_relu(self.bn6(x)), scale_factor=2))
        return torch.sigmoid(x), z


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False)
        self.bn1 = bn(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1, bias=False)
        self.bn2 = bn(cout)
        self.short = None
        if stride != 1 or cin != cout:
            self.short = nn.Sequential(nn.Conv2d(cin, cout, 1, stride=stride, bias=False), bn(cout))

    def forward(self, x):
        y = self.bn2(self.conv2(F.leaky_relu(self.bn1(self.conv1(x)))))
        return F.leaky_relu(y + (x if self.short is None else self.short(x)))


class ResNetEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 64, 3, padding=1, bias=False), bn(64), nn.LeakyReLU(0.01))
        layers, cin = [], 64
        for i, w in enumerate([64, 128, 256, 512]):
            layers += [Block(cin, w, 1 if i == 0 else 2), Block(w, w, 1)]
            cin = w
        self.layers = nn.Sequential(*layers)
        self.fc = nn.Linear(512, 128, bias=False)

    def forward(self, x):
        return self.fc(self.layers(self.stem(x)).mean(dim=(2, 3)))


class ResNetAutoencoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = ResNetEncoder()
        self.fc = nn.Linear(128, 512 * 4 * 4, bias=False)
        self.bn0 = bn(512)
        convs, bns, cin = [], [], 512
        for c in [256, 128, 64]:
            convs.append(nn.Conv2d(cin, c, 3, padding=1, bias=False))
            bns.append(bn(c))
            cin = c
        self.convs, self.bns = nn.ModuleList(convs), nn.ModuleList(bns)
        self.out = nn.Conv2d(64, 3, 3, padding=1, bias=False)

    def forward(self, x):
        z = self.encoder(x)
        x = F.leaky_relu(self.bn0(self.fc(z).view(z.size(0), 512, 4, 4)))
        for conv, b in zip(self.convs, self.bns):
            x = F.leaky_relu(b(conv(F.interpolate(x, scale_factor=2))))
        return torch.sigmoid(self.out(x)), z


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
    p.add_argument("--net", default="mnist-lenet", choices=["mnist-lenet", "cifar-lenet", "resnet18"])
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    gen = torch.Generator().manual_seed(a.seed)
    shape = (1, 28, 28) if a.net == "mnist-lenet" else (3, 32, 32)
    train = torch.from_numpy(np.fromfile(a.train, dtype=np.float32).reshape(a.n, *shape))
    test = torch.from_numpy(np.fromfile(a.test, dtype=np.float32).reshape(a.m, *shape))

    ae = {"mnist-lenet": lambda: Autoencoder(a.decoder), "cifar-lenet": CifarAutoencoder,
          "resnet18": ResNetAutoencoder}[a.net]()
    opt = torch.optim.Adam(ae.parameters(), lr=1e-4, weight_decay=0.5e-3)
    ae.train()
    ae_times = []
    for _ in range(a.ae_epochs):
        t0 = time.perf_counter()
        epoch(ae, train, a.batch, lambda m, x: torch.mean(torch.sum((m(x)[0] - x) ** 2, dim=(1, 2, 3))), opt, gen)
        ae_times.append(time.perf_counter() - t0)

    net = {"mnist-lenet": Encoder, "cifar-lenet": CifarEncoder, "resnet18": ResNetEncoder}[a.net]()
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
