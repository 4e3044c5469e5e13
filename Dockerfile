# syntax=docker/dockerfile:1
# Build: docker build -t dspm-scanner .
# The build stage runs the same Maven wrapper command as the README; the runtime stage is a JRE only.
# The base images are pinned by the digest of their multi-platform index, so that a rebuild gets the same bytes
# whatever the tag points at by then; the tag stays for people and for Dependabot/Renovate, which bump both. These are
# the official images' digests as docker-library/repo-info recorded them (repos/eclipse-temurin/remote/17-jdk.md and
# 17-jre.md at commit 11bfd4f99b512979c1af2554b414258d8476f41f: Temurin 17.0.20+8 on Ubuntu 26.04). To move on, check
# the new digest where you can see the registry: docker buildx imagetools inspect eclipse-temurin:17-jre
FROM eclipse-temurin:17-jdk@sha256:36d9a76dc231587873b103c68a789b85d91b41d314dda69730d6bc43a777f2a9 AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY src/ src/
RUN ./mvnw -B -ntp -DskipTests package \
    && java -Djarmode=tools -jar target/dspm-scanner.jar extract --destination target/extracted

FROM eclipse-temurin:17-jre@sha256:c6f2875c05ea10f16398bdc5f73405c384991506f2f1ead8bcc6582ae8adea79
# A fixed numeric uid so that Kubernetes' runAsNonRoot can check it without reading /etc/passwd.
RUN groupadd --system --gid 10001 dspm \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin dspm \
    && mkdir -p /var/lib/dspm-scanner/reports \
    && chown -R 10001:10001 /var/lib/dspm-scanner
# The jar extracted (Spring Boot's tools jar mode: the application jar and lib/), for class data sharing: AppCDS sees
# only classes in plain jars on the class path. deploy/appcds.sh trains on the baked-in pack and a run that fails at its
# first request, then dumps the archive: start-up maps ~12,000 classes instead of loading them (BENCHMARKS.md, start-up).
# The archive belongs to root and is read-only: the job's user cannot change what every later start maps.
COPY --from=build /src/target/extracted/ /opt/dspm-scanner/
# Baked-in policies; mount a volume (e.g. a ConfigMap) over this folder to use your own.
COPY policies/ /opt/dspm-scanner/policies/
# Built here, not in the build stage: an archive belongs to the JVM that dumped it.
COPY deploy/appcds.sh /tmp/appcds.sh
RUN /tmp/appcds.sh /opt/dspm-scanner && rm /tmp/appcds.sh
ENV DSPM_POLICIES_DIR=/opt/dspm-scanner/policies \
    DSPM_REPORT_DIR=/var/lib/dspm-scanner/reports
WORKDIR /var/lib/dspm-scanner
USER 10001:10001
# Exec form: the JVM is PID 1 and gets SIGTERM itself, so a stopped pod stops the run cleanly. The heap is 75% of the
# container's memory limit, set here rather than in JAVA_TOOL_OPTIONS, which makes the JVM print "Picked up
# JAVA_TOOL_OPTIONS" on stderr: a line that is not JSON among the ECS logs.
# -XX:SharedArchiveFile: a JVM that cannot use the archive (another JVM, changed jars) starts without it, only slower.
# -Dspring.aot.enabled=true: the context's bean definitions as the build generated them (Spring AOT, process-aot),
# not parsed and evaluated at each start.
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/opt/dspm-scanner/dspm-scanner.jsa", "-XX:MaxRAMPercentage=75", "-Dspring.aot.enabled=true", "-jar", "/opt/dspm-scanner/dspm-scanner.jar"]
