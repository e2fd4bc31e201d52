#!/usr/bin/env bash
# First steps: store two articles, search them by keyword and by vector, read one back.
# BASE_URL defaults to a gateway on localhost:8080 (`npm start`); API_KEY is sent when set.
set -euo pipefail
BASE_URL="${BASE_URL:-http://localhost:8080}"
auth=()
if [[ -n "${API_KEY:-}" ]]; then auth=(-H "x-api-key: ${API_KEY}"); fi
post() { curl -sS --fail-with-body "${auth[@]}" -H 'content-type: application/json' -X POST "$BASE_URL$1" -d "$2"; echo; }

echo "# insert one object (answers its id)"
post /v1/collections/Article/objects \
  '{"properties": {"title": "Solar power for beginners", "year": 2024}, "vector": [0.9, 0.1, 0.0]}'

echo "# insert a batch: one result per object, deterministic ids so re-running replaces"
post /v1/collections/Article/objects/batch \
  '{"ids": "deterministic", "objects": [
     {"properties": {"title": "Wind farms at sea", "year": 2023}, "vector": [0.1, 0.9, 0.0]},
     {"properties": {"title": "Storing solar energy", "year": 2025}, "vector": [0.8, 0.2, 0.1]}]}'

echo "# keyword search"
post /v1/collections/Article/search '{"bm25": {"query": "solar"}, "limit": 5, "returnMetadata": ["score"]}'

echo "# vector search with a filter"
post /v1/collections/Article/search \
  '{"nearVector": {"vector": [1, 0, 0]}, "filters": {"property": "year", "operator": "greaterThan", "value": 2023}, "returnMetadata": ["distance"]}'

echo "# list with cursor paging"
curl -sS --fail-with-body "${auth[@]}" "$BASE_URL/v1/collections/Article/objects?limit=2&properties=title"; echo
