#!/usr/bin/python3
"""scikit-learn side of bench TsneBench: Barnes-Hut t-SNE on the SAME array as the Java side.

TsneBench (Java) writes one raw little-endian float32 file (row-major, n x d) and calls this script
with /usr/bin/python3 (Debian's scikit-learn 1.2.1) and OMP_NUM_THREADS=threads, after its own fit
(never concurrently). It fits
    TSNE(n_components=2, perplexity=30, init="pca", learning_rate="auto", method="barnes_hut",
         angle=0.5, random_state=seed, n_jobs=threads)
and prints ONE JSON line: fit seconds (wall clock, time.perf_counter, the whole fit_transform
including the neighbour search), kl_divergence_ and n_iter_.

Usage: tsne_bench.py --file F --n N --d D [--seed 0] [--threads 2] [--perplexity 30]
"""
import argparse
import json
import time

import numpy as np
from sklearn.manifold import TSNE


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--file", required=True)
    p.add_argument("--n", type=int, required=True)
    p.add_argument("--d", type=int, required=True)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--perplexity", type=float, default=30.0)
    a = p.parse_args()
    x = np.fromfile(a.file, dtype="<f4")
    if x.size != a.n * a.d:
        raise SystemExit(f"{a.file} must hold {a.n} x {a.d} float32 values, found {x.size}; rerun TsneBench")
    x = x.reshape(a.n, a.d)
    tsne = TSNE(n_components=2, perplexity=a.perplexity, init="pca", learning_rate="auto",
                method="barnes_hut", angle=0.5, random_state=a.seed, n_jobs=a.threads)
    t0 = time.perf_counter()
    tsne.fit_transform(x)
    fit_s = time.perf_counter() - t0
    print(json.dumps({"fit_s": fit_s, "kl_divergence": float(tsne.kl_divergence_), "n_iter": int(tsne.n_iter_)}))


if __name__ == "__main__":
    main()
