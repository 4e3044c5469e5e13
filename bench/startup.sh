#!/usr/bin/env bash
# Usage: bench/startup.sh [runs]      (default 3)
# Builds the jar, extracts it and builds its AppCDS archive (deploy/appcds.sh) in target/startup/, then prints one
# table: JVM start to the job's first API request, and --test-policies of the default pack, for java -jar, the
# extracted jar, the extracted jar with the archive, and that with C1 only (-XX:TieredStopAtLevel=1); the median of
# the runs, wall and CPU time; and, when a JDK 25 is found (BENCH_JDK25_HOME, by default Temurin 25's usual folder), a
# row for the extracted jar on it with the AOT cache deploy/aotcache.sh builds. Logs: target/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
./mvnw -q -B -ntp -DskipTests package
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
rm -rf target/startup
java -Djarmode=tools -jar target/dspm-scanner.jar extract --destination target/startup
deploy/appcds.sh target/startup "$PWD/policies"
jdk25=${BENCH_JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ -x "$jdk25/bin/java" ]; then
    JAVA="$jdk25/bin/java" deploy/aotcache.sh target/startup "$PWD/policies"
else
    echo "bench: no JDK 25 at $jdk25 (BENCH_JDK25_HOME): no AOT cache row" >&2
    jdk25=
fi
java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" dev.dspm.scanner.bench.StartupBenchmark \
    target/dspm-scanner.jar target/startup "$runs" ${jdk25:+"$jdk25"}
