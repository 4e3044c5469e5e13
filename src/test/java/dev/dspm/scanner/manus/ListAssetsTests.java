package dev.dspm.scanner.manus;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.dspm.scanner.manus.ManusTestSupport.listBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.dspm.scanner.manus.ManusTestSupport.RecordingSleeper;

/** What team.asset.list sends, and what comes back out of the page it returns. */
class ListAssetsTests {

    static final String LIST = "/v2/team.asset.list";

    @RegisterExtension
    static WireMockExtension server = ManusTestSupport.server();

    ManusClient client;

    @BeforeEach
    void reset() {
        client = ManusTestSupport.client(ManusTestSupport.settings(server), ManusTestSupport.bothKeys(),
                new RecordingSleeper());
    }

    @Test
    void sendsEveryFilterUnderItsWireNameEncoded() {
        server.stubFor(get(urlPathEqualTo(LIST)).willReturn(okJson(listBody("r", 0))));

        client.listAssets(new ListQuery(AssetType.SESSION_SHARE, "q3 plan&co=1+2/ü", "user 7", Instant.parse(
                "2024-01-02T03:04:05Z"), Instant.parse("2024-06-30T23:59:59.123Z"), ShareScope.PUBLIC, 1000, 2000));

        server.verify(1, getRequestedFor(urlPathEqualTo(LIST))
                .withHeader("X-API-Key", equalTo(ManusTestSupport.AUDIT_SECRET))
                .withQueryParam("asset_type", equalTo("ASSET_TYPE_SESSION_SHARE"))
                .withQueryParam("keyword", equalTo("q3 plan&co=1+2/ü"))
                .withQueryParam("owner_id", equalTo("user 7"))
                .withQueryParam("start_time", equalTo("2024-01-02T03:04:05Z"))
                .withQueryParam("end_time", equalTo("2024-06-30T23:59:59.123Z"))
                .withQueryParam("permission", equalTo("SHARE_SCOPE_PUBLIC"))
                .withQueryParam("limit", equalTo("1000"))
                .withQueryParam("offset", equalTo("2000")));
        String url = server.getAllServeEvents().get(0).getRequest().getUrl();
        assertThat(url).contains("keyword=q3%20plan%26co%3D1%2B2%2F%C3%BC").doesNotContain("+");
    }

    @Test
    void leavesAbsentFiltersOut() {
        server.stubFor(get(urlPathEqualTo(LIST)).willReturn(okJson(listBody("r", 0))));

        client.listAssets(ListQuery.of(AssetType.FILE_SHARE, 100));

        server.verify(getRequestedFor(urlPathEqualTo(LIST))
                .withQueryParam("asset_type", equalTo("ASSET_TYPE_FILE_SHARE"))
                .withQueryParam("limit", equalTo("100"))
                .withQueryParam("offset", equalTo("0"))
                .withQueryParam("keyword", absent())
                .withQueryParam("owner_id", absent())
                .withQueryParam("start_time", absent())
                .withQueryParam("end_time", absent())
                .withQueryParam("permission", absent()));
    }

    @Test
    void keepsABaseUrlPathPrefix() {
        server.stubFor(get(urlPathEqualTo("/gw/v2/team.asset.list")).willReturn(okJson(listBody("r", 0))));
        ApiSettings prefixed = ManusTestSupport.settings(server)
                .withBaseUrl(java.net.URI.create(server.baseUrl() + "/gw/"));
        client = ManusTestSupport.client(prefixed, ManusTestSupport.auditOnly(), new RecordingSleeper());

        assertThat(client.listAssets(ListQuery.of(AssetType.FILE_SHARE, 10)).total()).isZero();
    }

