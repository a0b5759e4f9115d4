#!/usr/bin/env bash
# Firmware proof: cross-builds libucifi_c (no_std, --profile min) for Cortex-M4F (thumbv7em-none-eabihf, TLV only)
# and Cortex-M0 (thumbv6m-none-eabi, every format), links main.c + startup.c + link.ld with arm-none-eabi-gcc
# (newlib-nano, rdimon semihosting) and runs each image under qemu-system-arm (mps2-an386, microbit). Passes only
# if QEMU exits 0 (main's return value, through semihosting) and the output shows the expected frame bytes and the
# round trip.
# Needs: rustup targets thumbv7em-none-eabihf thumbv6m-none-eabi; apt packages gcc-arm-none-eabi
# libnewlib-arm-none-eabi qemu-system-arm.
set -euo pipefail
cd "$(dirname "$0")"
C_DIR=$(cd .. && pwd)
ROOT=$(cd ../../.. && pwd)
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
OUT=$TARGET_DIR/ucifi-firmware
mkdir -p "$OUT"

for tool in arm-none-eabi-gcc qemu-system-arm; do
  command -v "$tool" >/dev/null || {
    echo "missing $tool: apt-get install --no-install-recommends gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm" >&2
    exit 1
  }
done

# Object Instance 0 wrapper (22 bytes follow), then 1234.5 as binary32, 123456 in 4 bytes, true, and 1700000000 under
# the 16-bit id 5518 (worked out by hand from the TLV rules).
EXPECTED="fPort 24: 4 records in 25 of 51 bytes: 08 00 16 c4 01 44 9a 50 00 c4 04 00 01 e2 40 c1 0b 01 e4 15 8e 65 53 f1 00"

run_one() {
  local target=$1 machine=$2 name=$3 features=$4
  shift 4
  printf '\n==> firmware: %s (%s, formats: %s) on qemu -M %s\n' "$name" "$target" "$features" "$machine"
  # cargo rustc --crate-type staticlib: with only that crate type, the min profile's LTO applies (with the rlib
  # and cdylib types of Cargo.toml alongside, Cargo builds the staticlib without LTO).
  cargo rustc --quiet --profile min --target "$target" -p ucifi-ffi --no-default-features --features "$features" \
    --crate-type staticlib
  arm-none-eabi-gcc -mthumb "$@" -Os -ffunction-sections -fdata-sections -Wall -Wextra -Werror -std=c99 \
    -I"$C_DIR/include" -nostartfiles --specs=nano.specs --specs=rdimon.specs -T link.ld startup.c main.c \
    "$TARGET_DIR/$target/min/libucifi_c.a" -Wl,--gc-sections -Wl,--no-warn-rwx-segments -Wl,--no-warn-execstack \
    -Wl,-Map="$OUT/$name.map" -o "$OUT/$name.elf"
  arm-none-eabi-size "$OUT/$name.elf"
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
  grep -qxF "$EXPECTED" <<<"$output" || { echo "FAIL: $name: frame bytes differ" >&2; return 1; }
  grep -qxF "round trip OK" <<<"$output" || { echo "FAIL: $name: no round trip" >&2; return 1; }
}

# main.c speaks TLV only (the fPort convention's object ports), so the M4F image links the TLV-only library (the
# reduced build a device would ship) and the M0 image the library with every format (the default).
run_one thumbv7em-none-eabihf mps2-an386 m4f tlv -mcpu=cortex-m4 -mfloat-abi=hard -mfpu=fpv4-sp-d16
run_one thumbv6m-none-eabi microbit m0 all-formats -mcpu=cortex-m0 -mfloat-abi=soft
printf '\nbindings/c/firmware: Cortex-M4F and Cortex-M0 passed\n'
