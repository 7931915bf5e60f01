#!/usr/bin/env python3
"""Rewrites galley-metrics output (Article NDJSON with analyses.metrics) into the value
conventions of the Recognizers-Text specs, for scoring only: a range's value {"low","high"}
becomes [low, high] (what metrics_eval.py reads), and a date period at stated precision
becomes Recognizers' day bounds with an exclusive end ("2014/2018" -> "2014-01-01/2019-01-01",
"2022-09/.." -> "2022-09-01/", "../2017" -> "/2018-01-01"). Spans and kinds are untouched, so
detection figures are the same with and without it; only value accuracy can differ.

    galley ingest --raw - | galley-metrics --filter | python3 as_recognizers.py
"""
import calendar
import datetime as dt
import json
import re
import sys

STAMP = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def bounds(stamp):
    """First day and the day after the last day of an ISO stamp, or None."""
    m = WEEK.match(stamp)
    if m:
        monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        return monday, monday + dt.timedelta(days=7)
    m = STAMP.match(stamp)
    if not m:
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    if mo is None:
        return dt.date(y, 1, 1), dt.date(y + 1, 1, 1)
    mo = int(mo)
    if d is None:
        last = calendar.monthrange(y, mo)[1]
        return dt.date(y, mo, 1), dt.date(y, mo, last) + dt.timedelta(days=1)
    day = dt.date(y, mo, int(d))
    return day, day + dt.timedelta(days=1)


def convert(value):
    if isinstance(value, str) and WEEK.match(value):  # an ISO week: its days
        a, b = bounds(value)
        return f"{a.isoformat()}/{b.isoformat()}"
    if not isinstance(value, str) or "/" not in value:
        return value
    a, b = value.split("/", 1)
    ba = bounds(a) if a != ".." else None
    bb = bounds(b) if b != ".." else None
    if (a != ".." and ba is None) or (b != ".." and bb is None):
        return value
    start = ba[0].isoformat() if ba else ""
    end = bb[1].isoformat() if bb else ""
    return f"{start}/{end}"


for line in sys.stdin:
    article = json.loads(line)
    for m in (article.get("analyses") or {}).get("metrics") or []:
        if m.get("kind") == "range" and isinstance(m.get("value"), dict):
            m["value"] = [m["value"].get("low"), m["value"].get("high")]
        elif m.get("kind") == "date":
            m["value"] = convert(m.get("value"))
    sys.stdout.write(json.dumps(article, ensure_ascii=False) + "\n")
    sys.stdout.flush()
