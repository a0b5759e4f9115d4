#!/usr/bin/env bash
# Builds the npm package's pkg/ from scratch: the wasm32 build of ucifi-wasm, wasm-bindgen glue for Node (CommonJS)
# and for browsers/ESM (--target web) renamed ucifi_glue.js behind the entries of js/ (ucifi_wasm.js), wasm-opt (npm
# binaryen@132, the flags below), and the hand-written TypeScript types.
#
# Usage: bindings/wasm/build.sh            (from anywhere; needs what `cargo xtask bootstrap wasm` installs: the wasm32
#                                          target, wasm-bindgen-cli, node_modules)
# Env:   WASM_BUILD  the cargo command that builds for wasm32 (default: the rustup target route), e.g. the Debian
#                    route (rustc-web with -Zbuild-std); WASM_TARGET_DIR the cargo target dir it writes to.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"

WASM_BUILD="${WASM_BUILD:-cargo build --profile wasm-release --target wasm32-unknown-unknown}"
TARGET_DIR="${WASM_TARGET_DIR:-$ROOT/target}"
$WASM_BUILD -p ucifi-wasm
WASM="$TARGET_DIR/wasm32-unknown-unknown/wasm-release/ucifi_wasm.wasm"

WASM_OPT="$HERE/node_modules/.bin/wasm-opt"
[ -x "$WASM_OPT" ] || { echo "build.sh: $WASM_OPT missing: cargo xtask bootstrap wasm (npm ci)" >&2; exit 1; }
# wasm-bindgen-cli must be the version of the wasm-bindgen crate in Cargo.lock (cargo xtask bootstrap wasm installs it).
want=$(sed -n '/^name = "wasm-bindgen"$/{n;s/^version = "\(.*\)"$/\1/p;}' "$ROOT/Cargo.lock")
wasm-bindgen --version | grep -qF " $want" ||
  { echo "build.sh: wasm-bindgen-cli $want needed (the wasm-bindgen of Cargo.lock): cargo xtask bootstrap wasm" >&2; exit 1; }

# -Oz, then a flattened and re-looped pass and -Oz twice more, to a fixed point; without the producers and target
# features sections. --low-memory-unused lets wasm-opt fold constant address offsets: Rust's wasm32 linker puts the
# 1 MiB stack first, growing down towards 0, so the low 1 KiB is reached only by a stack already overflowing. 7 KB
# (1.7 %) smaller than -Oz alone, at the same decode speed (BENCH.md).
WASM_OPT_FLAGS=(-Oz --flatten --rereloop -Oz -Oz --converge --strip-producers --strip-target-features --low-memory-unused)

rm -rf "$HERE/pkg"
for target in nodejs web; do
  dir="$HERE/pkg/$([ "$target" = nodejs ] && echo node || echo web)"
  wasm-bindgen --target "$target" --no-typescript --out-dir "$dir" "$WASM"
  # wasm-bindgen writes a `*` .gitignore, which would also keep the files out of `npm pack`.
  rm -f "$dir/.gitignore"
  # The package's entry is ucifi_wasm.js (js/): the glue behind it, with a quicker `decode`.
  mv "$dir/ucifi_wasm.js" "$dir/ucifi_glue.js"
  { [ "$target" = nodejs ] && echo "'use strict';"
    cat "$HERE/js/halves.js" "$HERE/js/$([ "$target" = nodejs ] && echo node.cjs || echo web.js)"; } > "$dir/ucifi_wasm.js"
  "$WASM_OPT" "${WASM_OPT_FLAGS[@]}" "$dir/ucifi_wasm_bg.wasm" -o "$dir/ucifi_wasm_bg.wasm"
done
# The web glue is an ES module; the package root is CommonJS.
printf '{\n  "type": "module"\n}\n' > "$HERE/pkg/web/package.json"
cp "$HERE/types/ucifi-codec.d.ts" "$HERE/types/web.d.ts" "$HERE/pkg/"

raw=$(wc -c < "$HERE/pkg/node/ucifi_wasm_bg.wasm")
gz=$(gzip -9 -c "$HERE/pkg/node/ucifi_wasm_bg.wasm" | wc -c)
echo "ucifi_wasm_bg.wasm: $raw bytes, $gz bytes gzip -9"
