#!/usr/bin/env bash
# CI smoke fuzz: installs cargo-fuzz if missing, seeds the corpus from vectors/, builds every target once, runs each
# for FUZZ_SECONDS (default 20) and exits non-zero on any crash, leak, timeout or out-of-memory (libFuzzer's exit
# code; the crashing input lands in fuzz/artifacts/<target>/).
#
#   fuzz/smoke.sh                        # every target, 20 s each
#   FUZZ_SECONDS=5 fuzz/smoke.sh decode_tlv roundtrip
#
# Toolchain: `cargo +nightly fuzz` when a nightly toolchain is installed, else stable with RUSTC_BOOTSTRAP=1
# (cargo-fuzz passes -Zsanitizer=address; both work).
#
# The targets run with a small stack, FUZZ_STACK_KB (default 128; `ulimit -s`), so that recursion per input byte
# (a stack overflow on a firmware-sized stack) is a crash here too; the binaries are run directly, since cargo
# itself does not run on such a stack.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
FUZZ_SECONDS="${FUZZ_SECONDS:-20}"
FUZZ_STACK_KB="${FUZZ_STACK_KB:-128}"

if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --version 0.13.2
fi
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  fuzz=(cargo +nightly fuzz)
else
  fuzz=(env RUSTC_BOOTSTRAP=1 cargo fuzz)
fi

./seed-corpus.sh
"${fuzz[@]}" build
bin="target/$(rustc -vV | sed -n 's/^host: //p')/release"

targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <("${fuzz[@]}" list)
failed=()
for t in "${targets[@]}"; do
  log="$(mktemp)"
  mkdir -p "corpus/$t" "artifacts/$t"
  if (ulimit -s "$FUZZ_STACK_KB" && ASAN_OPTIONS=detect_odr_violation=0 "$bin/$t" "corpus/$t" \
        -artifact_prefix="artifacts/$t/" -max_total_time="$FUZZ_SECONDS" -timeout=5 -print_final_stats=1) >"$log" 2>&1; then
    stats=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 | sed -E 's/^#([0-9]+)[[:space:]]+DONE[[:space:]]+/\1 runs, /')
    echo "smoke: $t: ok (${stats:-no stats})"
  else
    echo "smoke: $t: FAILED; log tail:" >&2
    tail -40 "$log" >&2
    failed+=("$t")
  fi
  rm -f "$log"
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "smoke: crashes in: ${failed[*]} (inputs in fuzz/artifacts/; reproduce with: (ulimit -s $FUZZ_STACK_KB; fuzz/$bin/<target> <file>))" >&2
  exit 1
fi
echo "smoke: all ${#targets[@]} targets ran ${FUZZ_SECONDS} s each without a crash"
