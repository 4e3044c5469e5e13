package dev.dspm.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/** Html turns any text into inert, visible markup; tenant text is isolated, cut and tooltipped. */
class HtmlTests {

    @Test
    void markupCharactersBecomeEntitiesInTextAndAttributes() throws IOException {
        assertThat(text("<a href=\"x\" onclick='y'>&amp;</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
    }

    @Test
    void plainTextIsWrittenAsItIs() throws IOException {
        String plain = "report 2026 (final) \u00e9t\u00e9 \u6A5F\u5BC6 \u062A\u0642\u0631\u064A\u0631 \uD83D\uDE80 \u00a0x";
        assertThat(text(plain)).isEqualTo(plain);
    }

    @Test
    void controlCharactersAreShownAsPicturesNeverRaw() throws IOException {
        assertThat(text("a\tb\nc\rd\u0000e\u001bf\u007fg")).isEqualTo("a\u2409b\u240Ac\u240Dd\u2400e\u241Bf\u2421g");
        assertThat(text("x\u0085y\u009bz")).isEqualTo("x[U+0085]y[U+009B]z");
        String written = text(allControlCharacters());
        assertThat(written.chars()).noneMatch(c -> c < 0x20 || c >= 0x7F && c <= 0x9F);
    }

    @Test
    void bidiOverridesAreShownSoTheyCannotDisguiseAName() throws IOException {
        assertThat(text("invoice\u202Efdp.exe")).isEqualTo("invoice[U+202E]fdp.exe");
        assertThat(text("\u2066a\u2069\u202Ab\u202C")).isEqualTo("[U+2066]a[U+2069][U+202A]b[U+202C]");
    }

    @Test
    void aLoneSurrogateBecomesTheReplacementCharacterAndAPairStays() throws IOException {
        assertThat(text("a\uD83Db\uDE80c\uD83D")).isEqualTo("a\uFFFDb\uFFFDc\uFFFD");
        assertThat(text("\uD83D\uDE80")).isEqualTo("\uD83D\uDE80");
    }

    @Test
    void nullTextWritesNothing() throws IOException {
        assertThat(text(null)).isEmpty();
    }

    @Test
    void tenantTextIsIsolatedInBdi() throws IOException {
        assertThat(tenant("\u05D3\u05D5\u05D7 <b>")).isEqualTo("<bdi>\u05D3\u05D5\u05D7 &lt;b&gt;</bdi>");
        assertThat(tenant(null)).isEqualTo("<span class=\"none\">\u2014</span>");
    }

    @Test
    void aNameOfExactlyTheLimitIsNotCut() throws IOException {
        String name = "\uD83D\uDE80".repeat(Html.DISPLAY_CODE_POINTS);
        assertThat(tenant(name)).isEqualTo("<bdi>" + name + "</bdi>");
    }

    @Test
    void aLongNameIsCutAtACodePointWithTheFullValueInTheTooltip() throws IOException {
        String name = "a".repeat(79) + "\uD83D\uDE80" + "<b>";
        assertThat(tenant(name)).isEqualTo("<bdi title=\"" + "a".repeat(79) + "\uD83D\uDE80&lt;b&gt;\">" + "a".repeat(79)
                + "\uD83D\uDE80\u2026</bdi>");
    }

    @Test
    void theTooltipIsBoundedToo() throws IOException {
        String name = "\uD83D\uDE80".repeat(Html.TOOLTIP_CODE_POINTS + 500);
        String written = tenant(name);
        String title = written.substring(written.indexOf("title=\"") + 7, written.indexOf("\">"));
        assertThat(title).isEqualTo("\uD83D\uDE80".repeat(Html.TOOLTIP_CODE_POINTS) + "\u2026");
    }

    @Test
    void cutNeverSplitsASurrogatePair() {
        for (int at = 0; at < 10; at++) {
            String s = "x".repeat(at) + "\uD83D\uDE80".repeat(10);
            int cut = Html.cut(s, 5);
            assertThat(s.codePointCount(0, cut)).isEqualTo(5);
            assertThat(Character.isHighSurrogate(s.charAt(cut - 1))).isFalse();
        }
        assertThat(Html.cut("short", 80)).isEqualTo(5);
    }

    @Test
    void timesAreIsoUtcToTheSecond() throws IOException {
        StringWriter out = new StringWriter();
        new Html(out).time(Instant.parse("2026-05-04T06:07:08.123456Z")).raw(" ").date(Instant.parse("2026-05-04T23:59:59Z"));
        assertThat(out.toString()).isEqualTo("2026-05-04T06:07:08Z <time datetime=\"2026-05-04T23:59:59Z\""
                + " title=\"2026-05-04T23:59:59Z\">2026-05-04</time>");
    }

    @Test
    void numbersAreGroupedByThreesWithCommasWhateverTheMachinesLocale() throws IOException {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY); // which groups with dots
        try {
            for (long value : new long[] {0, 7, 999, 1_000, -1_000, 12_345, 470_780, 1_019_396, Long.MAX_VALUE,
                    Long.MIN_VALUE}) {
                StringWriter out = new StringWriter();
                new Html(out).number(value).number(value);
                String grouped = String.format(Locale.ROOT, "%,d", value);
                assertThat(out).as("%d, twice", value).hasToString(grouped + grouped);
            }
        } finally {
            Locale.setDefault(before);
        }
        StringWriter out = new StringWriter();
        new Html(out).number(1_019_396);
        assertThat(out).hasToString("1,019,396");
    }

    private static String allControlCharacters() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c <= 0x9F; c++) {
            if (c < 0x20 || c >= 0x7F) {
                all.append(c);
            }
        }
        return all.toString();
    }

    private static String text(String value) throws IOException {
        StringWriter out = new StringWriter();
        new Html(out).text(value);
        return out.toString();
    }

    private static String tenant(String value) throws IOException {
        StringWriter out = new StringWriter();
        new Html(out).tenant(value);
        return out.toString();
    }
}
