#!/usr/bin/env bash
# Usage: bench/scan.sh [heap] [sizes...]      e.g. bench/scan.sh 256m 200000   (default: 256m 1000000)
# Builds the jar, then prints one table: download, bulk-load and key-build floors, a naive sequential peer, and
# the job (whole process and each step) into H2, embedded PostgreSQL and, when installed, a PostgreSQL server.
# As root on Debian/Ubuntu it installs the server package if missing. BENCH_TIMEOUT_SECONDS (default 600) bounds
# each program. Logs: target/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
heap=${1:-256m}
shift || true
sizes=("${@:-1000000}")
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null \
        || echo "bench: could not install postgresql; the PostgreSQL server column will be skipped" >&2
fi
command -v python3 >/dev/null || { echo "bench: python3 is needed for the download floor" >&2; exit 2; }
./mvnw -q -B -ntp -DskipTests package
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
java -Dlogback.configurationFile=bench/logback.xml -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" dev.dspm.scanner.bench.ScanBenchmark \
    target/dspm-scanner.jar "$heap" "${sizes[@]}"
