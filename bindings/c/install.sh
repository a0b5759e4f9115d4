#!/usr/bin/env bash
# Installs the static C library for C build systems: <prefix>/include/ucifi.h and ucifi_ids.h,
# <prefix>/lib/libucifi_c.a, a pkg-config file (<prefix>/lib/pkgconfig/ucifi.pc) and a CMake package configuration
# (<prefix>/lib/cmake/ucifi/ucifiConfig.cmake and ucifiConfigVersion.cmake: find_package(ucifi), target
# ucifi::ucifi).
# Usage: bindings/c/install.sh PREFIX [LIB]
#   LIB: the libucifi_c.a to install (default: the host release build, made if missing: cargo build --release
#   -p ucifi-ffi). For a firmware library pass its path; the system libraries the host library needs (rustc's
#   native-static-libs) are recorded only for the host build.
set -euo pipefail
cd "$(dirname "$0")"
C_DIR=$PWD
ROOT=$(cd ../.. && pwd)
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
PREFIX=${1:?usage: install.sh PREFIX [LIB]}
LIB=${2:-}
mkdir -p "$PREFIX"
PREFIX=$(cd "$PREFIX" && pwd)

NATIVE_LIBS=""
if [ -z "$LIB" ]; then
  LIB=$TARGET_DIR/release/libucifi_c.a
  [ -f "$LIB" ] || cargo build --quiet --release -p ucifi-ffi
  # The system libraries a Rust staticlib needs on this host (rustc prints them; the build is up to date).
  NATIVE_LIBS=$(cargo rustc --quiet --release -p ucifi-ffi --crate-type staticlib -- --print native-static-libs 2>&1 |
    sed -n 's/.*native-static-libs: //p' | tail -n 1)
fi
VERSION=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$ROOT/Cargo.toml" | head -n 1)

install -d "$PREFIX/include" "$PREFIX/lib/pkgconfig" "$PREFIX/lib/cmake/ucifi"
install -m 644 "$C_DIR/include/ucifi.h" "$C_DIR/include/ucifi_ids.h" "$PREFIX/include/"
install -m 644 "$LIB" "$PREFIX/lib/libucifi_c.a"
fill() { sed -e "s|@PREFIX@|$PREFIX|g" -e "s|@VERSION@|$VERSION|g" -e "s|@NATIVE_LIBS@|$2|g" "$1"; }
fill cmake/ucifi.pc.in "$NATIVE_LIBS" >"$PREFIX/lib/pkgconfig/ucifi.pc"
# CMake wants a list: the flags separated by semicolons.
fill cmake/ucifiConfig.cmake.in "$(tr -s ' ' ';' <<<"$NATIVE_LIBS" | sed 's/^;//; s/;$//')" \
  >"$PREFIX/lib/cmake/ucifi/ucifiConfig.cmake"
fill cmake/ucifiConfigVersion.cmake.in "" >"$PREFIX/lib/cmake/ucifi/ucifiConfigVersion.cmake"
echo "installed ucifi $VERSION into $PREFIX"
