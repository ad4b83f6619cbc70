#!/usr/bin/env bash
# Installs what a fresh Debian machine with the .NET SDK (and, for the tests, Node) lacks. Idempotent: each step is
# skipped when its result is already there. Usage: infra/setup.sh [run|test]
#   run  — dotnet tools (enough to run the board: `dotnet build` builds the Blazor UI, no Node needed)
#   test — also redis-server, chromium and the browser tests' npm packages (tests/e2e)
set -euo pipefail
mode="${1:-run}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

say() { printf '[setup] %s\n' "$*"; }

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing ${missing[*]} (apt)"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

command -v dotnet >/dev/null || { echo "the .NET SDK 10 is required (dotnet not on PATH)" >&2; exit 1; }

if [ "$mode" = "test" ]; then
  command -v npm >/dev/null || { echo "Node.js 20+ and npm are required for the browser tests (npm not on PATH)" >&2; exit 1; }
  command -v redis-server >/dev/null || apt_install redis-server
  [ -x /usr/bin/chromium ] || apt_install chromium
  # npm packages of the browser tests: reinstall only when the lock file changed since the last install.
  if [ -f tests/e2e/package-lock.json ]; then
    stamp=tests/e2e/node_modules/.package-lock.json
    if [ ! -f "$stamp" ] || [ tests/e2e/package-lock.json -nt "$stamp" ]; then
      say "npm ci (tests/e2e)"
      (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
    fi
  fi
fi

if [ -f .config/dotnet-tools.json ]; then
  dotnet tool restore >/dev/null
fi
