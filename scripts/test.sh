#!/usr/bin/env bash
# The one command that sets everything up on a fresh machine (Node 20 + npm) and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
pnpm() { bash scripts/pnpm.sh "$@"; }

bash scripts/ensure-system.sh
pnpm install --frozen-lockfile
echo "== lint";        pnpm run test:lint
echo "== types";       pnpm run test:types
echo "== build + publint"; pnpm run test:build
echo "== publint + attw";  pnpm run test:packages
echo "== size budgets";    pnpm run test:size
echo "== tests (unit + real Chromium)"
report="$(mktemp -d)/vitest.json"
status=0
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json="$report" || status=$?
[ -f "$report" ] && node scripts/summarize-tests.mjs "$report"
exit "$status"
