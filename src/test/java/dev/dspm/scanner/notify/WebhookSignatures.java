package dev.dspm.scanner.notify;

import java.time.Instant;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/** The tests' own Standard Webhooks verifier ({@link WebhookTests.Verifier}), for tests in other packages. */
public final class WebhookSignatures {

    private WebhookSignatures() {
    }

    public static boolean valid(String secret, LoggedRequest request, Instant now) throws Exception {
        return WebhookTests.Verifier.verify(secret, request, now);
    }
}
