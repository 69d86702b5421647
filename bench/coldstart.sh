#!/usr/bin/env bash
# Cold start: from `dotnet Grassroots.dll` to the first 200 from /health/ready (which queries the
# database), three ways: an empty SQLite file (migrations + demo seed), the same file again, and
# the 100,000-group bench database; against an empty ASP.NET Core app (bench/HelloBaseline) in
# the same run. Usage: bench/coldstart.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
dotnet build src/Grassroots -c Release -nologo -v q >/dev/null
dotnet build bench/HelloBaseline -c Release -nologo -v q >/dev/null
hello=$(pwd)/bench/HelloBaseline/bin/Release/net10.0/HelloBaseline.dll
cd src/Grassroots
measure() { # db [dll]
  local port url start end
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  url="http://127.0.0.1:$port"
  start=$(date +%s%N)
  Database__ConnectionString="$1" Email__PublicBaseUrl="$url" Logging__LogLevel__Default=Warning dotnet "${2:-bin/Release/net10.0/Grassroots.dll}" --urls "$url" >/dev/null 2>&1 &
  local pid=$!
  until curl -fs "$url/health/ready" >/dev/null 2>&1; do sleep 0.01; done
  end=$(date +%s%N)
  kill $pid; wait $pid 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}
echo "| database | runs (ms) | median ms |"
echo "|---|---|---:|"
for kind in hello empty existing bench; do
  times=()
  for i in $(seq 1 "$runs"); do
    case $kind in
      empty) db=$(mktemp -u /tmp/grassroots-cold-XXXX.db) ;;
      existing) db=/tmp/grassroots-cold-existing.db; [ -f "$db" ] || measure "$db" >/dev/null ;;
      bench) db=/tmp/grassroots-bench.db ;;
      hello) db=none ;;
    esac
    if [ "$kind" = hello ]; then times+=("$(measure none "$hello")"); else times+=("$(measure "$db")"); fi
    [ "$kind" = empty ] && rm -f "$db" "$db"-wal "$db"-shm
  done
  sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  echo "| $kind | ${times[*]} | ${sorted[$(( ${#sorted[@]} / 2 ))]} |"
done
