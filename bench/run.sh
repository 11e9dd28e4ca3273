#!/usr/bin/env bash
# The documented benchmark command (not part of ./test.sh). Builds Release, then the harness
# starts the server on a fresh temp data dir, builds upstream's dataset through the API and runs
# the tiers; results go to bench/results/latest.{json,md} and the generated section of
# docs/benchmarks.md. All traffic is on 127.0.0.1; every load loop is bounded in count and time.
# Usage: bench/run.sh [--quick] [--tiers cal,a,b,c,d] [--seconds N] [--machine-state "TEXT"] [--no-docs]
set -euo pipefail
cd "$(dirname "$0")/.."
docs=(--docs docs/benchmarks.md)
args=()
for a in "$@"; do
  if [ "$a" = "--no-docs" ]; then docs=(); else args+=("$a"); fi
done
# The server is measured as it is deployed: published for this machine's runtime, ReadyToRun
# (precompiled), framework-dependent; the same as the Dockerfile.
server_dir=src/Server/bin/publish
dotnet publish src/Server -c Release --use-current-runtime --no-self-contained -o "$server_dir" -nologo -v q >/dev/null
dotnet build bench/Server.Bench -c Release -nologo -v q >/dev/null
# Tier C reuses the realtime fan-out benchmark (not in the solution; built here on demand).
dotnet build bench/Realtime.Bench -c Release -nologo -v q >/dev/null
export BENCH_GIT_COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo '+dirty')"
export BENCH_ARGS="$(printf '%q ' "$@")"
exec dotnet bench/Server.Bench/bin/Release/net10.0/PocketBaseSharp.Server.Bench.dll \
  --server-dll "$server_dir/PocketBaseSharp.Server.dll" \
  --out bench/results "${docs[@]}" "${args[@]}"
