package dev.dspm.scanner.remediation;

import static dev.dspm.scanner.remediation.RemediationNights.actions;
import static dev.dspm.scanner.remediation.RemediationNights.skipped;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.dspm.scanner.Console;
import dev.dspm.scanner.Snapshot;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.remediation.RemediationNights.Row;
import dev.dspm.scanner.simulator.ListedShare;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TeamMember;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * Whatever a plan comes from (tonight's findings, an approved plan), an action follows only from what this run read
 * inside its own filter, and from tonight's findings and waivers: counted by the update_scope calls the simulator
 * received after a full night left findings of every owner behind.
 */
class PlanSourcesTests {

    @TempDir
    Path dir;

    ManusSimulator simulator;
    RemediationNights nights;
    String db;

    @BeforeEach
    void start() {
        simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(43L, 400)));
        nights = new RemediationNights(simulator, dir);
        db = TestDatabases.h2(dir);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    /** Each filter a scan can have, as settings and as the shares it lets through, chosen around one share. */
    enum Filter {
        OWNER_IDS, OWNER_EMAILS, KEYWORD, ASSET_TYPES, SHARED_AFTER;

        List<String> settings(ListedShare target, SimulatedTenant tenant) {
            return switch (this) {
                case OWNER_IDS -> List.of("--dspm.scan.owner-ids=" + target.ownerId());
                case OWNER_EMAILS -> List.of("--dspm.scan.owner-emails=" + email(target.ownerId(), tenant),
                        "--MANUS_USER_MGMT_KEY=" + ManusSimulator.USER_KEY);
                case KEYWORD -> List.of("--dspm.scan.keyword=" + keyword(target));
                case ASSET_TYPES -> List.of("--dspm.scan.asset-types=" + target.assetType().substring("ASSET_TYPE_".length()));
                case SHARED_AFTER -> List.of("--dspm.scan.shared-after=" + target.sharedAt());
            };
        }

        Predicate<ListedShare> inside(ListedShare target) {
            return switch (this) {
                case OWNER_IDS, OWNER_EMAILS -> share -> target.ownerId().equals(share.ownerId());
                case KEYWORD -> share -> share.assetName().toLowerCase(Locale.ROOT).startsWith(keyword(target));
                case ASSET_TYPES -> share -> target.assetType().equals(share.assetType());
                case SHARED_AFTER -> share -> !Instant.parse(share.sharedAt()).isBefore(Instant.parse(target.sharedAt()));
            };
        }

        private static String keyword(ListedShare target) {
            return target.assetName().toLowerCase(Locale.ROOT).substring(0, 3);
        }

        private static String email(String ownerId, SimulatedTenant tenant) {
            return tenant.members().stream().filter(m -> m.teamUserId().equals(ownerId) && !m.delegated())
                    .map(TeamMember::email).findFirst().orElseThrow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Filter.class)
    void aFilteredRunActsOnlyOnSharesItReadTonightAndSaysItWasFiltered(Filter filter) throws Exception {
        assertThat(nights.run(db, "--dspm.remediation.grace-period=PT0S")).as("the whole tenant, planned").isZero();
        Map<String, ListedShare> shares = nights.listedShares();
        ListedShare target = targetFor(filter, actions(db, 1, "PLANNED").keySet(), shares);
        Predicate<ListedShare> inside = filter.inside(target);
        long outside = actions(db, 1, "PLANNED").keySet().stream().filter(uid -> !inside.test(shares.get(uid))).count();
        assertThat(outside).as("the night before left findings outside the filter to be carried").isPositive();

        Console.Captured run = Console.capture(() -> nights.apply(db, filter.settings(target, simulator.tenant())
                .toArray(String[]::new)));

        assertThat(run.exit()).as(run.err()).isZero();
        List<String> changed = nights.changed();
        assertThat(changed).as("the share the filter was chosen around").contains(target.uid()).doesNotHaveDuplicates();
        assertThat(changed).as("no share outside the filter").allSatisfy(uid -> assertThat(inside.test(shares.get(uid))).isTrue());
        assertThat(nights.updates()).isEqualTo(changed.size());
        assertThat(new HashSet<>(changed)).isEqualTo(actions(db, 2, "APPLIED").keySet());
        assertThat(run.out()).contains("filtered scan: ");
        JsonNode report = JsonMapper.builder().build().readTree(nights.reports().resolve("2/report.json").toFile());
        assertThat(report.get("run").get("filtered").asBoolean()).isTrue();
        assertThat(Files.readString(nights.reports().resolve("2/metrics.prom"))).contains("dspm_run_filtered 1.0");
    }

    /** A planned share with a plain name whose filter lets some other planned share through and keeps some out. */
    private static ListedShare targetFor(Filter filter, Set<String> planned, Map<String, ListedShare> shares) {
        List<ListedShare> candidates = planned.stream().map(shares::get).filter(s -> s.assetName().matches("[A-Za-z]{3}.*"))
                .sorted(java.util.Comparator.comparing(ListedShare::sharedAt)).toList();
        // Shared after the median planned share: half the plan inside, half outside.
        return filter == Filter.SHARED_AFTER ? candidates.get(candidates.size() / 2) : candidates.get(0);
    }

    @Test
    void anApprovedPlanSkipsAShareWaivedSinceTheReviewAndOneWhoseFindingIsGoneAndAppliesTheRest() throws Exception {
        assertThat(nights.run(db, "--dspm.remediation.grace-period=PT0S")).isZero();
        Map<String, Row> reviewed = actions(db, 1, "PLANNED");
        Row waived = reviewed.values().stream().filter(a -> a.policy().equals("public-session-share")).findFirst().orElseThrow();
        Set<String> fileShares = reviewed.values().stream().filter(a -> a.policy().equals("public-file-share"))
                .map(Row::uid).collect(Collectors.toSet());
        assertThat(fileShares).isNotEmpty();
        // After the review: a waiver for one share, and the policy of others taken out of the pack.
        Path policies = copyOfPolicies();
        Files.writeString(policies.resolve("exceptions.yaml"), """
                waivers:
                  - share_uid: "%s"
                    policy: "*"
                    justification: "a launch, approved after the review"
                    approved_by: "ciso@example.com"
                    expires: 2099-12-31
                """.formatted(waived.uid()));
        String pack = Files.readString(policies.resolve("public-shares.drl"));
        int rule = pack.indexOf("rule \"Public file share\"");
        Files.writeString(policies.resolve("public-shares.drl"),
                pack.substring(0, rule) + pack.substring(pack.indexOf("\nend\n", rule) + "\nend\n".length()));

        assertThat(nights.apply(db, "--dspm.policies.dir=" + policies, "--dspm.remediation.approved-plan=1")).isZero();

        assertThat(skipped(db, 2, SkipReason.WAIVED).keySet()).containsExactly(waived.uid());
        assertThat(skipped(db, 2, SkipReason.RESOLVED).keySet()).isEqualTo(fileShares);
        Set<String> expected = new HashSet<>(reviewed.keySet());
        expected.remove(waived.uid());
        expected.removeAll(fileShares);
        assertThat(actions(db, 2, "APPLIED").keySet()).isEqualTo(expected);
        assertThat(nights.changed()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM finding WHERE run_id = 2 AND share_uid = ? AND status = 'EXCEPTED'",
                waived.uid())).as("the report shows it waived").isPositive();
    }

    @Test
    void anApprovedPlanAppliedByAFilteredRunLeavesWhatItDidNotReadAsNotScanned() throws Exception {
        assertThat(nights.run(db, "--dspm.remediation.grace-period=PT0S")).isZero();
        Map<String, Row> reviewed = actions(db, 1, "PLANNED");
        Map<String, ListedShare> shares = nights.listedShares();
        Set<String> files = reviewed.keySet().stream().filter(uid -> shares.get(uid).assetType().equals(RemediationNights.TYPES[0]))
                .collect(Collectors.toSet());

        assertThat(nights.apply(db, "--dspm.scan.asset-types=FILE_SHARE", "--dspm.remediation.approved-plan=1")).isZero();

        assertThat(actions(db, 2, "APPLIED").keySet()).isEqualTo(files);
        Set<String> others = new HashSet<>(reviewed.keySet());
        others.removeAll(files);
        assertThat(skipped(db, 2, SkipReason.NOT_SCANNED).keySet()).isEqualTo(others);
        assertThat(nights.changed()).containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void theAdviceOfAHeldBackPlanFollowedLiterallyAppliesThatPlanWhole() throws Exception {
        String[] night = { "--dspm.remediation.grace-period=PT0S", "--MANUS_ASSET_MGMT_KEY=" + ManusSimulator.MGMT_KEY };
        Console.Captured plan = Console.capture(() -> nights.run(db, night));
        Map<String, Row> reviewed = actions(db, 1, "PLANNED");
        assertThat(reviewed).hasSizeGreaterThan(50);
        String advice = plan.out().lines().filter(line -> line.startsWith("an apply of this plan would be held back: "))
                .findFirst().orElseThrow();
        String[] added = advice.replaceAll(".*by running again with (.*) added .*", "$1").split(" ");

        Console.Captured applied = Console.capture(() -> nights.run(db, Stream.concat(Stream.of(night), Stream.of(added))
                .toArray(String[]::new)));

        assertThat(applied.exit()).as(applied.err()).isZero();
        assertThat(actions(db, 2, "APPLIED").keySet()).as("the reviewed plan, whole").isEqualTo(reviewed.keySet());
        assertThat(nights.changed()).containsExactlyInAnyOrderElementsOf(reviewed.keySet());
        assertThat(applied.out()).doesNotContain("held back");
    }

    private Path copyOfPolicies() throws Exception {
        Path policies = dir.resolve("policies");
        try (Stream<Path> files = Files.walk(Path.of("policies"))) {
            for (Path from : files.toList()) {
                Files.copy(from, policies.resolve(Path.of("policies").relativize(from).toString()));
            }
        }
        return policies;
    }
}
