#!/usr/bin/env python3
"""Learn the summarizer's feature weights from the BBC development split.

    ~/.cache/galley-eval/venv-peers/bin/python Plugins/summarize/tools/train.py \\
        --data ../shared/data/bbc/dev.ndjson --bin .build/release [--write]

What it does:
  1. ingests the articles with `galley ingest` and asks `galley-summarize --features` for every
     sentence's features and tier, so training sees exactly the numbers the plugin computes;
  2. labels a sentence 1 when its text is one of the article's reference sentences;
  3. fits a conditional logit: a softmax over each article's candidate sentences (tiers prose
     and secondary), so the model learns which sentences of *this* article are picked rather
     than an absolute threshold; standardised features, a small L2 penalty;
  4. keeps three reader priors out of the fit: `lead` (the lede and the sentences after it),
     `query` (the headline's and deck's subject) and `substance` (enough content words to
     say something) enter every article's scores with fixed weights (an offset), and the
     other weights are learned around them. The BBC references are machine-made (TextRank-
     like), so a fit would set the priors to about zero; readers of news need them. The
     priors are the strongest combination on a small grid (largest sum of weights) whose
     cross-validated ROUGE-2 stays within --prior-cost points of the prior-free model: a
     bounded, stated price;
  5. reports 5-fold cross-validated ROUGE (folds by article; a fold's weights never saw its
     articles) next to single-feature baselines, with the budget = the reference's size;
  6. with --write, fits on every article and writes weights.json (the data file) and
     ../Core/LearnedWeights.swift (the same numbers as Swift source; a test checks they agree).

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
PRIORS = ("lead", "query", "substance")
GRID = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0)
SUBSTANCE_GRID = (0.0, 0.5, 1.0)


def load(data, bindir):
    recs = [json.loads(line) for line in open(data, encoding="utf-8") if line.strip()]
    raw = "".join(json.dumps({"id": r["id"], "title": r.get("title", ""), "text": r["text"]}) + "\n" for r in recs)
    ingest = subprocess.run([os.path.join(bindir, "galley"), "ingest", "-"], input=raw.encode(),
                            capture_output=True, check=True)
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


class Model:
    """Weights on the raw features: score = bias + X @ weights (priors included)."""

    def __init__(self, names, bias, weights):
        self.names, self.bias, self.weights = names, bias, np.asarray(weights)

    def score(self, X):
        return self.bias + X @ self.weights


def fit(arts, names, priors, l2=1.0):
    """Conditional logit on the non-prior features, with the priors as a fixed offset."""
    learn = [k for k, n in enumerate(names) if n not in PRIORS]
    fixed = np.zeros(len(names))
    for n, w in priors.items():
        fixed[names.index(n)] = w
    rows, ys, offsets, groups = [], [], [], []
    for a in arts:
        m = a["tiers"] <= 1
        y = a["y"][m]
        if y.sum() == 0 or y.sum() == len(y):
            continue  # nothing to learn from an article whose candidates are all in or all out
        rows.append(a["X"][m]); ys.append(y); offsets.append(a["X"][m] @ fixed); groups.append(len(y))
    X = np.vstack(rows)[:, learn]
    y, off = np.concatenate(ys), np.concatenate(offsets)
    mean, scale = X.mean(0), X.std(0)
    scale[scale == 0] = 1
    Z = (X - mean) / scale
    starts = np.concatenate([[0], np.cumsum(groups)[:-1]])
    gid = np.repeat(np.arange(len(groups)), groups)
    k = np.add.reduceat(y, starts)

    def loss(w):
        s = Z @ w + off
        top = np.maximum.reduceat(s, starts)
        e = np.exp(s - top[gid])
        total = np.add.reduceat(e, starts)
        lse = top + np.log(total)
        p = e / total[gid]
        value = -(y * s).sum() + (k * lse).sum() + 0.5 * l2 * w @ w
        grad = -(Z.T @ y) + Z.T @ (k[gid] * p) + l2 * w
        return value, grad

    w = minimize(loss, np.zeros(Z.shape[1]), jac=True, method="L-BFGS-B").x
    weights = fixed.copy()
    weights[learn] = w / scale
    bias = -float((w * mean / scale).sum())
    return Model(names, bias, weights), dict(zip([names[j] for j in learn], w))


def choose(a, score):
    """The plugin's selection without the redundancy check: best tier first, best score first."""
    idx = [i for i in range(len(score)) if a["tiers"][i] < 3]
    idx.sort(key=lambda i: (a["tiers"][i], -score[i], i))
    return sorted(idx[: a["n"]])


_STEMMER = None


def _tokens(text):
    global _STEMMER
    from rouge_score import tokenize
    if _STEMMER is None:
        from nltk.stem import porter
        _STEMMER = porter.PorterStemmer()
    return tokenize.tokenize(text, _STEMMER)


def _ngrams(tokens, n):
    from collections import Counter
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def _f(pred, ref):
    overlap = sum((pred & ref).values())
    p, r = overlap / max(1, sum(pred.values())), overlap / max(1, sum(ref.values()))
    return 0.0 if overlap == 0 else 2 * p * r / (p + r)


def rouge(arts, picks, lsum=False):
    """ROUGE-1, ROUGE-2 (and ROUGE-Lsum with lsum) F1 x100, as rouge-score computes them; the
    sentence tokenizations are cached, so a grid of settings is quick."""
    if lsum:
        from rouge_score import rouge_scorer
        sc = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
        tot = np.zeros(3)
        for a, p in zip(arts, picks):
            s = sc.score("\n".join(a["refs"]), "\n".join(a["sentences"][i] for i in p))
            tot += [s["rouge1"].fmeasure, s["rouge2"].fmeasure, s["rougeLsum"].fmeasure]
        return 100 * tot / len(arts)
    tot = np.zeros(3)
    for a, p in zip(arts, picks):
        if "tok" not in a:
            a["tok"] = [_tokens(s) for s in a["sentences"]]
            ref = [t for s in a["refs"] for t in _tokens(s)]
            a["ref1"], a["ref2"] = _ngrams(ref, 1), _ngrams(ref, 2)
        pred = [t for i in p for t in a["tok"][i]]
        tot += [_f(_ngrams(pred, 1), a["ref1"]), _f(_ngrams(pred, 2), a["ref2"]), float("nan")]
    return 100 * tot / len(arts)


