#!/usr/bin/env bash
# Consumer smoke test of the published packages: packs core, react, server and emulator as a publish would,
# installs the tarballs with npm in a fresh project outside the repository (so no workspace module can leak
# in), type-checks an app and a Node backend against their .d.ts, bundles the app with esbuild, webpack and
# Vite, builds a Next.js App Router app with Turbopack and with webpack, starts the emulator from the installed
# bin, and plays the bundles and the Next.js pages in Chromium (see smoke.mjs for what is checked).
#
#   bash scripts/consumer/run.sh    # after `bash scripts/pnpm.sh install` and `bash scripts/pnpm.sh -r run build`
#
# Environment: CONSUMER_TARBALLS=DIR (test these four .tgz instead of packing), CONSUMER_KEEP=1 (keep the temp
# dir), CHROMIUM_PATH (/usr/bin/chromium).
set -euo pipefail
export LC_NUMERIC=C # printf's decimal point
cd "$(dirname "$0")/../.."
root="$PWD"
here="$root/scripts/consumer"
packages=(core react server emulator)

case "${1:-}" in
  '') ;;
  -h | --help)
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "unknown option: $1 (try --help)" >&2
    exit 2
    ;;
esac

# Steps and their timings, for the summary; `current` names the step a failure happened in.
now() { echo "${EPOCHREALTIME/[.,]/}"; }
t_start="$(now)"
t_step="$t_start"
current=''
timings=()
step() {
  local t
  t="$(now)"
  [[ -n "$current" ]] && timings+=("$(printf '%-34s %5.1f s' "$current" "$(((t - t_step) / 1000))e-3")")
  t_step="$t"
  current="$1"
  [[ -n "$current" ]] && echo "== $current"
  return 0
}

# Each background job gets its own process group (job control), so one kill stops it with its children.
set -m
work="$(mktemp -d "${TMPDIR:-/tmp}/private-video-consumer.XXXXXX")"
pids=()
show_emulator_log=''
# What the emulator printed after its banner (its errors), or all of it when it never printed the banner.
emulator_output() {
  local after
  if grep -q 'Ctrl-C to stop\.$' "$emulator_log"; then
    after="$(sed -n '/Ctrl-C to stop\.$/,$p' "$emulator_log" | tail -n +2)"
    [[ -n "$after" ]] && printf -- "--- the emulator's output after its banner\n%s\n" "$after"
  else
    printf -- "--- the emulator's output\n"
    tail -n 30 "$emulator_log"
  fi
  return 0
}
finish() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if ((status != 0)); then
    [[ -n "$show_emulator_log" ]] && emulator_output >&2
    echo "consumer smoke test FAILED in step: ${current:-start-up} (exit $status)" >&2
  fi
  if [[ "${CONSUMER_KEEP:-}" == 1 ]]; then echo "kept $work" >&2; else rm -rf "$work"; fi
  exit "$status"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# die MESSAGE [LOG]: the log's last lines say why.
die() {
  [[ -n "${2:-}" ]] && { echo "--- $(basename "$2") (last lines)"; tail -n 30 "$2"; } >&2
  echo "error: $1" >&2
  exit 1
}

for name in "${packages[@]}"; do
  [[ -f "packages/$name/dist/index.js" ]] || die "packages/$name/dist is missing: run bash scripts/pnpm.sh -r run build"
done
[[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]] || die "no Chromium at ${CHROMIUM_PATH:-/usr/bin/chromium} (set CHROMIUM_PATH)"

# The versions the repository itself installs (its lockfile's), read from its node_modules.
version() { node -p "require('$root/$1/node_modules/$2/package.json').version"; }
react="$(version packages/react react)"
react_dom="$(version packages/react react-dom)"
types_react="$(version packages/react @types/react)"
types_react_dom="$(version packages/react @types/react-dom)"
hls="$(version packages/react hls.js)"
videojs="$(version packages/react video.js)"
esbuild="$(version bench esbuild)"
vite="$(version . vite)"
vite_react="$(version apps/demo @vitejs/plugin-react)"
typescript="$(version . typescript)"
types_node="$(version . @types/node)"
playwright="$(version . playwright-core)"
# The repository builds nothing with webpack or Next.js: these are the versions its react README says it checks.
webpack='5.112.2'
ts_loader='9.6.2'
next='16.4.6'

