#!/usr/bin/env bash
# Builds the WASM package from scratch and runs its tests; exits non-zero on any failure.
#
# On a fresh machine it installs what it needs: the rustup wasm32 target (or, when rustup cannot download, Debian's
# rustc-web route with -Zbuild-std), wasm-bindgen-cli 0.2.130, and the npm devDependencies from
# package-lock.json (binaryen@132 for wasm-opt, cbor-x for the bench, typescript for the .d.ts check).
#
# Usage: bindings/wasm/run-tests.sh            (from anywhere)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"
step() { printf '\n==> wasm: %s\n' "$*"; }
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi

step "toolchain"
RUSTUP_ROUTE=0
if timeout 300 rustup target add wasm32-unknown-unknown >/dev/null 2>&1; then
  RUSTUP_ROUTE=1
  export WASM_BUILD="cargo build --profile wasm-release --target wasm32-unknown-unknown"
  export WASM_TARGET_DIR="$ROOT/target"
else
  echo "rustup could not add wasm32-unknown-unknown: using Debian's rustc-web with -Zbuild-std"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends rustc-web rust-web-src rust-web-llvm lld-22 >/dev/null
  export WASM_TARGET_DIR="$ROOT/target-deb"
  export WASM_BUILD="env CARGO_TARGET_DIR=$WASM_TARGET_DIR RUSTC_BOOTSTRAP=1 RUSTC=/usr/bin/rustc /usr/bin/cargo build --profile wasm-release --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort"
fi
# No --locked: the index here lacks a crate version its lock file names (TOOLCHAIN.md §1.3).
wasm-bindgen --version 2>/dev/null | grep -q ' 0\.2\.130' || cargo install wasm-bindgen-cli --version 0.2.130
command -v node >/dev/null && command -v npm >/dev/null || {
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq nodejs npm >/dev/null
}
node --version
# package.json pins cbor-extract (cbor-x's native part) to a release whose per-platform packages are all published,
# so that the lock file is complete and `npm ci` installs exactly it.
(cd "$HERE" && npm ci --no-audit --no-fund)

if [ "$RUSTUP_ROUTE" = 1 ]; then
  step "format and lints (wasm32)"
  cargo fmt -p ucifi-wasm -- --check
  cargo clippy -p ucifi-wasm --target wasm32-unknown-unknown -- -D warnings
fi

step "build: wasm32, wasm-bindgen (nodejs, web), wasm-opt -Oz"
bash "$HERE/build.sh"

if [ "$RUSTUP_ROUTE" = 1 ]; then
  # The module of the rustup route (the Debian route builds std from source, whose size differs). BENCH.md: 418,107
  # bytes at opt-level z (third pass); the ceiling leaves about 1 % for growth, and goes down with the module.
  step "size gate: ucifi_wasm_bg.wasm at most 422,000 bytes"
  raw=$(wc -c < "$HERE/pkg/node/ucifi_wasm_bg.wasm")
  echo "ucifi_wasm_bg.wasm: $raw bytes"
  [ "$raw" -le 422000 ] || { echo "over the ceiling: see bindings/wasm/BENCH.md, 'Size of the module'" >&2; exit 1; }
fi

step "tests: every vectors/ case, the API, TS013, the npm tarball"
cd "$HERE"
node --test test/*.test.cjs

step "bench smoke run (figures: node bench/decode.mjs)"
node bench/decode.mjs 0.05 >/dev/null

printf '\nwasm: all tests passed\n'
