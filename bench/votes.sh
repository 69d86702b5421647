#!/usr/bin/env bash
# The platform's two busiest writes over HTTP with wrk on loopback, each against the same kind of authenticated request
# that writes nothing, in the same run, and against raw single-row INSERTs into its table of the same database:
#  - a conversation vote, POST /api/conversations/{slug}/votes {"statement": N, "vote": 1|-1|0} (bearer): members vote
#    on many statements at once (each member walks the statements from its own starting point), one vote in ten
#    replaces the member's earlier vote on a statement; no-ops: a statement number that does not exist (400) and a
#    conversation that does not exist (404);
#  - an amendment co-sign, PUT /api/platform/{slug}/amendments/{number}/cosign (bearer), members signing the
#    amendments of one document within a moving window of 16, so amendments fill up and go on the ballot at the
#    threshold one after another; no-ops: an amendment number that does not exist (404) and an author co-signing
#    their own amendment (400 after the same reads).
# Then counts what was stored: no acknowledged vote or signature lost, none twice, every statement's, conversation's
# and amendment's counters equal to their rows, on the ballot iff the threshold is reached.
# Usage: bench/votes.sh [seconds] [connections] [Sqlite|Postgres]
# MEMBERS (128), STATEMENTS (per conversation, 200), THRESHOLD (co-signers to the ballot, MEMBERS/4),
# RATE_CEILING (3000: each phase gets enough conversations and amendments that no pair is sent twice below this many
# requests/s); APP_BIN: another build of the app; NO_BUILD=1: build nothing.
# PostgreSQL: set GRASSROOTS_BENCH_PG to a server connection string (the database grassroots_vote_bench is made there).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}; conns=${2:-32}; provider=${3:-Sqlite}
members=${MEMBERS:-128}; statements=${STATEMENTS:-200}; threshold=${THRESHOLD:-$(( members / 4 ))}; ceiling=${RATE_CEILING:-3000}
warmv=15; warmc=8
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
bench="dotnet run -c Release --no-build --project bench/Grassroots.Benchmarks --"
if [ -z "${NO_BUILD:-}" ]; then
  dotnet build src/Grassroots -c Release -nologo -v q >/dev/null
  dotnet build bench/Grassroots.Benchmarks -c Release -nologo -v q >/dev/null
fi
$bench vote-seed "$provider" >/dev/null
if [ "$provider" = Postgres ]; then
  pgcs="${GRASSROOTS_BENCH_PG:?set GRASSROOTS_BENCH_PG}"
  dbenv=(Database__Provider=Postgres "Database__ConnectionString=$(echo "$pgcs" | sed -E 's/Database=[^;]*//I');Database=grassroots_vote_bench")
else
  dbenv=("Database__ConnectionString=/tmp/grassroots-vote-bench.db")
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
data=/tmp/grassroots-vote-data; mkdir -p "$data"
applog=/tmp/grassroots-vote-app.log
(cd src/Grassroots && exec env "${dbenv[@]}" DataPath="$data" Database__SeedDemo=false RateLimits__AuthPerAccountPerMinute=1000000 RateLimits__AuthPerAddressPerMinute=1000000 RateLimits__WritesPerMinute=100000000 RateLimits__AnonymousWritesPerMinute=100000000 \
  Platform__AmendmentsPerDay=1000000 Email__PublicBaseUrl="$url" Logging__LogLevel__Default=Warning Logging__Console__TimestampFormat="HH:mm:ss " dotnet "${APP_BIN:-bin/Release/net10.0}/Grassroots.dll" --urls "$url" >$applog 2>&1) &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -fs "$url/health/live" >/dev/null 2>&1 && break; sleep 0.2; done

