package dev.dspm.scanner.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an afternoon script does, as a peer for the job: one connection, page after page, each parsed with
 * Jackson into the job's columns and written as one batched INSERT into a table keyed (run_id, uid), one
 * commit per page. No prefetch, no threads, no restart. Timed from outside, JVM start to exit.
 *
 * <p>{@code MANUS_ASSET_AUDIT_KEY=<key> java dev.dspm.scanner.bench.NaivePeer <base-url> <jdbc-url> <user> <password>}
 */
public final class NaivePeer {

    private NaivePeer() {
    }

    public static void main(String[] args) throws Exception {
        URI baseUrl = URI.create(args[0]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        JsonMapper json = JsonMapper.builder().build();
        long stored = 0;
        try (Connection db = DriverManager.getConnection(args[1], args[2], args[3]);
                Statement statement = db.createStatement()) {
            statement.execute(ShareColumns.createTable("naive_share", "PRIMARY KEY (run_id, uid)"));
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO naive_share (" + ShareColumns.NAMES
                    + ") VALUES (" + "?, ".repeat(ShareColumns.COUNT - 1) + "?)")) {
                for (String type : ShareColumns.TYPES) {
                    stored += copy(http, json, baseUrl, type, insert);
                }
            }
        }
        System.out.println("NAIVE_PEER " + stored);
    }

    /** Every page of one type, in order, one batched INSERT and one commit per page. */
    private static long copy(HttpClient http, JsonMapper json, URI baseUrl, String type, PreparedStatement insert)
            throws Exception {
        long stored = 0;
        long total = 1;
        for (long offset = 0; offset < total; offset += Simulator.PAGE) {
            HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("/v2/team.asset.list?asset_type=" + type
                    + "&limit=" + Simulator.PAGE + "&offset=" + offset))
                    .header("X-API-Key", System.getenv("MANUS_ASSET_AUDIT_KEY")).build();
            JsonNode page = json.readTree(http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body());
            total = page.get("total").asLong();
            for (JsonNode asset : page.get("assets")) {
                Object[] values = ShareColumns.values(1, type, asset);
                for (int i = 0; i < values.length; i++) {
                    insert.setObject(i + 1, values[i]);
                }
                insert.addBatch();
                stored++;
            }
            insert.executeBatch();
            insert.getConnection().commit();
        }
        return stored;
    }
}
