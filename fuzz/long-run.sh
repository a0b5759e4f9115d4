#!/usr/bin/env bash
# The long fuzz run of FUZZING.md (not for CI): every target for RUNS executions (default 10^7) or MAX_SECONDS
# (default 900) whichever comes first, PARALLEL targets at a time (default 2, one per core), -timeout=5, on a stack
# of FUZZ_STACK_KB (default 128; see the smoke run, xtask/src/suites/fuzz.rs).
# Logs go to fuzz/logs/<target>.log; a summary line per target (executions, cov, ft, exec/s, rc) is printed at the end.
# BUILD=size-first fuzzes the size-first build (`--no-default-features`: the code firmware links), its logs
# fuzz/logs/<target>.size-first.log; the corpus and target/ are shared (cargo fuzz build relinks what the build needs).
#
#   fuzz/long-run.sh                       # every target
#   RUNS=1000000 fuzz/long-run.sh decode_tlv decode_text
#   BUILD=size-first fuzz/long-run.sh c_api_decode
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
RUNS="${RUNS:-10000000}"
MAX_SECONDS="${MAX_SECONDS:-900}"
PARALLEL="${PARALLEL:-2}"
FUZZ_STACK_KB="${FUZZ_STACK_KB:-128}"
BUILD="${BUILD:-host}"
case "$BUILD" in
  host) build_args=(); suffix="" ;;
  size-first) build_args=(--no-default-features); suffix=".size-first" ;;
  *) echo "long-run.sh: BUILD is host or size-first, not '$BUILD'" >&2; exit 2 ;;
esac
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then fuzz=(cargo +nightly fuzz); else fuzz=(env RUSTC_BOOTSTRAP=1 cargo fuzz); fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <("${fuzz[@]}" list)
./seed-corpus.sh >/dev/null
"${fuzz[@]}" build ${build_args[@]+"${build_args[@]}"} >/dev/null
bin="target/$(rustc -vV | sed -n 's/^host: //p')/release"
mkdir -p logs
for t in "${targets[@]}"; do mkdir -p "corpus/$t" "artifacts/$t"; done
export RUNS MAX_SECONDS FUZZ_STACK_KB bin suffix BUILD
printf '%s\n' "${targets[@]}" | xargs -P "$PARALLEL" -I{} sh -c \
  '(ulimit -s "$FUZZ_STACK_KB" && ASAN_OPTIONS=detect_odr_violation=0 "$bin/{}" "corpus/{}" -artifact_prefix="artifacts/{}/$BUILD-" -runs="$RUNS" -max_total_time="$MAX_SECONDS" -timeout=5 -print_final_stats=1) > "logs/{}$suffix.log" 2>&1; echo $? > "logs/{}$suffix.rc"' || true
rc=0
for t in "${targets[@]}"; do
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "logs/$t$suffix.log" | tail -1 || true)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "logs/$t$suffix.log" | tail -1)
  secs=$(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "logs/$t$suffix.log" | grep -oE '[0-9]+ second' | grep -oE '[0-9]+' || true)
  cov=$(grep -oE 'cov: [0-9]+' <<<"$done_line" | grep -oE '[0-9]+' || true)
  ft=$(grep -oE 'ft: [0-9]+' <<<"$done_line" | grep -oE '[0-9]+' || true)
  eps=$(grep -oE 'exec/s: [0-9]+' <<<"$done_line" | grep -oE '[0-9]+' || true)
  trc=$(cat "logs/$t$suffix.rc")
  echo "$t: executions=${execs:-?} seconds=${secs:-?} cov=${cov:-?} ft=${ft:-?} exec/s=${eps:-?} rc=$trc"
  [ "$trc" = 0 ] || rc=1
done
exit $rc
