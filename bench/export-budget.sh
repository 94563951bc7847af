#!/usr/bin/env bash
# Budget use of a full export against the standalone sandbox at 10 requests/s, with latency added to
# every answer as on a real WAN. Prints the export's summary and the sandbox's own measurements.
#   bench/export-budget.sh [contracts] [latency-ms] [sandbox-rps] [more export options...]
#   (defaults: 1000 contracts, 150 ms, 10 requests/s). The naive baseline, a client with no proactive budget that
#   only backs off on 429: bench/export-budget.sh 1000 150 10 --spotdraft.requests-per-second=100000
# Needs target/spotdraft-sync.jar (./mvnw -B -DskipTests package). Uses ports 18090 and a scratch directory.
set -euo pipefail
contracts="${1:-1000}"
latency="${2:-150}"
sandbox_rps="${3:-10}"
shift $(( $# < 3 ? $# : 3 ))
port=18090
jar="$(cd "$(dirname "$0")/.." && pwd)/target/spotdraft-sync.jar"
[ -f "$jar" ] || { echo "build first: ./mvnw -B -DskipTests package" >&2; exit 1; }
work="$(mktemp -d)"
trap 'kill "$sandbox" 2>/dev/null || true; rm -rf "$work"' EXIT

java -jar "$jar" sandbox --port "$port" --contracts "$contracts" --seed 1 --latency-ms "$latency" \
  --requests-per-second "$sandbox_rps" > "$work/sandbox.log" 2>&1 &
sandbox=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/_sandbox/stats" >/dev/null && break; sleep 0.5; done

(cd "$work" && /usr/bin/time -f "export process: %e s wall, %U s user CPU, %S s system CPU, %M KB peak RSS" \
  java -jar "$jar" export --spotdraft.base-url="http://127.0.0.1:$port" \
  --spotdraft.client-id=sandbox --spotdraft.client-secret=sandbox-secret --spotdraft.workspace=bench \
  --sync.export.progress-interval=30s "$@") 2>&1 | tail -n 12

echo "sandbox measured: $(curl -s "http://127.0.0.1:$port/_sandbox/stats" | python3 -c '
import json, sys
s = json.load(sys.stdin)
print("api requests", s["requestsServed"], "| busiest one-second window", s["maxRequestsInAnyOneSecondWindow"],
      "| 429 sent", s["tooManyRequestsSent"])')"
