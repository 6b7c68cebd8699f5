#!/usr/bin/env bash
# The README's test command: installs what a fresh machine lacks, then runs every check.
#   Debian packages: chromium (end-to-end tests), libsecret-1-dev (to build keytar),
#   gnome-keyring + dbus (a real Secret Service for the keychain tests).
#   npm packages: npm ci (the Electron binary is fetched lazily on first launch, never here).
set -euo pipefail
cd "$(dirname "$0")/../.."

packages=(chromium libsecret-1-dev gnome-keyring dbus)
if [[ "$(uname -s)" == Linux ]] && command -v apt-get >/dev/null; then
  missing=()
  for p in "${packages[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p"); done
  if ((${#missing[@]})); then
    echo "==> Installing Debian packages: ${missing[*]}"
    sudo_cmd=(); [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
fi

echo "==> npm ci"
npm ci --no-audit --no-fund

echo "==> Lint and format check"
npm run lint

echo "==> Type check and build"
npm run build

echo "==> Electron security checks: electronegativity over src and the build (accepted: tests/security/)"
npx tsx tests/support/electronegativity.ts

echo "==> Tests: unit, integration (sandbox over HTTP), keychain (Secret Service), e2e (Chromium), packaging (electron-builder --dir)"
# out/ was just built above; the e2e setup reuses it rather than building a second time.
ORGDESK_E2E_SKIP_BUILD=1 tests/support/with-keyring.sh npx vitest run
