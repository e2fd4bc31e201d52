#!/usr/bin/env bash
# Stream an NDJSON file of any size; watch results and progress lines as they come (curl -N).
set -euo pipefail
BASE_URL="${BASE_URL:-http://localhost:8080}"
auth=()
if [[ -n "${API_KEY:-}" ]]; then auth=(-H "x-api-key: ${API_KEY}"); fi
file="$(mktemp)"
trap 'rm -f "$file"' EXIT
for i in $(seq 1 50); do echo "{\"properties\": {\"title\": \"note $i\", \"n\": $i}}"; done > "$file"

curl -sS -N --fail-with-body "${auth[@]}" -X POST \
  "$BASE_URL/v1/collections/Note/objects/import?ids=deterministic&progress=1&progressEvery=20" \
  -H 'content-type: application/x-ndjson' --data-binary "@$file"
