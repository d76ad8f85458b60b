#!/usr/bin/env bash
# Installs Debian's Chromium for the end-to-end browser checks when it is missing (never a downloaded browser).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "Chromium is missing: install Debian's package with 'sudo apt-get install -y chromium' and run again." >&2
  exit 1
fi
echo "[ensure-chromium] installing Debian's chromium (apt-get)" >&2
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
command -v chromium >/dev/null
