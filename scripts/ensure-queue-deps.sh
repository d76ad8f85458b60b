#!/usr/bin/env bash
# Makes sure Debian's redis-server and PostgreSQL run, for the queue-mode suite (npm run test:queue): installs
# them with apt-get when they do not (never a downloaded binary). Proven by running `redis-server --version`
# and PostgreSQL's `postgres --version` and `initdb --version`. Starts no service: the suite runs its own Redis
# and PostgreSQL on loopback ports of their own, with their data in a temp dir.
# On success stdout holds
#   REDIS_SERVER=/path/to/redis-server
#   PG_BIN=/usr/lib/postgresql/<version>/bin
# on failure one sentence saying what failed and how to fix it (see setup-common.sh).
set -euo pipefail
source "$(dirname "$0")/setup-common.sh"

find_redis() {
  local redis
  redis="$(command -v redis-server 2>/dev/null)" && "$redis" --version >/dev/null 2>&1 && echo "$redis"
}
# Debian keeps the server binaries (initdb, postgres, pg_ctl, psql) out of PATH, one folder per major version.
find_pg_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/pg_ctl" ] && [ -x "$dir/psql" ] && "$dir/postgres" --version >/dev/null 2>&1 && "$dir/initdb" --version >/dev/null 2>&1; then
      echo "$dir"
      return
    fi
  done
}

missing=()
[ -n "$(find_redis)" ] || missing+=(redis-server)
[ -n "$(find_pg_bin)" ] || missing+=(postgresql)
if [ "${#missing[@]}" -gt 0 ]; then
  apt_install "for the queue-mode suite" "${missing[@]}"
fi

redis="$(find_redis)"
pg_bin="$(find_pg_bin)"
[ -n "$redis" ] ||
  fail "redis-server is installed but 'redis-server --version' fails: reinstall it with 'apt-get install --reinstall -y redis-server'."
[ -n "$pg_bin" ] ||
  fail "PostgreSQL is installed but no /usr/lib/postgresql/*/bin has a postgres and initdb that run: reinstall it with 'apt-get install --reinstall -y postgresql'."
# PostgreSQL refuses to run as root: the suite then runs it as Debian's 'postgres' system user.
if [ "$(id -u)" = "0" ] && ! id postgres >/dev/null 2>&1; then
  fail "Running as root, but there is no 'postgres' system user to run PostgreSQL as (Debian's postgresql-common creates it): reinstall it with 'apt-get install --reinstall -y postgresql-common'."
fi
echo "REDIS_SERVER=$redis"
echo "PG_BIN=$pg_bin"
