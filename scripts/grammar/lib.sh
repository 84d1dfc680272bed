#!/usr/bin/env bash
# Shared by the grammar scripts (sourced, not run). Defines ROOT, GRAMMAR_DIR,
# TOOLS_DIR and tree_sitter_cli, which prints the path of a tree-sitter CLI of
# the pinned version, installing it into the git-ignored .tools/ when needed.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
GRAMMAR_DIR="$ROOT/grammars/tree-sitter-alloy"
TOOLS_DIR="$ROOT/.tools"
# The generator version the committed src/parser.c comes from. Another version
# writes a different parser.c, which check-generated.sh would report.
TREE_SITTER_CLI_VERSION="0.22.6"

tree_sitter_cli() {
  local on_path local_cli="$TOOLS_DIR/tree-sitter-cli/tree-sitter"
  on_path="$(command -v tree-sitter || true)"
  if [ -n "$on_path" ] && "$on_path" --version 2>/dev/null | grep -Eq "^tree-sitter ${TREE_SITTER_CLI_VERSION//./\\.}( |$)"; then
    echo "$on_path"
    return
  fi
  if ! { [ -x "$local_cli" ] && "$local_cli" --version 2>/dev/null | grep -Eq "^tree-sitter ${TREE_SITTER_CLI_VERSION//./\\.}( |$)"; }; then
    TREE_SITTER_CLI_DEB_VERSION="$TREE_SITTER_CLI_VERSION" \
      bash "$ROOT/scripts/grammar/install-tree-sitter-cli.sh" "$TOOLS_DIR/tree-sitter-cli" >&2
  fi
  echo "$local_cli"
}
