#!/usr/bin/env bash
# Size of the Rust part of the C library on Cortex-M, per API configuration, from the linker map.
#
# Builds libucifi_c for thumbv7em-none-eabihf (Cortex-M4F) and thumbv6m-none-eabi (Cortex-M0) with the workspace's
# `min` profile (opt-level "z", fat LTO, codegen-units 1, panic = "abort"; --crate-type staticlib so LTO applies),
# links three probe programs (size/probe_*.c: decode only, encode only, every function) with arm-none-eabi-gcc -Os
# -nostdlib --gc-sections --emit-relocs, and sums the input sections the map attributes to libucifi_c.a
# (size/size_report.py): code (.text, with compiler_builtins shown apart), registry tables (.rodata reachable from
# the object table), other .rodata. Prints a Markdown table; --json prints the raw figures.
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
ROWS=()
for target in thumbv7em-none-eabihf thumbv6m-none-eabi; do
  cargo rustc --quiet --profile min --target "$target" -p ucifi-ffi --no-default-features --crate-type staticlib
  lib="$TARGET_DIR/$target/min/libucifi_c.a"
  for config in decode encode all; do
    elf="$OUT/$target-$config.elf"
    # shellcheck disable=SC2086 # CPU flags are words
    arm-none-eabi-gcc -mthumb ${CPU[$target]} -Os -ffunction-sections -fdata-sections -std=c99 -Wall -Wextra -Werror \
      -I"$C_DIR/include" -nostdlib -nostartfiles -Wl,-e,probe_entry -Wl,--gc-sections -Wl,--emit-relocs \
      -Wl,--no-warn-rwx-segments -Wl,--no-warn-execstack -Wl,-Map="$elf.map" "size/probe_$config.c" "$lib" -o "$elf"
    figures=$(python3 size/size_report.py libucifi_c.a "$elf" "$elf.map")
    ROWS+=("$target $config $figures")
  done
done

if [ "$JSON" = 1 ]; then
  printf '%s\n' "${ROWS[@]}"
  exit 0
fi
python3 - "${ROWS[@]}" <<'PY'
import json, sys
print("| target | configuration | .text (code) | of which compiler_builtins | registry tables (.rodata) | other .rodata |")
print("|---|---|---:|---:|---:|---:|")
for row in sys.argv[1:]:
    target, config, figures = row.split(" ", 2)
    f = json.loads(figures)
    assert f["anchor_found"], "registry tables not found in " + target + " " + config
    print("| %s | %s | %s B | %s B | %s B | %s B |" % (target, config, format(f["code"], ","), format(f["code_builtins"], ","),
          format(f["tables"], ","), format(f["rodata_other"], ",")))
for row in sys.argv[1:]:
    target, config, figures = row.split(" ", 2)
    if target == "thumbv7em-none-eabihf" and config == "all":
        print()
        print("thumbv7em-none-eabihf, all: .text by module")
        print()
        print("| module | .text |")
        print("|---|---:|")
        for name, size in json.loads(figures)["code_by_module"].items():
            print("| %s | %s B |" % (name, format(size, ",")))
PY
