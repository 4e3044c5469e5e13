package dev.dspm.scanner.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.dspm.scanner.report.AtomicFile;
import dev.dspm.scanner.report.ReportSettings;

/**
 * {@code reports/<run-id>/notifications.json}: every message of the run, what became of it and why, beside the report
 * (written after it: a run notifies once its report is written), and copied into {@code latest/} with it. No URL, no
 * secret, no body: the channel, the recipient, the status, the attempts, the message id and the last answer.
 */
@Component
class NotificationsFile {

    static final String NAME = "notifications.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ReportSettings reports;

    NotificationsFile(ReportSettings reports) {
        this.reports = reports;
    }

    /** Writes the run's file, and {@code latest/}'s when the run's report is the one there. */
    void write(long runId, List<NotificationLedger.Row> rows, boolean latest) throws IOException {
        byte[] content = render(runId, rows).getBytes(StandardCharsets.UTF_8);
        write(reports.dir().resolve(Long.toString(runId)).resolve(NAME), content);
        if (latest) {
            write(reports.dir().resolve("latest").resolve(NAME), content);
        }
    }

    static String render(long runId, List<NotificationLedger.Row> rows) {
        ObjectNode file = JSON.createObjectNode().put("run_id", runId);
        ArrayNode notifications = file.putArray("notifications");
        for (NotificationLedger.Row row : rows) {
            notifications.addObject().put("event", row.event()).put("channel", row.channel().label())
                    .put("recipient", row.recipient()).put("status", row.status().name().toLowerCase(Locale.ROOT))
                    .put("attempts", row.attempts()).put("message_id", row.messageId()).put("detail", row.detail())
                    .put("planned_at", row.createdAt().toString()).put("updated_at", row.updatedAt().toString());
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(file);
    }

    private static void write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        try (AtomicFile out = AtomicFile.create(file)) {
            out.out().write(content);
            out.commit();
        }
    }
}
