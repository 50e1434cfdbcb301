#!/usr/bin/env bash
# Installs Debian's chromium for the browser test (playwright-core drives it by executablePath;
# no browser is downloaded). Idempotent. Prints the executable's path; exports nothing.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x /usr/bin/chromium ]; then
  if [ ! -f /tmp/.essay-apt-updated ]; then
    as_root apt-get update -qq
    touch /tmp/.essay-apt-updated
  fi
  # fonts-dejavu-core so pages render legibly in screenshots.
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi
/usr/bin/chromium --version >&2
echo /usr/bin/chromium
