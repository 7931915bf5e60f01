#!/usr/bin/env python3
"""Fit the scenario scorer's calibration on the BBC development split, and check it held out.

The scorer's probability for scenario j is softmax_j(log prior_j + a*semantic_j + b*lexical_j +
c*evidence_j + 1.5*conditions_j) (see Core/Scoring/Calibration.swift). This script runs the scorer on
the dev split with `--option features=true`, fits a, b, c by minimising the multinomial log loss
(scipy), and writes Core/Scoring/CalibrationFit.swift. Nothing here reads the held-out test split.

  fit:       python3 Plugins/scenarios/tools/fit_calibration.py --data ../shared/data/bbc/dev.ndjson \\
                 --pack ../shared/data/bbc-topics-pack.json --bin .build/release
  held out:  ... --heldout    two folds of the dev split: statistics (build_stats.py) and calibration
                 built on one half, accuracy / macro-F1 / Brier measured on the other; nothing written.

Needs numpy and scipy (e.g. ~/.cache/galley-eval/venv-scen/bin/python).
"""
import argparse, hashlib, json, subprocess, sys, tempfile
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "Core" / "Scoring" / "CalibrationFit.swift"
FEATURES = ("semantic", "lexical", "evidence")


def run(binaries, records, pack, extra=()):
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    cmd = f"{binaries}/galley ingest - | {binaries}/galley-scenarios --filter --option pack={pack} --option features=true"
    for k, v in extra:
        cmd += f" --option {k}={v}"
    out = subprocess.run(cmd, shell=True, input=lines, capture_output=True, text=True, check=True).stdout
    by_id = {}
    for line in out.splitlines():
        a = json.loads(line)
        by_id[a["id"]] = a["analyses"]["scenarios"]["scenarios"]
    return by_id


def matrices(records, answers, labels, label_field):
    X, P, y = [], [], []
    for r in records:
        sc = {s["id"]: s for s in answers[r["id"]]}
        X.append([[sc[l]["features"][f] for f in FEATURES] for l in labels])
        P.append([sc[l]["features"]["log_prior"] for l in labels])
        y.append(labels.index(r[label_field]))
    return np.array(X), np.array(P), np.array(y)


def probabilities(w, X, P):
    z = P + X @ w
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit(X, P, y):
    def loss(w):
        p = probabilities(w, X, P)
        return -np.mean(np.log(p[np.arange(len(y)), y] + 1e-12)) + 1e-4 * np.sum(w ** 2)
    res = minimize(loss, np.array([10.0, 5.0, 0.5]), method="L-BFGS-B", bounds=[(0, 200), (0, 200), (0, 50)])
    return res.x


def report(w, X, P, y, labels):
    p = probabilities(w, X, P)
    pred = p.argmax(axis=1)
    acc = float(np.mean(pred == y))
    f1s = []
    for c in range(len(labels)):
        tp = np.sum((pred == c) & (y == c)); fp = np.sum((pred == c) & (y != c)); fn = np.sum((pred != c) & (y == c))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    onehot = np.eye(len(labels))[y]
    brier = float(np.mean(np.sum((p - onehot) ** 2, axis=1)))
    return {"accuracy": round(acc, 4), "macro_f1": round(float(np.mean(f1s)), 4), "brier": round(brier, 4)}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--pack", required=True)
    ap.add_argument("--bin", required=True, help="folder with release galley and galley-scenarios")
    ap.add_argument("--label-field", default="topic")
    ap.add_argument("--heldout", action="store_true")
    a = ap.parse_args()
    if "test" in Path(a.data).name:
        sys.exit("refusing to fit on a test split")
    bins = str(Path(a.bin).resolve())
    pack = json.loads(Path(a.pack).read_text())
    labels = [s["id"] for s in pack["scenarios"]]
    records = [json.loads(l) for l in open(a.data, encoding="utf-8") if l.strip()]
    if not a.heldout:
        answers = run(bins, records, a.pack)
        X, P, y = matrices(records, answers, labels, a.label_field)
        w = fit(X, P, y)
        print("fitted", dict(zip(FEATURES, np.round(w, 4))), "on dev:", report(w, X, P, y, labels), file=sys.stderr)
        OUT.write_text(
            f"// Written by Plugins/scenarios/tools/fit_calibration.py from {Path(a.data).name} ({len(records)} articles,\n"
            f"// pack {pack.get('pack')}); multinomial log loss. Dev-split fit: {report(w, X, P, y, labels)}.\n"
            "enum CalibrationFit {\n" + "".join(f"    static let {f} = {w[i]:.4f}\n" for i, f in enumerate(FEATURES)) + "}\n",
            encoding="utf-8")
        print(f"wrote {OUT}", file=sys.stderr)
        return
    # Two folds by a hash of the id: statistics and calibration from one half, scores on the other.
    half = [int(hashlib.sha1(r["id"].encode()).hexdigest(), 16) % 2 for r in records]
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for fold in (0, 1):
            train = [r for r, h in zip(records, half) if h == fold]
            test = [r for r, h in zip(records, half) if h != fold]
            tpath = Path(tmp, f"train{fold}.ndjson")
            tpath.write_text("".join(json.dumps(r) + "\n" for r in train))
            spath = Path(tmp, f"stats{fold}.tsv")
            subprocess.run([sys.executable, str(HERE / "build_stats.py"), "--data", str(tpath), "--format", "tsv",
                            "--out", str(spath)], check=True)
            Xt, Pt, yt = matrices(train, run(bins, train, a.pack, [("stats", spath)]), labels, a.label_field)
            w = fit(Xt, Pt, yt)
            Xe, Pe, ye = matrices(test, run(bins, test, a.pack, [("stats", spath)]), labels, a.label_field)
            r = report(w, Xe, Pe, ye, labels)
            rows.append((len(test), r))
            print(f"fold {fold}: built on {len(train)}, scored {len(test)}: {r}  weights {dict(zip(FEATURES, np.round(w, 3)))}",
                  file=sys.stderr)
        n = sum(k for k, _ in rows)
        print("held out, pooled:", {m: round(sum(k * r[m] for k, r in rows) / n, 4) for m in ("accuracy", "macro_f1", "brier")},
              file=sys.stderr)


if __name__ == "__main__":
    main()
