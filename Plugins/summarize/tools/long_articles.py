#!/usr/bin/env python3
"""Writes the long articles the summarizer's README times with `galley-summarize --bench`.

    .build/release/galley ingest -q ../shared/data/bbc/dev.ndjson > /tmp/articles.ndjson
    python3 Plugins/summarize/tools/long_articles.py /tmp/articles.ndjson /tmp/long
    for f in /tmp/long/*.ndjson; do .build/release/galley-summarize --bench "$f" 3; done

Four one-article files (Article NDJSON, budget 8 sentences):
  news1672.ndjson   the first 1,672 prose sentences of the ingested articles, as one article
  syn2000.ndjson    2,000 twelve-word sentences drawn from a 400-word vocabulary (seed 1)
  same2000.ndjson   2,000 copies of one sentence
  huge.ndjson       one sentence of 300,000 words drawn from the same 400 words
"""
import json
import os
import random
import sys


def article(name, texts):
    return {"id": name, "title": "Long article", "deck": None, "budget": {"sentences": 8},
            "sentences": [{"text": t, "paragraph": k, "kind": "paragraph"} for k, t in enumerate(texts)]}


def main():
    source, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    news = []
    with open(source, encoding="utf-8") as f:
        for line in f:
            for s in json.loads(line).get("sentences", []):
                if s.get("kind", "paragraph") == "paragraph" and len(news) < 1672:
                    news.append(s["text"])
            if len(news) >= 1672:
                break
    rng = random.Random(1)
    vocabulary = ["w%d" % i for i in range(400)]
    synthetic = [" ".join(rng.choice(vocabulary) for _ in range(12)).capitalize() + "." for _ in range(2000)]
    same = ["The company said it would cut 1,000 jobs this year."] * 2000
    huge = [" ".join(rng.choice(vocabulary) for _ in range(300_000)) + "."]
    for name, texts in [("news1672", news), ("syn2000", synthetic), ("same2000", same), ("huge", huge)]:
        with open(os.path.join(out, name + ".ndjson"), "w", encoding="utf-8") as f:
            f.write(json.dumps(article(name, texts), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
