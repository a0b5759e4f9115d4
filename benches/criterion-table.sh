#!/usr/bin/env bash
# Prints the criterion results of the last `cargo bench -p ucifi-benches` runs (`--bench tlv`, `--bench formats`) as a table:
# median ns per call (from each bench's new/estimates.json) and MB/s (10^6 bytes per second) at that median.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir=${CARGO_TARGET_DIR:-$root/target}/criterion
[[ -d "$dir" ]] || { echo "criterion-table.sh: no $dir; run the bench first" >&2; exit 1; }
printf '%-46s %7s %12s %9s\n' bench bytes "median ns" "MB/s"
find "$dir" -path '*/new/benchmark.json' | sort | while read -r meta; do
    est=${meta%benchmark.json}estimates.json
    id=$(jq -r .full_id "$meta")
    bytes=$(jq -r '.throughput.Bytes // 0' "$meta")
    ns=$(jq -r .median.point_estimate "$est")
    awk -v id="$id" -v b="$bytes" -v ns="$ns" \
        'BEGIN { printf "%-46s %7d %12.1f %9.1f\n", id, b, ns, (ns > 0 ? b * 1000 / ns : 0) }'
done
