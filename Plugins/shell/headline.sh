#!/usr/bin/env bash
# A Galley plugin in shell: jq does the JSON. For each article it reports the headline's
# length and whether the title is a question. One jq process serves the whole stream
# (--unbuffered: one answer per request, at once), so the plugin persists like any other.
set -euo pipefail
command -v jq >/dev/null || { echo "headline.sh needs jq" >&2; exit 69; }
exec jq --unbuffered -c '
  if .method == "initialize" then
    if .params.protocol == 1 then
      {jsonrpc: "2.0", id: .id, result: {name: "headline", version: "1.0.0", protocol: 1,
        manifest: {provides: ["headline"], requires: ["title", "deck"], uses: [],
                   options: {type: "object", properties: {}, additionalProperties: false},
                   concurrency: 32, description: "Headline length, and whether it asks a question."}}}
    else
      {jsonrpc: "2.0", id: .id, error: {code: -32005, message: "plugin headline speaks protocol 1, host speaks \(.params.protocol)"}}
    end
  elif .method == "process" then
    (.params.article.title // "") as $t
    | {jsonrpc: "2.0", id: .id, result: {
        has_title: ($t != ""),
        words: ($t | [splits("\\s+")] | map(select(. != "")) | length),
        question: ($t | test("\\?\\s*$")),
        has_deck: ((.params.article.deck // "") != "")}}
  elif .method == "shutdown" then {jsonrpc: "2.0", id: .id, result: null}
  elif has("id") and .id != null then {jsonrpc: "2.0", id: .id, error: {code: -32601, message: "method not found: \(.method)"}}
  else empty
  end'
