#!/usr/bin/env bash
# The fund's write over HTTP with wrk on loopback: DONORS signed-in members each giving $1 gifts to the central fund,
# POST /api/fund/gifts (bearer, a new Idempotency-Key each), through the whole path (hold under the limits, the test
# processor's charge, the settle into the books with the receipt in the outbox), against the same request that writes
# nothing in the same run ("cents": 0: 400 after the same authentication, session check, key lookup and validation)
# and against raw single-row INSERTs into the gifts table of the same database. Then checks what was stored: every
# acknowledged gift charged once and booked once, nothing left charging, the books balanced, cash equal to the gifts.
# Usage: bench/gifts.sh [seconds] [connections] [Sqlite|Postgres]
# PostgreSQL: set GRASSROOTS_BENCH_PG to a server connection string (the database grassroots_gift_bench is made there).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}; conns=${2:-32}; provider=${3:-Sqlite}
donors=${DONORS:-400}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
bench="dotnet run -c Release --no-build --project bench/Grassroots.Benchmarks --"
if [ -z "${NO_BUILD:-}" ]; then
  dotnet build src/Grassroots -c Release -nologo -v q >/dev/null
  dotnet build bench/Grassroots.Benchmarks -c Release -nologo -v q >/dev/null
fi
$bench gift-seed "$provider" >/dev/null
if [ "$provider" = Postgres ]; then
  pgcs="${GRASSROOTS_BENCH_PG:?set GRASSROOTS_BENCH_PG}"
  dbenv=(Database__Provider=Postgres "Database__ConnectionString=$(echo "$pgcs" | sed -E 's/Database=[^;]*//I');Database=grassroots_gift_bench")
else
  dbenv=("Database__ConnectionString=/tmp/grassroots-gift-bench.db")
fi
data=/tmp/grassroots-gift-data; mkdir -p "$data"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
# The mail goes to a pickup folder (no SMTP server here): the receipt is still written to the outbox in the settle.
(cd src/Grassroots && exec env "${dbenv[@]}" DataPath="$data" Database__SeedDemo=false Email__PublicBaseUrl="$url" Email__SmtpHost= Logging__LogLevel__Default=Warning \
  RateLimits__WritesPerMinute=100000000 RateLimits__AuthPerAccountPerMinute=1000000 RateLimits__AuthPerAddressPerMinute=1000000 \
  dotnet bin/Release/net10.0/Grassroots.dll --urls "$url" >/tmp/grassroots-gift-app.log 2>&1) &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 150); do curl -fs "$url/health/live" >/dev/null 2>&1 && break; sleep 0.2; done
tag="g$(date +%s)"
lua=/tmp/grassroots-gift-$tag.lua
$bench gift-setup "$provider" "$url" "$donors" "$tag" "/tmp/grassroots-gift-$tag.tokens" "$lua.data" >/dev/null
cat "$lua.data" bench/gifts.lua > "$lua"
run() { # mode run seconds out
  echo "load $(cut -d' ' -f1-3 /proc/loadavg) at $(date +%T)" > "$4"
  wrk -t2 -c"$conns" -d"$3s" --timeout 30s -s "$lua" "$url" -- "$1" "$2" >> "$4"
}
rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
status() { awk -v s="$2" '$1=="status" && $2==s {print $3}' "$1" | grep . || echo 0; }
answers() { awk '$1=="status" {printf "%s×%s ", $3, $2}' "$1"; awk '/Socket errors/ {printf "(%s)", $0}' "$1"; }
lat() { awk '/Latency/ && !/Distribution/ {print $2" (max "$4")"}' "$1"; }
o=/tmp/wrk-gift
run give warm 10 $o-warm.txt
read -r warm_charged _ <<<"$($bench gift-check "$provider" | tail -n 1)"
run give measured "$secs" $o-give.txt
sleep 2
read -r charged open other entries charges books cents cash <<<"$($bench gift-check "$provider" | tail -n 1)"
run noop noop "$secs" $o-noop.txt
kill $app; wait $app 2>/dev/null || true
raw=$($bench gift-raw-inserts "$provider" "$secs" "$conns" | tail -n 1)
created=$(status $o-give.txt 201)
giverps=$(rps $o-give.txt); nooprps=$(rps $o-noop.txt)
echo "provider $provider, $donors donors, $conns connections, $secs s each, $(date -u +%F)"
echo "give: $giverps req/s, latency $(lat $o-give.txt), answers $(answers $o-give.txt) $(head -1 $o-give.txt)"
echo "noop: $nooprps req/s, latency $(lat $o-noop.txt), answers $(answers $o-noop.txt)"
echo "raw inserts into gifts: $raw rows/s"
python3 -c "g=$giverps; n=$nooprps; r=$raw; print(f'ratio give/noop {g/n:.2f}, give/raw {g/r:.3f}')"
measured=$(( charged - warm_charged ))
echo "stored by the measured run: charged $measured (acknowledged 201: $created); in all: charged $charged, still charging $open, declined/failed $other, gift entries $entries, processor charges $charges, books $books, cents $cents, cash $cash"
# wrk stops with requests in flight: those may be stored without their answer being counted (never the other way), and a
# gift whose client left between the hold and the charge stays "charging" until recovery settles it as failed (nothing charged).
[ "$measured" -ge "$created" ] && [ $(( measured - created )) -le "$conns" ] && [ "$open" -le "$conns" ] && [ "$entries" = "$charged" ] && [ "$charges" = "$charged" ] \
  && [ "$books" = balanced ] && [ "$cents" = "$cash" ] && echo "zero lost, none twice, books balanced" || echo "MISMATCH"
