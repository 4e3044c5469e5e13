package dev.dspm.scanner.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import tools.jackson.databind.JsonNode;

/** One Chromium tab, driven as a reviewer would use it; from {@link Chromium#newPage()}. */
final class Page implements AutoCloseable {

    private final DevTools devTools;
    private final Runnable closeTab;
    private final Evidence evidence;

    Page(DevTools devTools, Runnable closeTab) {
        this.devTools = devTools;
        this.closeTab = closeTab;
        this.evidence = new Evidence(devTools);
        for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
            devTools.send(domain + ".enable", Map.of());
        }
    }

    /** Opens the file as file:// and returns once its load event fired; evidence starts afresh. */
    void open(Path file) {
        String url = file.toAbsolutePath().toUri().toString();
        evidence.restart(url);
        CompletableFuture<JsonNode> loaded = devTools.next("Page.loadEventFired");
        JsonNode navigation = devTools.send("Page.navigate", Map.of("url", url));
        if (navigation.has("errorText")) {
            loaded.cancel(false);
            throw new IllegalStateException("Chromium cannot open " + url + ": " + navigation.get("errorText").asString());
        }
        try {
            loaded.get(DevTools.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening " + url, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(url + " did not finish loading within " + DevTools.TIMEOUT.toSeconds() + "s", e);
        }
    }

    /**
     * The value of a JavaScript expression, as JSON (a promise is awaited; undefined is a missing node).
     * An exception in the page throws with its text.
     */
    JsonNode evaluate(String js) {
        JsonNode answer = devTools.send("Runtime.evaluate",
                Map.of("expression", js, "returnByValue", true, "awaitPromise", true));
        if (answer.has("exceptionDetails")) {
            JsonNode details = answer.get("exceptionDetails");
            throw new IllegalStateException("the page threw: " + details.path("exception").path("description")
                    .asString(details.path("text").asString()));
        }
        return answer.path("result").path("value");
    }

    /** A real left click at the element's centre, once scrolled into view; fails if something covers it. */
    void click(String cssSelector) {
        JsonNode centre = evaluate("(() => {" + find(cssSelector) + """
                el.scrollIntoView({block: 'center', inline: 'center'});
                const box = el.getBoundingClientRect();
                if (box.width === 0 || box.height === 0) throw new Error(selector + ' is not visible');
                const x = box.left + box.width / 2, y = box.top + box.height / 2;
                const hit = document.elementFromPoint(x, y);
                if (!el.contains(hit)) throw new Error(selector + ' is covered by ' + (hit && hit.outerHTML.slice(0, 100)));
                return {x, y};
                })()""");
        double x = centre.path("x").asDouble();
        double y = centre.path("y").asDouble();
        devTools.send("Input.dispatchMouseEvent", Map.of("type", "mouseMoved", "x", x, "y", y));
        for (String type : List.of("mousePressed", "mouseReleased")) {
            devTools.send("Input.dispatchMouseEvent",
                    Map.of("type", type, "x", x, "y", y, "button", "left", "buttons", 1, "clickCount", 1));
        }
    }

    /** Focuses the element and inserts the text at its caret, as typing does, so `input` events fire. */
    void type(String cssSelector, String text) {
        evaluate("(() => {" + find(cssSelector) + """
                el.focus();
                if (document.activeElement !== el) throw new Error(selector + ' cannot take the focus');
                })()""");
        devTools.send("Input.insertText", Map.of("text", text));
    }

    /** Chooses the option with this value, firing `input` and `change` as a user's choice does. */
    void select(String cssSelector, String value) {
        evaluate("(() => {" + find(cssSelector) + "const value = " + DevTools.JSON.writeValueAsString(value) + ";" + """
                if (!(el instanceof HTMLSelectElement)) throw new Error(selector + ' is not a <select>');
                if (![...el.options].some(option => option.value === value)) {
                    throw new Error(selector + ' has no option with value ' + value);
                }
                el.value = value;
                el.dispatchEvent(new Event('input', {bubbles: true}));
                el.dispatchEvent(new Event('change', {bubbles: true}));
                })()""");
    }

    /** A PNG of exactly width x height pixels: the page as laid out in a viewport of that size. */
    void screenshot(Path png, int width, int height) {
        devTools.send("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
        try {
            String data = devTools.send("Page.captureScreenshot", Map.of("format", "png")).path("data").asString();
            Files.createDirectories(png.toAbsolutePath().getParent());
            Files.write(png, Base64.getDecoder().decode(data));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the screenshot " + png, e);
        } finally {
            devTools.send("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /** console.error/warn/assert, uncaught exceptions, and browser errors (CSP violations among them). */
    List<String> consoleErrors() {
        flush();
        return evidence.consoleErrors();
    }

    /** Every URL the page requested since it opened, except its own document. */
    List<String> requests() {
        flush();
        return evidence.requests();
    }

    /** The message of every alert, confirm or prompt the page opened; each was dismissed at once. */
    List<String> dialogs() {
        flush();
        return evidence.dialogs();
    }

    @Override
    public void close() {
        devTools.close();
        closeTab.run();
    }

    /** The page's events reach us in order with its answers: one round trip delivers all sent before it. */
    private void flush() {
        evaluate("0");
    }

    /** Script that binds `selector` and `el`, the first element matching it, or throws naming the selector. */
    private static String find(String cssSelector) {
        return "const selector = " + DevTools.JSON.writeValueAsString(cssSelector) + ";"
                + "const el = document.querySelector(selector);"
                + "if (!el) throw new Error('no element matches ' + selector);";
    }
}
