#!/usr/bin/python3
"""Fixture for PreprocessingTest: global contrast normalisation (L1) and min-max constants computed
with PyTorch in float32, the way the Deep SVDD reference (lukasruff/Deep-SVDD-PyTorch) computes them
after ToTensor. Run from the repository root with Debian's python3 (it has torch):

    /usr/bin/python3 lib/src/test/resources/data/make_gcn_fixture.py

Writes gcn_fixture.json next to this script. The "mnist10k" part is added only when data/mnist-10k
exists (bin/fetch-data); the test compares it only when that data is present too.
"""
import gzip
import json
import os

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", "..", ".."))


def gcn_l1(x, dims):
    """x - mean(x), divided by mean(|x - mean(x)|), over the given dims (per sample)."""
    x = x - x.mean(dim=dims, keepdim=True)
    return x / x.abs().mean(dim=dims, keepdim=True)


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * k:8 + 4 * k], "big") for k in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


rng = np.random.default_rng(12345)
images = rng.integers(0, 256, size=(3, 3, 4, 5), dtype=np.uint8)   # N, C, H, W
images[0, :, 1:3, 1:4] = 255                                          # some structure
x = torch.from_numpy(images.astype(np.float32) / 255.0)               # like ToTensor
per_image = gcn_l1(x, dims=(1, 2, 3))
per_channel = gcn_l1(x, dims=(2, 3))                                  # the reference on one C x H x W tensor
fixture = {
    "generator": "lib/src/test/resources/data/make_gcn_fixture.py, torch " + torch.__version__ + ", float32",
    "shape": list(images.shape),
    "bytes": images.reshape(-1).tolist(),
    "gcn_per_image": per_image.reshape(-1).tolist(),
    "gcn_per_channel": per_channel.reshape(-1).tolist(),
    "min_per_image": float(per_image.min()), "max_per_image": float(per_image.max()),
    "min_per_channel": float(per_channel.min()), "max_per_channel": float(per_channel.max()),
}

mnist10k = os.path.join(ROOT, "data", "mnist-10k")
if os.path.isdir(mnist10k):
    imgs = read_idx(os.path.join(mnist10k, "train-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(mnist10k, "train-labels-idx1-ubyte.gz"))
    t = torch.from_numpy(imgs.astype(np.float32) / 255.0).unsqueeze(1)
    g = gcn_l1(t, dims=(1, 2, 3))
    fixture["mnist10k"] = {
        "train_count": int(len(labels)),
        "min_max_per_class": [[float(g[labels == c].min()), float(g[labels == c].max())] for c in range(10)],
    }

with open(os.path.join(HERE, "gcn_fixture.json"), "w") as f:
    json.dump(fixture, f, indent=1)
print("wrote", os.path.join(HERE, "gcn_fixture.json"))
