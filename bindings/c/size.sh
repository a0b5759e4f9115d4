#!/usr/bin/env bash
# Size of the Rust part of the C library on Cortex-M, per format set and API configuration, from the linker map,
# and the gate on it: fails (exit 1) when a figure passes its budget (or, for a budget not met yet, the ceiling it is
# held at; the GATES table below, SIZE.md).
#
# Builds libucifi_c for thumbv7em-none-eabihf (Cortex-M4F) and thumbv6m-none-eabi (Cortex-M0) with the workspace's
# `min` profile (opt-level "z", fat LTO, codegen-units 1, panic = "abort"; --crate-type staticlib so LTO applies),
# once per format set (ucifi-ffi features, below), links four probe programs (size/probe_*.c: decode only, encode
# only (the writer, finish_fit included), codec (decode + encode without the LoRaWAN helpers), every function) with
# arm-none-eabi-gcc -Os -nostdlib --gc-sections --emit-relocs, and sums the input sections the map attributes to
# libucifi_c.a (size/size_report.py): code (.text, with compiler_builtins shown apart), registry tables (.rodata
# reachable from the object table), other .rodata. Also the TLV codec with other object sets (UCIFI_OBJECTS) and with
# the registry's texts. Prints Markdown tables and the gates; --json prints the raw figures.
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
  echo "missing arm-none-eabi-gcc: cargo xtask bootstrap c (gcc-arm-none-eabi libnewlib-arm-none-eabi)" >&2
  exit 1
}

# The "all" probe must keep every function the header declares.
missing=$(grep -oE '^(ucifi_result |const char \*|bool )ucifi_[a-z_]+' include/ucifi.h | grep -oE 'ucifi_[a-z_]+$' | sort -u |
  while read -r fn; do grep -q "KEEP($fn)" size/probe_all.c || echo "$fn"; done)
if [ -n "$missing" ]; then
  echo "size/probe_all.c does not keep: $missing" >&2
  exit 1
fi

declare -A CPU=(
  [thumbv7em-none-eabihf]="-mcpu=cortex-m4 -mfloat-abi=hard -mfpu=fpv4-sp-d16"
  [thumbv6m-none-eabi]="-mcpu=cortex-m0 -mfloat-abi=soft"
)
# Format sets (ucifi-ffi features; firmware builds: no std, so no registry-names, no tlv-fast, no senml-fast): every
# format, every format but plain text, the set of the size goal (TLV + SenML-CBOR + LwM2M-CBOR), TLV alone. Each is
# built with the default object set (58 objects: LwM2M core 0-7, uCIFI, the IPSO objects uCIFI reuses).
SETS=(all-formats tlv,senml-cbor,lwm2m-cbor,single tlv,senml-cbor,lwm2m-cbor tlv)
# Object sets (UCIFI_OBJECTS, core/src/registry/select.rs), built with TLV alone on Cortex-M4F: the 47 uCIFI objects,
# two objects, none (the model-less build); and the default set with the registry's texts (feature registry-names).
MODELS=("ucifi" "3424,3411" "none" "names")
ROWS=()

# One library: build, copy, link the probes, report. Args: target, features, object set (UCIFI_OBJECTS or "" for the
# default), label, probe configurations.
measure() {
  local target=$1 features=$2 objects=$3 label=$4
  shift 4
  if [ -n "$objects" ]; then
    UCIFI_OBJECTS=$objects cargo rustc --quiet --profile min --target "$target" -p ucifi-ffi --no-default-features \
      --features "$features" --crate-type staticlib
  else
    env -u UCIFI_OBJECTS cargo rustc --quiet --profile min --target "$target" -p ucifi-ffi --no-default-features \
      --features "$features" --crate-type staticlib
  fi
  local name="$target-${label//,/+}" # no commas: -Wl, would split the map file name
  local lib="$OUT/$name.a"
  cp "$TARGET_DIR/$target/min/libucifi_c.a" "$lib"
  local config elf figures
  for config in "$@"; do
    elf="$OUT/$name-$config.elf"
    # shellcheck disable=SC2086 # CPU flags are words
    arm-none-eabi-gcc -mthumb ${CPU[$target]} -Os -ffunction-sections -fdata-sections -std=c99 -Wall -Wextra -Werror \
      -I"$C_DIR/include" -nostdlib -nostartfiles -Wl,-e,probe_entry -Wl,--gc-sections -Wl,--emit-relocs \
      -Wl,--no-warn-rwx-segments -Wl,--no-warn-execstack -Wl,-Map="$elf.map" "size/probe_$config.c" "$lib" -o "$elf"
    figures=$(python3 size/size_report.py "$(basename "$lib")" "$elf" "$elf.map")
    ROWS+=("$target $label $config $figures")
  done
}

