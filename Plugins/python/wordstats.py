#!/usr/bin/env python3
"""Word and reading-time statistics: a Galley plugin in Python, standard library only."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from galley_plugin import run  # noqa: E402


def process(article, options):
    prose = [s["text"] for s in article.get("sentences", []) if s.get("kind", "paragraph") in ("paragraph", "answer", "list_item")]
    words = sum(len(s.split()) for s in prose)
    wpm = options.get("wpm", 230)
    return {"words": words, "sentences": len(prose),
            "words_per_sentence": round(words / len(prose), 1) if prose else 0,
            "reading_minutes": round(words / wpm, 1)}


run(name="wordstats", provides=["wordstats"], requires=["sentences"], process=process,
    options={"type": "object", "additionalProperties": False,
             "properties": {"wpm": {"type": "integer", "minimum": 50, "maximum": 1000, "default": 230}}},
    description="Word count, sentence length and reading time of the prose.")
