#!/usr/bin/env bash
# Firmware proof: cross-builds libucifi_c (no_std, --profile min, UCIFI_OBJECTS=3424,3416) for Cortex-M4F
# (thumbv7em-none-eabihf) and Cortex-M0 (thumbv6m-none-eabi) with TLV, SenML-CBOR and LwM2M-CBOR, links main.c + startup.c + link.ld with arm-none-eabi-gcc (newlib-nano, rdimon semihosting) and
# runs each image under qemu-system-arm (mps2-an386, microbit). Prints the library's share of each image
# (size/size_report.py). Passes only if the library references no allocator, QEMU exits 0 (main's return value,
# through semihosting), the output shows the expected frame bytes, the round trip and the applied downlinks, and
# the painted-stack measure of every decode stays within STACK_BUDGET.
# Needs: rustup targets thumbv7em-none-eabihf thumbv6m-none-eabi; apt packages gcc-arm-none-eabi
# libnewlib-arm-none-eabi qemu-system-arm (`cargo xtask bootstrap c` installs them; `cargo xtask test c` runs this).
set -euo pipefail
cd "$(dirname "$0")"
C_DIR=$(cd .. && pwd)
ROOT=$(cd ../../.. && pwd)
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
OUT=$TARGET_DIR/ucifi-firmware
mkdir -p "$OUT"

for tool in arm-none-eabi-gcc qemu-system-arm; do
  command -v "$tool" >/dev/null || {
    echo "missing $tool: cargo xtask bootstrap c (gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm)" >&2
    exit 1
  }
done

# Object Instance 0 wrapper (22 bytes follow), then 1234.5 as binary32, 123456 in 4 bytes, true, and 1700000000 under
# the 16-bit id 5518 (worked out by hand from the TLV rules).
EXPECTED="fPort 24: 4 records in 25 of 51 bytes: 08 00 16 c4 01 44 9a 50 00 c4 04 00 01 e2 40 c1 0b 01 e4 15 8e 65 53 f1 00"
# US915 DR0: the volume alone (wrapper with its length 6 in the type byte, then resource 1 with a 4-byte float).
EXPECTED_11="fPort 24: 1 records in 8 of 11 bytes: 06 00 c4 01 44 9a 50 00"
STACK_BUDGET=1024 # bytes, for a decode of a frame of up to 242 bytes
# Each format's decode is gated at its ceiling: the budget itself once it is met (all three now, ../SIZE.md); a
# format not within it would be held at a ceiling a little above its figure, so the stack cannot grow unnoticed.
declare -A STACK_CEILING=([tlv]=$STACK_BUDGET [senml-cbor]=$STACK_BUDGET [lwm2m-cbor]=$STACK_BUDGET)

run_one() {
  local target=$1 machine=$2 name=$3 features=$4
  shift 4
  printf '\n==> firmware: %s (%s, formats: %s, objects: %s) on qemu -M %s\n' "$name" "$target" "$features" \
    "$UCIFI_OBJECTS" "$machine"
  # cargo rustc --crate-type staticlib: with only that crate type, the min profile's LTO applies (with the rlib
  # and cdylib types of Cargo.toml alongside, Cargo builds the staticlib without LTO).
  cargo rustc --quiet --profile min --target "$target" -p ucifi-ffi --no-default-features --features "$features" \
    --crate-type staticlib
  local lib="$OUT/$name.a"
  cp "$TARGET_DIR/$target/min/libucifi_c.a" "$lib"
  # No heap: the library references no allocator.
  if arm-none-eabi-nm -u "$lib" 2>/dev/null | grep -qwE 'malloc|free|calloc|realloc|_sbrk'; then
    echo "FAIL: $name: the library references an allocator" >&2
    return 1
  fi
  arm-none-eabi-gcc -mthumb "$@" -Os -ffunction-sections -fdata-sections -Wall -Wextra -Werror -std=c99 \
    -I"$C_DIR/include" -nostartfiles --specs=nano.specs --specs=rdimon.specs -T link.ld startup.c main.c \
    "$lib" -Wl,--gc-sections -Wl,--emit-relocs -Wl,--no-warn-rwx-segments -Wl,--no-warn-execstack \
    -Wl,-Map="$OUT/$name.map" -o "$OUT/$name.elf"
  arm-none-eabi-size "$OUT/$name.elf"
  python3 "$C_DIR/size/size_report.py" "$name.a" "$OUT/$name.elf" "$OUT/$name.map" | python3 -c '
import json, sys
f = json.load(sys.stdin)
print("library in the image: %d B code (%d B compiler_builtins), %d B registry tables, %d B other rodata, %d B data" %
      (f["code"], f["code_builtins"], f["tables"], f["rodata_other"], f["other"]))'
  local output status
  set +e
  output=$(timeout 60 qemu-system-arm -M "$machine" -nographic -monitor none -serial none \
    -semihosting-config enable=on,target=native -kernel "$OUT/$name.elf" 2>&1)
  status=$?
  set -e
  printf '%s\n' "$output"
  echo "qemu exit status: $status"
  if [ "$status" -ne 0 ]; then
    echo "FAIL: $name: qemu exited $status" >&2
    return 1
  fi
  grep -qxF "$EXPECTED" <<<"$output" || { echo "FAIL: $name: 51-byte frame bytes differ" >&2; return 1; }
  grep -qxF "$EXPECTED_11" <<<"$output" || { echo "FAIL: $name: 11-byte frame bytes differ" >&2; return 1; }
  grep -q "^round trip OK" <<<"$output" || { echo "FAIL: $name: no round trip" >&2; return 1; }
  grep -qxF "downlink: dimming level 75, operating hours reset: yes" <<<"$output" ||
    { echo "FAIL: $name: downlinks" >&2; return 1; }
  local format used
  for format in "${!STACK_CEILING[@]}"; do
    [ "${STACK_CEILING[$format]}" -le "$STACK_BUDGET" ] || echo "note: $format decode stack budget $STACK_BUDGET B not met yet"
    # The larger of the writer's frame and the deep-path frames (main.c: DEEP).
    used=$(sed -n -e "s/^stack: $format: decode of .* bytes \([0-9]*\) B;.*/\1/p" \
      -e "s/^stack: $format: decode of the deep-path frames \([0-9]*\) B$/\1/p" <<<"$output" | sort -n | tail -1)
    if [ -z "$used" ] || [ "$used" -gt "${STACK_CEILING[$format]}" ]; then
      echo "FAIL: $name: $format decode stack ${used:-?} B over ${STACK_CEILING[$format]} B" >&2
      return 1
    fi
  done
}

# The device's objects only (the registry tables hold these two; see ../SIZE.md).
export UCIFI_OBJECTS=3424,3416
# Both images link the formats of the size goal (TLV, SenML-CBOR, LwM2M-CBOR): TLV for the object ports and the
# Write, LwM2M-CBOR for the Execute (TLV has no form for it), and all three for the stack measures.
run_one thumbv7em-none-eabihf mps2-an386 m4f tlv,senml-cbor,lwm2m-cbor -mcpu=cortex-m4 -mfloat-abi=hard \
  -mfpu=fpv4-sp-d16
run_one thumbv6m-none-eabi microbit m0 tlv,senml-cbor,lwm2m-cbor -mcpu=cortex-m0 -mfloat-abi=soft
printf '\nbindings/c/firmware: Cortex-M4F and Cortex-M0 passed\n'
