package dev.dspm.scanner.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code notification} table: each message of a run planned once, claimed by one process at a time with a
 * conditional update (two processes never both send it), and settled with what became of it. Every change commits
 * when its call returns: a message is IN_FLIGHT in the database before its request leaves.
 */
@Component
class NotificationLedger {

    enum Status {
        PENDING, IN_FLIGHT, SENT, FAILED, UNKNOWN
    }

    /** One message as the ledger holds it. */
    record Row(long runId, String event, Channel channel, String recipient, String tenant, Status status, int attempts,
            String messageId, String subject, String body, String detail, String claimedBy, Instant createdAt,
            Instant updatedAt) {
    }

    private static final String COLUMNS = "run_id, event, channel, recipient, tenant, status, attempts, message_id, subject, "
            + "body, detail, claimed_by, created_at, updated_at";
    private static final String KEY = " WHERE run_id = ? AND event = ? AND channel = ? AND recipient = ?";

    private final JdbcClient jdbc;
    private final Clock clock;

    NotificationLedger(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Adds the messages not planned yet; a message already in the ledger (sent or not) is left as it is. */
    void plan(String tenant, long runId, String event, List<Message> messages) {
        for (Message message : messages) {
            Timestamp now = now();
            try {
                jdbc.sql("INSERT INTO notification (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?, NULL, "
                        + "NULL, ?, ?)")
                        .params(runId, event, message.channel().name(), message.recipient(), tenant,
                                "msg_" + UUID.randomUUID().toString().replace("-", ""), message.subject(), message.body(),
                                now, now)
                        .update();
            } catch (DuplicateKeyException planned) {
                // planned before: by this run's earlier process, or by another at the same moment
            }
        }
    }

    /** The tenant's messages not settled yet, oldest first: PENDING ones and IN_FLIGHT ones (perhaps of a dead process). */
    List<Row> unsettled(String tenant) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notification WHERE tenant = ? AND status IN ('PENDING', 'IN_FLIGHT') "
                + "ORDER BY run_id, created_at, event, channel, recipient").param(tenant).query(NotificationLedger::row).list();
    }

    /** Every message of the run, as the run's notifications.json lists them. */
    List<Row> ofRun(long runId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notification WHERE run_id = ? ORDER BY event, channel, recipient")
                .param(runId).query(NotificationLedger::row).list();
    }

    /**
     * Takes the message for {@code holder}: true only for the one process whose update found it as it was read
     * ({@code PENDING}, or {@code IN_FLIGHT} under the holder that died).
     */
    boolean claim(Row row, String holder) {
        String owner = row.claimedBy() == null ? " AND claimed_by IS NULL" : " AND claimed_by = ?";
        var statement = jdbc.sql("UPDATE notification SET status = 'IN_FLIGHT', claimed_by = ?, updated_at = ?" + KEY
                + " AND status = ?" + owner)
                .params(holder, now(), row.runId(), row.event(), row.channel().name(), row.recipient(), row.status().name());
        if (row.claimedBy() != null) {
            statement = statement.param(row.claimedBy());
        }
        return statement.update() == 1;
    }

    /** What became of a claimed message; {@code attempts} are this process's, added to the earlier ones. */
    void settle(Row row, Status status, int attempts, String detail) {
        jdbc.sql("UPDATE notification SET status = ?, attempts = attempts + ?, detail = ?, updated_at = ?" + KEY)
                .params(status.name(), attempts, detail == null ? null : Text.printable(detail, 1_900), now(), row.runId(),
                        row.event(), row.channel().name(), row.recipient())
                .update();
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong(1), rs.getString(2), Channel.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                Status.valueOf(rs.getString(6)), rs.getInt(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), instant(rs, 13), instant(rs, 14));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
