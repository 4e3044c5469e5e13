package dev.dspm.scanner.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonBufferTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void escapesWhatJsonRequiresAndWhatHtmlFears() {
        assertThat(string("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(string("bell\u0007\t\r\n\u001b")).isEqualTo("\"bell\\u0007\\u0009\\u000d\\u000a\\u001b\"");
        assertThat(string("<b>&</b>")).isEqualTo("\"\\u003cb\\u003e\\u0026\\u003c/b\\u003e\"");
        assertThat(string("x\u2028y\u2029z")).isEqualTo("\"x\\u2028y\\u2029z\"");
    }

    @Test
    void writesEverythingElseAsUtf8() {
        String text = "é 日本 \uD83D\uDE80 \u202E";

        assertThat(bytes(text)).isEqualTo(("\"" + text + "\"").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keepsALoneSurrogateAsAnEscape() {
        assertThat(string("a\uD800b")).isEqualTo("\"a\\ud800b\"");
        assertThat(JSON.readTree(string("a\uD800b")).asString()).isEqualTo("a\uD800b");
    }

    @Test
    void growsPastItsInitialCapacity() {
        JsonBuffer buffer = new JsonBuffer(16);
        String long3000 = "x".repeat(3000);

        buffer.ascii("[").string(long3000).character(',').number(-12).character(',').bool(true).ascii("]");

        assertThat(buffer.toString()).isEqualTo("[\"" + long3000 + "\",-12,true]");
    }

    @Test
    void everyHostileNameSurvivesTheRoundTripThroughTheApi() {
        TenantSpec spec = new TenantSpec(9, Map.of(Api.FILE, 3 * NamePool.HOSTILE.size()), 20, 0.2, 0, 1.0, 0);
        try (ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(spec))) {
            List<JsonNode> assets = new Api(simulator).allAssets(Api.FILE, 1000, "");

            assertThat(assets).extracting(a -> a.get("asset_name").asString())
                    .containsExactlyElementsOf(simulator.tenant().listed(Api.FILE).stream().map(ListedShare::assetName).toList())
                    .containsAll(NamePool.HOSTILE);
            String raw = new Api(simulator).list(ManusSimulator.AUDIT_KEY, "asset_type=" + Api.FILE + "&limit=1000").body();
            assertThat(raw).doesNotContain("<", ">", "&", "\u0007", "\u001b", "\u2028");
        }
        assertThat(NamePool.HOSTILE).anyMatch(name -> name.length() == 3000);
    }

    private static String string(String text) {
        return new JsonBuffer(8).string(text).toString();
    }

    private static byte[] bytes(String text) {
        return new JsonBuffer(8).string(text).toByteArray();
    }
}
