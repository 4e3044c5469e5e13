package dev.dspm.scanner.manus;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.dspm.scanner.manus.ManusTestSupport.errorBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.dspm.scanner.manus.ManusApiException.ErrorCode;
import dev.dspm.scanner.manus.ManusTestSupport.RecordingSleeper;

/** What a failed list call turns into, one attempt each (retries are covered elsewhere). */
class ErrorMappingTests {

    @RegisterExtension
    static WireMockExtension server = ManusTestSupport.server();

    static ManusClient client;

    @BeforeAll
    static void start() {
        ApiSettings base = ManusTestSupport.settings(server);
        ApiSettings oneAttempt = new ApiSettings(base.baseUrl(), base.maxRequestsPerSecond(), base.connectTimeout(),
                base.readTimeout(), 1, Duration.ofMillis(1), Duration.ofMillis(1));
        client = ManusTestSupport.client(oneAttempt, ManusTestSupport.auditOnly(), new RecordingSleeper());
    }

    static Stream<Arguments> envelopeCodes() {
        return Stream.of(
                Arguments.of(401, "unauthenticated", ErrorCode.UNAUTHENTICATED, false),
                Arguments.of(403, "permission_denied", ErrorCode.PERMISSION_DENIED, false),
                Arguments.of(400, "invalid_argument", ErrorCode.INVALID_ARGUMENT, false),
                Arguments.of(404, "not_found", ErrorCode.NOT_FOUND, false),
                Arguments.of(409, "already_exists", ErrorCode.ALREADY_EXISTS, false),
                Arguments.of(400, "failed_precondition", ErrorCode.FAILED_PRECONDITION, false),
                Arguments.of(429, "resource_exhausted", ErrorCode.RESOURCE_EXHAUSTED, true),
                Arguments.of(500, "internal", ErrorCode.INTERNAL, true),
                Arguments.of(503, "unavailable", ErrorCode.UNAVAILABLE, true),
                Arguments.of(404, "NOT_FOUND", ErrorCode.NOT_FOUND, false),
                // a code the API does not list means what its status means (a 5xx is retried, a 409 is not);
                // gRPC's ABORTED (a conflict) and the client's own codes name something else from a server
                Arguments.of(504, "deadline_exceeded", ErrorCode.UNAVAILABLE, true),
                Arguments.of(500, "unknown", ErrorCode.INTERNAL, true),
                Arguments.of(409, "aborted", ErrorCode.ALREADY_EXISTS, false),
                Arguments.of(500, "TRANSPORT", ErrorCode.INTERNAL, true),
                Arguments.of(500, "protocol", ErrorCode.INTERNAL, true),
                Arguments.of(200, "no_such_code", ErrorCode.UNKNOWN, false),
                // the team v2 docs: read ok, not the status alone
                Arguments.of(200, "permission_denied", ErrorCode.PERMISSION_DENIED, false),
                // the envelope's code wins over the status
                Arguments.of(500, "invalid_argument", ErrorCode.INVALID_ARGUMENT, false));
    }

