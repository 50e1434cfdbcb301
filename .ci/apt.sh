# Shared by the .ci/setup-*.sh scripts (sourced, not run).
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# apt-get update once per boot (the setup scripts share the marker); if the install still fails
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