    @Test
    void refusesQueriesTheServerWouldReject() {
        assertThatThrownBy(() -> client.listAssets(ListQuery.of(AssetType.FILE_SHARE, 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.listAssets(ListQuery.of(AssetType.FILE_SHARE, 1001)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.listAssets(ListQuery.of(null, 10)))
                .isInstanceOf(IllegalArgumentException.class);
        server.verify(0, getRequestedFor(urlPathEqualTo(LIST)));
    }

    @Test
    void readsEveryField() {
        String asset = """
                {"uid":"sh_01","asset_name":"Board deck","asset_id":"file_9","shared_at":"2024-05-01T12:34:56.789Z",\
                "last_operated_at":"2024-05-02T01:00:00+08:00","owner_id":"u_42","session_id":"sess_7",\
                "asset_exists":false,"permission":"SHARE_SCOPE_PUBLIC","max_permission":"SHARE_SCOPE_TEAM_ONLY"}""";
        serve("{\"ok\":true,\"request_id\":\"req-77\",\"assets\":[" + asset + "],\"total\":\"1234\",\"limit\":100,"
                + "\"offset\":300}");

        AssetPage page = client.listAssets(ListQuery.of(AssetType.FILE_SHARE, 100).withOffset(300));

        assertThat(page.total()).isEqualTo(1234);
        assertThat(page.limit()).isEqualTo(100);
        assertThat(page.offset()).isEqualTo(300);
        assertThat(page.requestId()).isEqualTo("req-77");
        assertThat(page.throttled()).isZero();
        Asset a = page.assets().get(0);
        assertThat(a.assetType()).isEqualTo(AssetType.FILE_SHARE);
        assertThat(a.uid()).isEqualTo("sh_01");
        assertThat(a.assetName()).isEqualTo("Board deck");
        assertThat(a.assetId()).isEqualTo("file_9");
        assertThat(a.sharedAt()).isEqualTo(Instant.parse("2024-05-01T12:34:56.789Z"));
        assertThat(a.lastOperatedAt()).isEqualTo(Instant.parse("2024-05-01T17:00:00Z"));
        assertThat(a.ownerId()).isEqualTo("u_42");
        assertThat(a.sessionId()).isEqualTo("sess_7");
        assertThat(a.assetExists()).isFalse();
        assertThat(a.permission()).isEqualTo(ShareScope.PUBLIC);
        assertThat(a.permissionRaw()).isEqualTo("SHARE_SCOPE_PUBLIC");
        assertThat(a.maxPermission()).isEqualTo(ShareScope.TEAM_ONLY);
        assertThat(a.maxPermissionRaw()).isEqualTo("SHARE_SCOPE_TEAM_ONLY");
        assertThat(a.rawJson()).isEqualTo(asset);
    }

    @Test
    void missingFieldsAreNullAndEchoesFallBackToTheRequest() {
        serve("{\"ok\":true,\"request_id\":\"r\",\"assets\":[{}, {\"uid\":\"only\"}],\"total\":2}");

        AssetPage page = client.listAssets(ListQuery.of(AssetType.WEBSITE_PUBLISH, 50).withOffset(100));

        assertThat(page.limit()).isEqualTo(50);
        assertThat(page.offset()).isEqualTo(100);
        Asset empty = page.assets().get(0);
        assertThat(empty).isEqualTo(new Asset(AssetType.WEBSITE_PUBLISH, null, null, null, null, null, null, null, null,
                null, null, null, null, RawJson.of("{}")));
        assertThat(page.assets().get(1).uid()).isEqualTo("only");
    }

    @Test
    void anEmptyResultMayOmitZeroFields() {
        serve("{\"ok\":true,\"request_id\":\"r\",\"total\":0}");
        assertThat(client.listAssets(ListQuery.of(AssetType.PROJECT_SHARE, 100)).assets()).isEmpty();

        serve("{\"ok\":true,\"request_id\":\"r\",\"assets\":[]}");
        assertThat(client.listAssets(ListQuery.of(AssetType.PROJECT_SHARE, 100)).total()).isZero();
    }

    @Test
    void unknownScopesAreKeptRawAndUnknownFieldsKeptByteExact() {
        String asset = "{ \"uid\" : \"sh_2\",\n  \"permission\":\"SHARE_SCOPE_DOMAIN\", \"max_permission\":\"weird\","
                + "\"new_field\":{\"nested\":[1,2.50,{\"deep\":null}],\"flag\":true},\"tags\":[\"a\",\"b\"],"
                + "\"score\":1.0E3 }";
        serve("{\"ok\":true,\"request_id\":\"r\",\"assets\":[\n  " + asset + "  \n],\"total\":1}");

        Asset a = client.listAssets(ListQuery.of(AssetType.SESSION_SHARE, 100)).assets().get(0);

        assertThat(a.permission()).isEqualTo(ShareScope.UNKNOWN);
        assertThat(a.permissionRaw()).isEqualTo("SHARE_SCOPE_DOMAIN");
        assertThat(a.maxPermission()).isEqualTo(ShareScope.UNKNOWN);
        assertThat(a.maxPermissionRaw()).isEqualTo("weird");
        assertThat(a.rawJson()).isEqualTo(asset);
    }

    @Test
    void wrongFieldTypesDoNotLoseTheShare() {
        String asset = "{\"uid\":12345,\"asset_name\":{\"text\":\"x\"},\"asset_exists\":\"yes\",\"shared_at\":"
                + "\"yesterday\",\"last_operated_at\":1714567890,\"permission\":null,\"owner_id\":[\"u\"]}";
        serve("{\"ok\":true,\"request_id\":\"r\",\"assets\":[" + asset + "],\"total\":1}");

        Asset a = client.listAssets(ListQuery.of(AssetType.SESSION_SHARE, 100)).assets().get(0);

        assertThat(a.uid()).isEqualTo("12345");
        assertThat(a.assetName()).isNull();
        assertThat(a.assetExists()).isNull();
        assertThat(a.sharedAt()).isNull();
        assertThat(a.lastOperatedAt()).isNull();
        assertThat(a.permission()).isNull();
        assertThat(a.permissionRaw()).isNull();
        assertThat(a.ownerId()).isNull();
        assertThat(a.rawJson()).isEqualTo(asset);
    }

    @Test
    void hostileNamesArriveExactly() {
        String[] names = {
                "<script>alert('x')</script><img src=x onerror=alert(1)>",
                "=HYPERLINK(\"http://evil.example\",\"click\")",
                "+cmd|' /C calc'!A0",
                "@SUM(1+1)",
                "-2+3",
                "tab\there\nnewline\r\u0000nul\u001b[31mred\u007f",
                "x".repeat(3000),
                "\u202Egnp.exe\u202C مرحبا بالعالم עברית",
                "季度计划 第三版 機密 한국어",
                "😀🔒👩‍💻 \uD83C\uDDFA\uD83C\uDDF8",
                "quote\" backslash\\ slash/ \u2028\u2029" };
        StringBuilder body = new StringBuilder("{\"ok\":true,\"request_id\":\"r\",\"assets\":[");
        for (int i = 0; i < names.length; i++) {
            body.append(i > 0 ? "," : "").append("{\"uid\":\"u").append(i).append("\",\"asset_name\":\"")
                    .append(jsonEscape(names[i])).append("\"}");
        }
        body.append("],\"total\":").append(names.length).append('}');
        server.stubFor(get(urlPathEqualTo(LIST)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(body.toString().getBytes(StandardCharsets.UTF_8))));

        AssetPage page = client.listAssets(ListQuery.of(AssetType.FILE_SHARE, 100));

        assertThat(page.assets()).extracting(Asset::assetName).containsExactly(names);
        assertThat(page.assets().get(7).rawJson()).contains("مرحبا");
        assertThat(page.assets().get(9).rawJson()).contains("😀🔒");
    }

    /** The snapshot stores each object's bytes as they came; a raw NUL would not fit a PostgreSQL text value. */
    @Test
    void aRawControlCharacterEvenInAFieldNobodyReadsRefusesThePage() {
        serve("{\"ok\":true,\"request_id\":\"r\",\"assets\":[{\"uid\":\"a\",\"later\":\"x\u0000y\"}],\"total\":1}");

        assertThatThrownBy(() -> client.listAssets(ListQuery.of(AssetType.FILE_SHARE, 10)))
                .isInstanceOfSatisfying(ManusApiException.class,
                        e -> assertThat(e.code()).isEqualTo(ManusApiException.ErrorCode.PROTOCOL));
    }

    private void serve(String body) {
        server.resetAll();
        server.stubFor(get(urlPathEqualTo(LIST)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body.getBytes(StandardCharsets.UTF_8))));
    }

    /** Escapes as a JSON encoder would: quotes, backslashes and every control character as \\uXXXX. */
    private static String jsonEscape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
