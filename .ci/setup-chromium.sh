#!/usr/bin/env bash
# Installs Debian's chromium for the browser test (playwright-core drives it by executablePath;
# no browser is downloaded). Idempotent. Prints the executable's path; exports nothing.
set -euo pipefail

# shellcheck source=apt.sh
source "$(dirname "$0")/apt.sh"

if [ ! -x /usr/bin/chromium ]; then
  # fonts-dejavu-core so pages render legibly in screenshots.
  apt_install --no-install-recommends chromium fonts-dejavu-core
fi
{ /usr/bin/chromium --version 2>/dev/null || true; } >&2
echo /usr/bin/chromium
