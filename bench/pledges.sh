#!/usr/bin/env bash
# Pledge POST throughput over HTTP with wrk on loopback, against raw single-row inserts into the
# same database in the same run; then counts what was stored: nothing lost, nothing twice.
# Usage: bench/pledges.sh [seconds] [connections] [Sqlite|Postgres]
# PostgreSQL: set GRASSROOTS_BENCH_PG to a server connection string (the bench database is made there).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}; conns=${2:-32}; provider=${3:-Sqlite}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
db=/tmp/grassroots-bench.db
bench="dotnet run -c Release --no-build --project bench/Grassroots.Benchmarks --"
dotnet build src/Grassroots -c Release -nologo -v q >/dev/null
dotnet build bench/Grassroots.Benchmarks -c Release -nologo -v q >/dev/null
$bench seed "$provider" >/dev/null
if [ "$provider" = Postgres ]; then
  pgcs="${GRASSROOTS_BENCH_PG:?set GRASSROOTS_BENCH_PG}"
  dbenv=(Database__Provider=Postgres "Database__ConnectionString=$(echo "$pgcs" | sed -E 's/Database=[^;]*//I');Database=grassroots_bench")
else
  dbenv=("Database__ConnectionString=$db")
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
(cd src/Grassroots && env "${dbenv[@]}" Database__SeedDemo=false RateLimits__AuthPerAccountPerMinute=1000000 RateLimits__AuthPerAddressPerMinute=1000000 RateLimits__WritesPerMinute=100000000 RateLimits__AnonymousWritesPerMinute=100000000 \
  Email__PublicBaseUrl="$url" Logging__LogLevel__Default=Warning dotnet bin/Release/net10.0/Grassroots.dll --urls "$url" >/tmp/grassroots-pledge-app.log 2>&1) &
app=$!
trap 'pkill -P $app 2>/dev/null; kill $app 2>/dev/null' EXIT
for _ in $(seq 1 100); do curl -fs "$url/health/live" >/dev/null 2>&1 && break; sleep 0.2; done

data=/tmp/grassroots-pledge-data.lua
project=$($bench pledge-setup "$provider" "$url" 64 "$data" | tail -n 1)
cat "$data" > /tmp/grassroots-pledge.lua
cat >> /tmp/grassroots-pledge.lua <<'LUA'
-- thread_id is a global that setup() gives each thread (a local here would hide it).
local counter = 0
local threads = 2
function setup(thread)
  thread:set("thread_id", counter)
  counter = counter + 1
end
-- args: the first need to use and a prefix for the keys, so the warm-up run and the measured run
-- never send the same (member, need) pair or key.
function init(args)
  n = 0
  per = math.floor(#tokens / threads)
  first = tonumber(args[1] or "0")
  prefix = args[2] or "k"
end
request = function()
  -- Each (member, need) pair is used once: a member's second pledge to a need would be refused.
  local m = (n % per) * threads + thread_id + 1
  local need = needs[(first + math.floor(n / per)) % #needs + 1]
  n = n + 1
  local headers = {}
  headers["Content-Type"] = "application/json"
  headers["Authorization"] = "Bearer " .. tokens[m]
  headers["Idempotency-Key"] = prefix .. "-" .. thread_id .. "-" .. n
  return wrk.format("POST", "/api/projects/" .. project .. "/needs/" .. need .. "/pledges", headers, '{"amount":1}')
end
LUA
# 15 s warm-up (JIT tiers settle; a long-running server is measured, not a cold one) on the second half of the needs, then the measured run on the first half.
wrk -t2 -c"$conns" -d15s -s /tmp/grassroots-pledge.lua "$url" -- 2000 warm > /dev/null
read -r before_stored _ _ <<<"$($bench pledge-check "$provider" "$project" | tail -n 1)"
wrk -t2 -c"$conns" -d"${secs}s" -s /tmp/grassroots-pledge.lua "$url" -- 0 k > /tmp/wrk-pledges.txt
rps=$(awk '/Requests\/sec/ {print $2}' /tmp/wrk-pledges.txt)
# Baseline of the same kind: the same authenticated POST to a need that does not exist, answered
# 404 after one primary-key read (authentication, JSON, routing, one query; no write).
sed 's#"/needs/" .. need#"/needs/00000000-0000-0000-0000-000000000001"#' /tmp/grassroots-pledge.lua > /tmp/grassroots-pledge-404.lua
wrk -t2 -c"$conns" -d"${secs}s" -s /tmp/grassroots-pledge-404.lua "$url" -- 0 none > /tmp/wrk-pledges-404.txt
rps404=$(awk '/Requests\/sec/ {print $2}' /tmp/wrk-pledges-404.txt)
total=$(awk '/requests in/ {print $1}' /tmp/wrk-pledges.txt)
non2xx=$(awk '/Non-2xx/ {print $5}' /tmp/wrk-pledges.txt); non2xx=${non2xx:-0}
sleep 1
read -r stored duplicated reserved <<<"$($bench pledge-check "$provider" "$project" | tail -n 1)"
pkill -P $app 2>/dev/null || true; kill $app 2>/dev/null || true; wait $app 2>/dev/null || true
raw=$($bench raw-inserts "$provider" "$secs" "$conns" | tail -n 1)
echo "| measure | value |"
echo "|---|---:|"
echo "| pledge POSTs/s (wrk, $conns connections, ${secs}s) | $rps |"
echo "| raw single-row inserts/s (same $provider database, $conns connections) | $raw |"
echo "| authenticated POST answered 404 after one read, /s (same run) | $rps404 |"
printf "| ratio pledges ÷ raw inserts | %.3f |\n" "$(echo "$rps / $raw" | bc -l)"
printf "| ratio authenticated 404 POST ÷ raw inserts | %.3f |\n" "$(echo "$rps404 / $raw" | bc -l)"
printf "| ratio pledges ÷ authenticated 404 POST | %.3f |\n" "$(echo "$rps / $rps404" | bc -l)"
echo "| requests answered | $total |"
echo "| non-2xx answers | $non2xx |"
echo "| pledges stored by the measured run | $(( stored - before_stored )) |"
lost=$(( total - non2xx - (stored - before_stored) ))
if [ "$lost" -lt 0 ]; then lost="0 ($(( -lost )) more stored than wrk counted: requests in flight when it stopped)"; fi
echo "| answered 2xx but not stored (lost) | $lost |"
echo "| stored twice under one key | $duplicated |"
echo "| sum of needs' reserved amounts | $reserved |"
