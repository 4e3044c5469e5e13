#!/usr/bin/env bash
# Usage: deploy/appcds.sh <folder> [policies-folder]
# Builds an application class-data-sharing archive (AppCDS) for the jar extracted into <folder>
# (java -Djarmode=tools -jar dspm-scanner.jar extract --destination <folder>): <folder>/dspm-scanner.jsa, which
#   java -XX:SharedArchiveFile=<folder>/dspm-scanner.jsa -jar <folder>/dspm-scanner.jar ...
# maps at start instead of loading and verifying ~12,000 classes (Spring, Flyway, H2, Drools) one by one. CDS
# archives only classes loaded from plain jars on the class path, hence the extracted layout: the nested jars of
# the fat jar are invisible to it. Two training runs list the classes: --test-policies of the pack (Drools), and a
# run against an address nobody answers (Spring, Flyway, H2, the HTTP client; it fails, as meant, at its first
# request), with the context Spring AOT generated at build time (-Dspring.aot.enabled=true), as the image runs it.
# Then a static dump (-Xshare:dump) of that list. The dynamic archive (-XX:ArchiveClassesAtExit) and a
# list with the lambda proxies of the Eclipse compiler's signed jar both crash JDK 17.0.15 while dumping
# (SIGSEGV in SystemDictionaryShared::adjust_lambda_proxy_class_dictionary), so those lines are left out.
# The archive is tied to this JVM and these jars: rebuild it with them. Run it as the user who owns <folder>; the
# archive is written read-only, and a JVM given an archive it cannot use starts without it.
set -euo pipefail
folder=$(cd "$1" && pwd)
policies=${2:-$folder/policies}
jar=$folder/dspm-scanner.jar
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
java -Xshare:off -XX:DumpLoadedClassList="$work/policies.lst" -jar "$jar" --test-policies \
    --dspm.policies.dir="$policies" >/dev/null
# A key-shaped placeholder, no real key; the run fails on its first request (connection refused), as meant.
env MANUS_ASSET_AUDIT_KEY=appcds-training java -Xshare:off -XX:DumpLoadedClassList="$work/run.lst" -Dspring.aot.enabled=true -jar "$jar" \
    --dspm.policies.dir="$policies" --dspm.api.base-url=http://127.0.0.1:9 \
    --spring.datasource.url="jdbc:h2:file:$work/db/dspm" --dspm.report.dir="$work/reports" \
    --dspm.api.max-attempts=1 >/dev/null 2>&1 || true
cat "$work/policies.lst" "$work/run.lst" | grep -v '^@lambda-proxy.*org/\(eclipse\|drools/ecj\)' | awk '!seen[$0]++' > "$work/classes.lst"
rm -f "$folder/dspm-scanner.jsa"
java -Xshare:dump -XX:SharedClassListFile="$work/classes.lst" -XX:SharedArchiveFile="$folder/dspm-scanner.jsa" \
    -jar "$jar" >"$work/dump.log" 2>&1 || { tail -20 "$work/dump.log" >&2; exit 1; }
chmod 444 "$folder/dspm-scanner.jsa"
echo "appcds: $(grep -c . "$work/classes.lst") classes listed, $folder/dspm-scanner.jsa $(du -h "$folder/dspm-scanner.jsa" | cut -f1)"