# Enough pairs per phase that none is sent twice below RATE_CEILING requests/s (the report counts any that were: "again").
ceil() { echo $(( ($1 + $2 - 1) / $2 )); }
convs=$(ceil $(( secs * ceiling )) $(( members * statements ))); wconvs=$(ceil $(( warmv * ceiling )) $(( members * statements )))
amends=$(ceil $(( secs * ceiling )) "$members"); wamends=$(ceil $(( warmc * ceiling )) "$members")
tag="v$(date +%s)"
lua=/tmp/grassroots-vote-$tag.lua
$bench vote-setup "$provider" "$url" "$members" "$statements" "$threshold" "$convs" "$amends" "$wconvs" "$wamends" "$tag" "$lua.data" >/dev/null
cat "$lua.data" bench/votes.lua > "$lua"
run() { # mode phase seconds out
  echo "load $(cut -d' ' -f1-3 /proc/loadavg) at $(date +%T)" > "$4"
  wrk -t2 -c"$conns" -d"$3s" --timeout 30s -s "$lua" "$url" -- "$1" "$2" >> "$4"
}
status() { awk -v s="$2" '$1=="status" && $2==s {print $3}' "$1" | grep . || echo 0; }
field() { awk -v f="$2" '$1==f {print $2}' "$1"; }
rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
load() { awk '/^load/ {print $2" "$3" "$4}' "$1"; }
answers() { awk '$1=="status" {printf "%s×%s ", $3, $2}' "$1"; awk '/Socket errors/ {printf "(%s)", $0}' "$1"; }
# Warm-up (JIT tiers settle) on conversations and a document of its own.
run vote w $warmv /tmp/wrk-vote-warm.txt
run cosign w $warmc /tmp/wrk-cosign-warm.txt
o=/tmp/wrk-vote
run vote m "$secs" $o-vote.txt
sleep 1
read -r vrows vtwice vparticipants vstatoff vstatements vconvoff vconvs vwrong vreplaced vpeople <<<"$($bench vote-check "$provider" "$tag" m | tail -n 1)"
run vote400 m "$secs" $o-vote400.txt
run vote404 m "$secs" $o-vote404.txt
sleep 1
read -r vrows2 _ <<<"$($bench vote-check "$provider" "$tag" m | tail -n 1)"
run cosign m "$secs" $o-cosign.txt
sleep 1
read -r crows ctwice cself ccountoff cstatusoff cballot camends cthreshold cnoticed cdecided <<<"$($bench cosign-check "$provider" "$tag" m | tail -n 1)"
run cosign404 m "$secs" $o-cosign404.txt
run cosignown m "$secs" $o-cosignown.txt
sleep 1
read -r crows2 _ _ _ _ _ _ _ cnoticed2 _ <<<"$($bench cosign-check "$provider" "$tag" m | tail -n 1)"
hwm=$(awk '/VmHWM/ {print $2" "$3}' /proc/$app/status)
kill $app 2>/dev/null || true; wait $app 2>/dev/null || true
rawvload=$(cut -d' ' -f1-3 /proc/loadavg)
rawv=$($bench vote-raw-inserts "$provider" "$tag" "$secs" "$conns" | tail -n 1)
rawcload=$(cut -d' ' -f1-3 /proc/loadavg)
rawc=$($bench cosign-raw-inserts "$provider" "$tag" "$secs" "$conns" | tail -n 1)

