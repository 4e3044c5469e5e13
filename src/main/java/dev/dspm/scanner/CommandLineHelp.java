package dev.dspm.scanner;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import dev.dspm.scanner.config.BuildVersion;

/**
 * {@code --help}, {@code -h} and {@code --version}, answered before Spring starts: asking how to run the tool
 * must not run it (no request, no database, no key read).
 */
final class CommandLineHelp {

    private static final List<String> HELP = List.of("--help", "-h");
    private static final String VERSION = "--version";

    private static final String USAGE = """
            Usage: java -jar dspm-scanner.jar [--name=value ...]

            Scans every share a Manus enterprise team has issued into a database snapshot, judges each
            against the policies in policies/ (or dspm.policies.dir), and writes report.html, report.json,
            report.csv, findings.ocsf.jsonl (OCSF) and report.sarif (SARIF) into reports/<run-id>/ and
            reports/latest/ (or dspm.report.dir); with --dspm.export.http.url=URL it also sends the OCSF events
            to that collector (a SIEM, e.g. Splunk's HTTP Event Collector), once per run.

              java -jar dspm-scanner.jar --demo
                  scan a simulated tenant on this machine into ./data/demo and report on it; reads no key, sends nothing out
              SPRING_DATASOURCE_PASSWORD=... java -jar dspm-scanner.jar \\
                  --spring.datasource.url=jdbc:postgresql://db:5432/dspm --spring.datasource.username=dspm
                  scan the team whose key is set below (without a datasource: an H2 file under ./data); the
                  password in the environment, never on the command line, which every local user can read
              java -jar dspm-scanner.jar ... --dspm.scan.owner-emails=ann@acme.example,bo@acme.example
                  the offboarding scan: only those people's shares, across every type (needs MANUS_USER_MGMT_KEY)
              java -jar dspm-scanner.jar ... --dspm.remediation.mode=apply [--dspm.remediation.approved-plan=RUN-ID]
                  tighten over-exposed shares with the management key (the default, plan, changes nothing)
              java -jar dspm-scanner.jar ... --dspm.remediation.mode=apply --dspm.remediation.revert=RUN-ID
                  take back what that run applied: each share it tightened, if unchanged since, to its earlier scope
              java -jar dspm-scanner.jar ... --dspm.notify.slack.webhook-url=... --notify-test
                  send one test message to every notification channel set (Slack, Teams, a signed webhook, email)
                  and print one line each; exit 0 when all were delivered
              java -jar dspm-scanner.jar --test-policies [--dspm.policies.dir=DIR]
                  run the policy tests in DIR/tests/*.yaml (default policies/); see policies/README.md
              java -jar dspm-scanner.jar --rejudge[=RUN-ID] [--dspm.policies.dir=DIR]
                  judge a stored snapshot again (default: the newest complete one) with the current policies;
                  sends no request and needs no key

            Keys, from the environment (the key itself, or with _FILE the path of a file holding it):
              MANUS_ASSET_AUDIT_KEY  or MANUS_ASSET_AUDIT_KEY_FILE   read-only key, recommended for scanning
              MANUS_ASSET_MGMT_KEY   or MANUS_ASSET_MGMT_KEY_FILE    management key; reads only when no audit key is set
              MANUS_USER_MGMT_KEY    or MANUS_USER_MGMT_KEY_FILE     optional user management key: who owns each share

            Exit codes:
              0  completed
              1  failed or stopped, or a remediation action failed
              2  bad configuration, or the key was refused
              3  completed with new or open findings at or above --dspm.fail-on=LOW|MEDIUM|HIGH|CRITICAL

            Every setting (dspm.tenant, dspm.api.*, dspm.scan.*, ...), its default and an example: docs/configuration.md
            in the dspm-scanner repository.
              -h, --help   print this text
              --version    print the version""";

    private CommandLineHelp() {
    }

    /** The text to print instead of running, when the arguments ask for help or the version. */
    static Optional<String> answer(String[] args) {
        if (Arrays.stream(args).anyMatch(HELP::contains)) {
            return Optional.of(USAGE);
        }
        if (Arrays.asList(args).contains(VERSION)) {
            return Optional.of("dspm-scanner " + version());
        }
        return Optional.empty();
    }

    static String version() {
        return BuildVersion.get();
    }
}
