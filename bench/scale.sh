#!/usr/bin/env bash
# Usage: bench/scale.sh [--sizes=1000000,10000000] [--heap=256m]
# Builds the jar, then prints one table: night 1 of the job into a PostgreSQL server of its own (initdb on a free port)
# at each size, the whole night and each step, each against the previous size's scaled linearly, and whether the job
# finished within its heap. The simulator takes 12 GB of heap above 4,000,000 shares. BENCH_TIMEOUT_SECONDS (default
# 5400) bounds each night. Logs: target/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=1000000,10000000 heap=256m
for arg in "$@"; do
    case "$arg" in
        --sizes=*) sizes=${arg#*=} ;;
        --heap=*) heap=${arg#*=} ;;
        *) echo "usage: bench/scale.sh [--sizes=1000000,10000000] [--heap=256m]" >&2; exit 2 ;;
    esac
done
./mvnw -q -B -ntp -DskipTests package
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
java -Dlogback.configurationFile=bench/logback.xml -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    dev.dspm.scanner.bench.ScaleBenchmark target/dspm-scanner.jar "$heap" "$sizes"
