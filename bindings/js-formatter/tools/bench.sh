#!/usr/bin/env bash
# Size and time per uplink of the generated formatters (the figures of BENCH.md). Not a test: it prints numbers.
# Times are CPU time (user + system) where the machine is shared: the wall clock counts other processes too.
#
#   fresh runtime, QuickJS-NG: qjs-runner bench (a new rquickjs Runtime and full Context, the file evaluated as
#     ChirpStack's ES module, decodeUplink, JSON.stringify), N runs
#   fresh runtime, Duktape 2.7: `duk --recreate-heap` over N copies of (file + one decodeUplink call): a new heap,
#     compile and decode per copy; the CPU time minus that of N copies of an empty script (process start and heap
#     creation on their own), divided by N
#   further decode, same runtime: qjs-runner warm (5000 calls; CPU time of the run less one fresh uplink, / 5000),
#     and a loop in one duk run (Date.now() around 20000 calls)
#
# With --instructions: instructions executed instead (valgrind's callgrind counts them; they do not depend on what
# else runs on the machine, unlike times): one fresh-runtime uplink in QuickJS-NG (qjs-runner bench ... 1) and in
# Duktape (duk on file + one decodeUplink call), each less the same run with empty-formatter.js; the engine's
# compile alone in Duktape (the file without a call, less an empty file); and a further decode (qjs-runner warm
# with 100 calls less 0, and a duk run with 101 calls less 1, / 100); for QuickJS-NG also the part spent creating
# allocator arenas (arena_new, see instr_arena below). To turn them into time, bench.sh without --instructions gives
# the CPU time of the same runs.
#
# Usage: bindings/js-formatter/tools/bench.sh [N] [--instructions]   (after run-tests.sh has built target/release/*)
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
N=200
INSTRUCTIONS=0
for a in "$@"; do
  case "$a" in
    --instructions) INSTRUCTIONS=1 ;;
    *) N="$a" ;;
  esac
done
UCIFI="$ROOT/target/release/ucifi"
RUNNER="$ROOT/target/release/qjs-runner"
WORK="$ROOT/target/js-formatter/bench"
mkdir -p "$WORK"
"$UCIFI" formatter >"$WORK/tts.js"
"$UCIFI" formatter --objects 3424 >"$WORK/tts-3424.js"
"$UCIFI" formatter --target chirpstack >"$WORK/chirpstack.js"

# The water-meter uplink of the README (16 bytes, TLV, fPort 24), and a 51-byte one: two water-meter instances in
# TLV on fPort 24.
WATER=08000dc40141480000e4158e6553f100
FRAME51=080020c401449a5000c4040012d644c10900c10a00c10b01e4158e6b041800e1179a0008010dc40143bb8000c2041770c10901
[ "$(( ${#FRAME51} / 2 ))" = 51 ] || { echo "FRAME51 is not 51 bytes" >&2; exit 1; }

# A file with a decodeUplink that does nothing: what a fresh runtime costs before any formatter code.
printf 'function decodeUplink(input) { return { data: {}, errors: [], warnings: [] }; }\n' >"$WORK/empty-formatter.js"

printf '%-16s %7s bytes\n' file size
for f in tts tts-3424 chirpstack; do printf '%-16s %7d bytes\n' "$f.js" "$(wc -c <"$WORK/$f.js")"; done

cpu_of() { # command... -> CPU seconds (user + system) of the command
  local TIMEFORMAT='%U %S' t
  t=$( { time "$@" >/dev/null; } 2>&1 | tail -1)
  awk -v t="$t" 'BEGIN { split(t, a, " "); printf "%.6f", a[1] + a[2] }'
}

duk_fresh() { # file hex fport -> ms per uplink over N fresh heaps (CPU time, and the wall clock)
  local call="decodeUplink({bytes: [$(byte_list "$2")], fPort: $3, recvTime: new Date()});"
  { cat "$1"; printf '\nvar __r = %s if (__r.errors.length) throw new Error(__r.errors[0]);\n' "$call"; } >"$WORK/duk-one.js"
  : >"$WORK/duk-empty.js"
  local files=() empty=() i
  for ((i = 0; i < N; i++)); do files+=("$WORK/duk-one.js"); empty+=("$WORK/duk-empty.js"); done
  local t0 t1 c1 c2
  t0=$(date +%s%N)
  c1=$(cpu_of duk --recreate-heap "${files[@]}")
  t1=$(date +%s%N)
  c2=$(cpu_of duk --recreate-heap "${empty[@]}")
  awk -v a="$c1" -v b="$c2" -v w="$((t1 - t0))" -v n="$N" 'BEGIN { printf "CPU %.3f ms per uplink (%.3f ms with heap creation; wall %.3f ms)\n", (a - b) * 1e3 / n, a * 1e3 / n, w / n / 1e6 }'
}

duk_warm() { # file hex fport -> us per further decode
  local m=20000
  { cat "$1"; printf '\nvar b = [%s]; decodeUplink({bytes: b, fPort: %s}); var t = Date.now();\nfor (var i = 0; i < %d; i++) decodeUplink({bytes: b, fPort: %s});\nprint(((Date.now() - t) * 1000 / %d).toFixed(2) + " us per further decode");\n' \
    "$(byte_list "$2")" "$3" "$m" "$3" "$m"; } >"$WORK/duk-warm.js"
  duk "$WORK/duk-warm.js"
}

byte_list() { echo "$1" | sed -E 's/(..)/0x\1,/g; s/,$//'; }

