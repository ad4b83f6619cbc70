#!/usr/bin/env bash
# Web budgets of the Blazor UI (docs/BENCHMARKS.md, "Web budgets"): publishes the server in Release (the publish
# compresses static files with brotli), starts it from that folder, and measures in headless Chromium the bytes of a
# first visit to a board and to the write-up (and whether any WebAssembly is fetched for it), and the time from
# navigation to an interactive board, cold and warm. Prints a table; asserts nothing.
# Usage: infra/budgets.sh [rounds]   (PORT=5405 to pick the server's port)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/infra/setup.sh" test
out="$(mktemp -d "${TMPDIR:-/tmp}/pm-publish-XXXXXX")"
trap 'rm -rf "$out"' EXIT
echo "== dotnet publish (Release) to $out"
dotnet publish src/PostMortem.Server -c Release -o "$out" --nologo -v q -clp:ErrorsOnly
echo "== measuring"
cd tests/e2e
node budgets.mjs "$out" "${1:-3}"
