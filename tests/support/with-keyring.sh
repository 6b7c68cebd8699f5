#!/usr/bin/env bash
# Runs a command where keytar can reach a real, unlocked Secret Service.
# On Linux without a session bus (CI, containers, SSH) it starts a private D-Bus session
# with GNOME Keyring holding a throwaway keyring in a temporary folder, so tests never
# touch the developer's own keychain. Elsewhere the command runs as is.
set -euo pipefail
if [[ "$(uname -s)" != Linux || -n "${ORGDESK_KEYRING_SESSION:-}" ]]; then
  exec "$@"
fi
for tool in dbus-run-session gnome-keyring-daemon; do
  command -v "$tool" >/dev/null || { echo "with-keyring: $tool is missing (apt-get install dbus gnome-keyring libsecret-1-dev)" >&2; exit 1; }
done
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME="$keyring_home/data" XDG_RUNTIME_DIR="$keyring_home/run" ORGDESK_KEYRING_SESSION=1
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
dbus-run-session -- bash -c '
  # --unlock reads the keyring password on stdin, creating and unlocking the login keyring.
  eval "$(printf orgdesk-test | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
  exec "$@"' with-keyring "$@"
