#!/usr/bin/env bash
# Browser test of the playground (bindings/wasm/playground): Debian's chromium (apt, no browser download) driven by
# playwright-core (pinned in package-lock.json), against the web build of the WASM package served on 127.0.0.1.
# Builds the package when pkg/web is missing (bindings/wasm/run-tests.sh installs the toolchain for that).
#
# Usage: bindings/wasm/playground/run-tests.sh [--screenshot FILE.png]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
WASM="$(cd "$HERE/.." && pwd)"
step() { printf '\n==> playground: %s\n' "$*"; }
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi

step "chromium (Debian package) and playwright-core"
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
"${CHROMIUM:-/usr/bin/chromium}" --version
(cd "$HERE" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)

if [ ! -f "$WASM/pkg/web/ucifi_wasm_bg.wasm" ]; then
  step "web build of the WASM package"
  (cd "$WASM" && npm ci --no-audit --no-fund && bash build.sh)
fi

step "browser test"
cd "$HERE"
node test.mjs "$@"
