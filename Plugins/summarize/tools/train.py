#!/usr/bin/env python3
"""Learn the summarizer's feature weights from the BBC development split.

    ~/.cache/galley-eval/venv-peers/bin/python Plugins/summarize/tools/train.py \
        --data ../shared/data/bbc/dev.ndjson --bin .build-summarize/release [--write]

What it does:
  1. ingests the articles with `galley ingest` and asks `galley-summarize --features` for every
     sentence's features and tier (so training sees exactly the numbers the plugin computes);
  2. labels a sentence 1 when its text is one of the article's reference sentences;
  3. fits a conditional logit (a softmax over each article's candidate sentences: the model
     learns which sentences of *this* article are picked, not an absolute threshold), with a
     small L2 penalty, on standardised features;
  4. reports 5-fold cross-validated ROUGE (folds by article; the weights of each fold never
     saw its articles) next to single-feature baselines, with the budget = reference size;
  5. with --write, fits on every article and writes weights.json (the data file) and
     ../Core/LearnedWeights.swift (the same numbers as Swift source).

Needs numpy, scipy and rouge-score (the peers venv that ../shared/eval/setup-peers.sh builds).
Python is a development tool here; the plugin itself is pure Swift.
"""
import argparse
import json
import os
import subprocess
import sys

import numpy as np
from scipy.optimize import minimize

HERE = os.path.dirname(os.path.abspath(__file__))


def load(data, bindir):
    recs = [json.loads(l) for l in open(data, encoding="utf-8") if l.strip()]
    raw = "".join(json.dumps({"id": r["id"], "title": r.get("title", ""), "text": r["text"]}) + "\n" for r in recs)
    ingest = subprocess.run([os.path.join(bindir, "galley"), "ingest", "-"], input=raw.encode(), capture_output=True, check=True)
    feats = subprocess.run([os.path.join(bindir, "galley-summarize"), "--features"], input=ingest.stdout,
                           capture_output=True, check=True)
    by_id = {r["id"]: r for r in recs}
    arts = []
    for line in feats.stdout.decode().splitlines():
        f = json.loads(line)
        r = by_id[f["id"]]
        ref = set(r["reference_sentences"])
        X = np.array(f["rows"], dtype=float).reshape(len(f["sentences"]), len(f["names"]))
        arts.append({
            "id": f["id"], "names": f["names"], "X": X, "tiers": np.array(f["tiers"]),
            "y": np.array([s in ref for s in f["sentences"]], dtype=float),
            "sentences": f["sentences"], "refs": r["reference_sentences"], "n": int(r["reference_n"]),
        })
    return arts


def candidates(a):
    return a["tiers"] <= 1


def fit(arts, l2=1.0):
    """Conditional logit over each article's candidates; returns (mean, scale, w) on standardised X."""
    Xs = np.vstack([a["X"][candidates(a)] for a in arts])
    mean, scale = Xs.mean(0), Xs.std(0)
    scale[scale == 0] = 1
    groups = []
    for a in arts:
        m = candidates(a)
        X = (a["X"][m] - mean) / scale
        y = a["y"][m]
        if y.sum() == 0 or y.sum() == len(y):
            continue
        groups.append((X, y))
    d = Xs.shape[1]

    def loss(w):
        total, grad = 0.5 * l2 * w @ w, l2 * w
        for X, y in groups:
            s = X @ w
            s -= s.max()
            p = np.exp(s)
            p /= p.sum()
            k = y.sum()
            # each positive is a draw from the article's softmax
            total -= (y * s).sum() - k * np.log(np.exp(s).sum())
            grad = grad - (X.T @ y - k * (X.T @ p))
        return total, grad

    res = minimize(loss, np.zeros(d), jac=True, method="L-BFGS-B")
    return mean, scale, res.x


def choose(a, score):
    """The plugin's selection without the redundancy check: best tier first, best score first."""
    idx = [i for i in range(len(score)) if a["tiers"][i] < 3]
    idx.sort(key=lambda i: (a["tiers"][i], -score[i], i))
    return sorted(idx[: a["n"]])


