#!/usr/bin/env bash
# Sends a signed GitHub "issues" delivery to the gateway, exactly as GitHub signs it
# (X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>), then sends it again: the second
# delivery replaces the first (same id, from issue.node_id) instead of adding a duplicate.
set -euo pipefail
BASE_URL="${BASE_URL:-http://localhost:8080}"
SECRET="${GITHUB_WEBHOOK_SECRET:?set GITHUB_WEBHOOK_SECRET to the secret of the hook}"
payload='{"action":"opened","issue":{"node_id":"I_kwDOExample","title":"Search returns nothing","body":"Steps to reproduce...","state":"open","html_url":"https://github.com/acme/app/issues/1"},"repository":{"full_name":"acme/app"}}'
signature="sha256=$(printf '%s' "$payload" | openssl dgst -sha256 -hmac "$SECRET" -hex | sed 's/^.* //')"
for attempt in 1 2; do
  curl -sS --fail-with-body -X POST "$BASE_URL/v1/hooks/github-issues" \
    -H 'content-type: application/json' -H 'x-github-event: issues' \
    -H "x-hub-signature-256: $signature" -d "$payload"
  echo
done