def exact_share(arts, picks):
    return 100 * sum(a["y"][p].sum() for a, p in zip(arts, picks)) / sum(a["n"] for a in arts)


def cross_validate(arts, names, priors, folds, l2):
    parts = [[a for j, a in enumerate(arts) if j % folds == f] for f in range(folds)]
    picks = {}
    for f in range(folds):
        model, _ = fit([a for g in range(folds) if g != f for a in parts[g]], names, priors, l2)
        for a in parts[f]:
            picks[a["id"]] = choose(a, model.score(a["X"]))
    return [picks[a["id"]] for a in arts]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.path.join(HERE, "../../../../shared/data/bbc/dev.ndjson"))
    ap.add_argument("--bin", default=".build/release", help="folder with galley and galley-summarize")
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--prior-cost", type=float, default=0.75,
                    help="most cross-validated ROUGE-2 points the lead and query priors may cost")
    ap.add_argument("--write", action="store_true", help="write weights.json and LearnedWeights.swift")
    ap.add_argument("--drop", default="", help="comma-separated features to leave out (ablation; not with --write)")
    ap.add_argument("--priors", default="", help="fixed 'lead,query,substance' instead of the grid search, e.g. 0.75,0.5,0.5")
    args = ap.parse_args()

    arts = load(args.data, args.bin)
    names = arts[0]["names"]
    for name in filter(None, args.drop.split(",")):
        for a in arts:
            a["X"][:, names.index(name)] = 0
    print(f"{len(arts)} articles, {sum(len(a['y']) for a in arts)} sentences, "
          f"{int(sum(a['y'].sum() for a in arts))} labelled positive")

    def line(label, picks, lsum=False):
        r = rouge(arts, picks, lsum)
        print(f"  {label:34s} R1 {r[0]:.2f}  R2 {r[1]:.2f}  RLsum {r[2]:.2f}  exact-sentence {exact_share(arts, picks):.1f}%",
              flush=True)
        return r

    print("single features:")
    for single in ("cosineRank", "overlapRank", "lead", "query", "substance"):
        line(single, [choose(a, a["X"][:, names.index(single)]) for a in arts])

    print(f"learned, {args.folds}-fold cross-validated, by prior weights (lead, query, substance):")
    results = {}
    if args.priors:
        grid = [(0.0, 0.0, 0.0), tuple(float(x) for x in args.priors.split(","))]
    else:  # keep the grid small: the title prior no stronger than the lead prior
        grid = [(l, q, s) for l in GRID for q in GRID for s in SUBSTANCE_GRID if not (l and q > l)]
    for key in grid:
        priors = dict(zip(PRIORS, key))
        r = line("lead {:.2f}, query {:.2f}, substance {:.2f}".format(*key),
                 cross_validate(arts, names, priors, args.folds, args.l2))
        results[key] = r
    base = results[(0.0, 0.0, 0.0)][1]
    allowed = [(k, r) for k, r in results.items() if r[1] >= base - args.prior_cost]
    key, r = max(allowed, key=lambda kr: (sum(kr[0]), kr[1][1]))
    priors = dict(zip(PRIORS, key))
    print(f"chosen priors: {priors} (CV R2 {r[1]:.2f}; prior-free {base:.2f}; allowed cost {args.prior_cost})")

    r = line("chosen, with ROUGE-Lsum", cross_validate(arts, names, priors, args.folds, args.l2), lsum=True)
    model, standardised = fit(arts, names, priors, args.l2)
    print("weights (raw feature units; standardised in brackets):")
    for n, x in zip(names, model.weights):
        z = standardised.get(n)
        print(f"  {n:18s} {x:+.4f}" + (f"   ({z:+.3f})" if z is not None else "   (fixed prior)"))
    if args.write:
        out = {"features": names, "bias": round(model.bias, 6), "weights": [round(float(x), 6) for x in model.weights],
               "priors": priors, "trained_on": os.path.basename(args.data),
               "articles": len(arts), "l2": args.l2, "prior_cost": args.prior_cost,
               "cv_rouge": {"r1": round(r[0], 2), "r2": round(r[1], 2), "rlsum": round(r[2], 2)},
               "objective": "conditional logit over each article's candidate sentences, priors as fixed offsets"}
        with open(os.path.join(HERE, "weights.json"), "w") as fh:
            json.dump(out, fh, indent=1)
            fh.write("\n")
        body = "\n".join(f"        {x!r},  // {n}" for n, x in zip(names, out["weights"]))
        with open(os.path.join(HERE, "../Core/LearnedWeights.swift"), "w") as fh:
            fh.write("// Generated by Plugins/summarize/tools/train.py from the BBC development split; the same\n"
                     "// numbers are in tools/weights.json. Do not edit: rerun the script.\n"
                     "extension LinearModel {\n"
                     "    /// A conditional logit over each article's candidates, with the lead, query and\n"
                     "    /// substance priors fixed (see tools/train.py).\n"
                     f"    public static let learned = LinearModel(bias: {out['bias']!r}, weights: [\n{body}\n    ])\n"
                     "}\n")
        print("wrote weights.json and LearnedWeights.swift")


if __name__ == "__main__":
    main()
