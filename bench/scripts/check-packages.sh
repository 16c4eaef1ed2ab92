#!/usr/bin/env bash
# publint (strict), Are the Types Wrong (ESM-only profile) and the packed LICENSE / README / CHANGELOG for every
# published package, i.e. every packages/* without "private": true. The caller builds first (`pnpm -r run
# build`): the tools look at the packed tarball, so they see exactly the files users would install.
# Usage: bash bench/scripts/check-packages.sh [package-dir…]   (default: all published packages)
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="$root/bench/node_modules/.bin"
cd "$root"

if [ "$#" -gt 0 ]; then
  dirs=("$@")
else
  dirs=()
  for manifest in packages/*/package.json; do
    if [ "$(node -p "Boolean(require('./$manifest').private)")" = "false" ]; then dirs+=("$(dirname "$manifest")"); fi
  done
fi

failed=()
for dir in "${dirs[@]}"; do
  name="$(node -p "require('$(cd "$dir" && pwd)/package.json').name")"
  echo "== $name ($dir)"
  if [ ! -d "$dir/dist" ]; then
    echo "no dist/ in $dir: build first (pnpm -r run build)"
    failed+=("$name: not built")
    continue
  fi
  # Strict: warnings fail too. --pack npm: lint the files `npm pack` would publish.
  (cd "$dir" && "$bin/publint" --strict --pack npm) || failed+=("$name: publint")
  # These packages ship ESM alone, so a CommonJS `require` resolving to ESM is not a problem; TypeScript's older
  # `moduleResolution: "node"` (node10) is checked: `typesVersions` gives it the subpaths' types.
  (cd "$dir" && "$bin/attw" --pack . --ignore-rules cjs-resolves-to-esm --format table-flipped --no-emoji) ||
    failed+=("$name: attw")
  node bench/scripts/check-pack-files.mjs "$dir" || failed+=("$name: packed files")
done

if [ "${#failed[@]}" -gt 0 ]; then
  printf 'package checks failed:\n' >&2
  printf '  - %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "package checks passed: ${dirs[*]}"
