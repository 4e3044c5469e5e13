#!/usr/bin/env bash
# Usage: bench/evaluate.sh [heap] [shares] [repetitions]      (default: 256m 1000000 5)
# Compiles, then prints one table: the default pack in policies/ over the scan benchmark's simulated tenant (seed 42),
# judged in a JVM of the given heap: the floor (facts already in memory, no database) on 1 and 2 threads, the
# median of the repetitions, and the findings per policy. BENCH_TIMEOUT_SECONDS (default 600) bounds each program.
# Logs: target/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
heap=${1:-256m}
shares=${2:-1000000}
repetitions=${3:-5}
./mvnw -q -B -ntp -DskipTests test-compile
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
java -Dlogback.configurationFile=bench/logback.xml -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    dev.dspm.scanner.bench.EvaluateBenchmark "$heap" "$shares" "$repetitions"
