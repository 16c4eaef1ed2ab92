#!/usr/bin/env bash
# `npm run bench`: installs what it needs (like `npm test`), then runs the benchmarks in real Chromium
# against the emulator (see bench/README.md). Environment: BENCH_SKIP_INSTALL=1, and bench's own knobs
# (BENCH_ONLY, BENCH_STARTUP_ROUNDS, BENCH_FALLBACK_ROUNDS, BENCH_RESULTS_DIR, CHROMIUM_PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
pnpm() { bash scripts/pnpm.sh "$@"; }

if [[ "${BENCH_SKIP_INSTALL:-}" != 1 ]]; then
  bash scripts/ensure-system.sh
  pnpm install --frozen-lockfile
fi
pnpm --filter bench run bench
