package dev.dspm.scanner.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonObjectParserTests {

    @Test
    void readsAnObjectOfStrings() {
        Map<String, String> fields = JsonObjectParser.parse(
                " {\n\t\"share_uid\" : \"shr_1\", \"permission\":\"SHARE_SCOPE_OWNER\" ,\"note\":\"x\"}\r\n");

        assertThat(fields).containsExactly(
                Map.entry("share_uid", "shr_1"), Map.entry("permission", "SHARE_SCOPE_OWNER"), Map.entry("note", "x"));
    }

    @Test
    void decodesEveryEscape() {
        Map<String, String> fields = JsonObjectParser.parse(
                "{\"note\":\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\ud83d\\ude80 \\u003C\"}");

        assertThat(fields.get("note")).isEqualTo("q\" b\\ s/ \b\f\n\r\t é \uD83D\uDE80 <");
    }

    @Test
    void readsNullAsAbsentAndKeepsTheLastOfARepeatedKey() {
        Map<String, String> fields = JsonObjectParser.parse("{\"note\":null,\"a\":\"1\",\"a\":\"2\"}");

        Map<String, String> expected = new HashMap<>();
        expected.put("note", null);
        expected.put("a", "2");
        assertThat(fields).isEqualTo(expected);
        assertThat(JsonObjectParser.parse("{}")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "[]", "\"text\"", "{", "}", "{\"a\"}", "{\"a\":}", "{\"a\":\"b\",}", "{\"a\":\"b\"}}",
        "{\"a\":\"b\" \"c\":\"d\"}", "{a:\"b\"}", "{'a':'b'}", "{\"a\":\"unterminated}", "{\"a\":\"tab\there\"}",
        "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\u１２３４\"}", "{\"a\":nul}", "{\"a\":\"b\"} x",
        "{\"a\":1}", "{\"a\":true}", "{\"a\":{}}", "{\"a\":[\"b\"]}", "{\"a\":-1}"})
    void refusesAnythingElseAsInvalidArgument(String body) {
        assertThatThrownBy(() -> JsonObjectParser.parse(body))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }
}
