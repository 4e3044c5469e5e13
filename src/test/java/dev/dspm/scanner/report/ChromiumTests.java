package dev.dspm.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.SystemTest;

/** The browser harness itself, on small pages written for each test. */
@SystemTest
class ChromiumTests extends InChromium {

    @TempDir
    Path dir;

    @Test
    void aCleanPageReportsNoErrorNoRequestNoDialog() throws IOException {
        page.open(html("clean.html", "<h1 id='title'>Findings</h1><script>window.ran = true;</script>"));

        assertThat(page.evaluate("document.getElementById('title').textContent").asString()).isEqualTo("Findings");
        assertThat(page.evaluate("window.ran").asBoolean()).isTrue();
        assertThat(page.consoleErrors()).isEmpty();
        assertThat(page.requests()).isEmpty();
        assertThat(page.dialogs()).isEmpty();
    }

    @Test
    void anImageFromDiskAndADataFetchAreRequests() throws IOException {
        page.open(html("image.html", "<img src='x'>"));
        page.evaluate("fetch('data:text/plain,hello').then(response => response.text())");

        assertThat(page.requests()).containsExactly(dir.resolve("x").toUri().toString(), "data:text/plain,hello");
    }

    @Test
    void anExceptionThrownByTheScriptIsAConsoleError() throws IOException {
        page.open(html("throws.html", "<script>throw new Error('boom in the page');</script>"));

        assertThat(page.consoleErrors()).singleElement().asString().contains("boom in the page");
    }

    @Test
    void consoleErrorsAndWarningsAreCollectedButNotLogs() throws IOException {
        page.open(html("console.html",
                "<script>console.log('fine'); console.error('bad', 42); console.warn('careful');</script>"));

        assertThat(page.consoleErrors()).containsExactly("console.error: bad 42", "console.warning: careful");
    }

    @Test
    void anInlineScriptForbiddenByTheContentSecurityPolicyDoesNotRunAndIsReported() throws IOException {
        page.open(html("csp.html", "<meta http-equiv='Content-Security-Policy' content=\"script-src 'none'\">",
                "<script>window.ran = true;</script>"));

        assertThat(page.evaluate("window.ran").isMissingNode()).isTrue();
        assertThat(page.consoleErrors()).singleElement().asString()
                .startsWith("security: ").contains("inline script", "Content Security Policy", "blocked");
    }

    @Test
    void anAlertIsRecordedAndDismissedSoThePageGoesOn() throws IOException {
        page.open(html("alert.html", "<script>alert('x'); window.after = 'went on';</script>"));

        assertThat(page.dialogs()).containsExactly("x");
        assertThat(page.evaluate("window.after").asString()).isEqualTo("went on");
    }

    @Test
    void evidenceStartsAfreshWithEachPageOpened() throws IOException {
        page.open(html("noisy.html", "<img src='x'><script>console.error('old'); alert('old');</script>"));
        page.open(html("quiet.html", "<p>quiet</p>"));

        assertThat(page.consoleErrors()).isEmpty();
        assertThat(page.requests()).isEmpty();
        assertThat(page.dialogs()).isEmpty();
    }

    @Test
    void clickPressesAButtonBelowTheFoldWithTheMouse() throws IOException {
        page.open(html("click.html", "<div style='height: 3000px'></div>"
                + "<button id='go'>Go</button><p id='out'>before</p>"
                + "<script>document.getElementById('go').addEventListener('click', event => "
                + "document.getElementById('out').textContent = event.isTrusted ? 'clicked' : 'synthetic');</script>"));

        page.click("#go");

        assertThat(page.evaluate("document.getElementById('out').textContent").asString()).isEqualTo("clicked");
    }

    @Test
    void clickOnACoveredOrMissingElementFailsNamingIt() throws IOException {
        page.open(html("covered.html", "<button id='under'>Under</button>"
                + "<div style='position: fixed; inset: 0; background: white'></div>"));

        assertThatThrownBy(() -> page.click("#under")).hasMessageContaining("#under is covered by <div");
        assertThatThrownBy(() -> page.click("#absent")).hasMessageContaining("no element matches #absent");
    }

    @Test
    void typeFiresInputEventsLikeAKeyboard() throws IOException {
        page.open(html("type.html", "<input id='name'><p id='copy'></p><script>"
                + "document.getElementById('name').addEventListener('input', event => "
                + "document.getElementById('copy').textContent = event.target.value);</script>"));

        page.type("#name", "über <b>");

        assertThat(page.evaluate("document.getElementById('copy').textContent").asString()).isEqualTo("über <b>");
    }

    @Test
    void selectChoosesAnOptionAndFiresChange() throws IOException {
        page.open(html("select.html", "<select id='severity'><option value='all'>All</option>"
                + "<option value='HIGH'>High</option></select><p id='shown'>all</p><script>"
                + "document.getElementById('severity').addEventListener('change', event => "
                + "document.getElementById('shown').textContent = event.target.value);</script>"));

        page.select("#severity", "HIGH");

        assertThat(page.evaluate("document.getElementById('shown').textContent").asString()).isEqualTo("HIGH");
        assertThatThrownBy(() -> page.select("#severity", "LOW")).hasMessageContaining("has no option with value LOW");
    }

    @Test
    void anExceptionInEvaluatedScriptThrowsWithItsText() throws IOException {
        page.open(html("empty.html", ""));

        assertThatThrownBy(() -> page.evaluate("null.property")).hasMessageContaining("TypeError");
    }

    @Test
    void aMissingFileCannotBeOpened() {
        assertThatThrownBy(() -> page.open(dir.resolve("absent.html"))).hasMessageContaining("ERR_FILE_NOT_FOUND");
    }

    @Test
    void aScreenshotIsAPngOfTheAskedSize() throws IOException {
        page.open(html("tall.html", "<div style='height: 5000px; background: linear-gradient(red, blue)'></div>"));
        Path png = dir.resolve("shots/page.png");

        page.screenshot(png, 800, 600);

        ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(png));
        assertThat(Arrays.copyOf(header.array(), 8)).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        assertThat(new String(header.array(), 12, 4, StandardCharsets.US_ASCII)).isEqualTo("IHDR");
        assertThat(header.getInt(16)).isEqualTo(800);
        assertThat(header.getInt(20)).isEqualTo(600);
    }

    private Path html(String name, String body) throws IOException {
        return html(name, "", body);
    }

    private Path html(String name, String head, String body) throws IOException {
        return Files.writeString(dir.resolve(name), "<!DOCTYPE html><html><head><meta charset='utf-8'><title>t</title>"
                + head + "</head><body>" + body + "</body></html>");
    }
}
