#!/usr/bin/env bash
# What survives a crash: pledges over HTTP against the app started as its own process, SIGKILL at a
# random moment of the load, restart on the same data, a few times; then every pledge answered 2xx
# must be stored, none twice, no need over capacity (counters equal to the stored pledges), and the
# mail queued before a kill delivered after it to a real SMTP server on loopback, once per Message-ID.
# See bench/Grassroots.CrashTest. Usage: bench/crash.sh [kills] [Sqlite|Postgres|both] [--seed N] [--synchronous Full] …
# PostgreSQL: GRASSROOTS_BENCH_PG names a server to make a scratch database on; without it a
# throwaway cluster is started on a free loopback port (as scripts/test.sh does, but with
# PostgreSQL's default durability: fsync and synchronous_commit on) and removed at exit.
set -euo pipefail
cd "$(dirname "$0")/.."
kills=${1:-4}; which=${2:-both}
shift $(( $# < 2 ? $# : 2 ))
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/Grassroots -c Release -nologo -v q >/dev/null
dotnet build bench/Grassroots.CrashTest -c Release -nologo -v q >/dev/null
tool=(dotnet bench/Grassroots.CrashTest/bin/Release/net10.0/Grassroots.CrashTest.dll)
status=0
echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
echo
if [ "$which" != Postgres ]; then "${tool[@]}" Sqlite --kills "$kills" "$@" || status=1; fi

if [ "$which" != Sqlite ]; then
  pg_dir=""
  if [ -z "${GRASSROOTS_BENCH_PG:-}" ]; then
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$pg_bin" ] && [ "$(id -u)" = 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
      pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    fi
    [ -n "$pg_bin" ] || { echo "PostgreSQL is not installed (apt-get install postgresql) and GRASSROOTS_BENCH_PG is not set." >&2; exit 1; }
    pg_dir=$(mktemp -d /tmp/grassroots-crash-pg.XXXXXX)
    chown postgres "$pg_dir" 2>/dev/null || true
    run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
    trap 'run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1; rm -rf "$pg_dir"' EXIT
    pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    run_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust >/dev/null
    run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c max_connections=200" start >/dev/null
    export GRASSROOTS_BENCH_PG="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
    echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port (fsync on, synchronous_commit on)"
    echo
  fi
  "${tool[@]}" Postgres --kills "$kills" "$@" || status=1
fi
exit $status
