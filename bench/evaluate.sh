#!/usr/bin/env bash
# Usage: bench/evaluate.sh [heap] [shares] [repetitions]      (default: 256m 1000000 5)
# Builds the jar, then prints one table: the default pack in policies/ over the scan benchmark's simulated tenant
# (seed 42), judged in a JVM of the given heap: the floor (facts already in memory, no database) on 1 and 2 threads,
# the median of the repetitions, and the findings per policy; then the evaluate step of the whole job over the same
# tenant, two nights each, into H2, the embedded PostgreSQL and, when installed, a PostgreSQL server. As root on
# Debian/Ubuntu it installs the server package if missing. BENCH_TIMEOUT_SECONDS (default 600) bounds each program.
# Logs: target/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
heap=${1:-256m}
shares=${2:-1000000}
repetitions=${3:-5}
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null \
        || echo "bench: could not install postgresql; the PostgreSQL server rows will be skipped" >&2
fi
./mvnw -q -B -ntp -DskipTests package
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
java -Dlogback.configurationFile=bench/logback.xml -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    dev.dspm.scanner.bench.EvaluateBenchmark "$heap" "$shares" "$repetitions"
