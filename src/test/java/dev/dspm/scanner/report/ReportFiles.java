package dev.dspm.scanner.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads what a run wrote, as a consumer of its files would: report.json parsed, report.csv split by RFC 4180. */
final class ReportFiles {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ReportFiles() {
    }

    static JsonNode json(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    /** Each finding of report.json by "share_uid policy_id". */
    static Map<String, JsonNode> findings(JsonNode report) {
        Map<String, JsonNode> findings = new HashMap<>();
        report.get("findings").forEach(f -> findings.put(key(f.get("share_uid").asString(), f.get("policy_id").asString()), f));
        return findings;
    }

    static String key(String uid, String policy) {
        return uid + " " + policy;
    }

    /** The records of an RFC 4180 file: quoted fields may hold commas, doubled quotes and line breaks. */
    static List<List<String>> csv(Path file) throws IOException {
        return csv(Files.readString(file, StandardCharsets.UTF_8));
    }

    static List<List<String>> csv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                if (field.length() > 0) {
                    throw new IllegalStateException("a quote inside an unquoted field at character " + i);
                }
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else if (c == '\n' || c == '\r') {
                throw new IllegalStateException("a bare line break outside quotes at character " + i);
            } else {
                field.append(c);
            }
        }
        if (quoted || field.length() > 0 || !record.isEmpty()) {
            throw new IllegalStateException("the file does not end with CRLF after its last record");
        }
        return records;
    }
}
