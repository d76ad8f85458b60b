#!/usr/bin/env bash
# The stand-in Node (24, or the major fake-npm.sh was asked for) that fake-npm.sh installs (see fake-npm.ts).
if [ "$1" = "--version" ]; then echo "v$(cat "$(dirname "$0")/major" 2>/dev/null || echo 24).99.0"; exit 0; fi
if [ "$1" = "-e" ]; then
  binding="$(dirname "$(dirname "$3")")/sqlite3/build/Release/node_sqlite3.node"
  if [ -f "$binding" ]; then exit 0; fi
  echo "Error: Could not locate the bindings file. Tried:" >&2
  echo " → $binding" >&2
  exit 1
fi
if [ "$2" = "--version" ] && [ -f "$1" ]; then
  sed -n 's/.*"version":"\([^"]*\)".*/\1/p' "$(dirname "$(dirname "$1")")/package.json"
  exit 0
fi
echo "fake node: unexpected call: $*" >&2
exit 2
