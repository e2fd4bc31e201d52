#!/usr/bin/env bash
# Any unary RPC of weaviate.v1.Weaviate in proto3 JSON: here an Aggregate count and a raw Search.
set -euo pipefail
BASE_URL="${BASE_URL:-http://localhost:8080}"
auth=()
if [[ -n "${API_KEY:-}" ]]; then auth=(-H "x-api-key: ${API_KEY}"); fi
rpc() { curl -sS --fail-with-body "${auth[@]}" -H 'content-type: application/json' -X POST "$BASE_URL/v1/rpc/weaviate.v1.Weaviate/$1" -d "$2"; echo; }

echo "# count objects (int64 values come back as strings, as proto3 JSON says)"
rpc Aggregate '{"collection": "Article", "objectsCount": true}'

echo "# a Search request message as Weaviate's own clients build it"
rpc Search '{"collection": "Article", "limit": 2, "properties": {"nonRefProperties": ["title"]}, "metadata": {"uuid": true}, "uses123Api": true, "uses125Api": true, "uses127Api": true}'
