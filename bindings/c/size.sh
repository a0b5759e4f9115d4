#!/usr/bin/env bash
# Size of the Rust part of the C library on Cortex-M, per format set and API configuration, from the linker map.
#
# Builds libucifi_c for thumbv7em-none-eabihf (Cortex-M4F) and thumbv6m-none-eabi (Cortex-M0) with the workspace's
# `min` profile (opt-level "z", fat LTO, codegen-units 1, panic = "abort"; --crate-type staticlib so LTO applies),
# once per format set (ucifi-ffi features, below), links four probe programs (size/probe_*.c: decode only, encode
# only (the writer, finish_fit included), codec (decode + encode without the LoRaWAN helpers), every function) with
# arm-none-eabi-gcc -Os -nostdlib --gc-sections --emit-relocs, and sums the input sections the map attributes to
# libucifi_c.a (size/size_report.py): code (.text, with compiler_builtins shown apart), registry tables (.rodata
# reachable from the object table), other .rodata. Prints Markdown tables; --json prints the raw figures.
set -euo pipefail
cd "$(dirname "$0")"
C_DIR=$PWD
ROOT=$(cd ../.. && pwd)
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
OUT=$TARGET_DIR/ucifi-size
mkdir -p "$OUT"
JSON=0
[ "${1:-}" = --json ] && JSON=1

command -v arm-none-eabi-gcc >/dev/null || {
  echo "missing arm-none-eabi-gcc: apt-get install --no-install-recommends gcc-arm-none-eabi libnewlib-arm-none-eabi" >&2
  exit 1
}

# The "all" probe must keep every function the header declares.
missing=$(grep -oE '^(ucifi_result |const char \*)ucifi_[a-z_]+' include/ucifi.h | grep -oE 'ucifi_[a-z_]+$' | sort -u |
  while read -r fn; do grep -q "KEEP($fn)" size/probe_all.c || echo "$fn"; done)
if [ -n "$missing" ]; then
  echo "size/probe_all.c does not keep: $missing" >&2
  exit 1
fi

declare -A CPU=(
  [thumbv7em-none-eabihf]="-mcpu=cortex-m4 -mfloat-abi=hard -mfpu=fpv4-sp-d16"
  [thumbv6m-none-eabi]="-mcpu=cortex-m0 -mfloat-abi=soft"
)
# Format sets (ucifi-ffi features): every format (the default), every format but plain text, the set of the
# DESIGN.md size goal (TLV + SenML-CBOR + LwM2M-CBOR), TLV alone.
SETS=(all-formats tlv,senml-cbor,lwm2m-cbor,single tlv,senml-cbor,lwm2m-cbor tlv)
ROWS=()
for target in thumbv7em-none-eabihf thumbv6m-none-eabi; do
  for set in "${SETS[@]}"; do
    cargo rustc --quiet --profile min --target "$target" -p ucifi-ffi --no-default-features --features "$set" \
      --crate-type staticlib
    name="$target-${set//,/+}" # no commas: -Wl, would split the map file name
    lib="$OUT/$name.a"
    cp "$TARGET_DIR/$target/min/libucifi_c.a" "$lib"
    for config in decode encode codec all; do
      elf="$OUT/$name-$config.elf"
      # shellcheck disable=SC2086 # CPU flags are words
      arm-none-eabi-gcc -mthumb ${CPU[$target]} -Os -ffunction-sections -fdata-sections -std=c99 -Wall -Wextra -Werror \
        -I"$C_DIR/include" -nostdlib -nostartfiles -Wl,-e,probe_entry -Wl,--gc-sections -Wl,--emit-relocs \
        -Wl,--no-warn-rwx-segments -Wl,--no-warn-execstack -Wl,-Map="$elf.map" "size/probe_$config.c" "$lib" -o "$elf"
      figures=$(python3 size/size_report.py "$(basename "$lib")" "$elf" "$elf.map")
      ROWS+=("$target $set $config $figures")
    done
  done
done

if [ "$JSON" = 1 ]; then
  printf '%s\n' "${ROWS[@]}"
  exit 0
fi
python3 - "${ROWS[@]}" <<'PY'
import json, sys
NAMES = {
    "all-formats": "all",
    "tlv,senml-cbor,lwm2m-cbor,single": "all but text",
    "tlv,senml-cbor,lwm2m-cbor": "TLV + SenML-CBOR + LwM2M-CBOR",
    "tlv": "TLV",
}
rows = []
for row in sys.argv[1:]:
    target, formats, config, figures = row.split(" ", 3)
    f = json.loads(figures)
    assert f["tables_found"], "registry tables not found in " + target + " " + formats + " " + config
    rows.append((target, formats, config, f))
n = lambda x: format(x, ",")
print("| target | formats | configuration | .text (code) | of which compiler_builtins | registry tables (.rodata) | other .rodata |")
print("|---|---|---|---:|---:|---:|---:|")
for target, formats, config, f in rows:
    print("| %s | %s | %s | %s B | %s B | %s B | %s B |" % (target, NAMES.get(formats, formats), config, n(f["code"]),
          n(f["code_builtins"]), n(f["tables"]), n(f["rodata_other"])))
for target, formats, config, f in rows:
    if target == "thumbv7em-none-eabihf" and (formats, config) in (("all-formats", "all"), ("tlv,senml-cbor,lwm2m-cbor", "codec"), ("tlv", "codec")):
        print()
        print("thumbv7em-none-eabihf, formats: %s, %s: .text by module" % (NAMES[formats], config))
        print()
        print("| module | .text |")
        print("|---|---:|")
        for name, size in f["code_by_module"].items():
            print("| %s | %s B |" % (name, n(size)))
PY
