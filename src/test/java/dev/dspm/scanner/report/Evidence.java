package dev.dspm.scanner.report;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

/**
 * What a tab did that a test asserts on: errors it reported, requests it made, dialogs it opened.
 * Filled from DevTools events on the socket's thread, read by the test's thread.
 */
final class Evidence {

    private final List<String> consoleErrors = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> dialogs = new CopyOnWriteArrayList<>();
    private volatile String document = "";

    Evidence(DevTools devTools) {
        devTools.on("Runtime.consoleAPICalled", params -> {
            String type = params.path("type").asString();
            if (type.equals("error") || type.equals("warning") || type.equals("assert")) {
                consoleErrors.add("console." + type + ": " + joined(params.path("args")));
            }
        });
        devTools.on("Runtime.exceptionThrown", params -> {
            JsonNode details = params.path("exceptionDetails");
            consoleErrors.add("uncaught: " + details.path("exception").path("description")
                    .asString(details.path("text").asString()));
        });
        // Content-Security-Policy violations, failed loads and other browser-side errors arrive here.
        devTools.on("Log.entryAdded", params -> {
            JsonNode entry = params.path("entry");
            if (entry.path("level").asString().equals("error")) {
                consoleErrors.add(entry.path("source").asString() + ": " + entry.path("text").asString());
            }
        });
        devTools.on("Network.requestWillBeSent", params -> {
            String url = params.path("request").path("url").asString();
            if (!(params.path("type").asString().equals("Document") && url.equals(document))) {
                requests.add(url);
            }
        });
        // Answered at once: an alert() left open would block the page, and the test with it.
        devTools.on("Page.javascriptDialogOpening", params -> {
            dialogs.add(params.path("message").asString());
            devTools.sendAsync("Page.handleJavaScriptDialog", Map.of("accept", false));
        });
    }

    /** Forgets everything seen so far: evidence counts from the moment this document is opened. */
    void restart(String documentUrl) {
        document = documentUrl;
        consoleErrors.clear();
        requests.clear();
        dialogs.clear();
    }

    List<String> consoleErrors() {
        return List.copyOf(consoleErrors);
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    List<String> dialogs() {
        return List.copyOf(dialogs);
    }

    private static String text(JsonNode value) {
        return value.isString() ? value.asString() : value.toString();
    }

    private static String joined(JsonNode args) {
        return args.valueStream()
                .map(arg -> arg.has("value") ? text(arg.get("value")) : arg.path("description").asString())
                .collect(Collectors.joining(" "));
    }
}
