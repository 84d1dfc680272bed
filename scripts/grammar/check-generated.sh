#!/usr/bin/env bash
# CI check: regenerates the grammar and fails when that changes anything under
# grammars/tree-sitter-alloy compared with what is committed (a grammar.js or
# scanner.c edit without regenerating, or a generator/toolchain drift).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bash "$ROOT/scripts/grammar/regenerate.sh"
cd "$ROOT"
CHANGES="$(git status --porcelain -- grammars/tree-sitter-alloy)"
if [ -n "$CHANGES" ]; then
  echo "Generated grammar files differ from the committed ones (run npm run grammar:generate and commit):" >&2
  echo "$CHANGES" >&2
  exit 1
fi
echo "generated grammar files are up to date"
