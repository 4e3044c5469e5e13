package dev.dspm.scanner.simulator;

import static dev.dspm.scanner.simulator.ManusSimulatorTests.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.dspm.scanner.manus.AdaptiveRateLimiter;
import dev.dspm.scanner.manus.ApiKeys;
import dev.dspm.scanner.manus.ApiSettings;
import dev.dspm.scanner.manus.ManusApiException;
import dev.dspm.scanner.manus.ManusClient;
import dev.dspm.scanner.manus.ShareScope;

class FaultsTests {

    private static final String PAGE = "asset_type=" + Api.FILE + "&limit=10";

    private ManusSimulator simulator;
    private Faults faults;
    private Api api;

    @BeforeEach
    void start() {
        simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(41, 500)));
        faults = simulator.faults();
        api = new Api(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void failNextWith429IsResourceExhaustedWithRetryAfter() {
        faults.failNext(429, 2);

        HttpResponse<String> first = list();
        assertError(first, 429, "resource_exhausted");
        assertThat(first.headers().firstValue("Retry-After")).hasValue("1");
        assertError(list(), 429, "resource_exhausted");
        assertThat(list().statusCode()).isEqualTo(200);
        assertThat(faults.throttledCount()).isEqualTo(2);
    }

    @Test
    void retryAfterIsConfigurable() {
        faults.retryAfterSeconds(7).failNext(429, 1);

        assertThat(list().headers().firstValue("Retry-After")).hasValue("7");
    }

    @Test
    void failNextQueuesServerErrorsOnBothEndpoints() {
        faults.failNext(500, 1).failNext(503, 1);

        HttpResponse<String> internal = api.updateScope(ManusSimulator.MGMT_KEY, "{}");
        assertError(internal, 500, "internal");
        assertThat(internal.headers().firstValue("Retry-After")).isEmpty();
        assertError(list(), 503, "unavailable");
        assertThat(list().statusCode()).isEqualTo(200);
    }

    @Test
    void failAfterLetsSomeListRequestsThrough() {
        faults.failAfter(2, 503, 2);

        assertThat(statuses(5)).containsExactly(200, 200, 503, 503, 200);
    }

    @Test
    void failAfterUntilClearedFailsUntilCleared() {
        faults.failAfter(1, 500, Integer.MAX_VALUE);

        assertThat(statuses(4)).containsExactly(200, 500, 500, 500);
        faults.clear();
        assertThat(list().statusCode()).isEqualTo(200);
    }

    @Test
    void dropNextClosesTheConnectionWithoutAnyResponseByte() throws IOException {
        faults.dropNext(1);

        try (Socket socket = new Socket(simulator.baseUrl().getHost(), simulator.baseUrl().getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET /v2/team.asset.list?" + PAGE + " HTTP/1.1\r\nHost: sim\r\nX-API-Key: "
                    + ManusSimulator.AUDIT_KEY + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));

            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(list().statusCode()).isEqualTo(200);
        assertThat(simulator.requests()).extracting(RecordedRequest::status).containsExactly(0, 200);
    }

    @Test
    void aDroppedRequestIsAnIOExceptionForTheClient() {
        // A POST, because the JDK client silently retries an idempotent GET once after a dropped connection.
        faults.dropNext(1);

        assertThatThrownBy(() -> api.updateScope(ManusSimulator.MGMT_KEY, "{}"))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void delayNextSlowsTheResponse() {
        faults.delayNext(Duration.ofMillis(400), 1);

        long started = System.nanoTime();
        assertThat(list().statusCode()).isEqualTo(200);
        long delayed = System.nanoTime() - started;
        started = System.nanoTime();
        list();
        long normal = System.nanoTime() - started;

        assertThat(Duration.ofNanos(delayed)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(Duration.ofNanos(normal)).isLessThan(Duration.ofMillis(400));
    }

    @Test
    void aMutationPlannedForTheNthListRequestIsVisibleOnIt() {
        AtomicReference<String> added = new AtomicReference<>();
        int before = simulator.tenant().size(Api.FILE);
        faults.beforeListRequest(2, tenant -> added.set(tenant.addShare(Api.FILE)));

        JsonNode first = Api.json(list());
        JsonNode second = Api.json(list());

        assertThat(first.get("total").asInt()).isEqualTo(before);
        assertThat(second.get("total").asInt()).isEqualTo(before + 1);
        assertThat(second.get("assets").get(0).get("uid").asString()).isEqualTo(added.get());
        assertThat(second.get("assets").get(1).get("uid").asString())
                .isEqualTo(first.get("assets").get(0).get("uid").asString());
    }

    @Test
    void theRateLimitAnswers429WithRetryAfterBeyondTheBurst() {
        faults.rateLimit(0.5, 3);

        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            responses.add(list());
        }

        assertThat(responses.subList(0, 3)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        List<HttpResponse<String>> throttled = responses.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(throttled).hasSizeGreaterThanOrEqualTo(4).allSatisfy(r -> {
            assertError(r, 429, "resource_exhausted");
            assertThat(Integer.parseInt(r.headers().firstValue("Retry-After").orElseThrow())).isGreaterThanOrEqualTo(1);
        });
        assertThat(faults.throttledCount()).isEqualTo(throttled.size());
        faults.clear();
        assertThat(statuses(5)).containsOnly(200);
    }

    @Test
    void sheddingRefusesEveryNthRequestWhateverTheRateUntilTurnedOff() {
        faults.retryAfterSeconds(2).shedLoad(7, 11);

        List<Integer> statuses = statuses(77);

        for (int n = 1; n <= 77; n++) {
            int expected = n % 7 == 0 ? 429 : n % 11 == 0 ? 503 : 200;
            assertThat(statuses.get(n - 1)).as("request %d", n).isEqualTo(expected);
        }
        assertThat(faults.throttledCount()).isEqualTo(11);
        assertThat(simulator.requests()).extracting(RecordedRequest::status).isEqualTo(statuses);
        faults.shedLoad(0, 0);
        assertThat(statuses(14)).containsOnly(200);
    }

    @Test
    void aShed429CarriesRetryAfterAndA503None() {
        faults.shedLoad(2, 3);

        list();
        HttpResponse<String> shed429 = list();
        HttpResponse<String> shed503 = list();

        assertError(shed429, 429, "resource_exhausted");
        assertThat(shed429.headers().firstValue("Retry-After")).hasValue("1");
        assertError(shed503, 503, "unavailable");
        assertThat(shed503.headers().firstValue("Retry-After")).isEmpty();
        faults.clear();
        assertThat(statuses(6)).containsOnly(200);
    }

    @Test
    void aStalledUpdateIsAppliedAtOnceWhileItsCallerStillWaits() throws Exception {
        ListedShare share = publicLiveShare();
        // Long enough that the checks below run while the caller waits, even on a busy machine.
        faults.stallAfterApplyingNextUpdate(Duration.ofSeconds(3));

        CompletableFuture<HttpResponse<String>> caller = CompletableFuture.supplyAsync(() -> api.updateScope(
                ManusSimulator.MGMT_KEY, overrideToOwner(share.uid())));
        awaitAudited();

        assertThat(caller).isNotDone();
        assertThat(listedScope(share.uid())).isEqualTo("SHARE_SCOPE_OWNER");
        assertThat(caller).isNotDone();
        assertThat(simulator.tenant().auditLog())
                .containsExactly(new AuditEntry(share.uid(), "SHARE_SCOPE_OWNER", "n"));
        assertThatThrownBy(() -> caller.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(UncheckedIOException.class)
                .hasRootCauseInstanceOf(IOException.class);
        assertThat(simulator.requests()).filteredOn(r -> r.path().endsWith("update_scope"))
                .singleElement().extracting(RecordedRequest::status).isEqualTo(0);
        assertThat(simulator.tenant().auditLog()).hasSize(1);
    }

    @Test
    void aClientWithAShortReadTimeoutHearsOfATransportErrorAndTheShareIsNonethelessChanged() {
        ListedShare share = publicLiveShare();
        faults.stallAfterApplyingNextUpdate(Duration.ofSeconds(5));
        ApiSettings quick = new ApiSettings(simulator.baseUrl(), 1_000, Duration.ofSeconds(1), Duration.ofMillis(300),
                4, Duration.ofMillis(10), Duration.ofMillis(10));
        ManusClient client = new ManusClient(quick,
                ApiKeys.load(Map.of(ApiKeys.MGMT_KEY_ENV, ManusSimulator.MGMT_KEY)::get), new AdaptiveRateLimiter(1_000));

        assertThatThrownBy(() -> client.updateScope(share.uid(), ShareScope.OWNER, "n"))
                .isInstanceOfSatisfying(ManusApiException.class,
                        e -> assertThat(e.code()).isEqualTo(ManusApiException.ErrorCode.TRANSPORT));

        assertThat(simulator.tenant().overrideOf(share.uid())).hasValue("SHARE_SCOPE_OWNER");
        assertThat(listedScope(share.uid())).isEqualTo("SHARE_SCOPE_OWNER");
        assertThat(simulator.tenant().auditLog()).hasSize(1);
        assertThat(simulator.requests()).filteredOn(r -> r.path().endsWith("update_scope")).hasSize(1);
    }

    @Test
    void onlyTheNextUpdateIsStalledAndListsAreNot() {
        ListedShare share = publicLiveShare();
        faults.stallAfterApplyingNextUpdate(Duration.ofMillis(200));

        assertThat(list().statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> api.updateScope(ManusSimulator.MGMT_KEY, overrideToOwner(share.uid())))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(api.updateScope(ManusSimulator.MGMT_KEY, overrideToOwner(share.uid())).statusCode()).isEqualTo(200);
        assertThat(simulator.requests()).extracting(RecordedRequest::status).containsExactly(200, 0, 200);
        assertThat(simulator.tenant().auditLog()).hasSize(2);
    }

    @Test
    void clearCancelsAPlannedStall() {
        ListedShare share = publicLiveShare();
        faults.stallAfterApplyingNextUpdate(Duration.ofSeconds(30)).clear();

        assertThat(api.updateScope(ManusSimulator.MGMT_KEY, overrideToOwner(share.uid())).statusCode()).isEqualTo(200);
    }

    @Test
    void anUpdateAppliedThenAnsweredWithAFailureChangesTheShareOnceAndOnlyTheNextOnesFail() {
        ListedShare share = publicLiveShare();
        faults.applyThenFailNextUpdates(503, 1);

        assertError(api.updateScope(ManusSimulator.MGMT_KEY, overrideToOwner(share.uid())), 503, "unavailable");
        assertThat(listedScope(share.uid())).as("applied all the same").isEqualTo("SHARE_SCOPE_OWNER");
        assertThat(simulator.tenant().auditLog()).containsExactly(new AuditEntry(share.uid(), "SHARE_SCOPE_OWNER", "n"));
        assertThat(api.updateScope(ManusSimulator.MGMT_KEY, overrideToOwner(share.uid())).statusCode()).isEqualTo(200);
        assertThat(list().statusCode()).as("lists are not affected").isEqualTo(200);
    }

    @Test
    void anUpdateTheTenantRefusesIsAnsweredWithItsRefusalNotTheInjectedFailure() {
        faults.applyThenFailNextUpdates(500, 1);

        assertError(api.updateScope(ManusSimulator.MGMT_KEY, overrideToOwner("shr_no_such_share")), 404, "not_found");
        assertThat(simulator.tenant().auditLog()).isEmpty();
    }

    @Test
    void anUpdateRefusedByFailNextUpdatesChangesNothingAndListsPass() {
        ListedShare share = publicLiveShare();
        faults.failNextUpdates(403, 1);

        assertThat(list().statusCode()).isEqualTo(200);
        assertError(api.updateScope(ManusSimulator.MGMT_KEY, overrideToOwner(share.uid())), 403, "permission_denied");
        assertThat(simulator.tenant().auditLog()).isEmpty();
        assertThat(api.updateScope(ManusSimulator.MGMT_KEY, overrideToOwner(share.uid())).statusCode()).isEqualTo(200);
    }

    @Test
    void requestIdsCanBeLongerThanAnyColumn() {
        faults.requestIdLength(300);

        String first = Api.json(list()).get("request_id").asString();
        assertThat(first).hasSize(300).startsWith("req-1-");
        faults.clear();
        assertThat(Api.json(list()).get("request_id").asString()).isEqualTo("req-2");
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> faults.failNext(200, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.beforeListRequest(0, t -> { })).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.rateLimit(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.stallAfterApplyingNextUpdate(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.applyThenFailNextUpdates(200, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.failNextUpdates(302, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.requestIdLength(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    private ListedShare publicLiveShare() {
        return simulator.tenant().listed(Api.FILE).stream()
                .filter(s -> s.assetExists() && "SHARE_SCOPE_PUBLIC".equals(s.permission()))
                .findFirst().orElseThrow();
    }

    private static String overrideToOwner(String uid) {
        return "{\"share_uid\":\"" + uid + "\",\"permission\":\"SHARE_SCOPE_OWNER\",\"note\":\"n\"}";
    }

    /** The effective scope team.asset.list shows for the share now. */
    private String listedScope(String uid) {
        return api.allAssets(Api.FILE, 1000, "").stream()
                .filter(a -> a.get("uid").asString().equals(uid))
                .findFirst().orElseThrow().get("permission").asString();
    }

    private void awaitAudited() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (simulator.tenant().auditLog().isEmpty()) {
            assertThat(System.nanoTime()).as("the stalled update reached the tenant").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private HttpResponse<String> list() {
        return api.list(ManusSimulator.AUDIT_KEY, PAGE);
    }

    private List<Integer> statuses(int requests) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            statuses.add(list().statusCode());
        }
        return statuses;
    }
}
