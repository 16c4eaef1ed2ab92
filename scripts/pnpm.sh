#!/usr/bin/env bash
# pnpm without a global install (corepack is not available everywhere): the pinned version through npx.
exec npx -y pnpm@12.21.0 "$@"
