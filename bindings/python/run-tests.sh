#!/usr/bin/env bash
# Tests of the Python bindings, as a user installs them: a fresh venv, `pip install ./bindings/python` (PEP 517,
# maturin backend, profile py-release), then pytest (every vectors/ case, batches, readers, Dask) and mypy's
# stubtest (the .pyi files match the runtime). Exits non-zero on any failure.
# Usage: bindings/python/run-tests.sh [pytest args...]     (PYTHON=python3.x to pick the interpreter;
#        PIP_FIND_LINKS may point at local wheels; UCIFI_PY_KEEP_VENV=1 keeps the venv and prints its path)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
PYTHON="${PYTHON:-python3}"
WORK="$(mktemp -d)"
if [ "${UCIFI_PY_KEEP_VENV:-0}" = 1 ]; then
  echo "venv: $WORK/venv"
else
  trap 'rm -rf "$WORK"' EXIT
fi

step() { printf '\n==> %s\n' "$*"; }

step "fresh venv ($("$PYTHON" --version))"
"$PYTHON" -m venv "$WORK/venv"
# shellcheck disable=SC1091
. "$WORK/venv/bin/activate"
python -m pip install -q maturin pytest mypy pyarrow pandas "dask[dataframe,distributed]" cbor2

step "pip install ./bindings/python (PEP 517 build)"
python -m pip install -q "$HERE"
python -c 'import ucifi_codec as uc; print("ucifi_codec", uc.__version__, "formats:", " ".join(uc.formats()))'

step "pytest"
cd "$HERE"
python -m pytest -q -p no:cacheprovider "$@" tests

step "stubtest (the .pyi files match the runtime)"
cd "$WORK"
python -m mypy.stubtest ucifi_codec --allowlist "$HERE/stubtest-allowlist.txt"

printf '\npython bindings: all tests passed\n'
