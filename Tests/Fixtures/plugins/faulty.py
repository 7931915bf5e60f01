#!/usr/bin/env python3
"""A plugin that misbehaves on purpose, for the host's fault-injection tests.

FAULT (environment) picks the behaviour:
  ok              behave
  exit_at_start   exit with status 3 before reading anything
  crash_on=IDS    say "cannot handle ID" on stderr and exit with status 1 when asked about any
                  article in IDS (a comma list; every time)
  crash_third     exit on the 3rd request this process sees (a transient crash)
  hang_on=ID      never answer article ID
  junk_stdout     print non-protocol lines on stdout before and between answers
  flood_stderr    write 5,000 lines to stderr per article
  wrong_id        answer every request with a wrong id
  out_of_order    answer requests in pairs, second first
  twice           answer every request twice
  newer_protocol  claim protocol version 2
  slow=SECONDS    sleep before each answer
  slow_start=SECONDS  sleep before answering initialize
  error_on=ID     answer article ID with an error response
  nan_on=ID       answer article ID with a NaN score, which json.dumps writes and JSON forbids
  burn=N          spend about N ms of CPU on each article (for --jobs speed-up)
  drop_cancelled  answer each article 0.3 s late, and never a request cancelled meanwhile
  exit_after_init say "warm-up failed" on stderr and exit with status 3 just after answering
                  initialize (a warm-up that fails)
  daemon_crash_on=ID  start a detached process that keeps stdout open (sleep 31.5), then exit 1
  long_log_on=ID  send a log notification of 70,000 bytes before answering article ID
  long_answer_on=ID   answer article ID with a result of 70,000 bytes
  cut_on=ID       write half an answer to article ID, without its newline, and exit 1
  chatty_crasher  write 150 lines to stderr when it starts, and exit on every article
  string_id       answer every article with its request id written as a string ("7")
  linger          stay 10 s after stdin ends (the host has to stop it with a signal)
  helper_crash_on=ID  start a helper in its own process group (sleep 32.5), then exit 1
  close_stdin_on=ID   close stdin after answering article ID, and keep running
  pipe_sizes      add "pipes": the capacities of its stdin, stdout and stderr pipes, to each answer
UNORDERED=1 (environment) declares "ordered": false.
Each answer echoes the article id it was given, so tests can check pairing, and the article's
keys, so they can check what the host sent. The analysis is
named after the file ("faulty" for faulty.py), so copies of it under other names are other plugins.
"""
import json
import os
import subprocess
import sys
import threading
import time

fault = os.environ.get("FAULT", "ok")
name, _, arg = fault.partition("=")
seen = 0
held = []
provides = "".join(c for c in os.path.splitext(os.path.basename(sys.argv[0]))[0].lower() if c.isalnum() or c in "-_")


