#!/usr/bin/env bash
# `npm run test:editors`: every test in a real editor, from a fresh machine to one closing line.
#   1. scripts/editor-tests/install.sh (Debian packages, Node 24, code-server; idempotent)
#   2. build: npm run build, tsc -b for the extension-host suite, npm run package (if the script exists)
#   3. the SVG of `graph --format svg` rendered in Chromium (skipped by npm test without it), and the
#      extension-host suite in VS Code (code-server + headless Chromium)
#   4. the black-box check of alloy-analyzer.vsix
#   5. Neovim and Emacs/eglot as LSP clients of the server
# Prints each part's output, a timing table and `N passed, N failed` (the sum); exits non-zero on any failure.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
LOGS="$(mktemp -d "${TMPDIR:-/tmp}/alloy-editor-tests.XXXXXX")"
T0=$(date +%s%N)
PASSED=0
FAILED=0
TIMES=()

now_ds() { echo $((($(date +%s%N) - T0) / 100000000)); }
fmt_ds() { printf '%d.%ds' $(($1 / 10)) $(($1 % 10)); }

# step NAME COMMAND...: runs a command that prints its own `N passed, N failed` tally, and adds it up.
step() {
  local name="$1"
  shift
  local log="$LOGS/$name.log" start end tally
  start=$(now_ds)
  echo
  echo "=== $name: $*"
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  end=$(now_ds)
  tally=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -1)
  if [[ -z "$tally" ]]; then
    tally="0 passed, 1 failed"
  elif [[ $rc -ne 0 && "$tally" == *" 0 failed" ]]; then
    tally="${tally%% *} passed, 1 failed"
  fi
  local p f
  read -r p _ f _ <<<"$tally"
  PASSED=$((PASSED + p))
  FAILED=$((FAILED + f))
  TIMES+=("$(printf '%-14s %7s  %s' "$name" "$(fmt_ds $((end - start)))" "$tally")")
}

# plain NAME COMMAND...: a preparation step; success counts as one passed check, failure as one failed.
plain() {
  local name="$1"
  shift
  local start end
  start=$(now_ds)
  echo
  echo "=== $name: $*"
  if "$@" 2>&1 | tee "$LOGS/$name.log"; [[ ${PIPESTATUS[0]} -eq 0 ]]; then
    PASSED=$((PASSED + 1))
    end=$(now_ds)
    TIMES+=("$(printf '%-14s %7s  %s' "$name" "$(fmt_ds $((end - start)))" ok)")
    return 0
  fi
  FAILED=$((FAILED + 1))
  end=$(now_ds)
  TIMES+=("$(printf '%-14s %7s  %s' "$name" "$(fmt_ds $((end - start)))" FAILED)")
  return 1
}

if ! plain install bash scripts/editor-tests/install.sh; then
  echo "install failed: nothing else can run"
  echo "$PASSED passed, $FAILED failed"
  exit 1
fi
plain build npm run build
plain compile npx tsc -b test/vscode
if [[ -n "$(npm pkg get scripts.package 2>/dev/null | tr -d '{}" \n')" ]]; then
  plain package npm run package
else
  echo
  echo "=== package: no package script in package.json; the vsix check will report the missing package"
fi

# `npm test` skips the SVG check when Chromium is not installed yet (a fresh machine): here it is.
step svg-render env ALLOY_REQUIRE_CHROMIUM=1 node scripts/test.mjs graph/svg
step code-server node scripts/editor-tests/run-code-server.mjs
step vsix node scripts/editor-tests/vsix-check.mjs
step neovim node test/editors/run-nvim.mjs
step emacs node test/editors/run-emacs.mjs

echo
echo "=== editor tests ($(fmt_ds "$(now_ds)") in all; logs in $LOGS)"
printf '%s\n' "${TIMES[@]}"
echo "$PASSED passed, $FAILED failed"
[[ $FAILED -eq 0 ]]
