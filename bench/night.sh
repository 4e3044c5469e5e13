#!/usr/bin/env bash
# Usage: bench/night.sh [--shares=N] [--databases=h2,server] [--heap=256m] [--jvm-options='-XX:...']
#                                                     (defaults: 1000000, h2,server, 256m, none)
# Builds the jar, then prints one table: the whole night (JVM start to exit, and each step), night 1 and night 2,
# into each database (h2: a file; server: the installed PostgreSQL in a fresh cluster on a free port; embedded),
# beside floors measured in the same run: the bare download, each database's bulk load into an unindexed table,
# and a naive nightly peer (bench/naive_night.py) doing the whole night. Between a PostgreSQL database's nights,
# VACUUM (ANALYZE) stands for the day between (timed apart). BENCH_TIMEOUT_SECONDS (default 1800)
# bounds each program. Logs: target/bench/.  --shares=100000 runs in a few minutes. The job starts as the image's
# ENTRYPOINT starts it, what a user of the image or the CronJob waits for: the jar extracted, with the AppCDS archive
# deploy/appcds.sh builds, and Spring AOT's context (as built, `java -jar` takes 4–5 s longer to its first request:
# BENCHMARKS.md, start-up). --jvm-options: more of the job's own JVM options (not the floors' or the peer's), to weigh
# what a start-up flag costs the night.
set -euo pipefail
cd "$(dirname "$0")/.."
shares=1000000 databases=h2,server heap=256m jvm_options=
for arg in "$@"; do
    case "$arg" in
        --shares=*) shares=${arg#*=} ;;
        --databases=*) databases=${arg#*=} ;;
        --heap=*) heap=${arg#*=} ;;
        --jvm-options=*) jvm_options=${arg#*=} ;;
        *) echo "usage: bench/night.sh [--shares=N] [--databases=h2,server,embedded] [--heap=256m] [--jvm-options=...]" >&2; exit 2 ;;
    esac
done
command -v python3 >/dev/null || { echo "bench: python3 is needed for the download floor and the naive peer" >&2; exit 2; }
./mvnw -q -B -ntp -DskipTests package
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
rm -rf target/night-jar
java -Djarmode=tools -jar target/dspm-scanner.jar extract --destination target/night-jar
deploy/appcds.sh target/night-jar "$PWD/policies"
image_options="-XX:SharedArchiveFile=$PWD/target/night-jar/dspm-scanner.jsa -Dspring.aot.enabled=true"
java -Dlogback.configurationFile=bench/logback.xml -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    dev.dspm.scanner.bench.NightBenchmark target/night-jar/dspm-scanner.jar "$heap" "$shares" "$databases" \
    "$image_options $jvm_options"
