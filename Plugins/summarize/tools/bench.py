#!/usr/bin/env python3
"""Speed of galley-summarize next to the Python summarizers, measured in one session.

    python3 Plugins/summarize/tools/bench.py [--data ../shared/data/bbc/dev.ndjson] \\
        [--bin .build/release] [--peers summa-textrank,sumy-reduction,...] [--core 0]

Every figure is articles per second over the whole data set, one process, start-up included,
pinned to one core (taskset) so that nothing runs in parallel:

  peers        the scoring script's own runs (../shared/eval/summarize_eval.py --peer ...):
               raw records in, sentence splitting and ranking in Python, answers out;
  plugin       galley-summarize as the host drives it: JSON-RPC `process` requests carrying
               the fields the manifest requires (title, deck, sentences, faq, budget) of
               articles ingested beforehand; decode, rank, encode, answer;
  --filter     galley-summarize --filter on whole ingested articles (decodes and re-encodes
               every field of the article, so slower than the protocol);
  pipeline     galley ingest - | galley-summarize --filter on the raw records (what the
               scoring script times for --cmd; ingest is the host's work, shared by every
               plugin, and runs on the same core here).

The plugin's figures are the best of --repeat runs; the peers run once (a run takes seconds).
Needs jq and the peers' virtual environment (../shared/eval/setup-peers.sh summarize).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "../../.."))


def timed(cmd, stdin_path, core, repeat):
    """Best and median wall time of `repeat` runs, stdin from a file, pinned to a core. A
    list is run directly; a string (a pipeline) through sh."""
    times = []
    for _ in range(repeat):
        with open(stdin_path, "rb") as fh:
            argv = ["taskset", "-c", str(core)] + (cmd if isinstance(cmd, list) else ["sh", "-c", cmd])
            t0 = time.perf_counter()
            subprocess.run(argv, stdin=fh, stdout=subprocess.DEVNULL, check=True)
            times.append(time.perf_counter() - t0)
    times.sort()
    return times[0], times[len(times) // 2]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.path.join(ROOT, "../shared/data/bbc/dev.ndjson"))
    ap.add_argument("--bin", default=os.path.join(ROOT, ".build/release"))
    ap.add_argument("--peers", default="summa-textrank,sumy-reduction,sumy-textrank,sumy-lexrank,sumy-luhn")
    ap.add_argument("--core", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()

    galley, plugin = os.path.join(args.bin, "galley"), os.path.join(args.bin, "galley-summarize")
    records = [json.loads(line) for line in open(args.data, encoding="utf-8") if line.strip()]
    n = len(records)
    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, "records.ndjson")
        with open(raw, "w", encoding="utf-8") as fh:
            for r in records:  # what the scoring script sends
                fh.write(json.dumps({"id": r["id"], "title": r.get("title", ""), "text": r["text"],
                                     "budget": {"sentences": r.get("reference_n", 3)}}, ensure_ascii=False) + "\n")
        articles = os.path.join(tmp, "articles.ndjson")
        with open(raw, "rb") as fin, open(articles, "wb") as fout:
            subprocess.run([galley, "ingest", "-"], stdin=fin, stdout=fout, check=True)
        requests = os.path.join(tmp, "requests.ndjson")
        with open(requests, "w") as fh:
            fh.write(json.dumps({"jsonrpc": "2.0", "id": 0, "method": "initialize",
                                 "params": {"protocol": 1, "host": {"name": "bench", "version": "0"}, "options": {}}}) + "\n")
            fh.flush()
            subprocess.run(["jq", "-c", '{jsonrpc: "2.0", id: input_line_number, method: "process", '
                            'params: {article: {id, title, deck, sentences, faq, budget}}}', articles], stdout=fh, check=True)
            fh.write(json.dumps({"jsonrpc": "2.0", "id": n + 1, "method": "shutdown"}) + "\n")

        rows = []
        for label, cmd, stdin in [
            ("galley-summarize (protocol, fields it requires)", [plugin], requests),
            ("galley-summarize --filter (whole articles)", [plugin, "--filter"], articles),
            ("galley ingest - \\| galley-summarize --filter (raw records)", f"{galley} ingest - | {plugin} --filter", raw),
        ]:
            best, median = timed(cmd, stdin, args.core, args.repeat)
            rows.append((label, n / best, best, n / median, median))
            print(f"{label:58s} {n / best:9.0f} art/s best ({best * 1000:.0f} ms), {n / median:.0f} median",
                  file=sys.stderr, flush=True)

        out = os.path.join(tmp, "peers.json")
        peer_args = [a for p in args.peers.split(",") if p for a in ("--peer", p)]
        subprocess.run(["taskset", "-c", str(args.core), sys.executable,
                        os.path.join(ROOT, "../shared/eval/summarize_eval.py"), "--data", args.data, "--out", out] + peer_args,
                       check=True, stdout=subprocess.DEVNULL)
        peers = [(s["system"], s["articles_per_s"], s["wall_s"]) for s in json.load(open(out))["systems"]]

    best, median = rows[0][1], rows[0][3]
    print(f"\n{n} articles ({os.path.basename(args.data)}), one core (taskset -c {args.core}), start-up included; "
          f"Galley: best and median of {args.repeat} runs, peers: one run\n")
    print("| system | articles/s | wall | galley-summarize (protocol) is, best / median |")
    print("|---|---:|---:|---:|")
    for label, rate, t, mrate, mt in rows:
        print(f"| {label} | {rate:,.0f} (median {mrate:,.0f}) | {t * 1000:.0f} ms (median {mt * 1000:.0f}) | |")
    for name, rate, t in peers:
        print(f"| {name} | {rate:,.1f} | {t:.2f} s | {best / rate:.0f}x / {median / rate:.0f}x |")


if __name__ == "__main__":
    main()
