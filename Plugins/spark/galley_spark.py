#!/usr/bin/env python3
"""Run Galley plugins over a corpus on Apache Spark, with RDD.pipe().

Each partition's lines go to one `galley run ...` process on stdin; it writes one line per
input line, in order. The driver makes the failure modes Spark hides visible:

* `checkCode=True`: a galley that exits non-zero (records lost, a plugin that cannot start,
  an interrupted run) fails the task, and Spark retries the partition. `--errors-in-band`
  makes galley exit 0 when every record was written even if some carry `errors` entries:
  those are reported in the records themselves and a retry would not help.
* After the job the driver checks that every input id came back exactly once; otherwise it
  fails loudly instead of writing a silently short result.
* The command gets an explicit environment (Spark gives it none): PATH, HOME, LANG, and
  GALLEY_PLUGIN_PATH when set.

usage:
  spark-submit Plugins/spark/galley_spark.py --input corpus.ndjson --output out.ndjson \\
      [--galley /abs/path/to/galley] [--partitions 4] [--master local[2]] -- run summarize metrics

The arguments after `--` are galley's (default: `run summarize`). Input lines are Galley
articles (from `galley ingest`) or records `{"id","title","text",...}`; galley ingests those.
"""
import argparse
import json
import os
import shutil
import sys


def parse_args(argv):
    if "--" in argv:
        k = argv.index("--")
        own, galley_args = argv[:k], argv[k + 1:]
    else:
        own, galley_args = argv, ["run", "summarize"]
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--input", required=True)
    p.add_argument("--output", required=True, help="NDJSON file to write (one line per input line, input order)")
    p.add_argument("--galley", default=shutil.which("galley") or "", help="absolute path of the galley binary")
    p.add_argument("--partitions", type=int, default=4)
    p.add_argument("--master", default=os.environ.get("SPARK_MASTER", "local[2]"))
    args = p.parse_args(own)
    if not args.galley or not os.path.isabs(args.galley):
        p.error("--galley must be the absolute path of the galley binary (Spark runs it without PATH)")
    return args, galley_args


def record_id(line):
    """The id a record keeps through galley: a JSON object's string or integer "id". Lines
    without one (no id, a null id, not an object) get an id from galley, so None here."""
    try:
        value = json.loads(line)
    except ValueError:
        return None
    rid = value.get("id") if isinstance(value, dict) else None
    return str(rid) if isinstance(rid, (str, int)) and not isinstance(rid, bool) else None


def main(argv):
    args, galley_args = parse_args(argv)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark import SparkConf, SparkContext

    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/tmp"),
           "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    if os.environ.get("GALLEY_PLUGIN_PATH"):
        env["GALLEY_PLUGIN_PATH"] = os.environ["GALLEY_PLUGIN_PATH"]
    command = [args.galley] + galley_args + ["--quiet", "--errors-in-band"]

    sc = SparkContext(conf=SparkConf().setMaster(args.master).setAppName("galley"))
    sc.setLogLevel("ERROR")
    try:
        lines = sc.textFile(os.path.abspath(args.input), minPartitions=args.partitions)
        # zipWithIndex keeps the global input order, so the result can be written in order.
        indexed = lines.zipWithIndex().map(lambda x: (x[1], x[0])).sortByKey().values()
        out = indexed.pipe(" ".join("'%s'" % a.replace("'", "'\\''") for a in command), env=env, checkCode=True)
        results = out.collect()
        with open(args.input, encoding="utf-8") as f:
            inputs = [l.rstrip("\n") for l in f if l.strip()]
    finally:
        sc.stop()

    # One line out per line in, in order; a record that has an id keeps it.
    changed = [(k + 1, a, b) for k, (a, b) in enumerate(zip(map(record_id, inputs), map(record_id, results)))
               if a is not None and a != b]
    if len(results) != len(inputs) or changed:
        sys.stderr.write("galley_spark: %d lines in, %d out; first lines whose id changed (line, in, out): %s\n"
                         % (len(inputs), len(results), changed[:5]))
        return 1
    with open(args.output, "w", encoding="utf-8") as f:
        for line in results:
            f.write(line + "\n")
    failed = sum(1 for l in results if json.loads(l).get("errors"))
    sys.stderr.write("galley_spark: %d articles in, %d out, %d carry errors; wrote %s\n" % (len(inputs), len(results), failed, args.output))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
