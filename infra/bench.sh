#!/usr/bin/env bash
# Benchmarks PostMortem side by side with the floor (tests/load/floor: a bare SignalR broadcast of the same
# protocol shape), Hocuspocus ×2 + Redis and y-websocket on this machine and
# writes docs/BENCHMARKS.md (raw results and server logs under artifacts/bench/). Not part of the
# test suite. Builds the server in Release first.
#   infra/bench.sh            full run (~5–10 min on 2 cores)
#   infra/bench.sh --quick    smoke run (< 1 min of measuring, small shapes)
# Other options are passed to the load tool: --only W1,W2,W3,W5,cold,idle,failover
#   --systems floor,pm1,pm2,hp2,hp1,yws1  --duration S  --warmup S  --agents N  --out FILE  --json FILE
#   --pm-client lean|official|msgpack  (the hub protocol: lean and official speak JSON, msgpack MessagePack)
#   --rounds N (W1/W2 rounds)  --pm-dll PATH (A/B: run another build of PostMortem.Server)
#   --pm-env KEY=VALUE (A/B: a setting in PostMortem's environment, repeatable)
#   --w5-rates R1,R2,… (W5's per-participant rates, e.g. past one instance's capacity)  --help
# Diagnostics (not for measured runs): PM_BENCH_GCDUMP_DIR=DIR makes the idle workload log the server's resident memory
# by kind of mapping and dump its heap (dotnet-gcdump; PM_BENCH_DUMP_TOOL=dotnet-dump for a whole heap dump) after the
# N and the 2N readings.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

command -v redis-server >/dev/null || { echo "redis-server is required (infra/setup.sh test installs it)" >&2; exit 1; }

echo "[bench] load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "[bench] building PostMortem.Server and the floor (Release)"
dotnet build src/PostMortem.Server -c Release -nologo -clp:ErrorsOnly -v quiet
dotnet build tests/load/floor -c Release -nologo -clp:ErrorsOnly -v quiet

stamp=tests/load/node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ tests/load/package-lock.json -nt "$stamp" ]; then
  echo "[bench] npm ci (tests/load)"
  (cd tests/load && npm ci --no-audit --no-fund --loglevel=error)
fi

export BENCH_COMMAND="infra/bench.sh${*:+ $*}"
exec node tests/load/src/cli.mjs "$@"