def rouge(arts, picks):
    from rouge_score import rouge_scorer
    sc = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    tot = np.zeros(3)
    for a, p in zip(arts, picks):
        pred = "\n".join(a["sentences"][i] for i in p)
        s = sc.score("\n".join(a["refs"]), pred)
        tot += [s["rouge1"].fmeasure, s["rouge2"].fmeasure, s["rougeLsum"].fmeasure]
    return 100 * tot / len(arts)


def exact_share(arts, picks):
    hit = sum(a["y"][p].sum() for a, p in zip(arts, picks))
    return 100 * hit / sum(a["n"] for a in arts)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.path.join(HERE, "../../../../shared/data/bbc/dev.ndjson"))
    ap.add_argument("--bin", default=".build-summarize/release", help="folder with galley and galley-summarize")
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--write", action="store_true", help="write weights.json and LearnedWeights.swift")
    ap.add_argument("--drop", default="", help="comma-separated features to leave out (ablation)")
    args = ap.parse_args()

    arts = load(args.data, args.bin)
    names = arts[0]["names"]
    drop = [names.index(x) for x in args.drop.split(",") if x]
    for a in arts:
        a["X"][:, drop] = 0
    print(f"{len(arts)} articles, {sum(len(a['y']) for a in arts)} sentences, "
          f"{int(sum(a['y'].sum() for a in arts))} labelled positive", file=sys.stderr)

    def show(label, picks):
        r = rouge(arts, picks)
        print(f"{label:24s} R1 {r[0]:.2f}  R2 {r[1]:.2f}  RLsum {r[2]:.2f}  exact-sentence {exact_share(arts, picks):.1f}%")

    for single in ("cosineRank", "overlapRank", "textrank", "lexrank", "degree", "cosineDegree"):
        k = names.index(single)
        show(single, [choose(a, a["X"][:, k]) for a in arts])

    folds = [[a for j, a in enumerate(arts) if j % args.folds == f] for f in range(args.folds)]
    picks = {}
    for f in range(args.folds):
        train = [a for g in range(args.folds) if g != f for a in folds[g]]
        mean, scale, w = fit(train, args.l2)
        for a in folds[f]:
            picks[a["id"]] = choose(a, ((a["X"] - mean) / scale) @ w)
    show(f"learned ({args.folds}-fold CV)", [picks[a["id"]] for a in arts])

    mean, scale, w = fit(arts, args.l2)
    weights = w / scale
    bias = -float((w * mean / scale).sum())
    for n, x, z in sorted(zip(names, weights, w), key=lambda t: -abs(t[2])):
        print(f"  {n:16s} {x:+.4f}   (standardised {z:+.3f})", file=sys.stderr)
    if args.write:
        out = {"features": names, "bias": round(bias, 6), "weights": [round(float(x), 6) for x in weights],
               "trained_on": os.path.basename(args.data), "articles": len(arts), "l2": args.l2,
               "objective": "conditional logit over each article's candidate sentences"}
        with open(os.path.join(HERE, "weights.json"), "w") as fh:
            json.dump(out, fh, indent=1)
            fh.write("\n")
        pairs = ",\n".join(f"        {x!r},  // {n}" for n, x in zip(names, out["weights"]))
        with open(os.path.join(HERE, "../Core/LearnedWeights.swift"), "w") as fh:
            fh.write("// Generated by Plugins/summarize/tools/train.py from tools/weights.json; do not edit.\n"
                     "extension LinearModel {\n"
                     "    /// Learned on the BBC development split: a conditional logit over each article's candidates.\n"
                     f"    public static let learned = LinearModel(bias: {out['bias']!r}, weights: [\n{pairs},\n    ])\n"
                     "}\n")
        print("wrote weights.json and LearnedWeights.swift", file=sys.stderr)


if __name__ == "__main__":
    main()
