#!/usr/bin/env bash
# Runs every test suite of PocketBaseSharp (dotnet, node, browser) and ends with one line
# "tests: N passed, M failed". Installs what it needs (NuGet restore, npm ci, Debian's chromium).
# Usage: ./test.sh            (all suites)
#        ./test.sh dotnet     (one suite: dotnet | node | browser)
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
only="${1:-all}"
results="$root/.test-results"
rm -rf "$results" && mkdir -p "$results"
passed=0
failed=0

add_counts() { passed=$((passed + $1)); failed=$((failed + $2)); }

run_dotnet() {
  echo "== dotnet: build"
  if ! dotnet build PocketBaseSharp.sln -c Release -nologo -v q; then
    echo "dotnet build failed"; add_counts 0 1; return
  fi
  for proj in tests/*.Tests/*.csproj; do
    name=$(basename "$proj" .csproj)
    echo "== dotnet: $name"
    dotnet test "$proj" -c Release --no-build -nologo \
      --logger "trx;LogFileName=$name.trx" --results-directory "$results/dotnet" \
      --logger "console;verbosity=minimal"
    trx="$results/dotnet/$name.trx"
    if [ -f "$trx" ]; then
      p=$(grep -o '<Counters [^>]*' "$trx" | grep -o 'passed="[0-9]*"' | grep -o '[0-9]*')
      f=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*')
      add_counts "${p:-0}" "${f:-0}"
    else
      echo "no results from $name"; add_counts 0 1
    fi
  done
}

# Runs the node:test files of one suite folder (tests/node or tests/browser) against the
# Release build of the server, counting its TAP summary.
run_node_suite() {
  local dir="$1" name="$2"
  [ -f "$dir/package.json" ] || return
  [ -n "$(find "$dir/test" -name '*.test.mjs' 2>/dev/null | head -1)" ] || { echo "== $name: no tests yet"; return; }
  echo "== $name"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) || { add_counts 0 1; return; }
  dotnet build src/Server -c Release -nologo -v q >/dev/null || { add_counts 0 1; return; }
  # Node 20's --test does not expand globs itself: list the files here.
  local files
  mapfile -t files < <(cd "$dir" && find test -name '*.test.mjs' | sort)
  (cd "$dir" && node --test --test-concurrency=1 \
      --test-reporter=spec --test-reporter-destination=stdout \
      --test-reporter=tap --test-reporter-destination="$results/$name.tap" "${files[@]}")
  if [ -f "$results/$name.tap" ]; then
    p=$(grep -E '^# pass ' "$results/$name.tap" | tail -1 | awk '{print $3}')
    f=$(grep -E '^# fail ' "$results/$name.tap" | tail -1 | awk '{print $3}')
    add_counts "${p:-0}" "${f:-0}"
  else
    add_counts 0 1
  fi
}

# Installs Debian packages whose commands are missing (apt-get update runs once, only if needed).
apt_updated=
ensure_debian() {
  local missing=() cmd pkg
  for pair in "$@"; do
    cmd=${pair%%:*}; pkg=${pair#*:}
    command -v "$cmd" >/dev/null || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "== installing Debian packages: ${missing[*]}"
  [ -n "$apt_updated" ] || { apt-get update -qq && apt_updated=1; } || return 1
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The node suite reads upstream's fixture data.db with the sqlite3 CLI to compare API output.
run_node() {
  ensure_debian sqlite3:sqlite3 || { echo "could not install sqlite3"; add_counts 0 1; return; }
  run_node_suite tests/node node
}

# Browser tests drive Debian's chromium through playwright-core (no browser download);
# the WebRTC test runs in a network namespace made with iproute2.
run_browser() {
  [ -f tests/browser/package.json ] || return
  ensure_debian chromium:chromium ip:iproute2 || { echo "could not install chromium"; add_counts 0 1; return; }
  run_node_suite tests/browser browser
}

case "$only" in
  all) run_dotnet; run_node; run_browser ;;
  dotnet) run_dotnet ;;
  node) run_node ;;
  browser) run_browser ;;
  *) echo "unknown suite: $only"; exit 2 ;;
esac

echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
