#!/usr/bin/env bash
# The test command of the README (CI calls it through .ci/run): makes sure Rust is there, then runs every suite with
# `cargo xtask test` (xtask/: the bootstrap of the rest, the suites in order, the pinned tool versions).
# Usage: scripts/test-all.sh [SUITE...] [-- ARG...]    (from anywhere; the arguments go to `cargo xtask test`)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cargo >/dev/null && [ -f "$HOME/.cargo/env" ]; then
  . "$HOME/.cargo/env"
fi
if ! command -v cargo >/dev/null; then
  # No Rust here: Debian's (the -web packages are the current release); without rustup, cargo xtask takes the
  # Debian route for the Cortex-M and wasm32 targets (-Zbuild-std).
  echo "no cargo: installing Debian's Rust (rustc-web, cargo-web, rustfmt-web, rust-web-clippy)"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends rustc-web cargo-web rustfmt-web rust-web-clippy >/dev/null
fi
exec cargo xtask test "$@"
