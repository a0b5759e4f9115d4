#!/usr/bin/env bash
# Tests of the Python bindings, as a user installs them: `maturin build` makes the abi3 wheel and the sdist (profile
# py-release), then a fresh venv whose PATH has no cargo or rustc installs the wheel file and runs pytest (every
# vectors/ case, batches, readers, pandas helpers, Dask) and mypy's stubtest (the .pyi files match the runtime).
# Exits non-zero on any failure.
# Usage: bindings/python/run-tests.sh [pytest args...]     (PYTHON=python3.x to pick the interpreter;
#        PIP_FIND_LINKS may point at local wheels; UCIFI_PY_KEEP_VENV=1 keeps the venvs and prints their paths)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
PYTHON="${PYTHON:-python3}"
WORK="$(mktemp -d)"
if [ "${UCIFI_PY_KEEP_VENV:-0}" = 1 ]; then
  echo "venvs: $WORK/build $WORK/test"
else
  ORIG_PATH="$PATH"
  trap 'PATH="$ORIG_PATH" rm -rf "$WORK"' EXIT
fi

step() { printf '\n==> %s\n' "$*"; }

step "maturin build: abi3 wheel and sdist ($("$PYTHON" --version))"
"$PYTHON" -m venv "$WORK/build"
"$WORK/build/bin/python" -m pip install -q "maturin>=1.9.4,<2"
(cd "$HERE" && "$WORK/build/bin/maturin" build -q --profile py-release --out "$WORK/dist" \
  && "$WORK/build/bin/maturin" sdist --out "$WORK/dist")
ls "$WORK/dist"
WHEEL="$(ls "$WORK/dist"/ucifi_codec-*-cp39-abi3-*.whl)"
ls "$WORK/dist"/ucifi_codec-*.tar.gz >/dev/null

step "a venv without Rust installs the wheel"
"$PYTHON" -m venv "$WORK/test"
# Only the venv on PATH: no cargo, no rustc, so nothing can be built from source.
export PATH="$WORK/test/bin"
if command -v cargo >/dev/null || command -v rustc >/dev/null; then
  echo "cargo or rustc still on PATH" >&2
  exit 1
fi
python -m pip install -q --prefer-binary "$WHEEL" pytest mypy pyarrow pandas "dask[dataframe,distributed]" cbor2
python -c 'import ucifi_codec as uc; print("ucifi_codec", uc.__version__, "formats:", " ".join(uc.formats()))'

step "pytest"
cd "$HERE"
python -m pytest -q -p no:cacheprovider "$@" tests

step "stubtest (the .pyi files match the runtime)"
cd "$WORK"
python -m mypy.stubtest ucifi_codec --allowlist "$HERE/stubtest-allowlist.txt"

printf '\npython bindings: all tests passed\n'
