package dev.dspm.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link OcsfEmail} says what OCSF's own expression for {@code email_t} says, of addresses and of anything else. */
class OcsfEmailTests {

    /** OCSF 1.8.0's dictionary.json, {@code email_t}'s {@code regex}. */
    static final Pattern EMAIL_T = Pattern.compile("^[a-zA-Z0-9!#$%&'*+-/=?^_`{|}~.]+@[a-zA-Z0-9-]+\\.[a-zA-Z0-9-.]+$");

    @ParameterizedTest
    @ValueSource(strings = {"ana@example.com", "a.b+tag@mail.example.co.uk", "o'neil@x-y.z", "x@y.-", "x@y..",
            "!#$%&'*+,-./=?^_`{|}~@a.b", "A9@B9.C9"})
    void addressesAreAddresses(String address) {
        assertThat(EMAIL_T.matcher(address).matches()).as("the expression").isTrue();
        assertThat(OcsfEmail.matches(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "@", "ana", "ana@", "@example.com", "ana@example", "ana@.com", "ana@example.",
            "ana@@example.com", "ana@ex@ample.com", "ana@exa_mple.com", "an a@example.com", "ana@example.com\n",
            "ana@example.c m", "\u00e9@example.com", "ana@ex\u00e4mple.com", "ana@example.\ud83d\ude00", "ana\"@x.y",
            "ana@x.y@", "not an address"})
    void anythingElseIsNot(String text) {
        assertThat(EMAIL_T.matcher(text).matches()).as("the expression").isFalse();
        assertThat(OcsfEmail.matches(text)).isFalse();
    }

    @Test
    void agreesWithTheExpressionOnAMillionStringsShapedLikeAddresses() {
        SplittableRandom random = new SplittableRandom(27);
        int addresses = 0;
        for (int n = 0; n < 1_000_000; n++) {
            // local part, '@', a label, '.', the rest: each part may be empty, each separator missing or doubled
            StringBuilder text = new StringBuilder();
            part(text, random);
            separator(text, '@', random);
            part(text, random);
            separator(text, '.', random);
            part(text, random);
            boolean expected = EMAIL_T.matcher(text).matches();
            addresses += expected ? 1 : 0;
            assertThat(OcsfEmail.matches(text.toString())).as("\"%s\"", text).isEqualTo(expected);
        }
        assertThat(addresses).as("addresses among them").isBetween(100_000, 900_000);
    }

    /** The characters either side of each class's edges, so that an off-by-one in a range shows. */
    private static final String EDGES = "aAzZ09`{@[/:+,-.!#\"()<>;\\ \t\u00e9~_^=?|}'*&%$\n";

    private static void part(StringBuilder text, SplittableRandom random) {
        int length = random.nextInt(0, 4);
        for (int i = 0; i < length; i++) {
            text.append(random.nextInt(4) == 0 ? EDGES.charAt(random.nextInt(EDGES.length())) : 'm');
        }
    }

    private static void separator(StringBuilder text, char separator, SplittableRandom random) {
        int count = switch (random.nextInt(10)) {
            case 0 -> 0;
            case 1 -> 2;
            default -> 1;
        };
        text.append(String.valueOf(separator).repeat(count));
    }
}
