#!/usr/bin/env bash
# The monthly run at scale: COUNT members each with a $10 monthly gift to the central fund that is due now (made in
# bulk, each with their month-0 total for the year), then the app itself, started on that database, charges them with
# its own background run (MonthlyRun: batches of Fund:MonthlyBatch held under the limits in one write, charged by the
# test processor, settled into the books with the receipts in the outbox in one write; Fund:MonthlyParallelism batches
# at once; both can be set in the environment, e.g. Fund__MonthlyParallelism=1). Reports the run's own time from its log line, raw single-row INSERTs into gifts of the same database in the
# same session, and checks what was stored: one charged gift per monthly gift, none twice, none left due, books balanced.
# Usage: bench/monthly.sh [count] [Sqlite|Postgres]
# PostgreSQL: set GRASSROOTS_BENCH_PG to a server connection string (the database grassroots_monthly_bench is made there).
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}; provider=${2:-Sqlite}
bench="dotnet run -c Release --no-build --project bench/Grassroots.Benchmarks --"
if [ -z "${NO_BUILD:-}" ]; then
  dotnet build src/Grassroots -c Release -nologo -v q >/dev/null
  dotnet build bench/Grassroots.Benchmarks -c Release -nologo -v q >/dev/null
fi
seed_start=$(date +%s)
$bench monthly-seed "$provider" "$count"
echo "seeded in $(( $(date +%s) - seed_start )) s"
if [ "$provider" = Postgres ]; then
  pgcs="${GRASSROOTS_BENCH_PG:?set GRASSROOTS_BENCH_PG}"
  dbenv=(Database__Provider=Postgres "Database__ConnectionString=$(echo "$pgcs" | sed -E 's/Database=[^;]*//I');Database=grassroots_monthly_bench")
else
  dbenv=("Database__ConnectionString=/tmp/grassroots-monthly-bench.db")
fi
data=/tmp/grassroots-monthly-data; rm -rf "$data"; mkdir -p "$data"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
log=/tmp/grassroots-monthly-app.log
echo "load $(cut -d' ' -f1-3 /proc/loadavg) at $(date +%T)"
# The mail goes to a pickup folder (no SMTP server here): each receipt is still written to the outbox in its settle.
(cd src/Grassroots && exec env "${dbenv[@]}" DataPath="$data" Database__SeedDemo=false Email__PublicBaseUrl="http://127.0.0.1:$port" Email__SmtpHost= \
  Logging__LogLevel__Default=Warning Fund__MonthlyCheckEvery=00:00:03 Fund__AllocationInterval=00:00:00 \
  dotnet bin/Release/net10.0/Grassroots.dll --urls "http://127.0.0.1:$port" >"$log" 2>&1) &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 1200); do grep -q "Monthly gifts:" "$log" && break; sleep 1; done
grep "Monthly gifts:" "$log" | head -1 | sed -E 's/.*(Monthly gifts:.*)/\1/'
kill $app; wait $app 2>/dev/null || true
read -r due charged twice other books cash <<<"$($bench monthly-check "$provider" | tail -n 1)"
echo "check: $due still due, $charged charged, $twice charged twice, $other not charged, books $books, cash $cash cents"
echo "raw single-row INSERTs into gifts, 32 connections, 20 s: $($bench monthly-raw-inserts "$provider" 20 32 | tail -n 1)/s"
