#!/usr/bin/env bash
# Usage: bench/apply.sh [threads[/shed]...]      e.g. bench/apply.sh 1 4 4/shed   (the default)
# Builds the jar, then prints one table: applying an approved plan of 1,000 actions against a simulator throttling at
# 20 requests/s, for each number of threads (dspm.remediation.threads), beside the floor of 1,000 × 2 requests at
# 20/s = 100 s; /shed adds shedding (every 7th answer 429, every 11th 503). Logs: target/bench/apply/.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp -DskipTests package
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
java -Dlogback.configurationFile=bench/logback.xml -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    dev.dspm.scanner.bench.ApplyBenchmark target/dspm-scanner.jar "$@"
