#!/usr/bin/env bash
# Runs the grammar's corpus tests (grammars/tree-sitter-alloy/test/corpus/*.txt)
# with `tree-sitter test` and closes with a summary line `N passed, N failed`,
# which tree-sitter itself does not print. Exit 1 when any test fails.
# Usage: bash scripts/grammar/corpus-test.sh [tree-sitter test options, e.g. -f NAME]
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TS="$(tree_sitter_cli)"
# tree-sitter compiles the parser into a shared library here; keep it out of git.
export TREE_SITTER_LIBDIR="$TOOLS_DIR/tree-sitter-lib"
mkdir -p "$TREE_SITTER_LIBDIR"

cd "$GRAMMAR_DIR"
set +e
OUTPUT="$("$TS" test "$@" 2>&1)"
STATUS=$?
set -e
printf '%s\n' "$OUTPUT"

# Result lines look like `    12. ✓ Name` (name in green) before the failure
# details that follow `N failure(s):`. A failing test shows ✗ and a red name,
# except one marked `:error`, which shows the same glyph as when it passes and
# only differs by colour; tree-sitter 0.22.6 even exits 0 for it. So a result
# is a failure when it has ✗ or a red name.
RED=$'\x1b[31m'
RESULTS="$(printf '%s\n' "$OUTPUT" | sed '/^[0-9][0-9]* failures\{0,1\}:/,$d' | grep -E '^ +[0-9]+\. ' || true)"
FAILED="$(printf '%s\n' "$RESULTS" | grep -c -F -e '✗' -e "$RED" || true)"
ALL="$(printf '%s\n' "$RESULTS" | grep -c . || true)"
PASSED=$((ALL - FAILED))
if [ "$STATUS" -ne 0 ] && [ "$FAILED" -eq 0 ]; then
  FAILED=1 # tree-sitter failed before running the tests (e.g. the parser did not compile)
fi
echo "$PASSED passed, $FAILED failed"
[ "$STATUS" -eq 0 ] && [ "$FAILED" -eq 0 ]