def cpus():
    """Processors this process may run on (the host's --jobs budget), where the OS says."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None


def pipe_size(fd):
    """The capacity of the pipe on descriptor fd (F_GETPIPE_SZ), or None."""
    try:
        import fcntl
        return fcntl.fcntl(fd, 1032)
    except (OSError, ImportError):
        return None


lock = threading.Lock()
late = {}


def send(msg):
    with lock:
        sys.stdout.write(json.dumps(msg) + "\n")
        sys.stdout.flush()


if name == "exit_at_start":
    sys.exit(3)
if name == "chatty_crasher":
    for k in range(150):
        sys.stderr.write("starting up, step %d\n" % k)
    sys.stderr.flush()

for line in sys.stdin:
    if not line.strip():
        continue
    try:
        msg = json.loads(line)
    except ValueError:
        send({"jsonrpc": "2.0", "id": None, "error": {"code": -32700, "message": "parse error"}})
        continue
    method, rid = msg.get("method"), msg.get("id")
    if rid is None:
        if name == "drop_cancelled" and method == "cancel" and msg["params"]["id"] in late:
            late.pop(msg["params"]["id"]).cancel()
        continue
    if method == "initialize":
        if name == "slow_start":
            time.sleep(float(arg))
        if name == "junk_stdout":
            print("Starting faulty plugin v1 (this banner breaks the protocol)", flush=True)
        send({"jsonrpc": "2.0", "id": rid, "result": {
            "name": provides, "version": "0.1", "protocol": 2 if name == "newer_protocol" else 1,
            "manifest": {"provides": [provides], "requires": ["title"], "concurrency": 4,
                         "ordered": os.environ.get("UNORDERED") != "1"}}})
        if name == "exit_after_init":
            time.sleep(0.1)
            sys.stderr.write("warm-up failed\n")
            sys.exit(3)
    elif method == "process":
        seen += 1
        aid = msg["params"]["article"]["id"]
        if name == "crash_on" and aid in arg.split(","):
            sys.stderr.write(f"cannot handle {aid}\n")
            sys.stderr.flush()
            os._exit(1)
        if name == "helper_crash_on" and aid == arg:
            subprocess.Popen(["sleep", "32.5"])
            os._exit(1)
        if name == "daemon_crash_on" and aid == arg:
            subprocess.Popen(["sleep", "31.5"], start_new_session=True)
            os._exit(1)
        if name == "long_log_on" and aid == arg:
            send({"jsonrpc": "2.0", "method": "log", "params": {"level": "info", "message": "y" * 70000}})
        if name == "cut_on" and aid == arg:
            sys.stdout.write(json.dumps({"jsonrpc": "2.0", "id": rid, "result": {"seen": aid}})[:20])
            sys.stdout.flush()
            os._exit(1)
        if name == "chatty_crasher":
            os._exit(1)
        if name == "crash_third" and seen == 3:
            os._exit(1)
        if name == "hang_on" and aid == arg:
            continue
        if name == "slow":
            time.sleep(float(arg))
        if name == "burn":
            end = time.process_time() + float(arg) / 1000
            while time.process_time() < end:
                pass
        if name == "flood_stderr":
            for k in range(5000):
                sys.stderr.write("noise %d about %s\n" % (k, aid))
            sys.stderr.flush()
        if name == "error_on" and aid == arg:
            send({"jsonrpc": "2.0", "id": rid, "error": {"code": -32007, "message": "cannot analyse " + aid,
                                                         "data": {"article": aid, "why": ["no", "body"]}}})
            continue
        answer = {"jsonrpc": "2.0", "id": rid, "result": {"seen": aid, "pid": os.getpid(), "cpus": cpus(),
                                                         "keys": sorted(msg["params"]["article"].keys())}}
        if name == "pipe_sizes":
            answer["result"]["pipes"] = [pipe_size(fd) for fd in (0, 1, 2)]
        if name == "long_answer_on" and aid == arg:
            answer["result"]["padding"] = "z" * 70000
        if name == "nan_on" and (aid == arg or arg == "*"):
            answer["result"]["score"] = float("nan")
        if name == "wrong_id":
            answer["id"] = rid + 1000
        if name == "string_id":
            answer["id"] = str(rid)
        if name == "junk_stdout":
            print("debug: working on", aid, flush=True)
        if name == "drop_cancelled":
            late[rid] = threading.Timer(0.3, send, args=(answer,))
            late[rid].start()
            continue
        if name == "out_of_order":
            held.append(answer)
            if len(held) == 2:
                send(held[1]); send(held[0]); held = []
            continue
        send(answer)
        if name == "close_stdin_on" and aid == arg:
            os.close(0)
            while True:
                time.sleep(1)
        if name == "twice":
            send(answer)
    elif method == "shutdown":
        for h in held:
            send(h)
        send({"jsonrpc": "2.0", "id": rid, "result": None})
    else:
        send({"jsonrpc": "2.0", "id": rid, "error": {"code": -32601, "message": "method not found"}})

if name == "linger":
    time.sleep(10)