v=$(rps $o-vote.txt); v400=$(rps $o-vote400.txt); v404=$(rps $o-vote404.txt)
c=$(rps $o-cosign.txt); c404=$(rps $o-cosign404.txt); cown=$(rps $o-cosignown.txt)
# wrk does not say which request an answer was for: a pair answered 204 is certain only up to the requests left
# unanswered (in flight when wrk stopped, or answered otherwise), so "lost" counts what no such request can explain.
acked() { local f=$1 first sent ok; first=$(field "$f" first); sent=$(field "$f" sent); ok=$(status "$f" 204); echo $(( first - (sent - ok) > 0 ? first - (sent - ok) : 0 )); }
vacked=$(acked $o-vote.txt); cacked=$(acked $o-cosign.txt)
vfirst=$(field $o-vote.txt first); cfirst=$(field $o-cosign.txt first)
pos() { echo $(( $1 > 0 ? $1 : 0 )); }
echo "$provider, $conns connections, ${secs}s each, tag $tag: $members members; $convs conversation(s) of $statements statements; $amends amendments, ballot at $cthreshold co-signers"
echo
echo "| measure | /s | load avg (1 5 15 min) at its start |"
echo "|---|---:|---|"
echo "| vote POST (JSON, bearer; one in ten replaces the member's earlier vote) | $v | $(load $o-vote.txt) |"
echo "| the same POST on a statement number that does not exist (400 after the same reads; writes nothing) | $v400 | $(load $o-vote400.txt) |"
echo "| the same POST to a conversation that does not exist (404; writes nothing) | $v404 | $(load $o-vote404.txt) |"
echo "| raw single-row INSERTs into statement_votes (same database, $conns connections) | $rawv | $rawvload |"
printf "| **ratio vote ÷ its 400 no-op** | %.3f | |\n" "$(echo "$v / $v400" | bc -l)"
printf "| ratio vote ÷ the 404 no-op | %.3f | |\n" "$(echo "$v / $v404" | bc -l)"
printf "| **ratio vote ÷ raw inserts** | %.3f | |\n" "$(echo "$v / $rawv" | bc -l)"
echo "| co-sign PUT (bearer) | $c | $(load $o-cosign.txt) |"
echo "| the same PUT on an amendment number that does not exist (404; writes nothing) | $c404 | $(load $o-cosign404.txt) |"
echo "| an author co-signing their own amendment (400 after the same reads; writes nothing) | $cown | $(load $o-cosignown.txt) |"
echo "| raw single-row INSERTs into platform_cosigns (same database, $conns connections) | $rawc | $rawcload |"
printf "| **ratio co-sign ÷ its 400 no-op (own amendment)** | %.3f | |\n" "$(echo "$c / $cown" | bc -l)"
printf "| ratio co-sign ÷ the 404 no-op | %.3f | |\n" "$(echo "$c / $c404" | bc -l)"
printf "| **ratio co-sign ÷ raw inserts** | %.3f | |\n" "$(echo "$c / $rawc" | bc -l)"
echo
echo "| count | value |"
echo "|---|---:|"
echo "| vote answers by status | $(answers $o-vote.txt) |"
echo "| vote requests: first votes on a pair / replacements / pairs sent again (ran out of pairs) | $vfirst / $(field $o-vote.txt replaced) / $(field $o-vote.txt again) |"
echo "| vote rows stored (one per member × statement) / first votes answered 204 (at least) | $vrows / $vacked (lost: $(pos $(( vacked - vrows )))) |"
echo "| vote rows beyond the pairs sent / one member × statement twice / a member with two numbers in one conversation | $(pos $(( vrows - vfirst ))) / $vtwice / $vparticipants |"
echo "| statements whose agree/disagree/pass/seen counters differ from their rows | $vstatoff of $vstatements |"
echo "| conversations whose Votes/Participants/Statements counters differ from their rows | $vconvoff of $vconvs |"
echo "| rows holding neither the member's first vote nor its replacement / holding the replacement | $vwrong / $vreplaced |"
echo "| no-op answers by status (400 / 404) | $(answers $o-vote400.txt) / $(answers $o-vote404.txt) |"
echo "| vote rows written by the no-op runs (must be 0) | $(( vrows2 - vrows )) |"
echo "| co-sign answers by status | $(answers $o-cosign.txt) |"
echo "| co-sign requests: first signatures / pairs sent again (ran out of pairs) | $cfirst / $(field $o-cosign.txt again) |"
echo "| co-sign rows stored / first signatures answered 204 (at least) | $crows / $cacked (lost: $(pos $(( cacked - crows )))) |"
echo "| co-sign rows beyond the pairs sent / a member twice on one amendment / authors on their own | $(pos $(( crows - cfirst ))) / $ctwice / $cself |"
echo "| amendments whose Cosigners differ from their rows | $ccountoff of $camends |"
echo "| amendments whose status disagrees with the threshold (on the ballot iff rows ≥ $cthreshold; BallotAt iff on it) | $cstatusoff |"
echo "| amendments on the ballot / open | $cballot / $(( camends - cballot )) |"
echo "| notices to authors: 'co-signed' (= rows) / 'on the ballot' (= amendments on it) | $cnoticed / $cdecided |"
echo "| no-op answers by status (404 / own amendment) | $(answers $o-cosign404.txt) / $(answers $o-cosignown.txt) |"
echo "| co-sign rows and notices written by the no-op runs (must be 0) | $(( crows2 - crows )) and $(( cnoticed2 - cnoticed )) |"
# EF Core logs as errors what the code handles: a unique-key race it retries (Update[10000] with Command[20102]) and a
# transaction cut short by a request cancelled when wrk closes its connections (Transaction[20205]).
echo "| app log ($applog): fail entries by category / of them unique-key violations / warn entries | $(grep -oE '^([0-9:]+ )?fail: [^ ]+' $applog | awk '{print $NF}' | sort | uniq -c | awk '{printf "%s×%s ", $1, $2}') / $(grep -A3 -E 'fail: Microsoft.EntityFrameworkCore.Update' $applog | grep -cE 'UNIQUE constraint failed|23505' || true) / $(grep -cE '^([0-9:]+ )?warn:' $applog || true) |"
echo "| server peak memory (VmHWM) | $hwm |"
