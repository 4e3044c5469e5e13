#!/usr/bin/env bash
# Usage: bench/limiter.sh [heap] [shares] [databases]   e.g. bench/limiter.sh 256m 100000 h2,server   (the default)
# databases: comma-separated h2, server (the installed PostgreSQL server, initdb on a free port), embedded.
# Builds the jar, then prints one table: the scan step of the job (default settings) against the simulator
# fault-free, shedding load (1 in 7 requests 429, 1 in 11 503, whatever the rate) and with a 10 requests/s token
# bucket, beside issue 27's targets. BENCH_TIMEOUT_SECONDS (default 600) bounds each job. Logs: target/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
heap=${1:-256m}
shares=${2:-100000}
databases=${3:-h2,server}
./mvnw -q -B -ntp -DskipTests package
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
java -Dlogback.configurationFile=bench/logback.xml -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    dev.dspm.scanner.bench.LimiterBenchmark target/dspm-scanner.jar "$heap" "$shares" "$databases"
