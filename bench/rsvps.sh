#!/usr/bin/env bash
# RSVP POST throughput over HTTP with wrk on loopback — signed in (JSON API, bearer token, Idempotency-Key)
# and as a guest through the event page's form (antiforgery token and cookie) — each against the same kind
# of request that writes nothing, in the same run, and against raw single-row INSERTs into rsvps; then
# counts what was stored: nothing lost, nothing twice, no event oversold, every event's counts = its rows.
# Usage: bench/rsvps.sh [seconds] [connections] [Sqlite|Postgres] [open|small]
#   open: events without a capacity; small: 2–9 places each, so most RSVPs go to the waitlist.
# APP_BIN: another build of the app to run (e.g. a throwaway one with timings); NO_BUILD=1: build nothing.
# PostgreSQL: set GRASSROOTS_BENCH_PG to a server connection string (the database grassroots_rsvp_bench is made there).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}; conns=${2:-32}; provider=${3:-Sqlite}; capacity=${4:-open}
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
  Email__PublicBaseUrl="$url" Logging__LogLevel__Default=Warning dotnet "${APP_BIN:-bin/Release/net10.0}/Grassroots.dll" --urls "$url" >/tmp/grassroots-rsvp-app.log 2>&1) &
app=$!
trap 'kill $app 2>/dev/null' EXIT
for _ in $(seq 1 100); do curl -fs "$url/health/live" >/dev/null 2>&1 && break; sleep 0.2; done

