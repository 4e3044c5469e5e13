package dev.dspm.scanner.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The download floors: one connection fetching every page in turn, no database; each the best of two passes. */
final class Downloads {

    private Downloads() {
    }

    /** bench/download.py: http.client with keep-alive, json.loads on every body. The floor the targets are stated against. */
    static double python(Simulator simulator, long shares) throws IOException, InterruptedException {
        return Math.min(pythonPass(simulator, shares), pythonPass(simulator, shares));
    }

    /** The JDK's HTTP client, bodies read and dropped unparsed. */
    static double java(Simulator simulator, Map<String, Long> totals) throws IOException, InterruptedException {
        return Math.min(javaPass(simulator, totals), javaPass(simulator, totals));
    }

    private static double pythonPass(Simulator simulator, long shares) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("python3", "bench/download.py", simulator.baseUrl().toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("MANUS_ASSET_AUDIT_KEY", Simulator.KEY);
        Process python = builder.start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (python.waitFor() != 0 || !out.matches("[0-9.]+ [0-9]+")) {
            throw new IllegalStateException("bench/download.py failed: " + out);
        }
        String[] fields = out.split(" ");
        if (Long.parseLong(fields[1]) != shares) {
            throw new IllegalStateException("bench/download.py read " + fields[1] + " of " + shares + " shares");
        }
        return Double.parseDouble(fields[0]);
    }

    private static double javaPass(Simulator simulator, Map<String, Long> totals) throws IOException, InterruptedException {
        long start = System.nanoTime();
        for (Map.Entry<String, Long> type : totals.entrySet()) {
            for (long offset = 0; offset == 0 || offset < type.getValue(); offset += Simulator.PAGE) {
                simulator.client().send(simulator.page(type.getKey(), Simulator.PAGE, offset),
                        HttpResponse.BodyHandlers.discarding());
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
