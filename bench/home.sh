#!/usr/bin/env bash
# HTTP load on loopback with wrk: what a signed-in member's pages cost against a visitor's, in the same run.
#  - the home page: a visitor's (the movement and both ways in) against a member's (notices, my groups,
#    my projects with pledges to answer, projects that need me: one section per feature);
#  - one group's page as a visitor and as a member (the bell's unread count and the member's own parts);
#  - the notices page; and plain-text /health/live as the floor.
# The app runs on a fresh SQLite data folder with the demo movement; the member is made through the
# API and signs in through the form (bench/home-setup.py).
# Usage: bench/home.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}; conns=${2:-16}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
dotnet build src/Grassroots -c Release -nologo -v q >/dev/null
data=$(mktemp -d /tmp/grassroots-home-bench.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
(cd src/Grassroots && DataPath="$data" RateLimits__AuthPerAccountPerMinute=1000000 RateLimits__AuthPerAddressPerMinute=1000000 \
  RateLimits__WritesPerMinute=100000000 Email__PublicBaseUrl="$url" Logging__LogLevel__Default=Warning \
  dotnet bin/Release/net10.0/Grassroots.dll --urls "$url" >/tmp/grassroots-home-app.log 2>&1) &
app=$!
trap 'pkill -P $app 2>/dev/null; kill $app 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 150); do curl -fs "$url/health/live" >/dev/null 2>&1 && break; sleep 0.2; done
{ read -r cookie; read -r slug; } < <(python3 bench/home-setup.py "$url" "$data")

run() { # name path [cookie]
  local args=(-t2 -c"$conns" -d"${secs}s")
  [ -n "${3:-}" ] && args+=(-H "Cookie: $3")
  wrk "${args[@]}" "$url$2" > "/tmp/wrk-home-$1.txt"
  local rps lat non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' "/tmp/wrk-home-$1.txt")
  lat=$(awk '/Latency/ {print $2}' "/tmp/wrk-home-$1.txt")
  non2xx=$(awk '/Non-2xx/ {print $5}' "/tmp/wrk-home-$1.txt"); non2xx=${non2xx:-0}
  echo "$1 $rps $lat $non2xx"
}
for pass in warm measure; do
  h=$(run health /health/live)
  hv=$(run home-visitor /)
  hm=$(run home-member / "$cookie")
  gv=$(run group-visitor "/groups/$slug")
  gm=$(run group-member "/groups/$slug" "$cookie")
  nm=$(run notices-member /notices "$cookie")
done
rate() { echo "$1" | awk '{print $2}'; }
echo "| page | requests/s | mean latency | non-2xx | ratio to /health/live |"
echo "|---|---:|---:|---:|---:|"
for line in "$h" "$hv" "$hm" "$gv" "$gm" "$nm"; do
  set -- $line
  printf "| %s | %s | %s | %s | %.3f |\n" "$1" "$2" "$3" "$4" "$(echo "$2 / $(rate "$h")" | bc -l)"
done
printf "\nmember home ÷ visitor home: %.3f\n" "$(echo "$(rate "$hm") / $(rate "$hv")" | bc -l)"
printf "group page, member ÷ visitor: %.3f\n" "$(echo "$(rate "$gm") / $(rate "$gv")" | bc -l)"