for target in thumbv7em-none-eabihf thumbv6m-none-eabi; do
  for set in "${SETS[@]}"; do
    measure "$target" "$set" "" "$set" decode encode codec all
  done
done
for model in "${MODELS[@]}"; do
  if [ "$model" = names ]; then
    measure thumbv7em-none-eabihf tlv,registry-names "" "tlv@names" codec
  else
    measure thumbv7em-none-eabihf tlv "$model" "tlv@$model" codec
  fi
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
MODEL_NAMES = {
    "ucifi": "the 47 uCIFI objects (UCIFI_OBJECTS=ucifi)",
    "3424,3411": "two objects (UCIFI_OBJECTS=3424,3411)",
    "none": "none: model-less (UCIFI_OBJECTS=none)",
    "names": "default set with registry-names",
}
# The gates: (target, format set, configuration, figure, budget, ceiling). A figure over its budget fails unless a
# ceiling is given: the budget is not met yet, and the figure is held at the ceiling (the figure recorded in SIZE.md
# plus a little room), so it cannot grow unnoticed. Lower a ceiling when a change brings the figure down.
GATES = [
    ("thumbv7em-none-eabihf", "tlv,senml-cbor,lwm2m-cbor", "codec", "code", 8 * 1024, 26_260),
    ("thumbv6m-none-eabi", "tlv,senml-cbor,lwm2m-cbor", "codec", "code", 9 * 1024, 28_400),
    ("thumbv7em-none-eabihf", "tlv", "codec", "code", 3 * 1024, 4_330),
    ("thumbv6m-none-eabi", "tlv", "codec", "code", 3 * 1024, 4_250),
    ("thumbv7em-none-eabihf", "tlv@ucifi", "codec", "tables", 4 * 1024, None),
    ("thumbv7em-none-eabihf", "tlv", "codec", "tables", 4 * 1024, None),
    # Two objects cost their own resources only: 3424 (17 resources) and 3411 (below 40): 2 x 12 + 3 per resource.
    ("thumbv7em-none-eabihf", "tlv@3424,3411", "codec", "tables", 200, None),
    ("thumbv7em-none-eabihf", "tlv@none", "codec", "tables", 0, None),
]
rows, by_key = [], {}
for row in sys.argv[1:]:
    target, label, config, figures = row.split(" ", 3)
    f = json.loads(figures)
    if not label.endswith("@none"):
        assert f["tables_found"], "registry tables not found in " + target + " " + label + " " + config
    rows.append((target, label, config, f))
    by_key[(target, label, config)] = f
n = lambda x: format(x, ",")
print("| target | formats | configuration | .text (code) | of which compiler_builtins | registry tables (.rodata) | other .rodata |")
print("|---|---|---|---:|---:|---:|---:|")
for target, label, config, f in rows:
    if "@" in label:
        continue
    print("| %s | %s | %s | %s B | %s B | %s B | %s B |" % (target, NAMES.get(label, label), config, n(f["code"]),
          n(f["code_builtins"]), n(f["tables"]), n(f["rodata_other"])))
print()
print("Object sets (TLV codec, thumbv7em-none-eabihf):")
print()
print("| objects | registry tables (.rodata) | .text (code) | other .rodata |")
print("|---|---:|---:|---:|")
default = by_key[("thumbv7em-none-eabihf", "tlv", "codec")]
print("| default set (58 objects), no texts | %s B | %s B | %s B |" % (n(default["tables"]), n(default["code"]),
      n(default["rodata_other"])))
for target, label, config, f in rows:
    if "@" in label:
        print("| %s | %s B | %s B | %s B |" % (MODEL_NAMES[label.split("@")[1]], n(f["tables"]), n(f["code"]),
              n(f["rodata_other"])))
for target, label, config, f in rows:
    if target == "thumbv7em-none-eabihf" and config == "codec" and label in ("tlv,senml-cbor,lwm2m-cbor", "tlv"):
        print()
        print("thumbv7em-none-eabihf, formats: %s, %s: .text by module" % (NAMES[label], config))
        print()
        print("| module | .text |")
        print("|---|---:|")
        for name, size in f["code_by_module"].items():
            print("| %s | %s B |" % (name, n(size)))
print()
print("Gates:")
print()
failed = []
for target, label, config, figure, budget, ceiling in GATES:
    value = by_key[(target, label, config)][figure]
    if value <= budget:
        status = "met (budget %s B)" % n(budget)
    elif ceiling is not None and value <= ceiling:
        status = "NOT MET: budget %s B; held at %s B" % (n(budget), n(ceiling))
    else:
        status = "FAIL: over %s B" % n(budget if ceiling is None else ceiling)
        failed.append(status)
    print("- %s, %s, %s, %s: %s B: %s" % (target, label, config, figure, n(value), status))
if failed:
    print()
    print("size gate failed: %d figure(s) over their limit" % len(failed))
    sys.exit(1)
PY
