package dev.dspm.scanner.manus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.dspm.scanner.manus.ManusApiException.ErrorCode;
import dev.dspm.scanner.manus.ManusTestSupport.RecordingSleeper;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.RecordedRequest;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * An answer far larger than any page can be (a lying server, a proxy gone wrong) is refused while it arrives, at the
 * default dspm.api.max-body-size, and never asked for again: what is read of it is bounded, so memory cannot be what
 * fails. A page longer than the limit asked is refused as a broken protocol, also without a second request.
 */
class ResponseSizeTests {

    /** Far over any cap, and over what one byte array can hold: read whole, it would be an OutOfMemoryError. */
    static final long FLOOD = 1L << 30;
    /** What may be written before the client notices: the cap, and the socket buffers of both sides. */
    static final long SLACK = 32L << 20;

    @ParameterizedTest(name = "chunked={0}")
    @ValueSource(booleans = { false, true })
    void aBodyFarOverTheCapIsRefusedAfterReadingNoMoreThanTheCapAndNotAskedForAgain(boolean chunked) throws Exception {
        try (FloodServer server = new FloodServer(FLOOD, chunked)) {
            ManusClient client = ManusTestSupport.client(ApiSettings.defaults().withBaseUrl(server.baseUrl()),
                    ManusTestSupport.auditOnly(), new RecordingSleeper());
            long started = System.nanoTime();

            ManusApiException thrown = catchThrowableOfType(ManusApiException.class,
                    () -> client.listAssets(ListQuery.of(AssetType.FILE_SHARE, 1000)));

            assertThat(thrown).isNotNull();
            assertThat(thrown.code()).isEqualTo(ErrorCode.PROTOCOL);
            assertThat(thrown.getMessage()).startsWith("team.asset.list FILE_SHARE offset=0 failed")
                    .contains("HTTP 200").contains("dspm.api.max-body-size");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            Thread.sleep(200); // the server's count settles once the client has hung up
            assertThat(server.bodyBytesWritten()).as("one request, cut off near the cap").hasSize(1)
                    .allSatisfy(bytes -> assertThat(bytes).isLessThan(SLACK));
            if (!chunked) {
                assertThat(server.bodyBytesWritten().get(0)).as("a Content-Length over the cap is refused unread")
                        .isLessThan(SLACK / 2);
            }
            assertThat(client.tally().retries()).isEmpty();
        }
    }

    @Test
    void aPageLongerThanTheLimitAskedIsOneProtocolErrorNamingTypeOffsetEntriesAndLimitAndIsNotRetried() {
        try (ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(
                TenantSpec.of(5L, Map.of("ASSET_TYPE_FILE_SHARE", 40))))) {
            simulator.lies().pagesOf(150);
            ManusClient client = ManusTestSupport.client(ApiSettings.defaults().withBaseUrl(simulator.baseUrl()),
                    ApiKeys.load(Map.of(ApiKeys.AUDIT_KEY_ENV, ManusSimulator.AUDIT_KEY)::get), new RecordingSleeper());

            ManusApiException thrown = catchThrowableOfType(ManusApiException.class,
                    () -> client.listAssets(ListQuery.of(AssetType.FILE_SHARE, 100).withOffset(200)));

            assertThat(thrown).isNotNull();
            assertThat(thrown.code()).isEqualTo(ErrorCode.PROTOCOL);
            assertThat(thrown.retryable()).isFalse();
            assertThat(thrown.getMessage()).startsWith("team.asset.list FILE_SHARE offset=200 failed")
                    .contains("more than the 100 asked").contains("150").doesNotContain("\n");
            assertThat(simulator.requests()).as("refused, not asked again").hasSize(1)
                    .extracting(RecordedRequest::path).allMatch(path -> path.endsWith("team.asset.list"));
        }
    }
}
