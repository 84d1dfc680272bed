#!/usr/bin/env bash
# CI check: regenerates the knowledge catalog from the Alloy reference docs and
# fails when the result differs from the committed
# server/src/knowledge/catalog.generated.json (the docs, the generator or the
# committed file changed without the others). Skipped, with a message, when the
# docs checkout (../shared/alloy-docs, or $ALLOY_DOCS_DIR) is not available; the
# release folders are read from ../shared/alloy-docs-versions (or
# $ALLOY_DOCS_VERSIONS_DIR) and must be there when the docs are.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DOCS="${ALLOY_DOCS_DIR:-$ROOT/../shared/alloy-docs}"
VERSIONS="${ALLOY_DOCS_VERSIONS_DIR:-$(dirname "$DOCS")/alloy-docs-versions}"
COMMITTED="$ROOT/server/src/knowledge/catalog.generated.json"

if [ ! -d "$DOCS/docs/sources/reference/components" ]; then
  echo "knowledge catalog check skipped: Alloy docs not found at $DOCS (set ALLOY_DOCS_DIR to check)"
  exit 0
fi

if [ ! -d "$VERSIONS" ]; then
  echo "knowledge catalog check: release docs not found at $VERSIONS (set ALLOY_DOCS_VERSIONS_DIR)" >&2
  exit 1
fi

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
node "$ROOT/scripts/knowledge/generate.mjs" --docs "$DOCS" --versions "$VERSIONS" --out "$TMP/catalog.generated.json" --quiet
if ! cmp -s "$TMP/catalog.generated.json" "$COMMITTED"; then
  echo "server/src/knowledge/catalog.generated.json is out of date (run npm run knowledge:generate and commit):" >&2
  diff -u "$COMMITTED" "$TMP/catalog.generated.json" | head -40 >&2 || true
  exit 1
fi
echo "knowledge catalog is up to date"
