#!/usr/bin/env bash
# Runs every Grassroots test: unit and integration tests on SQLite and on a throwaway PostgreSQL
# cluster, then the browser tests in real Chromium. Installs PostgreSQL and Chromium with apt-get
# when they are missing (as root). The last line is "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
need=()
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing ${need[*]} ..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  else
    echo "Missing ${need[*]}: install them (or run as root) — the tests that need them will fail." >&2
  fi
fi

# A throwaway PostgreSQL cluster on a free loopback port, owned by the postgres user, removed at exit.
pg_dir=""
cleanup() {
  if [ -n "$pg_dir" ]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1
    rm -rf "$pg_dir"
  fi
}
trap cleanup EXIT
if [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ]; then
  pg_dir=$(mktemp -d /tmp/grassroots-pg.XXXXXX)
  chown postgres "$pg_dir" 2>/dev/null || true
  pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  run_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust --no-sync >/dev/null
  run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=1000" start >/dev/null
  export GRASSROOTS_TEST_PG="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Include Error Detail=true"
  echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"
fi

export CI=${CI:-}
results="$root/TestResults"
rm -rf "$results"
dotnet build Grassroots.slnx -c Release -nologo -v q 2>&1 | grep -E "error|Warn|warn" | grep -v "0 Warn" ; build=${PIPESTATUS[0]}
if [ "$build" != 0 ]; then
  echo "The build failed."
  echo "0 passed, 1 failed"
  exit 1
fi

# Every test host watches its configuration files; a hundred hosts pass Linux's default of 128 inotify
# instances per user and the next host fails to start. Polling watchers need none; the limit is raised too.
export DOTNET_USE_POLLING_FILE_WATCHER=true
if [ "$(id -u)" = 0 ]; then sysctl -qw fs.inotify.max_user_instances=8192 2>/dev/null || true; fi

status=0
for project in tests/Grassroots.Tests tests/Grassroots.BrowserTests; do
  [ -d "$project" ] || continue
  name=$(basename "$project")
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
    --logger "console;verbosity=minimal" || status=1
done

# Sum the outcomes from the trx files: the one line CI reads.
python3 - "$results" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(f).getroot().find(".//{*}Counters")
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    skipped += int(c.get("notExecuted", 0))
if passed + failed == 0:
    failed = 1
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
sys.exit(1 if failed else 0)
PY
summary=$?
[ "$summary" = 0 ] && exit $status || exit 1
