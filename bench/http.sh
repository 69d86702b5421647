#!/usr/bin/env bash
# HTTP load on loopback with wrk: the group directory page and API against a plain-text
# /health/live in the same run, on the 100,000-group / 1,000,000-member SQLite database
# (made by `dotnet run -c Release --project bench/Grassroots.Benchmarks -- seed Sqlite`).
# Run twice: with the visitors' directory cache (the default, 15 s) and with it turned off.
# Usage: bench/http.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}; conns=${2:-32}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
db=${GRASSROOTS_BENCH_DB:-/tmp/grassroots-bench.db}
[ -f "$db" ] || dotnet run -c Release --project bench/Grassroots.Benchmarks -- seed Sqlite
dotnet build src/Grassroots -c Release -nologo -v q >/dev/null

# Requests rotate through 20 ZIPs so no single answer is warm in every cache.
cat > /tmp/grassroots-zips.lua <<'LUA'
local zips = {"19107","10027","60615","94110","78702","53703","05401","30303","98101","02139","48201","85004","80202","97201","55401","63101","70112","33101","27601","44113"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", string.format(PATH_TEMPLATE, zips[(i % #zips) + 1]))
end
LUA

run() { # name path-template
  local template=${2//&/\\&}
  sed "s|PATH_TEMPLATE|\"$template\"|" /tmp/grassroots-zips.lua > /tmp/grassroots-wrk.lua
  wrk -t2 -c"$conns" -d"${secs}s" -s /tmp/grassroots-wrk.lua "$url" > "/tmp/wrk-$1.txt"
  local rps lat non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' "/tmp/wrk-$1.txt")
  lat=$(awk '/Latency/ {print $2}' "/tmp/wrk-$1.txt")
  non2xx=$(awk '/Non-2xx/ {print $5}' "/tmp/wrk-$1.txt"); non2xx=${non2xx:-0}
  echo "$1 $rps $lat $non2xx"
}

echo "| cache | endpoint | requests/s | mean latency | non-2xx | ratio to /health/live |"
echo "|---|---|---:|---:|---:|---:|"
for cache in 15 0; do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  url="http://127.0.0.1:$port"
  (cd src/Grassroots && Database__ConnectionString="$db" Database__SeedDemo=false Caching__DirectorySeconds=$cache \
    Email__PublicBaseUrl="$url" Logging__LogLevel__Default=Warning dotnet bin/Release/net10.0/Grassroots.dll --urls "$url" >/tmp/grassroots-bench-app.log 2>&1) &
  app=$!
  for _ in $(seq 1 100); do curl -fs "$url/health/live" >/dev/null 2>&1 && break; sleep 0.2; done
  curl -fs "$url/api/groups?near=19107&within=25&q=climate" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["total"] > 0, d' \
    || { echo "the directory answered nothing: is the bench database seeded?" >&2; exit 1; }
  for pass in warm measure; do
    h=$(run health "/health/live?z=%s")
    a=$(run api "/api/groups?near=%s&within=25&q=climate")
    p=$(run page "/groups?near=%s&within=25&q=climate")
  done
  hr=$(echo "$h" | awk '{print $2}')
  for line in "$h" "$a" "$p"; do
    set -- $line
    printf "| %s | %s | %s | %s | %s | %.2f |\n" "$([ "$cache" = 0 ] && echo off || echo "${cache}s")" "$1" "$2" "$3" "$4" "$(echo "$2 / $hr" | bc -l)"
  done
  pkill -P $app 2>/dev/null || true; kill $app 2>/dev/null || true; wait $app 2>/dev/null || true
done
