#!/usr/bin/env bash
# Usage: deploy/aotcache.sh <folder> [policies-folder]        (JDK 25 or later: `java` on the PATH, or JAVA=...)
# The JDK 25 successor of deploy/appcds.sh: builds an AOT cache (JEP 483: classes loaded and linked; JEP 515: method
# profiles) for the jar extracted into <folder> (java -Djarmode=tools -jar dspm-scanner.jar extract --destination
# <folder>): <folder>/dspm-scanner.aot, which
#   java -XX:AOTCache=<folder>/dspm-scanner.aot -Dspring.aot.enabled=true -jar <folder>/dspm-scanner.jar ...
# uses at start. One training run records it: a run against an address nobody answers, which loads, links and
# profiles everything the job does before its first request (settings, the policies' compile and trial run, Spring,
# Flyway, H2, the HTTP client) and then fails there, as meant. The cache is tied to this JVM and to the jar's path
# and contents: build it where the image runs the jar, with the JVM that runs it, and rebuild it with them. A JVM given
# a cache it cannot use starts without it (only slower), unless -XX:AOTMode=on asks it to refuse.
set -euo pipefail
folder=$(cd "$1" && pwd)
policies=${2:-$folder/policies}
java=${JAVA:-java}
jar=$folder/dspm-scanner.jar
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A key-shaped placeholder, no real key; the run fails on its first request (connection refused), as meant.
env MANUS_ASSET_AUDIT_KEY=aotcache-training "$java" -XX:AOTMode=record -XX:AOTConfiguration="$work/dspm-scanner.aotconf" \
    -Dspring.aot.enabled=true -jar "$jar" --dspm.policies.dir="$policies" --dspm.api.base-url=http://127.0.0.1:9 \
    --spring.datasource.url="jdbc:h2:file:$work/db/dspm" --dspm.report.dir="$work/reports" \
    --dspm.api.max-attempts=1 >"$work/record.log" 2>&1 || true
[ -s "$work/dspm-scanner.aotconf" ] || { tail -20 "$work/record.log" >&2; exit 1; }
rm -f "$folder/dspm-scanner.aot"
# The Eclipse compiler's classes are skipped (a signed jar) with a warning each: expected, hence the log.
"$java" -XX:AOTMode=create -XX:AOTConfiguration="$work/dspm-scanner.aotconf" -XX:AOTCache="$folder/dspm-scanner.aot" \
    -jar "$jar" >"$work/create.log" 2>&1 || { tail -20 "$work/create.log" >&2; exit 1; }
chmod 444 "$folder/dspm-scanner.aot"
echo "aotcache: $folder/dspm-scanner.aot $(du -h "$folder/dspm-scanner.aot" | cut -f1)"
