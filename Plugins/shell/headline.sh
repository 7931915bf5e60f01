#!/usr/bin/env bash
# A Galley plugin in shell: jq does the JSON. For each article it reports the headline's
# length and whether the title is a question. One jq process serves the whole stream
# (--unbuffered: one answer per request, at once), so the plugin persists like any other.
# Lines are read raw (-R) and parsed with fromjson, so a malformed line gets a -32700 answer
# instead of stopping jq.
set -euo pipefail
command -v jq >/dev/null || { echo "headline.sh needs jq" >&2; exit 69; }
exec jq --unbuffered -R -c '
  (try fromjson catch null) as $m
  | if ($m | type) != "object" then
      if (. | test("^\\s*$")) then empty
      else {jsonrpc: "2.0", id: null, error: {code: -32700, message: "parse error"}} end
    elif $m.method == "initialize" then
      if $m.params.protocol == 1 then
        {jsonrpc: "2.0", id: $m.id, result: {name: "headline", version: "1.0.0", protocol: 1,
          manifest: {provides: ["headline"], requires: ["title", "deck"], uses: [],
                     options: {type: "object", properties: {}, additionalProperties: false},
                     concurrency: 32, description: "Headline length, and whether it asks a question."}}}
      else
        {jsonrpc: "2.0", id: $m.id, error: {code: -32005, message: "plugin headline speaks protocol 1, host speaks \($m.params.protocol)"}}
      end
    elif ($m.id == null) then empty
    elif $m.method == "process" then
      ($m.params.article.title // "") as $t
      | {jsonrpc: "2.0", id: $m.id, result: {
          has_title: ($t != ""),
          words: ($t | [splits("\\s+")] | map(select(. != "")) | length),
          question: ($t | test("\\?\\s*$")),
          has_deck: (($m.params.article.deck // "") != "")}}
    elif $m.method == "shutdown" then {jsonrpc: "2.0", id: $m.id, result: null}
    else {jsonrpc: "2.0", id: $m.id, error: {code: -32601, message: "method not found: \($m.method)"}}
    end'
