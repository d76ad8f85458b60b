#!/usr/bin/env bash
# A stand-in npm for test/install (see fake-npm.ts).
set -eu
env_json="$(env | grep -i '^npm_config_' | sed 's/"/\\"/g; s/^\([^=]*\)=\(.*\)$/"\1":"\2"/' | paste -sd, -)"
args_json="$(printf '%s\n' "$@" | sed 's/"/\\"/g; s/^/"/; s/$/"/' | paste -sd, -)"
printf '{"args":[%s],"cwd":"%s","npmConfig":{%s}}\n' "$args_json" "$PWD" "$env_json" >>"$FAKE_NPM_LOG"
flag() { # the value npm would use for a boolean config: the command line, then npm_config_<name>, then false
  local name="$1" arg var
  for arg in "$@"; do
    case "$arg" in --"$name"=*) echo "${arg#*=}"; return ;; --"$name") echo true; return ;; esac
  done
  var="npm_config_${name//-/_}"
  echo "${!var:-false}"
}
offline() {
  echo "npm error code ECONNREFUSED" >&2
  echo "npm error syscall connect" >&2
  echo "npm error network request to https://registry.example.test/n8n failed, reason: connect ECONNREFUSED" >&2
  echo "npm error A complete log of this run can be found in: /tmp/fake.log" >&2
  exit 1
}
case "$1" in
  config) echo "https://registry.example.test/" ;;
  ci) # installs every package of package-lock.json but other platforms' optional ones
    [ -z "${FAKE_NPM_OFFLINE:-}" ] || offline
    node -e '
      const fs = require("fs"), path = require("path");
      for (const [at, e] of Object.entries(require(path.resolve("package-lock.json")).packages)) {
        if (!at || e.optional) continue;
        fs.mkdirSync(at, { recursive: true });
        fs.writeFileSync(path.join(at, "package.json"), JSON.stringify({ version: e.version }));
      }' ;;
  install)
    [ -z "${FAKE_NPM_OFFLINE:-}" ] || offline
    spec="${*: -1}"
    if [[ "$spec" == node-linux-* ]]; then
      pkg="node_modules/${spec%@*}"
      mkdir -p "$pkg/bin" "$pkg/include/node"
      cp "$FAKE_NODE" "$pkg/bin/node"
      chmod +x "$pkg/bin/node"
      echo "${spec##*@}" >"$pkg/bin/major"
    else
      version="$(sed -n 's/.*"n8n": "\([^"]*\)".*/\1/p' package.json)"
      mkdir -p node_modules/n8n/bin node_modules/sqlite3
      printf '{"name":"n8n","version":"%s"}\n' "$version" >node_modules/n8n/package.json
      echo "// n8n" >node_modules/n8n/bin/n8n
      echo '{"name":"sqlite3","version":"5.1.7"}' >node_modules/sqlite3/package.json
    fi
    echo "added 1 package" ;;
  rebuild)
    if [ "$(flag ignore-scripts "$@")" != "true" ]; then
      mkdir -p node_modules/sqlite3/build/Release
      echo "built against ${npm_config_nodedir:-no nodedir}" >node_modules/sqlite3/build/Release/node_sqlite3.node
    fi
    echo "rebuilt dependencies successfully" ;;
  *) echo "fake npm: unexpected call: $*" >&2; exit 2 ;;
esac
