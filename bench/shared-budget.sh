#!/usr/bin/env bash
# Two processes sharing one workspace's request budget in PostgreSQL (spotdraft.rate-limit.store=postgres),
# against the standalone sandbox at SpotDraft's 10 requests/s with latency added to every answer: each process
# calls the API from 3 threads as fast as the shared budget lets it, from a common start time, for SECONDS.
# Prints each process's calls and the sandbox's own measurements (requests/s together, busiest window, 429s).
#   bench/shared-budget.sh [seconds] [latency-ms]      (defaults: 60 150)
# Needs target/spotdraft-sync.jar and the test classes (./mvnw -B -DskipTests package), and PostgreSQL at
# PG_URL (default jdbc:postgresql://127.0.0.1:5432/test, user postgres, no password; a scratch schema is
# created and dropped). Port 18094.
set -euo pipefail
seconds="${1:-60}"
latency="${2:-150}"
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/target/spotdraft-sync.jar"
[ -f "$jar" ] && [ -d "$root/target/test-classes" ] || { echo "build first: ./mvnw -B -DskipTests package" >&2; exit 1; }
(cd "$root" && ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null)
classpath="$root/target/test-classes:$root/target/classes:$(cat "$root/target/bench.classpath")"
pg="${PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}"
schema="bench_budget_$$"
port=18094
work="$(mktemp -d)"
bench() { java -Xmx256m -cp "$classpath" io.spotdraftsync.bench.SharedBudgetBench "$@"; }
trap 'kill $sandbox 2>/dev/null || true; bench schema "$pg" "$schema" drop || true; rm -rf "$work"' EXIT

java -jar "$jar" sandbox --port "$port" --contracts 100 --seed 1 --requests-per-second 10 --latency-ms "$latency" \
  > "$work/sandbox.log" 2>&1 &
sandbox=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/_sandbox/stats" >/dev/null && break; sleep 0.5; done
bench schema "$pg" "$schema" create

start=$(( $(date +%s%3N) + 15000 ))
for process in 1 2; do
  bench call "http://127.0.0.1:$port" "$pg" "$schema" bench "$start" "$seconds" 3 > "$work/process-$process.log" 2>&1 &
  pids[$process]=$!
done
sleep "$(python3 -c "import time; print(max(0, $start / 1000 - time.time() - 0.05))")"
curl -sf -X POST "http://127.0.0.1:$port/_sandbox/stats/reset" >/dev/null
wait "${pids[1]}" "${pids[2]}"

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(date -u +%Y-%m-%dT%H:%MZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "two processes, 3 threads each, one budget (workspace bench, 10 requests/s, margin 25 ms) in PostgreSQL; sandbox latency ${latency} ms"
for process in 1 2; do echo "process $process: $(grep '^calls' "$work/process-$process.log" || tail -n 5 "$work/process-$process.log")"; done
curl -s "http://127.0.0.1:$port/_sandbox/stats" | python3 -c "
import json, sys
s = json.load(sys.stdin)
print('sandbox measured: api requests', s['requestsServed'], '| requests/s together %.2f' % (s['requestsServed'] / $seconds),
      '| busiest one-second window', s['maxRequestsInAnyOneSecondWindow'], '| 429 sent', s['tooManyRequestsSent'])"
