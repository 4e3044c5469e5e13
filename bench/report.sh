#!/usr/bin/env bash
# Usage: bench/report.sh [heap] [findings] [repetitions]      (default: 256m 1000000 3)
# Builds the jar, then prints one table: a judged run of at least the given number of findings, made by the job
# over a simulated tenant with every share public, then its report.html, report.json and report.csv written by the
# report alone beside the floor (the same rows as plain CSV, no escaping), each in its own JVM at -Xmx<heap>, the
# median of the repetitions; into H2, the embedded PostgreSQL and, when installed, a PostgreSQL server. As root on
# Debian/Ubuntu it installs the server package if missing. BENCH_TIMEOUT_SECONDS (default 1200) bounds each program.
# Logs: target/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
heap=${1:-256m}
findings=${2:-1000000}
repetitions=${3:-3}
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null \
        || echo "bench: could not install postgresql; the PostgreSQL server column will be skipped" >&2
fi
./mvnw -q -B -ntp -DskipTests package
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
java -Dlogback.configurationFile=bench/logback.xml -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    dev.dspm.scanner.bench.ReportBenchmark "$heap" "$findings" "$repetitions"
