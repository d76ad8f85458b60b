#!/usr/bin/env bash
# Makes sure Debian's Chromium runs, for the end-to-end editor checks: installs it with apt-get when it does not
# (never a downloaded browser). Proven by running `chromium --version`. On success stdout holds
#   CHROMIUM=<path>
# on failure one sentence saying what failed and how to fix it (see setup-common.sh).
set -euo pipefail
source "$(dirname "$0")/setup-common.sh"

works() { chromium --version >/dev/null 2>&1; }

if ! works; then
  apt_install "for the end-to-end editor checks" chromium
  works || fail "Chromium is installed but 'chromium --version' fails ($(chromium --version 2>&1 | tail -n 1 | cut -c1-200)): reinstall it with 'apt-get install --reinstall -y chromium'."
fi
echo "CHROMIUM=$(command -v chromium)"
