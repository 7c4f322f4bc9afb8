#!/usr/bin/python3
"""scikit-learn side of bench BaselineBench: IsolationForest and OneClassSVM on the SAME arrays.

BaselineBench (Java) writes raw little-endian float32 files (row-major) for one Fashion-MNIST
one-class task and calls this script with /usr/bin/python3 (Debian's scikit-learn 1.2.1). It fits
  * IsolationForest(n_estimators=100, max_samples="auto", random_state=seed, n_jobs=threads) on the
    x/255 pixels, score = -score_samples (higher = more anomalous), and
  * OneClassSVM(kernel="rbf", gamma="scale", nu=0.1) on the GCN-L1 + min-max pixels,
    score = -decision_function,
and prints ONE JSON line: AUROC, fit and score seconds (wall clock, time.perf_counter) per detector.

Usage: baselines.py --dir D --n N --m M --d 784 [--seed 0] [--threads 2]
  D holds train_255.f32 (N x d), test_255.f32 (M x d), train_gcn.f32, test_gcn.f32 and
  labels.f32 (M values, 1 = anomaly).
"""
import argparse
import json
import os
import time

import numpy as np
from sklearn.ensemble import IsolationForest
from sklearn.metrics import roc_auc_score
from sklearn.svm import OneClassSVM


def load(directory, name, rows, cols):
    a = np.fromfile(os.path.join(directory, name), dtype="<f4")
    if a.size != rows * cols:
        raise SystemExit(f"{name} must hold {rows} x {cols} float32 values, found {a.size}; rerun BaselineBench")
    return a.reshape(rows, cols)


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--n", type=int, required=True)
    p.add_argument("--m", type=int, required=True)
    p.add_argument("--d", type=int, default=784)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    labels = load(a.dir, "labels.f32", a.m, 1).ravel().astype(int)
    out = {}

    train, test = load(a.dir, "train_255.f32", a.n, a.d), load(a.dir, "test_255.f32", a.m, a.d)
    iforest, fit_s = timed(lambda: IsolationForest(n_estimators=100, max_samples="auto", random_state=a.seed,
                                                   n_jobs=a.threads).fit(train))
    scores, score_s = timed(lambda: -iforest.score_samples(test))
    out["iforest"] = {"auroc": roc_auc_score(labels, scores), "fit_s": fit_s, "score_s": score_s}

    train, test = load(a.dir, "train_gcn.f32", a.n, a.d), load(a.dir, "test_gcn.f32", a.m, a.d)
    ocsvm, fit_s = timed(lambda: OneClassSVM(kernel="rbf", gamma="scale", nu=0.1).fit(train))
    scores, score_s = timed(lambda: -ocsvm.decision_function(test))
    out["ocsvm"] = {"auroc": roc_auc_score(labels, scores), "fit_s": fit_s, "score_s": score_s,
                    "n_support": int(ocsvm.support_.size)}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