tarballs="$work/tarballs"
mkdir -p "$tarballs"
if [[ -n "${CONSUMER_TARBALLS:-}" ]]; then
  step "copy the tarballs of $CONSUMER_TARBALLS"
  cp "$CONSUMER_TARBALLS"/private-video-*.tgz "$tarballs/"
else
  # pnpm pack turns `workspace:*` into the real version, as `pnpm publish` would. In parallel: ~1.5 s each.
  step "pack ${packages[*]}"
  packing=()
  for name in "${packages[@]}"; do
    (cd "packages/$name" && bash "$root/scripts/pnpm.sh" pack --pack-destination "$tarballs" >"$work/pack-$name.log" 2>&1) &
    packing+=($!)
  done
  for i in "${!packing[@]}"; do
    wait "${packing[$i]}" || die "pnpm pack of ${packages[$i]} failed" "$work/pack-${packages[$i]}.log"
  done
fi
tgz() {
  local file
  file="$(ls "$tarballs"/private-video-"$1"-*.tgz 2>/dev/null)" || die "no tarball of @private-video/$1 in $tarballs"
  echo "$file"
}

step "npm install the tarballs"
core_tgz="$(tgz core)"
react_tgz="$(tgz react)"
server_tgz="$(tgz server)"
emulator_tgz="$(tgz emulator)"
project="$work/project"
mkdir -p "$project"
# `overrides`: react and server depend on @private-video/core by version, which is on no registry; pointing it
# at the tarball keeps npm from ever asking one (and from taking a squatter's package of that name).
# hls.js and video.js are not listed, as the README's install does not list them: npm installs them as
# react's peer dependencies (a bundler resolves both engines' imports), at the repository's versions.
cat >"$project/package.json" <<EOF
{
  "name": "private-video-consumer",
  "private": true,
  "type": "module",
  "dependencies": {
    "@private-video/core": "file:$core_tgz",
    "@private-video/react": "file:$react_tgz",
    "@private-video/server": "file:$server_tgz",
    "@private-video/emulator": "file:$emulator_tgz",
    "react": "$react",
    "react-dom": "$react_dom"
  },
  "devDependencies": {
    "@types/node": "$types_node",
    "@types/react": "$types_react",
    "@types/react-dom": "$types_react_dom",
    "@vitejs/plugin-react": "$vite_react",
    "esbuild": "$esbuild",
    "next": "$next",
    "playwright-core": "$playwright",
    "ts-loader": "$ts_loader",
    "typescript": "$typescript",
    "vite": "$vite",
    "webpack": "$webpack"
  },
  "overrides": { "@private-video/core": "\$@private-video/core", "hls.js": "$hls", "video.js": "$videojs" }
}
EOF
cd "$project"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --prefer-offline >"$work/npm-install.log" 2>&1 ||
  die "npm install failed" "$work/npm-install.log"
