#!/usr/bin/env python3
"""Times commands the way ../shared/eval/summarize_eval.py does, without its scoring.

    python3 Plugins/summarize/tools/harness.py [--data ../shared/data/bbc/dev.ndjson] [--runs 10] \\
        '.build/release/galley run summarize -q --fields analyses.summary' ['another command' ...]

Each command gets the scoring script's input lines ({"id","title","text","budget"}, budget =
the reference's sentence count), fed by one thread while another reads and parses the
answers, and is timed from spawn to the last answer, as the script's `run_system` does.
Commands are run in turn (A, B, A, B, ...) so that a shared machine's load moves them alike;
the table gives the best, the first quartile and the median wall time.

What it leaves out is the script's heap: the script holds the data set, a thousand bootstrap
draws and NLTK's tables, and its garbage collector, started by the allocations of parsing
the answers, can stop both threads for tens of milliseconds inside a run of about 100 ms.
`--gc` prints the collections (generation: count, milliseconds) that ran during each run
here, for comparison with an instrumented copy of the script.
"""
import argparse
import gc
import json
import statistics
import subprocess
import threading
import time


def load(path):
    lines = []
    with open(path, encoding="utf-8") as f:
        for raw in f:
            if not raw.strip():
                continue
            r = json.loads(raw)
            n = r.get("reference_n") or len(r.get("reference_sentences") or []) or 3
            lines.append(json.dumps({"id": r["id"], "title": r.get("title", ""), "text": r["text"],
                                     "budget": {"sentences": int(n)}}, ensure_ascii=False) + "\n")
    return lines


def run(cmd, lines, show_gc):
    collections = []
    started = [0.0]

    def callback(phase, info):
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            collections.append((info["generation"], time.perf_counter() - started[0]))

    if show_gc:
        gc.callbacks.append(callback)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, shell=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, encoding="utf-8", errors="replace", bufsize=1)

    def feed():
        try:
            for ln in lines:
                proc.stdin.write(ln)
            proc.stdin.close()
        except (BrokenPipeError, OSError, ValueError):
            pass

    answers = {}

    def drain():
        for raw in proc.stdout:
            if raw.strip():
                obj = json.loads(raw)
                answers[obj.get("id")] = obj

    threads = [threading.Thread(target=feed, daemon=True), threading.Thread(target=drain, daemon=True)]
    for t in threads:
        t.start()
    threads[1].join()
    proc.wait()
    wall = time.perf_counter() - t0
    if show_gc:
        gc.callbacks.remove(callback)
    if len(answers) != len(lines):
        raise SystemExit(f"{cmd}: {len(answers)} answers for {len(lines)} articles")
    return wall, collections


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("commands", nargs="+")
    ap.add_argument("--data", default="../shared/data/bbc/dev.ndjson")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--gc", action="store_true", help="print the garbage collections of each run")
    args = ap.parse_args()
    lines = load(args.data)
    walls = {c: [] for c in args.commands}
    for _ in range(args.runs):
        for c in args.commands:
            wall, collections = run(c, lines, args.gc)
            walls[c].append(wall * 1000)
            if args.gc:
                summary = {}
                for generation, seconds in collections:
                    count, total = summary.get(generation, (0, 0.0))
                    summary[generation] = (count + 1, total + seconds * 1000)
                print(f"{wall * 1000:7.1f} ms  gc {({g: (n, round(ms, 1)) for g, (n, ms) in sorted(summary.items())})}  {c}")
    print(f"\n{len(lines)} articles, {args.runs} runs each, in turn")
    print("| command | best | p25 | median | articles/s (median) |\n|---|---:|---:|---:|---:|")
    for c in args.commands:
        w = sorted(walls[c])
        median = statistics.median(w)
        print(f"| `{c}` | {w[0]:.1f} ms | {w[len(w) // 4]:.1f} ms | {median:.1f} ms | {len(lines) / median * 1000:,.0f} |")


if __name__ == "__main__":
    main()
