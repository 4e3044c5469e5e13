package dev.dspm.scanner.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * Email against a real SMTP server (GreenMail, with a login): after a real run with owner enrichment, each owner's
 * mailbox holds exactly that owner's new findings at or above HIGH, the fallback address the findings of owners who
 * left, the security team's digest the rest; together, every new finding of the run once. Hostile names arrive as
 * text.
 */
class EmailNotificationTests {

    private static final Pattern FINDING = Pattern.compile("(?m)^   policy: (\\S+) - .*\n   share: (.*)$");
    private static final Pattern MORE = Pattern.compile("(?m)^and ([0-9,]+) more, in the security team's report\\.$");

    /** What one email listed, as (share, policy) keys, and how many more it said there were. */
    record Box(Set<String> listed, long more) {
        long total() {
            return listed.size() + more;
        }
    }

    @TempDir
    Path dir;

    SimulatedTenant tenant = SimulatedTenant.generate(TenantSpec.realistic(28L, 3_000));
    ManusSimulator simulator = ManusSimulator.start(tenant);
    Receivers receivers = new Receivers();

    @AfterEach
    void stop() {
        simulator.close();
        receivers.close();
    }

    @Test
    void eachOwnerGetsExactlyTheirNewFindingsTheFallbackTheDepartedOnesAndTheDigestTheRest() throws Exception {
        // Two more owners leave before the run: their findings must reach the fallback, not them.
        tenant.members().stream().filter(m -> m.status().equals("USER_STATUS_ACTIVE") && m.delegatedTo() == null)
                .limit(2).forEach(m -> tenant.setMemberStatus(m.teamUserId(), "USER_STATUS_REMOVED"));
        String db = TestDatabases.h2(dir);

        int exit = JobRun.against(simulator, db, receivers.allChannels("--MANUS_USER_MGMT_KEY=" + ManusSimulator.USER_KEY,
                "--dspm.report.dir=" + dir.resolve("reports")).toArray(String[]::new));

        assertThat(exit).isZero();
        Map<String, Set<String>> expected = expectedMailboxes(db);
        Map<String, Box> received = new TreeMap<>();
        long total = 0;
        for (MimeMessage mail : receivers.mails()) {
            Address[] to = mail.getRecipients(jakarta.mail.Message.RecipientType.TO);
            assertThat(to).as("one recipient per email").hasSize(1);
            String address = to[0].toString().toLowerCase(Locale.ROOT);
            assertThat(received).as("one email per mailbox").doesNotContainKey(address);
            // SMTP carries lines ending CRLF
            Box box = box(((String) mail.getContent()).replace("\r\n", "\n"));
            received.put(address, box);
            total += box.total();
            assertThat(mail.getFrom()[0].toString()).isEqualTo(Receivers.FROM);
            assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        }
        assertThat(received.keySet()).isEqualTo(expected.keySet());
        assertThat(received.keySet()).contains(Receivers.SECURITY, Receivers.FALLBACK).hasSizeGreaterThan(10);
        received.forEach((address, box) -> {
            Set<String> theirs = expected.get(address);
            if (box.more() == 0) {
                assertThat(box.listed()).as(address + " gets exactly their findings").isEqualTo(theirs);
            } else {
                assertThat(theirs).as(address + " gets only their findings").containsAll(box.listed());
                assertThat(box.total()).as(address + " is told how many more").isEqualTo(theirs.size());
            }
        });
        assertThat(received.entrySet()).as("an owner's email lists all of theirs")
                .filteredOn(e -> !e.getKey().equals(Receivers.SECURITY) && !e.getKey().equals(Receivers.FALLBACK))
                .allSatisfy(e -> assertThat(e.getValue().more()).isZero());
        assertThat(total).as("every new finding at HIGH or above in exactly one email")
                .isEqualTo(count(db, "SELECT COUNT(*) FROM finding WHERE run_id = 1 AND status = 'NEW' "
                        + "AND severity IN ('HIGH', 'CRITICAL')"));
    }

    @Test
    void hostileNamesArriveAsTextAndOwnersAreToldWhenRemediationActs() throws Exception {
        String db = TestDatabases.h2(dir);

        JobRun.against(simulator, db, receivers.allChannels("--MANUS_USER_MGMT_KEY=" + ManusSimulator.USER_KEY,
                "--dspm.remediation.grace-period=P3D", "--dspm.report.dir=" + dir.resolve("reports")).toArray(String[]::new));

        StringBuilder all = new StringBuilder();
        for (MimeMessage mail : receivers.mails()) {
            assertThat(mail.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
            all.append(mail.getSubject()).append('\n').append((String) mail.getContent());
        }
        String text = all.toString();
        // the simulator's hostile names, as text: markup and formulas as written, control characters as U+FFFD
        assertThat(text).contains("<script>alert(1)</script>").contains("=HYPERLINK(\"http://evil\",\"x\")")
                .contains("line one\uFFFD\uFFFDline two").doesNotContain("\u001b").doesNotContain("\u202e").doesNotContain("\r\nline two");
        assertThat(text).containsPattern("remediation plan from 20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC");
        assertThat(text).contains("narrow it to TEAM_ONLY (or tighter), or stop sharing it.");
    }

    /** Where each new finding at HIGH or above should go, from the run's own tables, by the rules the README states. */
    private static Map<String, Set<String>> expectedMailboxes(String db) throws SQLException {
        Map<String, Set<String>> boxes = new TreeMap<>();
        try (Connection connection = TestDatabases.connect(db); ResultSet rs = connection.createStatement().executeQuery("""
                SELECT f.share_uid, o.email, o.status, o.delegated_to, o.team_user_id, f.policy_id FROM finding f
                LEFT JOIN run_owner o ON o.run_id = f.run_id AND o.team_user_id = f.owner_id
                WHERE f.run_id = 1 AND f.status = 'NEW' AND f.severity IN ('HIGH', 'CRITICAL')""")) {
            while (rs.next()) {
                String box;
                if (rs.getString(5) == null) {
                    box = Receivers.SECURITY; // no member: owner unknown
                } else if (rs.getString(4) != null) {
                    box = plain(rs.getString(4));
                } else if (rs.getString(3).equals("INACTIVE") || rs.getString(3).equals("REMOVED")) {
                    box = Receivers.FALLBACK;
                } else {
                    box = plain(rs.getString(2));
                }
                boxes.computeIfAbsent(box, b -> new TreeSet<>()).add(rs.getString(1) + " " + rs.getString(6));
            }
        }
        return boxes;
    }

    /** A member's address when it is one plain address, else the digest's (no email, or a hostile one). */
    private static String plain(String email) {
        return email != null && email.matches("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+") ? email.toLowerCase(Locale.ROOT)
                : Receivers.SECURITY;
    }

    private static Box box(String body) {
        Set<String> listed = new TreeSet<>();
        Matcher matcher = FINDING.matcher(body);
        while (matcher.find()) {
            assertThat(listed.add(matcher.group(2) + " " + matcher.group(1))).as("listed once: " + matcher.group()).isTrue();
        }
        Matcher more = MORE.matcher(body);
        return new Box(listed, more.find() ? Long.parseLong(more.group(1).replace(",", "")) : 0);
    }

    private static int count(String db, String sql) throws SQLException {
        return (int) dev.dspm.scanner.Snapshot.single(db, sql);
    }

}
