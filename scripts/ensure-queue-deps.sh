#!/usr/bin/env bash
# Installs Debian's redis-server and PostgreSQL for the queue-mode suite (npm run test:queue) when they are
# missing (apt-get, never a downloaded binary). Starts no service: the suite runs its own Redis and PostgreSQL
# on loopback ports of their own, with their data in a temp dir.
# Progress goes to stderr; on success stdout holds two lines the suite reads:
#   REDIS_SERVER=/path/to/redis-server
#   PG_BIN=/usr/lib/postgresql/<version>/bin
set -euo pipefail

find_redis() { command -v redis-server 2>/dev/null || true; }
# Debian keeps the server binaries (initdb, postgres, pg_ctl, psql) out of PATH, one folder per major version.
find_pg_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/postgres" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/psql" ]; then
      echo "$dir"
      return
    fi
  done
}

missing=()
[ -n "$(find_redis)" ] || missing+=(redis-server)
[ -n "$(find_pg_bin)" ] || missing+=(postgresql)

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" != "0" ]; then
    echo "The queue-mode suite needs Debian's ${missing[*]}: install with 'sudo apt-get update && sudo apt-get install -y ${missing[*]}' and run again." >&2
    exit 1
  fi
  echo "[ensure-queue-deps] installing Debian's ${missing[*]} (apt-get)" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

redis="$(find_redis)"
pg_bin="$(find_pg_bin)"
if [ -z "$redis" ] || [ -z "$pg_bin" ]; then
  echo "redis-server or PostgreSQL's server binaries (/usr/lib/postgresql/*/bin) are still missing after apt-get; install the Debian packages redis-server and postgresql by hand." >&2
  exit 1
fi
# PostgreSQL refuses to run as root: the suite then runs it as Debian's 'postgres' system user.
if [ "$(id -u)" = "0" ] && ! id postgres >/dev/null 2>&1; then
  echo "Running as root, but there is no 'postgres' system user to run PostgreSQL as (Debian's postgresql-common creates it): reinstall it with 'apt-get install --reinstall postgresql-common'." >&2
  exit 1
fi
echo "REDIS_SERVER=$redis"
echo "PG_BIN=$pg_bin"
