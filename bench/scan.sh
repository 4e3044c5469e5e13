#!/usr/bin/env bash
# Scan benchmark: prints floor (bare download) vs scan step time into H2 and PostgreSQL, shares/s and
# peak heap, for each tenant size. Usage: bench/scan.sh [heap] [sizes...]
# Default: bench/scan.sh 256m 200000 1000000
set -euo pipefail
cd "$(dirname "$0")/.."
heap=${1:-256m}
shift || true
sizes=("${@:-200000 1000000}")
./mvnw -q -B -ntp -DskipTests package
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" dev.dspm.scanner.ScanBenchmark \
    target/dspm-scanner.jar "$heap" ${sizes[@]}
