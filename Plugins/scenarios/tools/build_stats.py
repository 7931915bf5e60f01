#!/usr/bin/env python3
"""Build the English statistics the scenario scorer ships (Plugins/scenarios/Core/Stats/EnglishStatsData.swift).

One article alone gives no corpus statistics, so the scorer carries two, both computed here from the
*development* split of the BBC corpus only (never the held-out half):

  * document frequencies of content-word stems (for idf weights), every stem seen in >= 2 articles;
  * a latent semantic space (LSA): a truncated SVD of the sublinear tf-idf matrix of those articles,
    giving each stem seen in >= 3 articles a DIMS-dimensional vector (V * S), stored as int8 with one
    scale per stem. An article or a scenario description is the idf-weighted sum of its stems' vectors,
    so "striker" and "midfielder" land near "football" without any model.

Term extraction mirrors ScenariosCore's TermExtractor exactly (lowercase words, apostrophe-s stripped,
split at hyphens and dots unless a two-part compound has a function word, stop words and words with digits dropped, the light plural stemmer below).
Only numpy is needed (e.g. the scoring venv: ~/.cache/galley-eval/venv-scen/bin/python).

  python3 Plugins/scenarios/tools/build_stats.py --data ../shared/data/bbc/dev.ndjson
"""
import argparse, base64, json, math, re, sys
from collections import Counter
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "Core" / "Stats" / "EnglishStatsData.swift"
STOP_SWIFT = HERE.parent.parent.parent / "Sources" / "GalleyText" / "StopWords.swift"
WORD = re.compile(r"[^\W_]+(?:['\u2019.\-&_][^\W_]+)*")


def english_stop_words():
    """The same list the Swift side uses: StopWords.english in GalleyText."""
    src = STOP_SWIFT.read_text(encoding="utf-8")
    block = src.split("public static let english: Set<String> = [", 1)[1].split("]", 1)[0]
    return set(re.findall(r'"([^"]*)"', block))


STOP = english_stop_words()


def stem(w: str) -> str:
    """Light plural stemmer; ScenariosCore's Stemmer.stem is the same function."""
    if len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("sses"):
        return w[:-2]
    if w.endswith(("ss", "us", "is")):
        return w
    if w.endswith(("ches", "shes")) or (w.endswith("es") and len(w) > 4 and w[-3] in "xz"):
        return w[:-2]
    if w.endswith("s"):
        return w[:-1]
    return w


def terms(text: str):
    out = []
    for m in WORD.finditer(text.lower()):
        w = m.group().replace("\u2019", "'")
        if w.endswith("'s"):
            w = w[:-2]
        pieces = [p for p in re.split(r"[-.]", w) if p]
        if len(pieces) == 2 and "-" in w and "." not in w and any(p in STOP for p in pieces):
            pieces = ["".join(pieces)]  # "over-hiring" -> "overhiring", as in Swift
        for part in pieces:
            if len(part) < 2 or part in STOP or any(c.isdigit() for c in part):
                continue
            out.append(stem(part))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="BBC dev split NDJSON (id, title, text)")
    ap.add_argument("--dims", type=int, default=48)
    ap.add_argument("--min-df", type=int, default=2, help="keep document frequencies of stems in >= this many articles")
    ap.add_argument("--min-df-vector", type=int, default=3, help="give vectors to stems in >= this many articles")
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--format", choices=("swift", "tsv"), default="swift",
                    help="tsv: the bare lines, for `--option stats=FILE` in held-out checks")
    a = ap.parse_args()
    if "test" in Path(a.data).name:
        sys.exit("refusing to build statistics from a test split")
    docs = [json.loads(l) for l in open(a.data, encoding="utf-8") if l.strip()]
    toks = [terms((d.get("title") or "") + "\n" + (d.get("text") or "")) for d in docs]
    n = len(docs)
    df = Counter()
    for t in toks:
        df.update(set(t))
    vocab = sorted(w for w, c in df.items() if c >= a.min_df)
    index = {w: i for i, w in enumerate(vocab)}
    idf = np.array([math.log((n + 1) / (df[w] + 1)) + 1 for w in vocab])
    X = np.zeros((n, len(vocab)))
    for i, t in enumerate(toks):
        for w, c in Counter(x for x in t if x in index).items():
            X[i, index[w]] = (1 + math.log(c)) * idf[index[w]]
        norm = np.linalg.norm(X[i])
        if norm:
            X[i] /= norm
    _, S, Vt = np.linalg.svd(X, full_matrices=False)
    V = Vt[: a.dims].T * S[: a.dims]
    for k in range(a.dims):  # a fixed sign per dimension: deterministic output
        if V[np.argmax(np.abs(V[:, k])), k] < 0:
            V[:, k] = -V[:, k]
    lines = []
    with_vec = 0
    for w in vocab:
        if df[w] >= a.min_df_vector:
            v = V[index[w]]
            scale = float(np.abs(v).max()) / 127 or 1e-9
            q = np.clip(np.round(v / scale), -127, 127).astype(np.int8)
            lines.append(f"{w}\t{df[w]}\t{scale:.6g}\t{base64.b64encode(q.tobytes()).decode()}")
            with_vec += 1
        else:
            lines.append(f"{w}\t{df[w]}")
    header = (f"// Generated by Plugins/scenarios/tools/build_stats.py from {Path(a.data).name} "
              f"({n} articles): document frequencies of {len(vocab)} stems (df >= {a.min_df}) and "
              f"{a.dims}-dimensional LSA vectors for {with_vec} of them (df >= {a.min_df_vector}), int8 + scale.\n"
              "// Do not edit by hand: rerun the script. Line format: stem TAB df [TAB scale TAB base64(int8 x dims)].\n")
    body = f"documents\t{n}\tdims\t{a.dims}\n" + "\n".join(lines) + "\n"
    if a.format == "tsv":
        Path(a.out).write_text(body, encoding="utf-8")
        print(f"wrote {a.out}: {len(vocab)} stems, {with_vec} vectors", file=sys.stderr)
        return
    Path(a.out).write_text(header + "enum EnglishStatsData {\n    static let text = #\"\"\"\n" + body + "\"\"\"#\n}\n",
                           encoding="utf-8")
    print(f"wrote {a.out}: {len(vocab)} stems, {with_vec} vectors, {Path(a.out).stat().st_size} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
