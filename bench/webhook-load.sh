#!/usr/bin/env bash
# Webhook benchmarks against `serve` on loopback, with a standalone sandbox as SpotDraft:
#   1. receiver load: an open-loop Java generator sends RATE signed, distinct events per second for SECONDS
#      (latency measured from each request's due time); p50/p90/p99 of the 2xx answers;
#   2. webhook to warehouse: the sandbox changes MUTATIONS contracts, one per second, and sends its webhooks
#      to serve; from the inbox, the time from each event's arrival to the commit of the run that loaded it.
#   bench/webhook-load.sh [rate] [seconds] [mutations]     (defaults: 1000 30 60)
#   SERVE_OPTS="--sync.webhook.debounce=10m --sync.webhook.max-delay=10m" holds the worker back during the load
#   (the receiver alone; the freshness phase then needs mutations=0)
#   SERVE_JVM="-Xmx1g -Xlog:gc" sets the serve JVM options (default -Xmx1g)
# Needs target/spotdraft-sync.jar and the test classes (./mvnw -B -DskipTests package). Ports 18092, 18093.
set -euo pipefail
rate="${1:-1000}"
seconds="${2:-30}"
mutations="${3:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/target/spotdraft-sync.jar"
[ -f "$jar" ] && [ -d "$root/target/test-classes" ] || { echo "build first: ./mvnw -B -DskipTests package" >&2; exit 1; }
(cd "$root" && ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null)
classpath="$root/target/test-classes:$root/target/classes:$(cat "$root/target/bench.classpath")"
work="$(mktemp -d)"
sandbox_port=18092
serve_port=18093
trap 'kill $serve $sandbox 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

java -jar "$jar" sandbox --port "$sandbox_port" --contracts 1000 --seed 1 --requests-per-second 100 \
  --webhook-url "http://127.0.0.1:$serve_port/webhooks/spotdraft" > "$work/sandbox.log" 2>&1 &
sandbox=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$sandbox_port/_sandbox/stats" >/dev/null && break; sleep 0.5; done
settings=(--spotdraft.base-url="http://127.0.0.1:$sandbox_port" --spotdraft.client-id=sandbox
  --spotdraft.client-secret=sandbox-secret --spotdraft.workspace=bench --spotdraft.requests-per-second=95
  --sync.export.progress-interval=60s)
(cd "$work" && java -jar "$jar" export "${settings[@]}" | tail -n 3)

(cd "$work" && exec java ${SERVE_JVM:--Xmx1g} -jar "$jar" serve --port "$serve_port" "${settings[@]}" --sync.schedule.enabled=false \
  --sync.admin.token=bench-admin-token-0123456789 --logging.level.io.spotdraftsync=WARN ${SERVE_OPTS:-} > "$work/serve.log" 2>&1) &
serve=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$serve_port/actuator/health" >/dev/null && break; sleep 0.5; done
key="$(curl -s -H 'client-id: sandbox' -H 'client-secret: sandbox-secret' \
  "http://127.0.0.1:$sandbox_port/api/v2.1/public/webhooks/hmac_key/" | python3 -c 'import json,sys; print(json.load(sys.stdin)["hmac_key"])')"

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "serve process: java -Xmx1g, receiver and worker together, H2 inbox (the embedded default)"
connections=100
if command -v wrk >/dev/null; then
  # wrk (Debian package wrk): C, light on the 2 cores the receiver also needs; each of 100 connections paces itself
  java -cp "$classpath" io.spotdraftsync.bench.WebhookLoadBench bodies "$key" $((rate * seconds + rate)) "$work/bodies.lua"
  echo "load generator: wrk, $connections connections, 1 thread, paced to about $rate/s, distinct signed events"
  WEBHOOK_BODIES="$work/bodies.lua" WEBHOOK_RATE="$rate" WEBHOOK_CONNECTIONS="$connections" WEBHOOK_THREADS=1 \
    wrk -t1 -c"$connections" -d"${seconds}s" --latency --timeout 10s -s "$root/bench/webhook-wrk.lua" \
    "http://127.0.0.1:$serve_port/webhooks/spotdraft"
else
  echo "load generator: the Java open-loop generator (install wrk for a lighter one)"
  java -cp "$classpath" io.spotdraftsync.bench.WebhookLoadBench load "http://127.0.0.1:$serve_port/webhooks/spotdraft" "$key" "$rate" "$seconds"
fi

[ "$mutations" -gt 0 ] || exit 0
# let the worker drain the synthetic events before the freshness phase
for _ in $(seq 1 240); do
  pending="$(java -cp "$classpath" io.spotdraftsync.bench.WebhookLoadBench freshness "jdbc:h2:file:$work/data/jobs;AUTO_SERVER=TRUE" 2100-01-01T00:00:00Z | sed -E 's/.*still pending ([0-9]+).*/\1/')"
  [ "$pending" = "0" ] && break; sleep 1
done
since="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
for _ in $(seq 1 "$mutations"); do
  curl -sf -X POST "http://127.0.0.1:$sandbox_port/_sandbox/mutations?count=1" >/dev/null; sleep 1
done
for _ in $(seq 1 60); do
  out="$(java -cp "$classpath" io.spotdraftsync.bench.WebhookLoadBench freshness "jdbc:h2:file:$work/data/jobs;AUTO_SERVER=TRUE" "$since")"
  case "$out" in *"still pending 0"*) break;; esac; sleep 1
done
echo "$mutations sandbox mutations, one per second, default debounce 2 s:"
echo "$out"
