package dev.dspm.scanner.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client of the simulator for the tests: real requests over loopback, decoded with Jackson. */
final class Api {

    static final String FILE = "ASSET_TYPE_FILE_SHARE";
    static final String SESSION = "ASSET_TYPE_SESSION_SHARE";
    static final String COLLABORATION = "ASSET_TYPE_SESSION_COLLABORATION";
    static final String WEBSITE = "ASSET_TYPE_WEBSITE_PUBLISH";
    static final String PROJECT = "ASSET_TYPE_PROJECT_SHARE";
    static final List<String> TYPES = List.of(COLLABORATION, SESSION, FILE, WEBSITE, PROJECT);

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;

    Api(ManusSimulator simulator) {
        this.base = simulator.baseUrl();
    }

    /** GET team.asset.list with the given raw query string (already encoded). */
    HttpResponse<String> list(String key, String query) {
        return get(key, "/v2/team.asset.list" + (query.isEmpty() ? "" : "?" + query));
    }

    /** GET team.user.list with the given raw query string (already encoded). */
    HttpResponse<String> users(String key, String query) {
        return get(key, "/v2/team.user.list" + (query.isEmpty() ? "" : "?" + query));
    }

    /** Every page of the user list, in order, with the user key; the query is appended to the paging. */
    List<TeamMember> allUsers(int limit, String extraQuery) {
        List<TeamMember> users = new ArrayList<>();
        long total = Long.MAX_VALUE;
        for (int offset = 0; offset < total; offset += limit) {
            HttpResponse<String> response = users(ManusSimulator.USER_KEY, "limit=" + limit + "&offset=" + offset + extraQuery);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
            }
            JsonNode page = json(response);
            total = page.get("total").asLong();
            page.get("users").forEach(user -> users.add(teamMember(user)));
            if (page.get("users").isEmpty()) {
                break;
            }
        }
        return users;
    }

    /** A member as a careful client reads it: absent fields as null. */
    static TeamMember teamMember(JsonNode user) {
        return new TeamMember(text(user, "team_user_id"), text(user, "email"), text(user, "user_name"),
                text(user, "status"), text(user, "role"), text(user, "delegated_to"), text(user, "original_email"));
    }

    HttpResponse<String> get(String key, String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(10));
        return send(withKey(request, key).GET().build(), CLIENT);
    }

    HttpResponse<String> updateScope(String key, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/v2/team.asset.update_scope"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json");
        return send(withKey(request, key).POST(HttpRequest.BodyPublishers.ofString(body)).build(), CLIENT);
    }

    /** Every page of a list, in order, with the audit key; the query is appended to asset_type and paging. */
    List<JsonNode> allAssets(String type, int limit, String extraQuery) {
        List<JsonNode> assets = new ArrayList<>();
        long total = Long.MAX_VALUE;
        for (int offset = 0; offset < total; offset += limit) {
            JsonNode page = json(list(ManusSimulator.AUDIT_KEY,
                    "asset_type=" + type + "&limit=" + limit + "&offset=" + offset + extraQuery));
            total = page.get("total").asLong();
            page.get("assets").forEach(assets::add);
            if (page.get("assets").isEmpty()) {
                break;
            }
        }
        return assets;
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A JSON string literal, for building request bodies. */
    static String quote(String value) {
        return JSON.writeValueAsString(value);
    }

    /** What a careful client stores from one asset object: absent fields as null. */
    static ListedShare listedShare(String type, JsonNode asset) {
        return new ListedShare(text(asset, "uid"), type, text(asset, "asset_name"), text(asset, "asset_id"),
                text(asset, "shared_at"), text(asset, "last_operated_at"), text(asset, "owner_id"),
                text(asset, "session_id"), asset.get("asset_exists").asBoolean(), text(asset, "permission"),
                text(asset, "max_permission"));
    }

    static HttpResponse<String> send(HttpRequest request, HttpClient client) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static HttpRequest.Builder withKey(HttpRequest.Builder request, String key) {
        return key == null ? request : request.header("X-API-Key", key);
    }
}
