#!/usr/bin/env bash
# HTTP load on loopback with wrk (issue 14, "an uncached near-ZIP search at >= 0.3 of a primary-key lookup"):
#  1. events: GET /api/events?zip=…&miles=50 (page 1 of 20, through EventSearch) against GET /api/events/{id},
#     on the 1,000,000-event SQLite database of `bench … events-seed Sqlite` (/tmp/grassroots-events-bench.db);
#  2. the group directory (now on the same grid cells): GET /api/groups?near=…&within=25&q=climate with its
#     visitors' cache off, against GET /api/groups/{id}, on a copy of the 100,000-group database (bench/http.sh's).
# Every pair runs in the same app process, one after the other, twice (warm, measured). Nothing is cached.
# Usage: bench/events-http.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}; conns=${2:-16}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
events_db=${GRASSROOTS_EVENTS_BENCH_DB:-/tmp/grassroots-events-bench.db}
groups_src=${GRASSROOTS_BENCH_DB:-/tmp/grassroots-bench.db}
groups_db=/tmp/grassroots-events-http-groups.db
[ -f "$events_db" ] || dotnet run -c Release --project bench/Grassroots.Benchmarks -- events-seed Sqlite
[ -f "$groups_src" ] || dotnet run -c Release --project bench/Grassroots.Benchmarks -- seed Sqlite
[ -f "$groups_db" ] || cp "$groups_src" "$groups_db" # the app migrates it (the grid column): not the shared file
dotnet build src/Grassroots -c Release -nologo -v q >/dev/null

ids() { # db table → a Lua list of 2,000 ids (SQLite keeps GUIDs as upper-case text)
  python3 - "$1" "$2" <<'PY'
import sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute(f'SELECT "Id" FROM "{sys.argv[2]}" ORDER BY random() LIMIT 2000').fetchall()
print(",".join('"%s"' % r[0].lower() for r in rows))
PY
}
zips='"19107","10027","60615","94110","78702","53703","05401","30303","98101","02139","48201","85004","80202","97201","55401","63101","70112","33101","27601","44113"'

run() { # name path-template list
  cat > /tmp/grassroots-events-wrk.lua <<LUA
local xs = {$3}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", string.format("$2", xs[(i % #xs) + 1]))
end
LUA
  wrk -t2 -c"$conns" -d"${secs}s" -s /tmp/grassroots-events-wrk.lua "$url" > "/tmp/wrk-events-$1.txt"
  local rps lat non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' "/tmp/wrk-events-$1.txt")
  lat=$(awk '/Latency/ {print $2}' "/tmp/wrk-events-$1.txt")
  non2xx=$(awk '/Non-2xx/ {print $5}' "/tmp/wrk-events-$1.txt"); non2xx=${non2xx:-0}
  echo "$1 $rps $lat $non2xx"
}

start() { # db
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  url="http://127.0.0.1:$port"
  (cd src/Grassroots && Database__ConnectionString="$1" Database__SeedDemo=false Caching__DirectorySeconds=0 \
    RateLimits__WritesPerMinute=100000000 RateLimits__AnonymousWritesPerMinute=100000000 Email__PublicBaseUrl="$url" Logging__LogLevel__Default=Warning \
    exec dotnet bin/Release/net10.0/Grassroots.dll --urls "$url" >/tmp/grassroots-events-bench-app.log 2>&1) &
  app=$!
  for _ in $(seq 1 300); do curl -fs "$url/health/live" >/dev/null 2>&1 && return; sleep 0.2; done
  echo "the app did not start" >&2; exit 1
}
stop() { kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; }

echo "| pair | endpoint | requests/s | mean latency | non-2xx | search ÷ lookup |"
echo "|---|---|---:|---:|---:|---:|"
start "$events_db"
event_ids=$(ids "$events_db" events)
curl -fs "$url/api/events?zip=10027&miles=50" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["total"] > 0, d'
for pass in warm measure; do
  pk=$(run event-pk "/api/events/%s" "$event_ids")
  s=$(run event-search "/api/events?zip=%s&miles=50" "$zips")
done
stop
printf "| events | %s | %s | %s | %s | |\n" "GET /api/events/{id}" $(echo "$pk" | awk '{print $2, $3, $4}')
printf "| events | %s | %s | %s | %s | %.2f |\n" "GET /api/events?zip=…&miles=50" $(echo "$s" | awk '{print $2, $3, $4}') "$(echo "$(echo "$s" | awk '{print $2}') / $(echo "$pk" | awk '{print $2}')" | bc -l)"

start "$groups_db"
group_ids=$(ids "$groups_db" groups)
for pass in warm measure; do
  gpk=$(run group-pk "/api/groups/%s" "$group_ids")
  gs=$(run group-search "/api/groups?near=%s&within=25&q=climate" "$zips")
done
stop
printf "| groups | %s | %s | %s | %s | |\n" "GET /api/groups/{id}" $(echo "$gpk" | awk '{print $2, $3, $4}')
printf "| groups | %s | %s | %s | %s | %.2f |\n" "GET /api/groups?near=…&within=25&q=climate (cache off)" $(echo "$gs" | awk '{print $2, $3, $4}') "$(echo "$(echo "$gs" | awk '{print $2}') / $(echo "$gpk" | awk '{print $2}')" | bc -l)"
