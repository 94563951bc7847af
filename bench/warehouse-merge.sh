#!/usr/bin/env bash
# MERGE of many contract rows through the warehouse loader (WarehouseFactory -> loadChunk) into DuckDB and
# PostgreSQL, a first load and an update pass with every 10th row changed, per chunk size; against a baseline of
# row-by-row JDBC inserts (one executeUpdate per row, autocommit) into a table of the same shape.
#   bench/warehouse-merge.sh [rows] [baseline-rows] [--chunks=100,10000] [--phase-limit=900s] [--changed-every=10]
#                            [--databases=duckdb,postgresql] [--postgres-url=jdbc:postgresql://127.0.0.1:5432/test]
#                            [--postgres-user=postgres] [--ceiling=true]
#   (defaults: 1,000,000 rows, 20,000 baseline rows). A phase longer than --phase-limit stops there and is reported
#   as partial (marked *). Scratch: DuckDB files in a temporary directory, PostgreSQL schema bench_merge_<random> in
#   the database of --postgres-url (trust auth); both removed at the end. The figure table goes to stdout,
#   progress to stderr.
# Runs src/test/java/io/spotdraftsync/bench/WarehouseMergeBench.java on Maven's test classpath.
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-1000000}"
baseline_rows="${2:-20000}"
shift $(( $# < 2 ? $# : 2 ))
JAVA_OPTS="${JAVA_OPTS:--Xms256m -Xmx1g}"

./mvnw -q -B test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -n 1), JVM flags: $JAVA_OPTS" >&2
# shellcheck disable=SC2086 # JAVA_OPTS holds several flags
/usr/bin/time -f "bench process: %e s wall, %U s user CPU, %S s system CPU, %M KB peak RSS" \
  java $JAVA_OPTS -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.spotdraftsync.bench.WarehouseMergeBench "$rows" "$baseline_rows" "$@"
