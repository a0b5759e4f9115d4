#!/usr/bin/env bash
# Instructions per call of the codecs (TLV, SenML-CBOR, LwM2M-CBOR) and of the serde-based SenML peer, counted by
# callgrind on the fixed-iteration harness (benches/src/bin/instructions.rs). Run from anywhere in the workspace:
#
#   bash benches/callgrind.sh                     # table for every operation
#   bash benches/callgrind.sh tlv-decode-device   # only these operations (empty is always measured)
#   bash benches/callgrind.sh large               # the 16 000-record payloads of the duplicate checks (N = 1, 2N = 2)
#   ANNOTATE=tlv-decode-device bash benches/callgrind.sh
#       # profile one operation: build with line tables (separate target dir), keep the out file,
#       # print callgrind_annotate's top functions and lines
#
# Method (DESIGN.md, "Performance and size targets"): for each operation, run the release binary under
# `env -i valgrind --tool=callgrind` with N iterations and with 0, subtract, divide by N; then subtract the
# per-iteration figure of `empty` (loop, black_box and one non-inlined call). Each operation is also run with 2N
# iterations; the table shows both per-call figures and flags any difference (callgrind counts are exact, so they
# should agree to the instruction; the allocating peers, `peer-*`, to within 1 in 10 000 of a call).
set -euo pipefail
shopt -s inherit_errexit

N=${N:-10000}
N2=$((2 * N))
ALL_OPS=(
    tlv-decode-device tlv-decode-ucifi tlv-decode-into-device tlv-decode-into-ucifi tlv-encode-device tlv-encode-ucifi
    senml-decode-device senml-decode-ucifi senml-decode-into-device senml-decode-into-ucifi
    senml-decode-each-device senml-decode-each-ucifi
    senml-encode-device senml-encode-ucifi
    lwm2m-cbor-decode-device lwm2m-cbor-decode-ucifi lwm2m-cbor-decode-into-device lwm2m-cbor-decode-into-ucifi
    lwm2m-cbor-encode-device lwm2m-cbor-encode-ucifi
    peer-ciborium-senml-device peer-ciborium-value-device
)
# The large payloads (benches/src/keys.rs): one call is tens of millions of instructions, so N = 1 and 2N = 2.
LARGE_OPS=()
for format in lwm2m-cbor tlv senml; do
    for order in descending ascending shuffled; do
        LARGE_OPS+=("$format-decode-16000-$order")
    done
done
VALGRIND=${VALGRIND:-/usr/bin/valgrind}

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

command -v "$VALGRIND" >/dev/null || { echo "callgrind.sh: valgrind not found at $VALGRIND" >&2; exit 1; }

annotate=${ANNOTATE:-}
if [[ -n "$annotate" ]]; then
    # Line tables only: same optimisation, so the counts stay comparable; own target dir, so the plain
    # release build is not invalidated.
    export CARGO_PROFILE_RELEASE_DEBUG=line-tables-only
    export CARGO_TARGET_DIR="$root/target/callgrind-lines"
fi

# Build, and take the executable's path from cargo's own report (respects CARGO_TARGET_DIR).
bin=$(cargo build --release -p ucifi-benches --bin instructions --message-format=json-render-diagnostics \
    | jq -r 'select(.reason == "compiler-artifact" and .target.name == "instructions") | .executable')
[[ -x "$bin" ]] || { echo "callgrind.sh: build produced no executable" >&2; exit 1; }

# Negative control: the allocation check must catch an allocating operation (exit status 2).
set +e
"$bin" alloc-control 10 >/dev/null 2>&1
rc=$?
set -e
[[ $rc -eq 2 ]] || { echo "callgrind.sh: alloc-control exited $rc, not 2: the allocation check is broken" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# total_ir OP ITERATIONS [OUTFILE] -> prints the instruction total of one run.
# The count is passed zero-padded to 12 digits, so every run of an operation has the same argv, hence the same
# initial stack layout: otherwise "0" and "10000" shift the stack, and setup code whose cost depends on alignment
# (glibc's memcmp on stack buffers, while building the LwM2M-CBOR inputs) adds a fixed difference that is not per call.
total_ir() {
    local op=$1 n=$2 out=${3:-$tmp/callgrind.out}
    if ! env -i "$VALGRIND" --tool=callgrind --callgrind-out-file="$out" "$bin" "$op" "$(printf '%012d' "$n")" \
        >"$tmp/stdout" 2>"$tmp/stderr"; then
        echo "callgrind.sh: '$op $n' failed:" >&2
        cat "$tmp/stderr" >&2
        exit 1
    fi
    local ir
    ir=$(sed -n 's/^summary: *\([0-9][0-9]*\).*/\1/p' "$out")
    [[ -n "$ir" ]] || ir=$(sed -n 's/^totals: *\([0-9][0-9]*\).*/\1/p' "$out")
    [[ -n "$ir" ]] || { echo "callgrind.sh: no summary in $out" >&2; exit 1; }
    echo "$ir"
}

if [[ -n "$annotate" ]]; then
    out="$root/target/callgrind-lines/callgrind.out.$annotate"
    total_ir "$annotate" "$N" "$out" >/dev/null
    set +o pipefail   # `sort | head` ends sort with SIGPIPE; that is not a failure here
    echo "# $annotate x $N, out file kept at ${out#"$root"/}"
    echo "# (per call = run total / N, setup included, so small one-off items show as fractions)"
    echo "# self instructions per call by function (inlined code counted in its caller), top 15"
    callgrind_annotate --inclusive=no --auto=no --threshold=100 "$out" \
        | awk -v n="$N" '
            /^-+$/ { next }
            /^ *[0-9][0-9,]* +\(/ && /:/ {
                c = $1; gsub(",", "", c)
                fn = $0; sub(/^ *[0-9,]+ +\([ 0-9.%]+\) +/, "", fn); sub(/ \[[^]]*\]$/, "", fn)
                sub(/^[^:]*:/, "", fn)
                cost[fn] += c
            }
            END { for (f in cost) printf "%10.1f  %s\n", cost[f] / n, f }' \
        | sort -rn | head -15
    echo
    echo "# by (inlined) source file and function (self, per call), top 25"
    callgrind_annotate --inclusive=no --auto=no --threshold=100 "$out" \
        | awk -v n="$N" '/^ *[0-9][0-9,]* +\(/ && /:/ {
                c = $1; gsub(",", "", c); l = $0; sub(/^ *[0-9,]+ +\([ 0-9.%]+\) +/, "", l); sub(/ \[[^]]*\]$/, "", l)
                sub(/^\/rustc\/[0-9a-f]+\/library\//, "std:", l)
                if (c / n >= 1) printf "%10.1f  %s\n", c / n, l }' \
        | sort -rn | head -25
    echo
    echo "# hottest lines of core/src (self, per call; code of std inlined there is counted under std), top 25"
    callgrind_annotate --inclusive=no --auto=yes --context=0 --show-percs=no "$out" \
        | awk -v n="$N" '
            /^-- Auto-annotated source: / { f = $4; ln = 0; next }
            /^-- line [0-9]+ -+$/ { ln = $3; next }
            f !~ /^core\/src\// || ln == 0 || /events annotated/ { next }
            {
                c = $1; line = $0
                if (c ~ /^[0-9][0-9,]*$/ && line !~ /^ *[0-9,]+ +=>/) {
                    gsub(",", "", c); sub(/^ *[0-9,]+ +/, "", line)
                    at = (line ~ /^<counts for unidentified/) ? "?" : ln
                    if (c / n >= 5) printf "%10.1f  %s:%s  %s\n", c / n, f, at, substr(line, 1, 90)
                }
                if (line !~ /^ *[0-9,]+ +=>/) ln++
            }' \
        | sort -rn | head -25
    exit 0
