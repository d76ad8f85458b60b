# Sourced by the scripts that install what this project runs on (install-n8n.sh, ensure-chromium.sh,
# ensure-queue-deps.sh). Progress goes to stderr; stdout is left for the KEY=value lines the callers read.

step() { printf '[%s] %s\n' "$(basename "$0" .sh)" "$*" >&2; }

# Prints one sentence saying what failed and how to fix it, and exits 1. It goes to stderr, or to stdout when
# the caller (a test setup, `npm start`, scripts/prepare.mjs) sets PLAN_PROVISIONING_FAILURE_ON_STDOUT=1 to
# show it as its own error.
fail() {
  if [ "${PLAN_PROVISIONING_FAILURE_ON_STDOUT:-}" = "1" ]; then printf '%s\n' "$*"; else printf '%s\n' "$*" >&2; fi
  exit 1
}

# apt_install WHY PACKAGE...: installs Debian packages with apt-get as root, or fails with the command to run.
# WHY completes "Debian's chromium (WHY) is missing", e.g. "for the queue-mode suite".
apt_install() {
  local why="$1" log them=it verb=is
  shift
  if [ "$#" -gt 1 ]; then them=them verb=are; fi
  command -v apt-get >/dev/null 2>&1 ||
    fail "$* ($why) $verb missing and apt-get is not available here: install $them with this system's package manager and run again."
  [ "$(id -u)" = "0" ] ||
    fail "Debian's $* ($why) $verb missing: install $them with 'sudo apt-get update && sudo apt-get install -y $*' and run again."
  step "installing Debian's $* ($why) with apt-get"
  log="$(mktemp)"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; } >"$log" 2>&1; then
    fail "apt-get could not install $* ($(grep -m1 -E '^(E|Err):' "$log" | cut -c1-200)): run 'apt-get update && apt-get install -y $*' to see why, then run again."
  fi
  rm -f "$log"
}
