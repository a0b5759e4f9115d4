#!/usr/bin/env bash
# Bulk-decode benchmark: uplinks per second of `ucifi decode --tts` on one core, for a synthetic export of N uplinks
# (make_export.py: about 1 KB of TTS envelope around a 51-byte TLV frame of ten records), to NDJSON, CSV and
# Parquet, plain and gzip. Each figure is the best of 3 runs in CPU time (user + system of the ucifi process: it is
# single-threaded, so this is what one core does, and it holds on a loaded machine where wall time does not).
# Usage: bindings/cli/bench/bulk.sh [N]        (default 200000; writes into target/bulk-bench/)
set -euo pipefail
cd "$(dirname "$0")/../../.."
N="${1:-200000}"
DIR=target/bulk-bench
mkdir -p "$DIR"
cargo build -q --release -p ucifi-cli
UCIFI=target/release/ucifi
if [ ! -f "$DIR/export-$N.ndjson" ]; then
  python3 bindings/cli/bench/make_export.py "$N" "$DIR/export-$N.ndjson"
  gzip -c -1 "$DIR/export-$N.ndjson" > "$DIR/export-$N.ndjson.gz"
fi
ln -sf "export-$N.ndjson" "$DIR/export.ndjson"
ln -sf "export-$N.ndjson.gz" "$DIR/export.ndjson.gz"
printf 'export: %d uplinks, %d bytes (%d gzip)\n' "$N" "$(stat -L -c %s "$DIR/export.ndjson")" \
  "$(stat -L -c %s "$DIR/export.ndjson.gz")"

best() {   # best CPU time (user + system) of 3 runs of "$@", in seconds (stdout discarded)
  python3 - "$@" <<'PY'
import resource, subprocess, sys
times = []
for _ in range(3):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
print(min(times))
PY
}

for case in "ndjson:$DIR/export.ndjson:-" "ndjson-gz:$DIR/export.ndjson.gz:-" \
            "csv:$DIR/export.ndjson:$DIR/rows.csv" "parquet:$DIR/export.ndjson:$DIR/rows.parquet"; do
  IFS=: read -r name input out <<<"$case"
  t=$(best "$UCIFI" decode --tts "$input" --out "$out")
  python3 -c "import sys; n,t=int(sys.argv[1]),float(sys.argv[2]); print(f'{sys.argv[3]:>10}: {t:6.3f} CPU s  {n/t/1000:7.1f} k uplinks per CPU second')" "$N" "$t" "$name"
done
