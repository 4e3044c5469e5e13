package dev.dspm.scanner.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The job's own count of its API attempts, read from the run's {@code metrics.prom} ({@code dspm_api_requests}). */
record ApiCounts(long requests, long ok, long throttled, long unavailable) {

    private static final Pattern REQUESTS = Pattern.compile("^dspm_api_requests_total\\{(.*)} (\\S+)$");
    private static final Pattern OUTCOME = Pattern.compile("outcome=\"([^\"]*)\"");

    static ApiCounts read(Path metrics) throws IOException {
        long requests = 0;
        long ok = 0;
        long throttled = 0;
        long unavailable = 0;
        for (String line : Files.readAllLines(metrics)) {
            Matcher sample = REQUESTS.matcher(line);
            if (!sample.matches()) {
                continue;
            }
            long n = (long) Double.parseDouble(sample.group(2));
            Matcher outcome = OUTCOME.matcher(sample.group(1));
            String status = outcome.find() ? outcome.group(1) : "";
            requests += n;
            switch (status) {
                case "200" -> ok += n;
                case "429" -> throttled += n;
                case "503" -> unavailable += n;
                default -> {
                    // timeouts and other statuses count only towards requests
                }
            }
        }
        return new ApiCounts(requests, ok, throttled, unavailable);
    }
}
