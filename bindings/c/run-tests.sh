#!/usr/bin/env bash
# C tests of the C API: builds libucifi_c (static + shared), generates tests/vectors_gen.h from vectors/ and
# corpus_sample_gen.h from fuzz/corpus-sample.json, compiles the tests with gcc -std=c99 -Wall -Wextra -Werror and
# runs them four ways: static, shared, under valgrind (--error-exitcode=99 --leak-check=full) and with
# -fsanitize=address,undefined. Installs the library with install.sh and builds a consumer through its pkg-config
# file and its CMake package (find_package). With a nightly toolchain it also runs them against a Rust build instrumented with
# AddressSanitizer (C-side ASan does not see overflows done inside Rust; UCIFI_RUST_ASAN=0 skips that step). Exits
# non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"
C_DIR=$PWD
ROOT=$(cd ../.. && pwd)
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
OUT=$TARGET_DIR/ucifi-c-tests
LIB_DIR=$TARGET_DIR/release
mkdir -p "$OUT"
step() { printf '\n==> bindings/c: %s\n' "$*"; }

# The build-system check needs pkg-config and CMake; a fresh machine may have neither.
if ! command -v cmake >/dev/null || ! command -v pkg-config >/dev/null; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends cmake pkg-config >/dev/null
fi

step "build libucifi_c (release: static + shared)"
cargo build --quiet --release -p ucifi-ffi
# The system libraries a Rust staticlib needs on this host (rustc prints them).
NATIVE_LIBS=$(cargo rustc --quiet --release -p ucifi-ffi --crate-type staticlib -- --print native-static-libs 2>&1 |
  sed -n 's/.*native-static-libs: //p' | tail -n 1)
echo "native-static-libs: $NATIVE_LIBS"

step "generate tests/vectors_gen.h from vectors/, corpus_sample_gen.h from fuzz/corpus-sample.json"
python3 tests/gen_vectors.py "$ROOT/vectors" "$OUT/vectors_gen.h"
python3 tests/gen_corpus_sample.py "$ROOT/fuzz/corpus-sample.json" "$OUT/corpus_sample_gen.h"

CFLAGS=(-std=c99 -Wall -Wextra -Werror -I"$C_DIR/include" -I"$C_DIR/tests" -I"$OUT")
SOURCES=(tests/test_main.c tests/test_api.c tests/test_vectors.c tests/test_corpus_sample.c)

step "static library"
gcc "${CFLAGS[@]}" -O2 "${SOURCES[@]}" "$LIB_DIR/libucifi_c.a" $NATIVE_LIBS -lm -o "$OUT/t_static"
"$OUT/t_static"

step "shared library"
gcc "${CFLAGS[@]}" -O2 "${SOURCES[@]}" -L"$LIB_DIR" -lucifi_c -lm -Wl,-rpath,"$LIB_DIR" -o "$OUT/t_shared"
"$OUT/t_shared" | tail -n 1

step "valgrind (static)"
valgrind --quiet --error-exitcode=99 --leak-check=full "$OUT/t_static" | tail -n 1

step "gcc -fsanitize=address,undefined (static)"
gcc "${CFLAGS[@]}" -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
  "${SOURCES[@]}" "$LIB_DIR/libucifi_c.a" $NATIVE_LIBS -lm -o "$OUT/t_asan"
ASAN_OPTIONS=detect_leaks=1 "$OUT/t_asan" | tail -n 1

step "build-system files: install, then a pkg-config compile and a CMake find_package project"
rm -rf "$OUT/prefix" "$OUT/cmake-build"
./install.sh "$OUT/prefix"
# shellcheck disable=SC2046 # pkg-config prints flags as words
gcc -std=c99 -Wall -Wextra -Werror $(PKG_CONFIG_PATH="$OUT/prefix/lib/pkgconfig" pkg-config --cflags ucifi) \
  tests/consumer.c $(PKG_CONFIG_PATH="$OUT/prefix/lib/pkgconfig" pkg-config --libs --static ucifi) -o "$OUT/t_pkgconfig"
"$OUT/t_pkgconfig"
cmake -S tests/cmake -B "$OUT/cmake-build" -DCMAKE_PREFIX_PATH="$OUT/prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$OUT/cmake-build" >/dev/null
"$OUT/cmake-build/consumer"
# A version the package does not satisfy must be refused.
if cmake -S tests/cmake -B "$OUT/cmake-build-2" -DCMAKE_PREFIX_PATH="$OUT/prefix" \
    -DUCIFI_CONSUMER_VERSION=1.0 >/dev/null 2>&1; then
  echo "FAIL: find_package(ucifi 1.0) accepted version $(sed -n 's/^Version: //p' "$OUT/prefix/lib/pkgconfig/ucifi.pc")" >&2
  exit 1
fi

if [ "${UCIFI_RUST_ASAN:-1}" != 0 ] && cargo +nightly --version >/dev/null 2>&1; then
  step "AddressSanitizer inside Rust too (nightly -Zsanitizer=address)"
  # --target keeps build scripts uninstrumented; the prebuilt std is not instrumented, hence the ABI-mismatch allowance.
  RUSTFLAGS="-Zsanitizer=address -Cunsafe-allow-abi-mismatch=sanitizer" \
    cargo +nightly build --quiet --release -p ucifi-ffi --target x86_64-unknown-linux-gnu \
    --target-dir "$TARGET_DIR/asan"
  gcc "${CFLAGS[@]}" -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
    "${SOURCES[@]}" "$TARGET_DIR/asan/x86_64-unknown-linux-gnu/release/libucifi_c.a" $NATIVE_LIBS -lm \
    -o "$OUT/t_rust_asan"
  "$OUT/t_rust_asan" | tail -n 1
fi

printf '\nbindings/c: C tests passed\n'