if [ "$INSTRUCTIONS" = 1 ]; then
  command -v valgrind >/dev/null || { echo "bench.sh --instructions needs valgrind (apt-get install valgrind)" >&2; exit 1; }
  instr() { # command... -> instructions executed by the command (callgrind's "Collected")
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
  }
  # QuickJS-NG's arena allocator frees an arena (4 KB of blocks of one size) as soon as its last block is freed: when
  # the live 16-byte blocks fill their arenas exactly while a file compiles, every function compiled creates and
  # frees one again (arena_new, about 1.6 k instructions each). Whether that happens depends on the count of such
  # blocks, which moves with unrelated changes to the file (and with the host's own allocations), so it is shown
  # apart: instructions in arena_new, inclusive.
  instr_arena() { # command... -> "instructions arena_new-instructions"
    local out="$WORK/arena.callgrind" n
    n=$(valgrind --tool=callgrind --callgrind-out-file="$out" "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
    echo "$n $(callgrind_annotate --threshold=100 --inclusive=yes "$out" 2>/dev/null | awk '/arena_new/ { gsub(",", "", $1); if (!x) print $1; x = 1 } END { if (!x) print 0 }')"
  }
  duk_calls() { # file hex fport calls -> a duk script: the file, then `calls` decodeUplink calls
    { cat "$1"; printf '\nvar __b = [%s];\nfor (var __i = 0; __i < %d; __i++) { var __r = decodeUplink({bytes: __b, fPort: %s, recvTime: new Date()}); if (__r.errors.length) throw new Error(__r.errors[0]); }\n' "$(byte_list "$2")" "$4" "$3"; }
  }
  mi() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f M", (a - b) / 1e6 }'; }
  : >"$WORK/empty.js"
  read -r q0 a0 < <(instr_arena "$RUNNER" bench "$WORK/empty-formatter.js" "$WATER" 24 1 --mode chirpstack --no-limit)
  duk_calls "$WORK/empty-formatter.js" "$WATER" 24 1 >"$WORK/duk-i0.js"
  d0=$(instr duk "$WORK/duk-i0.js")
  de=$(instr duk "$WORK/empty.js")
  printf 'instructions (callgrind), less the same run with empty-formatter.js (QuickJS-NG %s, Duktape %s in all)\n' "$q0" "$d0"
  printf '%-16s %-8s %16s %16s %16s %16s\n' file frame "QuickJS-NG fresh" "(in arena_new)" "Duktape fresh" "Duktape compile"
  for spec in "tts $WATER 16B" "tts-3424 $WATER 16B" "chirpstack $WATER 16B" "tts $FRAME51 51B"; do
    set -- $spec
    read -r q a < <(instr_arena "$RUNNER" bench "$WORK/$1.js" "$2" 24 1 --mode chirpstack --no-limit)
    duk_calls "$WORK/$1.js" "$2" 24 1 >"$WORK/duk-i1.js"
    d=$(instr duk "$WORK/duk-i1.js")
    c=$(instr duk "$WORK/$1.js")
    printf '%-16s %-8s %16s %16s %16s %16s\n' "$1.js" "$3" "$(mi "$q" "$q0")" "($(mi "$a" "$a0"))" "$(mi "$d" "$d0")" "$(mi "$c" "$de")"
  done
  w0=$(instr "$RUNNER" warm "$WORK/tts.js" "$FRAME51" 24 0 --mode chirpstack --no-limit)
  w1=$(instr "$RUNNER" warm "$WORK/tts.js" "$FRAME51" 24 100 --mode chirpstack --no-limit)
  duk_calls "$WORK/tts.js" "$FRAME51" 24 1 >"$WORK/duk-w0.js"
  duk_calls "$WORK/tts.js" "$FRAME51" 24 101 >"$WORK/duk-w1.js"
  x0=$(instr duk "$WORK/duk-w0.js")
  x1=$(instr duk "$WORK/duk-w1.js")
  awk -v a="$w0" -v b="$w1" -v c="$x0" -v d="$x1" 'BEGIN { printf "further decode, tts.js, 51 bytes: QuickJS-NG %.1f k, Duktape %.1f k instructions each\n", (b - a) / 1e5, (d - c) / 1e5 }'
  exit 0
fi

echo "== empty-formatter.js (the runtime alone)"
printf '  QuickJS-NG, fresh runtime: '; "$RUNNER" bench "$WORK/empty-formatter.js" "$WATER" 24 "$N" --mode chirpstack
printf '  Duktape 2.7, fresh heap:   '; duk_fresh "$WORK/empty-formatter.js" "$WATER" 24
for f in tts tts-3424 chirpstack; do
  echo "== $f.js, water meter (16 bytes, fPort 24)"
  printf '  QuickJS-NG, fresh runtime: '; "$RUNNER" bench "$WORK/$f.js" "$WATER" 24 "$N" --mode chirpstack
  printf '  Duktape 2.7, fresh heap:   '; duk_fresh "$WORK/$f.js" "$WATER" 24
done
echo "== tts.js, 51-byte frame (fPort 24)"
printf '  QuickJS-NG, fresh runtime: '; "$RUNNER" bench "$WORK/tts.js" "$FRAME51" 24 "$N" --mode chirpstack
printf '  Duktape 2.7, fresh heap:   '; duk_fresh "$WORK/tts.js" "$FRAME51" 24
printf '  QuickJS-NG, same runtime:  '; "$RUNNER" warm "$WORK/tts.js" "$FRAME51" 24 5000 --mode chirpstack
printf '  Duktape 2.7, same heap:    '; duk_warm "$WORK/tts.js" "$FRAME51" 24
