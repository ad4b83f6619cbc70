#!/usr/bin/env bash
# Runs a usable board on the embedded default: one instance, SQLite in ./data, the web client built
# and served. Open the printed URL. Override the address with URLS=http://0.0.0.0:5080.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/infra/setup.sh" run
urls="${URLS:-http://127.0.0.1:5080}"
# Idle thread-pool workers spin-wait by default; on small machines that burned ~10 % of a core with
# nobody connected (docs/BENCHMARKS.md). The runtimeconfig knob had no effect on .NET 10 here.
export DOTNET_ThreadPool_UnfairSemaphoreSpinLimit="${DOTNET_ThreadPool_UnfairSemaphoreSpinLimit:-0}"
echo "PostMortem on $urls"
exec dotnet run --project src/PostMortem.Server -c Release -- --urls "$urls" --contentRoot "$root/src/PostMortem.Server"
