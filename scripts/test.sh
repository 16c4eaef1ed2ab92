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
# What users install: the packed tarballs in a fresh npm project, type-checked, bundled and played in Chromium.
echo "== consumer smoke (packed tarballs)"; bash scripts/consumer/run.sh
echo "== size budgets";    pnpm run test:size
# Through npm, as the README says to run it: the bench's right answers (one session per private token, no
# request without avh) are checked on every run; its timings and sizes are left to full runs.
echo "== bench checks (sessions + signing coverage)"
bench_results="$(mktemp -d)"
# The report stays quiet unless a check fails: then it says which one, and what it saw.
BENCH_SKIP_INSTALL=1 BENCH_ONLY=sessions,coverage BENCH_RESULTS_DIR="$bench_results" npm run --silent bench \
  >"$bench_results/stdout.txt" || { cat "$bench_results/stdout.txt"; exit 1; }
echo "== tests (unit; real Chromium, Firefox ESR and WebKitGTK)"
reports="$(mktemp -d)"
status=0
pnpm exec vitest run --reporter=default --reporter=./scripts/vitest/flakyReporter.ts --reporter=json \
  --outputFile.json="$reports/vitest.json" || status=$?
echo "== the main cases again with the lowest hls.js and video.js of the peer ranges (core:floor, ~45 s)"
pnpm exec vitest run --config packages/core/vitest.floor.config.ts --reporter=default \
  --reporter="$PWD/scripts/vitest/flakyReporter.ts" --reporter=json --outputFile.json="$reports/floor.json" ||
  status=$?
# Its cases are picked by name (packages/core/vitest.floor.config.ts): one renamed would drop out unseen.
floor_cases=17
[ -f "$reports/floor.json" ] && node -e '
  const report = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
  const ran = report.numPassedTests + report.numFailedTests;
  if (ran < Number(process.argv[2])) {
    console.error(`core:floor ran ${ran} of its ${process.argv[2]} cases: was one renamed?`);
    process.exit(1);
  }' "$reports/floor.json" "$floor_cases" || status=1
summary=()
[ -f "$reports/vitest.json" ] && summary+=("$reports/vitest.json")
[ -f "$reports/floor.json" ] && summary+=(--selection "$reports/floor.json")
[ "${#summary[@]}" -gt 0 ] && node scripts/summarize-tests.mjs "${summary[@]}"
exit "$status"
