#!/usr/bin/env bash
# Regenerates the C API's generated files:
#   src/generated.rs      result/format/type codes from the core's ErrorKind::ALL, Format::ALL, DataType::ALL  } by
#   include/ucifi_ids.h   UCIFI_OBJ_* / UCIFI_RES_* from the registry tables                                   } ucifi-codegen
#   include/ucifi.h       the header, by cbindgen (pinned version) from src/
# Usage: bindings/c/gen-header.sh            rewrite the files
#        bindings/c/gen-header.sh --check    regenerate and fail (exit 1) if a committed file differs
set -euo pipefail
cd "$(dirname "$0")"
CBINDGEN_VERSION=0.29.4

if ! cbindgen --version 2>/dev/null | grep -qx "cbindgen $CBINDGEN_VERSION"; then
  echo "installing cbindgen $CBINDGEN_VERSION" >&2
  cargo install --quiet --locked cbindgen --version "$CBINDGEN_VERSION"
fi

run_cbindgen() { cbindgen --quiet --config cbindgen.toml --crate ucifi-ffi --output "$1" .; }

case "${1:-}" in
  --check)
    # Exits 1 when src/generated.rs or include/ucifi_ids.h (or any other generated file) differs.
    cargo run --quiet -p ucifi-codegen -- --check
    tmp=$(mktemp)
    trap 'rm -f "$tmp"' EXIT
    run_cbindgen "$tmp"
    if ! diff -u include/ucifi.h "$tmp"; then
      echo "bindings/c/include/ucifi.h is out of date: run bindings/c/gen-header.sh" >&2
      exit 1
    fi
    echo "bindings/c: generated files are up to date"
    ;;
  "")
    cargo run --quiet -p ucifi-codegen
    run_cbindgen include/ucifi.h
    echo "bindings/c: wrote src/generated.rs, include/ucifi_ids.h, include/ucifi.h"
    ;;
  *)
    echo "usage: $0 [--check]" >&2
    exit 2
    ;;
esac
