package dev.dspm.scanner.manus;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.dspm.scanner.manus.ManusTestSupport.AUDIT_SECRET;
import static dev.dspm.scanner.manus.ManusTestSupport.MGMT_SECRET;
import static dev.dspm.scanner.manus.ManusTestSupport.USER_SECRET;
import static dev.dspm.scanner.manus.ManusTestSupport.errorBody;
import static dev.dspm.scanner.manus.ManusTestSupport.listBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import dev.dspm.scanner.manus.ManusTestSupport.RecordingSleeper;

/** The keys never reach a log line, an exception or a toString, whatever the server does. */
class KeyNeverLeaksTests {

    @RegisterExtension
    static WireMockExtension server = ManusTestSupport.server();

    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Logger manus = (Logger) LoggerFactory.getLogger("dev.dspm.scanner.manus");
    Level previousLevel;
    List<Throwable> thrown = new ArrayList<>();

    @BeforeEach
    void capture() {
        previousLevel = manus.getLevel();
        manus.setLevel(Level.DEBUG);
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void release() {
        root.detachAppender(appender);
        manus.setLevel(previousLevel);
    }

    @Test
    void failingAndRetriedCallsLogNoKey() {
        ManusClient client = ManusTestSupport.client(ManusTestSupport.settings(server), ManusTestSupport.bothKeys(),
                new RecordingSleeper());
        // The server echoes the key back, as a careless gateway might.
        server.stubFor(get(urlPathEqualTo("/v2/team.asset.list")).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withBody(errorBody("r-1", "resource_exhausted",
                        "key " + AUDIT_SECRET + " is over quota")))
                .willSetStateTo("reset"));
        server.stubFor(get(urlPathEqualTo("/v2/team.asset.list")).inScenario("s").whenScenarioStateIs("reset")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("500"));
        server.stubFor(get(urlPathEqualTo("/v2/team.asset.list")).inScenario("s").whenScenarioStateIs("500")
                .willReturn(aResponse().withStatus(500).withBody("upstream said X-API-Key: " + AUDIT_SECRET))
                .willSetStateTo("ok"));
        server.stubFor(get(urlPathEqualTo("/v2/team.asset.list")).inScenario("s").whenScenarioStateIs("ok")
                .willReturn(okJson(listBody("r-ok", 0))));
        server.stubFor(post(urlEqualTo("/v2/team.asset.update_scope")).willReturn(aResponse().withStatus(401)
                .withBody(errorBody("r-2", "unauthenticated", "invalid key " + MGMT_SECRET))));

        client.listAssets(ListQuery.of(AssetType.FILE_SHARE, 100));
        thrown.add(catchThrowableOfType(ManusApiException.class,
                () -> client.updateScope("s-1", ShareScope.OWNER, "n")));
        server.stubFor(get(urlPathEqualTo("/v2/team.asset.list")).willReturn(aResponse().withStatus(401)
                .withBody(errorBody("r-3", "unauthenticated", "bad key " + AUDIT_SECRET))));
        thrown.add(catchThrowableOfType(ManusApiException.class,
                () -> client.listAssets(ListQuery.of(AssetType.FILE_SHARE, 100))));

        assertThat(appender.list).as("every failure is logged").hasSizeGreaterThanOrEqualTo(5);
        assertThat(appender.list).filteredOn(e -> e.getLevel() == Level.WARN)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m).contains("request_id=r-1", "attempt 1/4", "resource_exhausted"));
        assertThat(thrown).allSatisfy(t -> assertThat(t).isNotNull());
        assertNoSecretIn(everythingLogged());
        for (Throwable t : thrown) {
            assertNoSecretIn(t.getMessage());
            assertNoSecretIn(t.toString());
            assertNoSecretIn(stackTrace(t));
        }
    }

    @Test
    void theUserManagementKeyIsInNoLogLineNorException() {
        ManusClient client = ManusTestSupport.client(ManusTestSupport.settings(server), ManusTestSupport.allKeys(),
                new RecordingSleeper());
        server.stubFor(get(urlPathEqualTo("/v2/team.user.list")).inScenario("u").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withBody(errorBody("r-1", "resource_exhausted",
                        "key " + USER_SECRET + " is over quota")))
                .willSetStateTo("401"));
        server.stubFor(get(urlPathEqualTo("/v2/team.user.list")).inScenario("u").whenScenarioStateIs("401")
                .willReturn(aResponse().withStatus(401).withBody(errorBody("r-2", "unauthenticated",
                        "bad key " + USER_SECRET))));

        thrown.add(catchThrowableOfType(ManusApiException.class, () -> client.listUsers(UserQuery.of(1000))));

        assertThat(thrown).singleElement().isNotNull();
        assertThat(appender.list).filteredOn(e -> e.getLevel() == Level.WARN).hasSize(2);
        assertNoSecretIn(everythingLogged());
        assertNoSecretIn(client.toString());
        for (Throwable t : thrown) {
            assertNoSecretIn(t.getMessage());
            assertNoSecretIn(stackTrace(t));
        }
    }

    private String everythingLogged() {
        StringBuilder all = new StringBuilder();
        for (ILoggingEvent event : appender.list) {
            all.append(event.getFormattedMessage()).append('\n');
            if (event.getThrowableProxy() != null) {
                all.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
            }
        }
        return all.toString();
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static void assertNoSecretIn(String text) {
        assertThat(text).doesNotContain(AUDIT_SECRET).doesNotContain(MGMT_SECRET).doesNotContain(USER_SECRET);
    }
}
