#!/usr/bin/env bash
# Regenerates everything derived from grammars/tree-sitter-alloy/grammar.js and
# src/scanner.c: src/parser.c, src/grammar.json, src/node-types.json,
# src/tree_sitter/*.h, tree-sitter-alloy.wasm and PROVENANCE.json.
#
# Deterministic: a second run changes nothing (check-generated.sh relies on it).
# Usage: bash scripts/grammar/regenerate.sh        (npm run grammar:generate)
# Environment: GRAMMAR_WASM_TOOLCHAIN=clang|emcc (default clang; the committed
# wasm is built with clang, so emcc output will differ from it).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TOOLCHAIN="${GRAMMAR_WASM_TOOLCHAIN:-clang}"
TS="$(tree_sitter_cli)"

cd "$GRAMMAR_DIR"
"$TS" generate --no-bindings

case "$TOOLCHAIN" in
  clang)
    if ! command -v clang-14 >/dev/null || ! command -v wasm-ld-14 >/dev/null || [ ! -d /usr/include/wasm32-wasi ]; then
      bash "$ROOT/scripts/grammar/install-wasm-toolchain.sh" clang >&2
    fi
    ;;
  emcc)
    command -v emcc >/dev/null || bash "$ROOT/scripts/grammar/install-wasm-toolchain.sh" emcc >&2
    ;;
  *)
    echo "GRAMMAR_WASM_TOOLCHAIN must be clang or emcc, not '$TOOLCHAIN'" >&2
    exit 2
    ;;
esac
bash "$ROOT/scripts/grammar/build-wasm.sh" "$GRAMMAR_DIR" "$GRAMMAR_DIR/tree-sitter-alloy.wasm" "$TOOLCHAIN" >/dev/null

# What built the artifacts, so that a reader can rebuild them identically.
GENERATOR_VERSION="$("$TS" --version | awk '{print $2}')"
ABI="$(sed -n 's/^#define LANGUAGE_VERSION \([0-9]*\)$/\1/p' src/parser.c)"
deb_version() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo unknown; }
if [ "$TOOLCHAIN" = clang ]; then
  COMPILER="clang $(clang-14 --version | sed -n '1s/.*clang version \([0-9.]*\).*/\1/p')"
  LINKER="wasm-ld $(wasm-ld-14 --version | sed -n '1s/.*LLD \([0-9.]*\).*/\1/p')"
  LIBC="wasi-libc $(deb_version wasi-libc) (headers only)"
  TARGET="wasm32-unknown-emscripten side module (-fPIC, --shared, -Os)"
else
  COMPILER="emcc $(emcc --version | sed -n '1s/.*) \([0-9.]*\).*/\1/p')"
  LINKER="emcc"
  LIBC="emscripten"
  TARGET="emscripten SIDE_MODULE=2 (-Os)"
fi

GENERATOR_VERSION="$GENERATOR_VERSION" ABI="$ABI" TOOLCHAIN="$TOOLCHAIN" COMPILER="$COMPILER" LINKER="$LINKER" \
  LIBC="$LIBC" TARGET="$TARGET" node - <<'JS'
const crypto = require('node:crypto');
const fs = require('node:fs');
const sha256 = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const env = process.env;
const provenance = {
  grammar: 'alloy',
  generator: {
    name: 'tree-sitter-cli',
    version: env.GENERATOR_VERSION,
    command: 'tree-sitter generate --no-bindings',
  },
  abi: Number(env.ABI),
  wasm: {
    file: 'tree-sitter-alloy.wasm',
    toolchain: env.TOOLCHAIN,
    compiler: env.COMPILER,
    linker: env.LINKER,
    libc: env.LIBC,
    target: env.TARGET,
    script: 'scripts/grammar/build-wasm.sh',
  },
  sha256: Object.fromEntries(
    ['grammar.js', 'src/scanner.c', 'src/parser.c', 'tree-sitter-alloy.wasm'].map((f) => [f, sha256(f)]),
  ),
};
fs.writeFileSync('PROVENANCE.json', JSON.stringify(provenance, null, 2) + '\n');
JS
echo "regenerated grammars/tree-sitter-alloy with tree-sitter $GENERATOR_VERSION (ABI $ABI), wasm $(stat -c %s tree-sitter-alloy.wasm) bytes ($COMPILER)"
