#!/usr/bin/env bash
# Installs Debian's chromium for the browser test (playwright-core drives it by executablePath;
# no browser is downloaded). Idempotent. Prints the executable's path; exports nothing.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# apt-get update once per boot (both setup scripts share the marker); if the install still fails
# (package lists older than the mirror), update again and retry once.
APT_MARKER=/tmp/.essay-apt-updated
apt_install() {
  if [ ! -f "$APT_MARKER" ]; then
    as_root apt-get update -qq
    touch "$APT_MARKER"
  fi
  if ! DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null; then
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
  fi
}

if [ ! -x /usr/bin/chromium ]; then
  # fonts-dejavu-core so pages render legibly in screenshots.
  apt_install --no-install-recommends chromium fonts-dejavu-core
fi
{ /usr/bin/chromium --version 2>/dev/null || true; } >&2
echo /usr/bin/chromium
