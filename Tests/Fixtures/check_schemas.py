#!/usr/bin/env python3
"""Validates Galley's wire formats against protocol/*.schema.json.

usage: check_schemas.py PROTOCOL_DIR KIND FILE
  KIND article:     FILE holds Article NDJSON
  KIND transcript:  FILE is a protocol/examples session transcript
  KIND initialize:  FILE holds initialize results (one JSON object per line)
  KIND pack:        FILE holds scenario packs (one JSON object per line)
  KIND analyses:    FILE holds Article NDJSON; the built-in analyses in it (metrics, summary,
                    scenarios) are checked against their schemas, and each must occur
Prints one line per problem; exits 0 when everything validates, 1 otherwise, 3 when the
jsonschema package is missing (the caller skips).
"""
import json
import os
import sys

try:
    import jsonschema
    from referencing import Registry, Resource
except ImportError:
    sys.exit(3)

root, kind, path = sys.argv[1:4]
resources = []
for name in os.listdir(root):
    if name.endswith(".schema.json"):
        with open(os.path.join(root, name)) as f:
            schema = json.load(f)
        resources.append((schema["$id"], Resource.from_contents(schema)))
        resources.append((name, Resource.from_contents(schema)))
registry = Registry().with_resources(resources)


def validator(ref):
    return jsonschema.Draft202012Validator({"$ref": ref}, registry=registry)


problems = 0
with open(path) as f:
    lines = [json.loads(l) for l in f if l.strip()]
checks = []
if kind == "article":
    v = validator("https://galley.dev/protocol/article.schema.json")
    checks = [(v, l) for l in lines]
elif kind == "pack":
    v = validator("https://galley.dev/protocol/scenario-pack.schema.json")
    checks = [(v, l) for l in lines]
elif kind == "initialize":
    v = validator("https://galley.dev/protocol/initialize.schema.json#/$defs/result")
    checks = [(v, l) for l in lines]
elif kind == "analyses":
    found = set()
    for name in ("metrics", "summary", "scenarios"):
        v = validator("https://galley.dev/protocol/%s.schema.json" % name)
        for l in lines:
            if name in l.get("analyses", {}):
                found.add(name)
                checks.append((v, l["analyses"][name]))
    for name in sorted({"metrics", "summary", "scenarios"} - found):
        problems += 1
        print("analyses: no article carries analyses.%s" % name)
elif kind == "transcript":
    message = validator("https://galley.dev/protocol/message.schema.json")
    init_params = validator("https://galley.dev/protocol/initialize.schema.json#/$defs/params")
    init_result = validator("https://galley.dev/protocol/initialize.schema.json#/$defs/result")
    process_params = validator("https://galley.dev/protocol/process.schema.json#/$defs/params")
    for entry in lines:
        m = entry.get("line")
        if m is None:
            continue
        checks.append((message, m))
        if m.get("method") == "initialize":
            checks.append((init_params, m["params"]))
        if m.get("method") == "process":
            checks.append((process_params, m["params"]))
        if m.get("id") == 0 and "result" in m:
            checks.append((init_result, m["result"]))
for v, instance in checks:
    for error in v.iter_errors(instance):
        problems += 1
        print("%s: %s at %s" % (kind, error.message[:200], "/".join(str(p) for p in error.absolute_path)))
print("checked %d instances, %d problems" % (len(checks), problems))
sys.exit(1 if problems else 0)
