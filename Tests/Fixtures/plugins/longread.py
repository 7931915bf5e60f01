#!/usr/bin/env python3
"""Fixture: requires another plugin's analysis (wordstats), so the host must add it."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "Plugins", "python"))
from galley_plugin import run  # noqa: E402


def process(article, options):
    stats = article.get("analyses", {}).get("wordstats")
    if stats is None:
        raise RuntimeError("wordstats missing")
    return {"long": stats["words"] > options.get("threshold", 800), "saw": sorted(article.keys())}


run(name="longread", provides=["longread"], requires=["wordstats"], process=process,
    options={"type": "object", "properties": {"threshold": {"type": "integer"}}},
    description="Is the article long? (needs wordstats)")
