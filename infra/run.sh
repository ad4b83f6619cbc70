#!/usr/bin/env bash
# Runs a usable board on the embedded default: one instance, SQLite in ./data, the web client built
# and served. Open the printed URL. Override the address with URLS=http://0.0.0.0:5080.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/infra/setup.sh" run
urls="${URLS:-http://127.0.0.1:5080}"
echo "PostMortem on $urls"
exec dotnet run --project src/PostMortem.Server -c Release -- --urls "$urls" --contentRoot "$root/src/PostMortem.Server"