# Every @private-video/* must come from a tarball, in one copy: a second core would split the session client.
node -e '
  const { packages } = require("./package-lock.json");
  const ours = Object.entries(packages).filter(([path]) => /(^|\/)@private-video\//.test(path));
  const wrong = ours.filter(([path, entry]) => !path.match(/^node_modules\/@private-video\/[^/]+$/) || !entry.resolved?.startsWith("file:"));
  if (wrong.length > 0 || ours.length !== 4) {
    console.error("@private-video/* not installed once each from the tarballs:", JSON.stringify(ours, null, 2));
    process.exit(1);
  }'
# The engines came as react's peer dependencies, at the versions pinned above.
for engine in "hls.js:$hls" "video.js:$videojs"; do
  installed="$(node -p "require('${engine%%:*}/package.json').version" 2>/dev/null)" || installed='none'
  [[ "$installed" == "${engine#*:}" ]] || die "${engine%%:*} $installed installed as a peer dependency, expected ${engine#*:}" "$work/npm-install.log"
done
bin="$project/node_modules/.bin"
cp -r "$here/app" "$here/next" "$here/node" "$here"/*.mjs "$project/"

# A type error fails the run at the end, not at once: whether the packages work at run time is worth knowing
# as well.
failures=()
typecheck() {
  local what="$1"
  shift
  "$bin/tsc" "$@" && return 0
  echo
  failures+=("tsc: $what")
}
step "tsc: app (bundler resolution)"
typecheck "app (bundler resolution)" -p app/tsconfig.json
step "tsc: backend (nodenext, node16)"
typecheck "backend (nodenext)" -p node/tsconfig.json
typecheck "backend (node16)" -p node/tsconfig.json --module node16 --moduleResolution node16

# Code splitting on, ESM, as an app's bundler does: the engines stay lazy chunks.
step "esbuild: app bundle, backend"
"$bin/esbuild" app/main.tsx --bundle --splitting --format=esm --platform=browser --target=es2022 --minify \
  --define:process.env.NODE_ENV='"production"' --outdir=build/www --metafile=build/meta.json --log-level=warning --log-limit=4
cp app/index.html build/www/
"$bin/esbuild" node/backend.ts node/checks.ts --platform=node --format=esm --target=node20 --outdir=build/node \
  --log-level=warning --log-limit=4

# The same app as webpack 5 builds it (app/webpack.mjs), and as Vite does (app/vite.mjs): smoke.mjs plays each
# bundle.
step "webpack: app bundle"
node app/webpack.mjs
step "vite: app bundle"
node app/vite.mjs

# A Next.js App Router app (next/), as the react README's Next.js section sets it up: built by Turbopack, Next's
# default, and by webpack (`--webpack`), each into its own folder, for smoke.mjs to start and play.
next_build() {
  local builder="$1"
  shift
  step "next build ($builder)"
  (cd next && NEXT_TELEMETRY_DISABLED=1 NEXT_DIST_DIR=".next-$builder" "$bin/next" build "$@" >"$work/next-$builder.log" 2>&1) ||
    die "next build ($builder) failed" "$work/next-$builder.log"
}
next_build turbopack
next_build webpack --webpack

# The app as Vite builds it for an install without video.js (hidden meanwhile): smoke.mjs checks that its
# video.js player fails as `unsupported`, naming it.
step "vite: app bundle without video.js"
mv node_modules/video.js "$work/video.js-hidden"
vite_status=0
node app/vite.mjs without-videojs >"$work/vite-without-videojs.log" 2>&1 || vite_status=$?
mv "$work/video.js-hidden" node_modules/video.js
((vite_status == 0)) || die "vite build without video.js failed" "$work/vite-without-videojs.log"

step "start the emulator (installed bin)"
emulator_log="$work/emulator.log"
show_emulator_log=1
# Port 0: a free port, so runs beside other tests or demos never collide.
"$bin/private-video-emulator" --port 0 --control >"$emulator_log" 2>&1 &
pids+=($!)
emulator_url=''
deadline=$((SECONDS + 20))
# Ready once it says it listens, and where.
until emulator_url="$(sed -n 's/^private-video emulator listening on \(http:[^ ]*\)$/\1/p' "$emulator_log")" &&
  [[ -n "$emulator_url" ]]; do
  kill -0 "${pids[0]}" 2>/dev/null || die "the emulator exited before listening"
  ((SECONDS < deadline)) || die "the emulator did not say it listens within 20 s"
  sleep 0.1
done
echo "   $emulator_url"

step "node backend + Chromium"
# In the background, so that a signal stops it (and its Chromium) through the trap at once.
node smoke.mjs "$emulator_url" &
pids+=($!)
wait "$!"
show_emulator_log=''

step ''
echo
printf 'consumer smoke test: %.1f s (react %s, hls.js %s, video.js %s, typescript %s, esbuild %s, webpack %s, vite %s, next %s)\n' \
  "$((($(now) - t_start) / 1000))e-3" "$react" "$hls" "$videojs" "$typescript" "$esbuild" "$webpack" "$vite" "$next"
printf '  %s\n' "${timings[@]}"
if ((${#failures[@]} > 0)); then
  current="the type checks"
  printf 'failed:\n' >&2
  printf '  - %s (its errors are above)\n' "${failures[@]}" >&2
  exit 1
fi
echo "passed"
