#!/usr/bin/env bash
# Session replay benchmark (issue 14; docs/BENCHMARKS.md "Replay"): builds the server in Release, starts it on a free
# port with an empty data folder (SQLite journal) and the per-participant command rate lifted (one facilitator seeds
# each 2,000-entry board over the hub), runs tests/e2e/bench/replay-bench.mjs against it and stops it.
#   infra/replay-bench.sh [boards=3] [entries=2000] [frames=300]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
echo "[replay-bench] load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
dotnet build src/PostMortem.Server -c Release -nologo -clp:ErrorsOnly -v quiet
(cd tests/e2e && (test -d node_modules || npm ci --no-audit --no-fund --loglevel=error))

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
data="$(mktemp -d)"
log="$data/server.log"
(cd src/PostMortem.Server && ASPNETCORE_ENVIRONMENT=Production Data__Folder="$data" Limits__CommandsPerSecond=100000 \
  Limits__CommandBurst=100000 Limits__CallsPerSecond=100000 Limits__CallBurst=100000 Limits__HttpWritesPerMinute=0 \
  Logging__LogLevel__Default=Warning \
  exec dotnet bin/Release/net10.0/PostMortem.Server.dll --urls "http://127.0.0.1:$port" --contentRoot . >"$log" 2>&1) &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
node tests/e2e/bench/replay-bench.mjs "http://127.0.0.1:$port" "$@"
