#!/usr/bin/env bash
# `npm run demo`: installs everything (Node 20 + npm are enough), starts the api.video emulator with its
# control API, and serves the demo (a Storybook of live scenarios) pointed at it. Ctrl-C stops both.
#
#   bash scripts/demo.sh            # Storybook dev server (hot reload)
#   bash scripts/demo.sh --static   # static build (apps/demo/dist) served by `vite preview`
#
# Environment: EMULATOR_PORT (4010), DEMO_PORT (6006), DEMO_HOST (127.0.0.1), DEMO_SKIP_INSTALL=1.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=dev
case "${1:-}" in
  '') ;;
  --static) mode=static ;;
  -h | --help)
    # The comment block under the shebang, up to the first line of code.
    sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"
    exit 0
    ;;
  *)
    echo "unknown option: $1 (try --help)" >&2
    exit 2
    ;;
esac

emulator_port="${EMULATOR_PORT:-4010}"
demo_port="${DEMO_PORT:-6006}"
demo_host="${DEMO_HOST:-127.0.0.1}"
emulator_url="http://127.0.0.1:${emulator_port}"
demo_url="http://${demo_host}:${demo_port}"
pnpm() { bash scripts/pnpm.sh "$@"; }

# The demo runs offline: Storybook must not phone home.
export STORYBOOK_DISABLE_TELEMETRY=1
# Read by Vite when the dev server starts or the build runs: how the demo finds the emulator.
export VITE_EMULATOR_URL="$emulator_url"

if [[ "${DEMO_SKIP_INSTALL:-}" != 1 ]]; then
  echo "== install"
  pnpm install --frozen-lockfile
fi

# The emulator's CLI runs from its build (Node 20 cannot run TypeScript); tsc takes a few seconds.
echo "== build the emulator"
pnpm --filter @private-video/emulator run build

if [[ "$mode" == static ]]; then
  echo "== build the demo (apps/demo/dist)"
  pnpm --filter demo run build
fi

# Each background job gets its own process group (job control), so one kill stops it with its children.
set -m
pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -f "${emulator_log:-}"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Waits until a URL answers (any HTTP status); fails once process $2 has exited, or after 60 s. Each try
# has its own timeout: a server that accepts connections but never answers would otherwise hang it.
wait_for() {
  node -e '
    const [url, pid] = process.argv.slice(1);
    const deadline = Date.now() + 60_000;
    const alive = () => { try { process.kill(Number(pid), 0); return true; } catch { return false; } };
    (async function poll() {
      try { await fetch(url, { signal: AbortSignal.timeout(2_000) }); process.exit(0); }
      catch { if (!alive() || Date.now() > deadline) process.exit(1); setTimeout(poll, 250); }
    })();' "$1" "$2"
}

# Fails when another process holds the port. Checked before starting: a port held by another server would
# answer `wait_for` below, and the demo would be reported ready just before it fails to start.
port_free() {
  node -e '
    const [port, host] = process.argv.slice(1);
    const server = require("node:net").createServer();
    server.once("error", () => process.exit(1));
    server.listen(Number(port), host, () => server.close(() => process.exit(0)));' "$1" "$2"
}
port_free "$emulator_port" 127.0.0.1 || {
  echo "port $emulator_port is busy: set EMULATOR_PORT to a free one" >&2
  exit 1
}
port_free "$demo_port" "$demo_host" || {
  echo "port $demo_port is busy: set DEMO_PORT to a free one" >&2
  exit 1
}

echo "== start the emulator on $emulator_url"
emulator_log="$(mktemp)"
node packages/emulator/dist/cli.js --port "$emulator_port" --control >"$emulator_log" 2>&1 &
pids+=($!)
# Ready once it says it listens: a URL that answers may be another process holding the port.
for ((tries = 0; ; tries++)); do
  grep -q "listening on $emulator_url" "$emulator_log" && break
  if ! kill -0 "${pids[0]}" 2>/dev/null || ((tries > 300)); then
    cat "$emulator_log" >&2
    echo "the emulator did not start on port $emulator_port (busy? set EMULATOR_PORT)" >&2
    exit 1
  fi
  sleep 0.2
done

echo "== start the demo on $demo_url"
if [[ "$mode" == static ]]; then
  (cd apps/demo && exec node_modules/.bin/vite preview --outDir dist --host "$demo_host" --port "$demo_port" --strictPort) &
else
  (cd apps/demo && exec node_modules/.bin/storybook dev --ci --host "$demo_host" --port "$demo_port" --exact-port \
    --disable-telemetry --no-version-updates --quiet) &
fi
pids+=($!)
wait_for "$demo_url" "${pids[1]}" || {
  echo "the demo did not start on port $demo_port (busy? set DEMO_PORT)" >&2
  exit 1
}

cat <<EOF

  Demo      $demo_url
  Emulator  $emulator_url  (control API: $emulator_url/__emulator/log)

  Ctrl-C stops both.

EOF

# Runs until Ctrl-C, or until either process exits on its own.
while kill -0 "${pids[0]}" 2>/dev/null && kill -0 "${pids[1]}" 2>/dev/null; do sleep 1; done
echo "a process stopped on its own; shutting down" >&2
exit 1
