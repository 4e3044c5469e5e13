package dev.dspm.scanner.export;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a collector over WireMock received, oldest first, as a SIEM would read it: each request's events. */
final class CollectorLog {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** One request: its answer, its headers of interest, and the events its body carried. */
    record Request(int status, String idempotencyKey, String authorization, String contentType, byte[] body,
            List<JsonNode> events) {
    }

    private CollectorLog() {
    }

    static List<Request> requests(WireMockServer collector, ExportSettings.Format format) {
        List<ServeEvent> served = new ArrayList<>(collector.getAllServeEvents());
        java.util.Collections.reverse(served);
        List<Request> requests = new ArrayList<>();
        for (ServeEvent event : served) {
            byte[] body = event.getRequest().getBody();
            requests.add(new Request(event.getResponse().getStatus(), event.getRequest().getHeader("Idempotency-Key"),
                    event.getRequest().containsHeader("Authorization") ? event.getRequest().getHeader("Authorization") : null,
                    event.getRequest().getHeader("Content-Type"), body, events(format, body)));
        }
        return requests;
    }

    /** The events of the requests the collector took (answered 2xx), in the order it took them. */
    static List<JsonNode> accepted(WireMockServer collector, ExportSettings.Format format) {
        return requests(collector, format).stream().filter(r -> r.status() / 100 == 2).flatMap(r -> r.events().stream())
                .toList();
    }

    static List<JsonNode> events(ExportSettings.Format format, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        List<JsonNode> events = new ArrayList<>();
        switch (format) {
            case JSON -> JSON.readTree(text).forEach(events::add);
            case NDJSON, SPLUNK_HEC -> {
                if (!text.endsWith("\n")) {
                    throw new IllegalStateException("a body whose last line has no line end");
                }
                for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
                    JsonNode node = JSON.readTree(line);
                    events.add(format == ExportSettings.Format.SPLUNK_HEC ? node.get("event") : node);
                }
            }
        }
        return events;
    }
}