tag="r$(date +%s)"
lua=/tmp/grassroots-rsvp-$tag.lua
$bench rsvp-setup "$provider" "$url" 64 4000 "$capacity" "$tag" "$lua.data" >/dev/null
cat "$lua.data" bench/rsvps.lua > "$lua"
run() { # mode prefix first-event seconds out
  echo "load $(cut -d' ' -f1-3 /proc/loadavg)" > "$5"
  wrk -t2 -c"$conns" -d"$4s" -s "$lua" "$url" -- "$1" "$2" "$3" >> "$5"
}
status() { awk -v s="$2" '$1=="status" && $2==s {print $3}' "$1" | grep . || echo 0; }
rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
load() { awk '/^load/ {print $2" "$3" "$4}' "$1"; }
# Keys and guest addresses start with the run's tag: a second run on the same database must not meet the first one's.
# Warm-up (JIT tiers settle) on the second half of the events, keys of their own.
run member "${tag}mw" 2000 15 /tmp/wrk-rsvp-warm.txt
run guest "${tag}gw" 2000 8 /tmp/wrk-rsvp-warm2.txt
o=/tmp/wrk-rsvp
run member "${tag}mk" 0 "$secs" $o-member.txt
run member404 "${tag}nk" 0 "$secs" $o-member404.txt
run guest "${tag}gk" 0 "$secs" $o-guest.txt
run guestinvalid "${tag}ik" 0 "$secs" $o-guestinvalid.txt
run guest404 "${tag}fk" 0 "$secs" $o-guest404.txt
sleep 1
read -r mstored mbym _ twicekey twiceperson oversold mismatched conf wait full nevents <<<"$($bench rsvp-check "$provider" "$tag" "${tag}mk-" | tail -n 1)"
read -r gstored _ gbyg _ _ _ _ _ _ _ _ <<<"$($bench rsvp-check "$provider" "$tag" "${tag}gk-" | tail -n 1)"
read -r istored _ _ _ _ _ _ _ _ _ _ <<<"$($bench rsvp-check "$provider" "$tag" "${tag}ik-" | tail -n 1)"
read -r fstored _ _ _ _ _ _ _ _ _ _ <<<"$($bench rsvp-check "$provider" "$tag" "${tag}fk-" | tail -n 1)"
read -r nstored _ _ _ _ _ _ _ _ _ _ <<<"$($bench rsvp-check "$provider" "$tag" "${tag}nk-" | tail -n 1)"
hwm=$(awk '/VmHWM/ {print $2" "$3}' /proc/$app/status)
kill $app 2>/dev/null || true; wait $app 2>/dev/null || true
rawload=$(cut -d' ' -f1-3 /proc/loadavg)
raw=$($bench rsvp-raw-inserts "$provider" "$secs" "$conns" | tail -n 1)
m=$(rps $o-member.txt); n=$(rps $o-member404.txt); g=$(rps $o-guest.txt); i=$(rps $o-guestinvalid.txt); f=$(rps $o-guest404.txt)
m201=$(status $o-member.txt 201); g302=$(status $o-guest.txt 302)
echo "$provider, events $capacity, $conns connections, ${secs}s each, tag $tag"
echo
echo "| measure | /s | load avg (1 5 15 min) at its start |"
echo "|---|---:|---|"
echo "| member RSVP POST (JSON, bearer, Idempotency-Key) | $m | $(load $o-member.txt) |"
echo "| the same POST to an event id that does not exist (404; writes nothing) | $n | $(load $o-member404.txt) |"
echo "| guest RSVP through the page form (antiforgery; answered 302) | $g | $(load $o-guest.txt) |"
echo "| the same form with an empty name (antiforgery-checked, page re-shown with the error; writes nothing) | $i | $(load $o-guestinvalid.txt) |"
echo "| the same form POST to an event that does not exist (antiforgery-checked, body read, one read; 404; writes nothing) | $f | $(load $o-guest404.txt) |"
echo "| raw single-row INSERTs into rsvps (same database, $conns connections) | $raw | $rawload |"
printf "| **ratio member RSVP ÷ its no-op POST** | %.3f | |\n" "$(echo "$m / $n" | bc -l)"
printf "| **ratio guest RSVP ÷ its no-op form POST** | %.3f | |\n" "$(echo "$g / $i" | bc -l)"
printf "| **ratio guest RSVP ÷ the 404 form POST** | %.3f | |\n" "$(echo "$g / $f" | bc -l)"
printf "| ratio member RSVP ÷ raw inserts | %.3f | |\n" "$(echo "$m / $raw" | bc -l)"
printf "| ratio guest RSVP ÷ raw inserts | %.3f | |\n" "$(echo "$g / $raw" | bc -l)"
echo
echo "| count | value |"
echo "|---|---:|"
echo "| member answers by status | $(awk '$1=="status" {printf "%s×%s ", $3, $2}' $o-member.txt) |"
echo "| guest answers by status | $(awk '$1=="status" {printf "%s×%s ", $3, $2}' $o-guest.txt) |"
echo "| no-op answers by status (404 POST / empty-name form / 404 form) | $(awk '$1=="status" {printf "%s×%s ", $3, $2}' $o-member404.txt) / $(awk '$1=="status" {printf "%s×%s ", $3, $2}' $o-guestinvalid.txt) / $(awk '$1=="status" {printf "%s×%s ", $3, $2}' $o-guest404.txt) |"
echo "| member RSVPs stored by the measured run / answered 201 | $mstored / $m201 (lost: $(( m201 > mstored ? m201 - mstored : 0 ))) |"
echo "| guest RSVPs stored (one per distinct address) / answered 302 | $gstored / $g302 (lost: $(( g302 > gstored ? g302 - gstored : 0 ))) |"
echo "| rows stored by the no-op runs (must be 0) | $(( nstored + istored + fstored )) |"
echo "| rows twice under one (address, key) / active rows twice for one (event, address) | $twicekey / $twiceperson |"
echo "| events over capacity | $oversold |"
echo "| events whose Confirmed/Waitlisted differ from their rows' seats | $mismatched of $nevents |"
echo "| seats confirmed / waitlisted (all runs); events with a capacity and a waitlist | $conf / $wait; $full |"
echo "| server peak memory (VmHWM) | $hwm |"
