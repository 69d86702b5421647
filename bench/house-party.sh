#!/usr/bin/env bash
# A house-party weekend replayed over HTTP: 100,000 RSVPs across 5,000 events (60% members by the API,
# 40% guests by the page form; capacities 8, 15, 40 and none, one event in ten without a waitlist, so
# events fill up and waitlists grow), sent once by wrk as fast as the server answers. Reports the time,
# the throughput, the answers, the counts check and the server's peak memory (VmHWM).
# Usage: bench/house-party.sh [Sqlite|Postgres] [rsvps] [events] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
provider=${1:-Sqlite}; total=${2:-100000}; nevents=${3:-5000}; conns=${4:-32}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
bench="dotnet run -c Release --no-build --project bench/Grassroots.Benchmarks --"
if [ -z "${NO_BUILD:-}" ]; then
  dotnet build src/Grassroots -c Release -nologo -v q >/dev/null
  dotnet build bench/Grassroots.Benchmarks -c Release -nologo -v q >/dev/null
fi
$bench rsvp-seed "$provider" >/dev/null
if [ "$provider" = Postgres ]; then
  pgcs="${GRASSROOTS_BENCH_PG:?set GRASSROOTS_BENCH_PG}"
  dbenv=(Database__Provider=Postgres "Database__ConnectionString=$(echo "$pgcs" | sed -E 's/Database=[^;]*//I');Database=grassroots_rsvp_bench")
else
  dbenv=("Database__ConnectionString=/tmp/grassroots-rsvp-bench.db")
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
data=/tmp/grassroots-rsvp-data; mkdir -p "$data"
(cd src/Grassroots && exec env "${dbenv[@]}" DataPath="$data" Database__SeedDemo=false RateLimits__AuthPerAccountPerMinute=1000000 RateLimits__AuthPerAddressPerMinute=1000000 RateLimits__WritesPerMinute=100000000 RateLimits__AnonymousWritesPerMinute=100000000 \
  Email__PublicBaseUrl="$url" Logging__LogLevel__Default=Warning dotnet bin/Release/net10.0/Grassroots.dll --urls "$url" >/tmp/grassroots-house-party-app.log 2>&1) &
app=$!
trap 'kill $app 2>/dev/null' EXIT
for _ in $(seq 1 100); do curl -fs "$url/health/live" >/dev/null 2>&1 && break; sleep 0.2; done

tag="hp$(date +%s)"
lua=/tmp/grassroots-house-party-$tag.lua
$bench rsvp-setup "$provider" "$url" 100 "$nevents" party "$tag" "$lua.data" >/dev/null
cat "$lua.data" bench/house-party.lua > "$lua"
before=$(awk '/VmHWM/ {print $2" "$3}' /proc/$app/status)
out=/tmp/wrk-house-party.txt
load0=$(cut -d' ' -f1-3 /proc/loadavg)
donedir=/tmp/grassroots-house-party-$tag.done; mkdir -p "$donedir"
start=$(date +%s.%N)
wrk -t2 -c"$conns" -d3600s --timeout 30s -s "$lua" "$url" -- "$total" "$tag" "$donedir" > $out &
wrkpid=$!
# Both threads have every answer: the time is now (polled every 0.1 s), then wrk prints its summary.
until [ -e "$donedir/0" ] && [ -e "$donedir/1" ]; do sleep 0.1; kill -0 $wrkpid 2>/dev/null || break; done
end=$(date +%s.%N)
kill -INT $wrkpid 2>/dev/null || true; wait $wrkpid || true
load1=$(cut -d' ' -f1-3 /proc/loadavg)
sleep 1
read -r stored bym byg twicekey twiceperson oversold mismatched conf wait full ev <<<"$($bench rsvp-check "$provider" "$tag" "$tag-" | tail -n 1)"
hwm=$(awk '/VmHWM/ {print $2" "$3}' /proc/$app/status)
rss=$(awk '/VmRSS/ {print $2" "$3}' /proc/$app/status)
kill $app 2>/dev/null || true; wait $app 2>/dev/null || true
st() { awk -v s="$1" '$1=="status" && $2==s {print $3}' $out | grep . || echo 0; }
elapsed=$(echo "$end - $start" | bc -l | xargs printf "%.1f")
answered=$(( $(st 201) + $(st 200) + $(st 302) + $(st 400) ))
echo "$provider, $total RSVPs across $ev events, $conns connections, tag $tag"
echo
echo "| measure | value |"
echo "|---|---:|"
echo "| elapsed (wrk started to the last RSVP answered) | $elapsed s |"
printf "| RSVPs answered per second | %.0f |\n" "$(echo "$answered / $elapsed" | bc -l)"
echo "| load average (1 5 15 min) at start / at end | $load0 / $load1 |"
echo "| answers by status (404 = the padding once a thread's share was sent) | $(awk '$1=="status" {printf "%s×%s ", $3, $2}' $out) |"
echo "| socket errors / timeouts | $(awk '/Socket errors/ {print $0}' $out | sed 's/^ *//' || true) |"
echo "| latency (wrk; the 404 padding included) | $(awk '/Latency/ {print "mean "$2", stdev "$3", max "$4; exit}' $out) |"
echo "| stored: all / by members / by guests | $stored / $bym / $byg |"
echo "| members answered 201 / guests answered 302 (accepted) | $(st 201) / $(st 302) |"
echo "| refused: members 400 (full, no waitlist) / guests 200 (form re-shown: full) | $(st 400) / $(st 200) |"
echo "| answered 201/302 but not stored (lost) | $(( $(st 201) + $(st 302) - stored > 0 ? $(st 201) + $(st 302) - stored : 0 )) (stored − accepted = $(( stored - $(st 201) - $(st 302) ))) |"
echo "| rows twice under one (address, key) / active rows twice for one (event, address) | $twicekey / $twiceperson |"
echo "| events over capacity | $oversold |"
echo "| events whose Confirmed/Waitlisted differ from their rows' seats | $mismatched of $ev |"
echo "| seats confirmed / waitlisted; events with a capacity and people waiting | $conf / $wait; $full |"
echo "| server peak memory VmHWM: after setup / after the replay (VmRSS at the end) | $before / $hwm ($rss) |"