fi

# per_call OP ITERATIONS -> instructions of ITERATIONS calls (run with ITERATIONS minus run with 0).
per_call() {
    local op=$1 n=$2 with without
    with=$(total_ir "$op" "$n")
    without=$(total_ir "$op" 0)
    echo "$((with - without))"
}

ops=("$@")
[[ ${#ops[@]} -gt 0 ]] || ops=("${ALL_OPS[@]}")
[[ "${ops[*]}" != large ]] || ops=("${LARGE_OPS[@]}")

empty_n=$(per_call empty "$N")
empty_n2=$(per_call empty "$N2")

# fmt TOTAL ITER -> TOTAL / ITER with 2 decimals.
fmt() { awk -v t="$1" -v n="$2" 'BEGIN { printf "%.2f", t / n }'; }

echo "# instructions per call (callgrind Ir), N = $N (check: 2N = $N2), $(rustc --version)"
printf '%-30s %12s %12s %12s  %s\n' operation gross/call "net/call" "net(2N)" check
printf '%-30s %12s %12s %12s  %s\n' empty "$(fmt "$empty_n" "$N")" - - baseline
status=0
for op in "${ops[@]}"; do
    [[ "$op" == empty ]] && continue
    if [[ "$op" == *-16000-* ]]; then
        # One call is ~10^7 instructions: runs of 1, 2 and 3 calls; per call = 2 calls minus 1, checked against
        # (3 calls minus 1) / 2 (the differences cancel the set-up, the check call and the loop).
        t1=$(total_ir "$op" 1)
        t2=$(total_ir "$op" 2)
        t3=$(total_ir "$op" 3)
        net1=$(fmt "$((t2 - t1))" 1)
        net2=$(fmt "$((t3 - t1))" 2)
        check=ok
        if [[ "$op" == *-shuffled ]]; then
            # These allocate (the records out of order are kept in a vector): malloc's one-off costs may leave
            # the two figures a little apart; accept up to 1 in 10 000.
            awk -v a="$net1" -v b="$net2" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= a / 10000) }' \
                && check="ok (within 1e-4; malloc)" || { check=DIFFERS; status=1; }
        else
            [[ "$net1" == "$net2" ]] || { check=DIFFERS; status=1; }
        fi
        printf '%-30s %12s %12s %12s  %s\n' "$op" - "$net1" "$net2" "$check"
        continue
    fi
    d1=$(per_call "$op" "$N")
    d2=$(per_call "$op" "$N2")
    net1=$(fmt "$((d1 - empty_n))" "$N")
    net2=$(fmt "$((d2 - empty_n2))" "$N2")
    check=ok
    if [[ "$op" == peer-* ]]; then
        # The peers allocate: glibc malloc has one-off costs (malloc_consolidate, the heap settling) that the
        # N-run/0-run difference does not cancel, worth a few instructions per call at N = 10 000 (seen: 1.45 on a
        # call of tens of thousands). Accept up to 1 in 10 000 of a call, at least 1 instruction.
        awk -v a="$net1" -v b="$net2" 'BEGIN { d = a - b; if (d < 0) d = -d; t = a / 10000; if (t < 1) t = 1;
                                               exit !(d <= t) }' \
            && check="ok (within 1e-4; malloc)" || { check=DIFFERS; status=1; }
    else
        [[ "$net1" == "$net2" ]] || { check=DIFFERS; status=1; }
    fi
    printf '%-30s %12s %12s %12s  %s\n' "$op" "$(fmt "$d1" "$N")" "$net1" "$net2" "$check"
done
exit "$status"