    @ParameterizedTest(name = "HTTP {0} code {1} -> {2}")
    @MethodSource("envelopeCodes")
    void envelopeCodeDecides(int status, String code, ErrorCode expected, boolean retryable) {
        respond(status, errorBody("req-" + status, code, "something went wrong"));

        ManusApiException e = listFails();

        assertThat(e.code()).isEqualTo(expected);
        assertThat(e.rawCode()).isEqualTo(code);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.requestId()).isEqualTo("req-" + status);
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.getMessage())
                .contains("team.asset.list", code, "request_id=req-" + status, "something went wrong");
        server.verify(1, getRequestedFor(urlPathEqualTo("/v2/team.asset.list")));
    }

    static Stream<Arguments> statusOnly() {
        return Stream.of(
                Arguments.of(400, "", ErrorCode.INVALID_ARGUMENT),
                Arguments.of(401, "", ErrorCode.UNAUTHENTICATED),
                Arguments.of(403, "<html><body>Forbidden</body></html>", ErrorCode.PERMISSION_DENIED),
                Arguments.of(404, "not here", ErrorCode.NOT_FOUND),
                Arguments.of(409, "{\"message\":\"conflict\"}", ErrorCode.ALREADY_EXISTS),
                Arguments.of(429, "", ErrorCode.RESOURCE_EXHAUSTED),
                Arguments.of(500, "oops", ErrorCode.INTERNAL),
                Arguments.of(502, "<html>Bad gateway</html>", ErrorCode.UNAVAILABLE),
                Arguments.of(503, "", ErrorCode.UNAVAILABLE),
                Arguments.of(504, "", ErrorCode.UNAVAILABLE),
                Arguments.of(418, "", ErrorCode.UNKNOWN),
                Arguments.of(302, "", ErrorCode.UNKNOWN));
    }

    @ParameterizedTest(name = "HTTP {0} without an envelope -> {2}")
    @MethodSource("statusOnly")
    void statusDecidesWhenTheBodyIsNoEnvelope(int status, String body, ErrorCode expected) {
        respond(status, body);

        ManusApiException e = listFails();

        assertThat(e.code()).isEqualTo(expected);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.rawCode()).isNull();
        assertThat(e.getMessage()).contains("HTTP " + status);
    }

    static Stream<Arguments> unreadableSuccesses() {
        return Stream.of(
                Arguments.of("<html>maintenance</html>", null),
                Arguments.of("", null),
                Arguments.of("{\"ok\":true,\"request_id\":\"r-cut\",\"assets\":[{\"uid\":\"a\"", "r-cut"),
                Arguments.of("{\"ok\":true,\"request_id\":\"r-noassets\",\"total\":5}", "r-noassets"),
                Arguments.of("{\"ok\":true,\"request_id\":\"r-few\",\"assets\":[{\"uid\":\"a\"}]}", "r-few"),
                Arguments.of("{\"request_id\":\"r-nook\",\"assets\":[],\"total\":0}", "r-nook"),
                Arguments.of("{\"ok\":\"yes\",\"request_id\":\"r-okstr\",\"assets\":[],\"total\":0}", "r-okstr"),
                Arguments.of("{\"ok\":false,\"request_id\":\"r-nocode\"}", "r-nocode"),
                Arguments.of("{\"ok\":true,\"request_id\":\"r-total\",\"assets\":[],\"total\":\"abc\"}", "r-total"),
                Arguments.of("{\"ok\":true,\"request_id\":\"r-neg\",\"assets\":[],\"total\":-1}", "r-neg"),
                Arguments.of("{\"ok\":true,\"request_id\":\"r-arr\",\"assets\":{},\"total\":0}", "r-arr"),
                Arguments.of("{\"ok\":true,\"request_id\":\"r-elem\",\"assets\":[1],\"total\":1}", "r-elem"),
                Arguments.of("{\"ok\":true,\"request_id\":\"r-two\",\"assets\":[],\"total\":0}{}", "r-two"),
                Arguments.of("[]", null));
    }

    @ParameterizedTest(name = "200 {0}")
    @MethodSource("unreadableSuccesses")
    void aSuccessThatCannotBeReadIsAProtocolError(String body, String requestId) {
        respond(200, body);

        ManusApiException e = listFails();

        assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
        assertThat(e.httpStatus()).isEqualTo(200);
        assertThat(e.requestId()).isEqualTo(requestId);
        assertThat(e.retryable()).isFalse();
    }

    private void respond(int status, String body) {
        server.stubFor(get(urlPathEqualTo("/v2/team.asset.list"))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    private ManusApiException listFails() {
        return catchThrowableOfType(ManusApiException.class,
                () -> client.listAssets(ListQuery.of(AssetType.FILE_SHARE, 100)));
    }
}
