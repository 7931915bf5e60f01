"""A Galley plugin in one file: copy this next to your script and call run().

    from galley_plugin import run

    def process(article, options):
        return {"words": len(article.get("text", "").split())}

    run(name="wordcount", provides=["wordcount"], requires=["text"], process=process)

Standard library only. It speaks protocol 1 (see protocol/PROTOCOL.md): answers
initialize with the manifest, process with your function's result, shutdown with null,
unknown methods with -32601, and exits when stdin closes. Raise PluginError for a clean
per-article failure (-32007, analysis failed; its `data`, if given, lands in the article's
errors entry); any other exception is the plugin's own bug and becomes error -32603 (internal
error) with its message and, in `data`, the end of its traceback, and the plugin keeps serving.
"""
import json
import sys
import traceback

PROTOCOL = 1


class PluginError(Exception):
    """A per-article failure with a JSON-RPC error code (default -32007 analysis failed)."""

    def __init__(self, message, code=-32007, data=None):
        super().__init__(message)
        self.code = code
        self.data = data


def log(level, message):
    """Send a log notification; the host shows it on stderr with the plugin's name."""
    _send({"jsonrpc": "2.0", "method": "log", "params": {"level": level, "message": str(message)}})


def _send(message):
    # allow_nan=False: NaN and Infinity are not JSON. A result holding one raises here, before
    # anything is written, and becomes that article's error instead of a line the host refuses.
    sys.stdout.write(json.dumps(message, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n")


def run(name, provides, process, requires=None, uses=(), options=None, version="1.0.0",
        description="", concurrency=16, check_options=None):
    """Serve the protocol on stdin/stdout until stdin closes."""
    manifest = {"provides": list(provides), "uses": list(uses),
                "options": options or {"type": "object", "properties": {}},
                "concurrency": concurrency, "description": description}
    if requires is not None:
        manifest["requires"] = list(requires)
    init_options = {}
    stdin = open(sys.stdin.fileno(), "r", encoding="utf-8", errors="replace", newline="\n", closefd=False)
    for line in stdin:
        if not line.strip():
            continue
        try:
            msg = json.loads(line)
        except ValueError as e:
            _send({"jsonrpc": "2.0", "id": None, "error": {"code": -32700, "message": "parse error: %s" % e}})
            sys.stdout.flush()
            continue
        if not isinstance(msg, dict) or msg.get("jsonrpc") != "2.0" or "method" not in msg:
            if isinstance(msg, dict) and "id" in msg and "method" not in msg:
                continue  # a response: hosts never send these; ignore
            _send({"jsonrpc": "2.0", "id": msg.get("id") if isinstance(msg, dict) else None,
                   "error": {"code": -32600, "message": "invalid request"}})
            sys.stdout.flush()
            continue
        method, rid, params = msg["method"], msg.get("id"), msg.get("params") or {}
        if rid is None:  # notifications (cancel, ...): nothing to answer
            continue
        if method == "initialize":
            if params.get("protocol") != PROTOCOL:
                _send({"jsonrpc": "2.0", "id": rid, "error": {"code": -32005, "message":
                       "plugin %s speaks protocol %d, host speaks %s" % (name, PROTOCOL, params.get("protocol"))}})
            else:
                init_options = params.get("options") or {}
                try:
                    if check_options:
                        check_options(init_options)
                    _send({"jsonrpc": "2.0", "id": rid, "result": {
                        "name": name, "version": version, "protocol": PROTOCOL, "manifest": manifest}})
                except Exception as e:  # bad options
                    _send({"jsonrpc": "2.0", "id": rid, "error": {"code": -32602, "message": str(e)}})
        elif method == "process":
            opts = dict(init_options)
            opts.update(params.get("options") or {})
            try:
                result = process(params.get("article") or {}, opts)
                _send({"jsonrpc": "2.0", "id": rid, "result": result})
            except PluginError as e:
                error = {"code": e.code, "message": str(e)}
                if e.data is not None:
                    error["data"] = e.data
                _send({"jsonrpc": "2.0", "id": rid, "error": error})
            except Exception as e:  # the plugin's own bug: report it for this article, keep serving
                _send({"jsonrpc": "2.0", "id": rid, "error": {"code": -32603, "message": "%s: %s" % (type(e).__name__, e),
                                                             "data": {"traceback": traceback.format_exc()[-2000:]}}})
        elif method == "shutdown":
            _send({"jsonrpc": "2.0", "id": rid, "result": None})
        else:
            _send({"jsonrpc": "2.0", "id": rid, "error": {"code": -32601, "message": "method not found: %s" % method}})
        sys.stdout.flush()
