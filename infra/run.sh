#!/usr/bin/env bash
# Runs a usable board on the embedded default: one instance, SQLite in ./data, the Blazor UI built (by
# `dotnet build`, with the server) and served. Open the printed URL; the printed team link opens the incident log. Override the address with URLS=http://0.0.0.0:5080.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/infra/setup.sh" run
urls="${URLS:-http://127.0.0.1:5080}"
# Idle thread-pool workers spin-wait by default; on small machines that burned ~10 % of a core with
# nobody connected (docs/BENCHMARKS.md). The runtimeconfig knob had no effect on .NET 10 here.
export DOTNET_ThreadPool_UnfairSemaphoreSpinLimit="${DOTNET_ThreadPool_UnfairSemaphoreSpinLimit:-0}"
# The GC sizes its youngest generation from the CPU's L3 cache: on a server CPU with a large L3 that is ~130 MB of
# garbage kept resident between collections. 4 MB (hex 400000; environment only, no runtimeconfig name) cut peak
# RSS under load by a fifth with no CPU cost measured (docs/BENCHMARKS.md, finding 11).
export DOTNET_GCgen0size="${DOTNET_GCgen0size:-400000}"
project=(--project src/PostMortem.Server -c Release)
dotnet build src/PostMortem.Server -c Release --nologo -v q -clp:ErrorsOnly
echo "PostMortem on $urls"
# The incident log needs the team credential: print the team link (the key is made on first start and kept in
# the data folder; `dotnet run --project src/PostMortem.Server -- team-link --rotate` replaces it).
dotnet run --no-build "${project[@]}" -- team-link --base-url "$urls" --contentRoot "$root/src/PostMortem.Server"
exec dotnet run --no-build "${project[@]}" -- --urls "$urls" --contentRoot "$root/src/PostMortem.Server"
