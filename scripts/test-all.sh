#!/usr/bin/env bash
# Runs every test of the project on a fresh machine: installs what it needs, then checks formatting, lints,
# generated-file drift, the vectors, every crate's tests, the no_std build for Cortex-M and the allocation-free benches.
# Usage: scripts/test-all.sh            (from anywhere; CI calls it through .ci/run)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
step() { printf '\n==> %s\n' "$*"; }

if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi

step "toolchain"
cargo --version
rustup component add rustfmt clippy >/dev/null 2>&1 || true
THUMB_BUILD=""
if timeout 300 rustup target add thumbv7em-none-eabihf thumbv6m-none-eabi >/dev/null 2>&1; then
  THUMB_BUILD="cargo build"
else
  # No rustup download here: Debian's Rust builds core from source (-Zbuild-std).
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends rustc-web rust-web-src rust-web-llvm >/dev/null
  THUMB_BUILD="env CARGO_TARGET_DIR=$ROOT/target-deb RUSTC_BOOTSTRAP=1 RUSTC=/usr/bin/rustc /usr/bin/cargo build -Zbuild-std=core,alloc"
fi
command -v valgrind >/dev/null || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq valgrind >/dev/null; }

step "the repository stands on its own: no tracked file names a path outside it"
scripts/check-self-contained.sh

step "no two source files of a crate import each other (scripts/check-use-cycles.py)"
python3 scripts/check-use-cycles.py

step "format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --all-features -- -D warnings
cargo clippy -p ucifi-codec --no-default-features -- -D warnings
# Per-format features (what a firmware build picks): every format without std, each format alone, the size goal's set;
# with alloc, the randomized unit tests compile too (with and without tlv-fast).
for formats in all-formats tlv senml-cbor senml-json lwm2m-cbor single text alloc tlv,senml-cbor,lwm2m-cbor \
               all-formats,alloc all-formats,senml-json tlv,alloc tlv,tlv-fast,alloc all-formats,registry-names std ddf; do
  cargo clippy -q -p ucifi-codec --all-targets --no-default-features --features "$formats" -- -D warnings
done

step "generated files are up to date; vectors agree with the independent Python checkers"
cargo run -q -p ucifi-codegen -- --check   # the tables from core/codegen/registry.json
# The checkers run in their own venv (Debian's system Python refuses `pip install`); cbor2 is pinned because its
# well-formedness verdicts are compared with ours.
if [ ! -x target/venv-tools/bin/python ] && ! python3 -m venv target/venv-tools 2>/dev/null; then
  rm -rf target/venv-tools   # Debian ships venv without ensurepip: python3-venv adds it
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq python3-venv >/dev/null
  python3 -m venv target/venv-tools
fi
TOOLS_PY=target/venv-tools/bin/python
$TOOLS_PY -m pip install --quiet --disable-pip-version-check cbor2==6.3.0
$TOOLS_PY vectors/tools/gen_tlv.py --check
$TOOLS_PY vectors/tools/check_tlv.py
$TOOLS_PY vectors/tools/gen_formats.py --check
$TOOLS_PY vectors/tools/check_formats.py
$TOOLS_PY vectors/fport/gen_fport.py --check
bash fuzz/sample-corpus.sh --check   # the fuzz-corpus sample's recorded outcomes (builds the release CLI)

step "tests (core, registry, CLI; every vectors/ case)"
# The vectors are the contract of the default registry (registry-full knows more objects, e.g. /13).
cargo test -p ucifi-codec -p ucifi-codegen -p ucifi-cli -p ucifi-ffi -p ucifi-exports
cargo test -p ucifi-codec --features registry-full,serde --lib
cargo test -p ucifi-codec --features registry-full,serde --doc
cargo test -p ucifi-codec --no-default-features --features all-formats --lib
cargo test -p ucifi-codec --no-default-features --features alloc,all-formats --lib
cargo test -p ucifi-codec --no-default-features --features alloc,all-formats,senml-json --lib
# Each format alone (a format left out answers UNKNOWN_FORMAT: core/src/format/tests.rs), and none at all.
for formats in tlv senml-cbor senml-json lwm2m-cbor single text ""; do
  cargo test -q -p ucifi-codec --no-default-features --features "$formats" --lib
done

step "no_std: core for Cortex-M4F and Cortex-M0 (no alloc, no std): every format, and the size goal's three"
$THUMB_BUILD -p ucifi-codec --no-default-features --features all-formats --release --target thumbv7em-none-eabihf
$THUMB_BUILD -p ucifi-codec --no-default-features --features all-formats --release --target thumbv6m-none-eabi
$THUMB_BUILD -p ucifi-codec --no-default-features --features tlv,senml-cbor,lwm2m-cbor --release --target thumbv7em-none-eabihf

step "C API: generated headers; C tests (static, shared, valgrind, ASan/UBSan, pkg-config, CMake); firmware under QEMU (M4F, M0; stack gated); size per format set (gated)"
bindings/c/gen-header.sh --check      # installs cbindgen 0.29.4 if missing
bindings/c/run-tests.sh
if [ "$THUMB_BUILD" = "cargo build" ]; then   # the firmware scripts need the rustup thumb targets
  if ! command -v arm-none-eabi-gcc >/dev/null || ! command -v qemu-system-arm >/dev/null; then
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm >/dev/null
  fi
  bindings/c/firmware/run.sh
  bindings/c/size.sh
else
  echo "firmware run skipped: no rustup thumb targets on this machine (Debian route builds core only)"
fi

step "WASM: npm package (wasm-bindgen 0.2.130, wasm-opt -Oz), every vectors/ case in Node, TS013, npm pack + install"
bash bindings/wasm/run-tests.sh
step "WASM playground in a real browser (Debian chromium + playwright-core): records, error offsets, re-encode, objects"
bash bindings/wasm/playground/run-tests.sh

step "JS formatter: engine drift, every vectors/ case in QuickJS-NG and Duktape against the WASM package, ES5.1, 40,960 bytes, exports"
bash bindings/js-formatter/run-tests.sh

step "Python: fresh venv, pip install ./bindings/python (abi3 wheel via maturin), every vectors/ case, Arrow batches, TTS/ChirpStack readers, Dask, stubtest"
bash bindings/python/run-tests.sh

step "fuzz smoke: every decoder, the round trips and the C API, seeded from vectors/, on a 128 KB stack"
FUZZ_SECONDS="${FUZZ_SECONDS:-15}" bash fuzz/smoke.sh

step "benches run once each and find zero allocations"
cargo test -p ucifi-benches --benches --release
if [ -x benches/callgrind.sh ] || [ -f benches/callgrind.sh ]; then
  bash benches/callgrind.sh
fi

step "the main job: decode a uCIFI water-meter frame"
cargo run -q --release -p ucifi-cli -- decode --format tlv --path /3424 \
  080020c401449a5000c4040012d644c10900c10a00c10b01e4158e6b041800e1179a00 >/dev/null

printf '\nall tests passed\n'
