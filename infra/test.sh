#!/usr/bin/env bash
# Runs every test: .NET unit, component (bunit) and integration tests (real redis-server, SQLite, Kestrel), and the
# browser end-to-end tests (real Chromium against the Blazor UI). Installs what is missing
# first. Ends with one line "N passed, N failed" and exits non-zero on any failure.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/infra/setup.sh" test || { echo "0 passed, 1 failed"; exit 1; }

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
passed=0
failed=0
status=0

# The last integer value of the JSON property named exactly $2 in file $1 (0 if absent).
field() { local v; v=$(grep -o "\"$2\": *[0-9]\+" "$1" | tail -1 | grep -o '[0-9]\+$'); echo "${v:-0}"; }

echo "== build"
if ! dotnet build PostMortem.sln -c Release -nologo -clp:ErrorsOnly; then
  echo "0 passed, 1 failed"
  exit 1
fi

echo "== dotnet test"
dotnet test PostMortem.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results/dotnet" || status=1
for trx in "$results"/dotnet/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(echo "$counters" | grep -o ' passed="[0-9]*"' | grep -o '[0-9]\+')
  f=$(echo "$counters" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]\+')
  e=$(echo "$counters" | grep -o ' error="[0-9]*"' | grep -o '[0-9]\+')
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # a crashed test host counts

if [ -f tests/e2e/package.json ]; then
  echo "== browser end-to-end (Playwright + Chromium)"
  # The Release build above includes the Blazor UI: the tests run that build instead of building again.
  if (cd tests/e2e && PM_E2E_SKIP_BUILD=1 PM_E2E_CONFIGURATION=Release PLAYWRIGHT_JSON_OUTPUT_NAME="$results/e2e.json" npx playwright test --reporter=list,json); then :; else status=1; fi
  if [ -f "$results/e2e.json" ]; then
    passed=$((passed + $(field "$results/e2e.json" expected)))
    failed=$((failed + $(field "$results/e2e.json" unexpected) + $(field "$results/e2e.json" flaky)))
  else
    failed=$((failed + 1))
  fi
fi

if [ -d tests/load/test ]; then
  echo "== load tool unit tests (node --test)"
  if (cd tests/load && node --test --test-reporter=spec --test-reporter-destination=stdout \
        --test-reporter=tap --test-reporter-destination="$results/load.tap" test/); then :; else status=1; fi
  if [ -f "$results/load.tap" ]; then
    p=$(grep -m1 '^# pass ' "$results/load.tap" | grep -o '[0-9]\+')
    f=$(grep -m1 '^# fail ' "$results/load.tap" | grep -o '[0-9]\+')
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
  else
    failed=$((failed + 1))
  fi
fi

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
