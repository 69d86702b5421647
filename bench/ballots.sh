#!/usr/bin/env bash
# The convention's busiest write over HTTP with wrk on loopback: DELEGATES credentialed delegates (20,000) casting on
# one motion, POST /api/assemblies/{id}/motions/{n}/ballots {"choices":"yes"} (bearer), each once (then again: a
# re-vote, a full write too), against the same request that writes nothing in the same run (choices "maybe": 400 after
# the same authentication, session check and reads) and against raw single-row INSERTs into board_ballots of the same
# database. Then checks what was stored: every acknowledged ballot on the board once, the chain intact to the stored
# head, the counters equal to the rows. Last, a convention hall: HALL (500) delegates behind one address sign in with
# their passwords all at once and vote, under the app's default rate limits.
# Usage: bench/ballots.sh [seconds] [connections] [Sqlite|Postgres]
# PostgreSQL: set GRASSROOTS_BENCH_PG to a server connection string (the database grassroots_ballot_bench is made there).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}; conns=${2:-32}; provider=${3:-Sqlite}
delegates=${DELEGATES:-20000}; hall=${HALL:-500}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
bench="dotnet run -c Release --no-build --project bench/Grassroots.Benchmarks --"
if [ -z "${NO_BUILD:-}" ]; then
  dotnet build src/Grassroots -c Release -nologo -v q >/dev/null
  dotnet build bench/Grassroots.Benchmarks -c Release -nologo -v q >/dev/null
fi
$bench ballot-seed "$provider" >/dev/null
if [ "$provider" = Postgres ]; then
  pgcs="${GRASSROOTS_BENCH_PG:?set GRASSROOTS_BENCH_PG}"
  dbenv=(Database__Provider=Postgres "Database__ConnectionString=$(echo "$pgcs" | sed -E 's/Database=[^;]*//I');Database=grassroots_ballot_bench")
else
  dbenv=("Database__ConnectionString=/tmp/grassroots-ballot-bench.db")
fi
data=/tmp/grassroots-ballot-data; mkdir -p "$data"
start_app() { # extra env…; sets app and url
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  url="http://127.0.0.1:$port"
  (cd src/Grassroots && exec env "${dbenv[@]}" DataPath="$data" Database__SeedDemo=false Email__PublicBaseUrl="$url" Logging__LogLevel__Default=Warning "$@" \
    dotnet bin/Release/net10.0/Grassroots.dll --urls "$url" >/tmp/grassroots-ballot-app.log 2>&1) &
  app=$!
  for _ in $(seq 1 150); do curl -fs "$url/health/live" >/dev/null 2>&1 && break; sleep 0.2; done
}
start_app RateLimits__WritesPerMinute=100000000
trap 'kill $app 2>/dev/null || true' EXIT
tag="b$(date +%s)"
lua=/tmp/grassroots-ballot-$tag.lua
motion=$($bench ballot-setup "$provider" "$url" "$delegates" "$data" "$tag" "/tmp/grassroots-ballot-$tag.tokens" "$lua.data" | tail -n 1)
cat "$lua.data" bench/ballots.lua > "$lua"
run() { # mode seconds out
  echo "load $(cut -d' ' -f1-3 /proc/loadavg) at $(date +%T)" > "$3"
  wrk -t2 -c"$conns" -d"$2s" --timeout 30s -s "$lua" "$url" -- "$1" >> "$3"
}
rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
status() { awk -v s="$2" '$1=="status" && $2==s {print $3}' "$1" | grep . || echo 0; }
answers() { awk '$1=="status" {printf "%s×%s ", $3, $2}' "$1"; awk '/Socket errors/ {printf "(%s)", $0}' "$1"; }
lat() { awk '/Latency/ && !/Distribution/ {print $2" (max "$4")"}' "$1"; }
o=/tmp/wrk-ballot
run noop 10 $o-warm.txt
run cast "$secs" $o-cast.txt
sleep 2
read -r entries voters boardcount voted chain repeated <<<"$($bench ballot-check "$provider" "$motion" | tail -n 1)"
run noop "$secs" $o-noop.txt
kill $app; wait $app 2>/dev/null || true
raw=$($bench ballot-raw-inserts "$provider" "$secs" "$conns" | tail -n 1)
created=$(status $o-cast.txt 201); again=$(awk '$1=="again" {print $2}' $o-cast.txt)
castrps=$(rps $o-cast.txt); nooprps=$(rps $o-noop.txt)
echo "provider $provider, $delegates delegates, $conns connections, $secs s each, $(date -u +%F)"
echo "cast: $castrps req/s, latency $(lat $o-cast.txt), answers $(answers $o-cast.txt), re-votes among them $again, $(cat $o-cast.txt | head -1)"
echo "noop: $nooprps req/s, latency $(lat $o-noop.txt), answers $(answers $o-noop.txt)"
echo "raw inserts into board_ballots: $raw rows/s"
python3 -c "c=$castrps; n=$nooprps; r=$raw; print(f'ratio cast/noop {c/n:.2f}, cast/raw {c/r:.2f}; first ballots in the first minute: {min($delegates, int(c*60))} of $delegates')"
echo "stored: board entries $entries (acknowledged 201: $created), voters $voters, motion counters board=$boardcount voted=$voted, chain $chain, trackers repeated $repeated"
# wrk stops with requests in flight: those may be stored without their answer being counted (never the other way).
[ "$entries" -ge "$created" ] && [ $(( entries - created )) -le "$conns" ] && [ "$boardcount" = "$entries" ] && [ "$voted" = "$voters" ] && [ "$chain" = holds ] && [ "$repeated" = 0 ] && echo "zero lost, none twice" || echo "MISMATCH"
# The hall: default rate limits, one address, real passwords.
start_app
$bench ballot-hall "$provider" "$url" "$hall" "$data" "h$tag" | tail -n 2
