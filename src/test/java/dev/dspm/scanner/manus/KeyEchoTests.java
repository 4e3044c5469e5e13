package dev.dspm.scanner.manus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dspm.scanner.manus.ManusApiException.ErrorCode;

/** A server that repeats a key, plainly or escaped, hands back nothing this job will print or store. */
class KeyEchoTests {

    static final String AUDIT = "sk-audit-0123456789abcdef";
    static final String MGMT = "sk-mgmt/\"slash\"-0123456789";

    final KeyEcho echo = new KeyEcho(List.of(AUDIT, MGMT));
    final ResponseParser parser = new ResponseParser(echo);

    @Test
    void aBodyLosesEveryCopyOfEveryKeyAndStaysTheSameLengthAndValidJson() {
        String json = "{\"ok\":true,\"request_id\":\"" + AUDIT + "\",\"x\":\"" + AUDIT + AUDIT + "\",\"y\":\""
                + MGMT.replace("\"", "\\\"").replace("/", "\\/") + "\",\"z\":\"sk-mgmt/\\\"slash\\\"-0123456789\"}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);

        String masked = new String(echo.mask(body), StandardCharsets.UTF_8);

        assertThat(masked).hasSameSizeAs(json).doesNotContain(AUDIT).doesNotContain("0123456789")
                .contains("\"request_id\":\"" + "*".repeat(AUDIT.length()) + "\"");
        assertThat(parser.parseUpdate("update", 200, body)).isEqualTo("*".repeat(AUDIT.length()));
    }

    @Test
    void aKeySpeltWithUnicodeEscapesIsMaskedOnceDecoded() {
        String escaped = AUDIT.chars().mapToObj(c -> String.format("\\u%04x", c)).reduce("", String::concat);
        String failure = "{\"ok\":false,\"request_id\":\"req-1 " + escaped + "\",\"error\":{\"code\":\"" + escaped
                + "\",\"message\":\"bad key " + escaped + "\"}}";

        ManusApiException thrown = catchThrowableOfType(ManusApiException.class,
                () -> parser.parseUpdate("update", 500, failure.getBytes(StandardCharsets.UTF_8)));

        assertThat(thrown.requestId()).isEqualTo("req-1 ****");
        assertThat(thrown.rawCode()).isEqualTo("****");
        assertThat(thrown.code()).as("what HTTP 500 means").isEqualTo(ErrorCode.INTERNAL);
        assertThat(thrown.getMessage()).doesNotContain(AUDIT).contains("bad key ****");
        assertThat(parser.parseUpdate("update", 200, ("{\"ok\":true,\"request_id\":\"" + escaped + "\"}")
                .getBytes(StandardCharsets.UTF_8))).isEqualTo("****");
    }

    @Test
    void aShareOrAMemberThatRepeatsAKeyKeepsItNowhere() {
        String escaped = "\\u0073k-audit-0123456789abcdef";
        String page = "{\"ok\":true,\"request_id\":\"r\",\"total\":1,\"limit\":10,\"offset\":0,\"assets\":[{\"uid\":\"shr_"
                + escaped + "\",\"asset_name\":\"" + escaped + ".pdf\",\"asset_id\":\"" + escaped + "\",\"owner_id\":\""
                + escaped + "\",\"session_id\":\"" + escaped + "\"}]}";

        Asset asset = parser.parseList("list", 200, page.getBytes(StandardCharsets.UTF_8),
                ListQuery.of(AssetType.FILE_SHARE, 10)).assets().get(0);

        assertThat(List.of(asset.uid(), asset.assetName(), asset.assetId(), asset.ownerId(), asset.sessionId()))
                .containsExactly("shr_****", "****.pdf", "****", "****", "****");
    }

    /** A test key of one letter masked "ok" into "o*" in every body; a key that short is masked only once decoded. */
    @Test
    void aKeyShortEnoughToBeAWordOfJsonLeavesTheBodyReadable() {
        KeyEcho echo = new KeyEcho(List.of("true"));
        byte[] body = "{\"ok\":true,\"request_id\":\"true\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(new String(echo.mask(body), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true,\"request_id\":\"true\"}");
        assertThat(echo.mask("request true")).isEqualTo("request ****");
    }

    @Test
    void withoutKeysNothingChanges() {
        byte[] body = "{\"ok\":true,\"request_id\":\"sk-audit\"}".getBytes(StandardCharsets.UTF_8);
        KeyEcho none = new KeyEcho(List.of());
        assertThat(none.mask(body.clone())).isEqualTo(body);
        assertThat(none.mask("sk-audit")).isEqualTo("sk-audit");
        assertThat(echo.mask((String) null)).isNull();
    }
}
