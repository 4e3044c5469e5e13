package dev.dspm.scanner.manus;

import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dspm.scanner.config.ConfigurationException;
import dev.dspm.scanner.manus.ManusApiException.ErrorCode;
import dev.dspm.scanner.manus.RetryingCaller.Outcome;
import dev.dspm.scanner.manus.RetryingCaller.Repeat;

/**
 * The Manus calls this tool makes. Thread-safe: one instance serves every partition, and all of
 * them share the rate limiter passed in.
 */
public final class ManusClient {

    private static final Logger log = LoggerFactory.getLogger(ManusClient.class);
    private static final String LIST = "team.asset.list";
    private static final String UPDATE_SCOPE = "team.asset.update_scope";
    private static final String USER_LIST = "team.user.list";

    private final ApiSettings settings;
    private final ApiKeys keys;
    private final RetryingCaller caller;
    private final ResponseParser parser;

    public ManusClient(ApiSettings settings, ApiKeys keys, AdaptiveRateLimiter limiter) {
        this(settings, keys, limiter, Sleeper.SYSTEM, new Random(), Clock.systemUTC());
    }

    ManusClient(ApiSettings settings, ApiKeys keys, AdaptiveRateLimiter limiter, Sleeper sleeper,
            RandomGenerator jitter, Clock clock) {
        this.settings = settings.validate();
        this.keys = Objects.requireNonNull(keys, "keys");
        KeyEcho echo = keys.echo();
        this.parser = new ResponseParser(echo);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade dance against simulators and proxies
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER) // a redirect would carry the key to another host
                .proxy(ProxySelector.getDefault()) // honours -Dhttps.proxyHost, like the rest of the JVM
                .build();
        Duration attemptDeadline = settings.connectTimeout().plus(settings.readTimeout().multipliedBy(2));
        this.caller = new RetryingCaller(http, Objects.requireNonNull(limiter, "limiter"),
                new Backoff(settings.initialBackoff(), settings.maxBackoff(), jitter), sleeper, clock,
                settings.maxAttempts(), attemptDeadline, new StallTimeout(settings.readTimeout()), echo,
                settings.maxBodySize().toBytes());
    }

    /**
     * One page of {@code team.asset.list}, with the read key. Retries throttling, server errors,
     * timeouts and dropped connections (listing changes nothing, so repeating it is harmless), and asks
     * again beside a request that has gone unanswered for far longer than answers take.
     *
     * @throws ManusApiException      when the call fails for good
     * @throws ConfigurationException when no key is set
     */
    public AssetPage listAssets(ListQuery query) {
        ApiKey key = keys.readKey();
        if (query.permission() == ShareScope.UNKNOWN) {
            throw new IllegalArgumentException("cannot filter on ShareScope.UNKNOWN");
        }
        HttpRequest request = HttpRequest.newBuilder(RequestEncoder.listUri(settings.baseUrl(), query))
                .GET()
                .timeout(settings.readTimeout())
                .header(WireNames.API_KEY_HEADER, key.secret())
                .header("Accept", "application/json")
                .build();
        String what = LIST + " " + query.assetType() + " offset=" + query.offset();
        Outcome<AssetPage> outcome = caller.call(LIST, what, request, Repeat.SAFE,
                (status, body) -> parser.parseList(what, status, body, query));
        AssetPage page = outcome.value();
        log.debug("{}: {} assets of {}, request_id={}", what, page.assets().size(), page.total(), page.requestId());
        return new AssetPage(page.assets(), page.total(), page.limit(), page.offset(), page.requestId(),
                outcome.throttled());
    }

    /**
     * One page of {@code team.user.list}, with the Team User Management key (never an asset key). Retried,
     * paced and counted like {@link #listAssets}: listing changes nothing, so repeating it is harmless.
     *
     * @throws ManusApiException      when the call fails for good
     * @throws ConfigurationException when the user management key is not set (nothing is sent)
     */
    public UserPage listUsers(UserQuery query) {
        ApiKey key = keys.userKey().orElseThrow(() -> new ConfigurationException(USER_LIST
                + " needs a Team User Management key: set " + ApiKeys.USER_KEY_ENV + " or " + ApiKeys.USER_KEY_FILE_ENV));
        HttpRequest request = HttpRequest.newBuilder(RequestEncoder.userListUri(settings.baseUrl(), query))
                .GET()
                .timeout(settings.readTimeout())
                .header(WireNames.API_KEY_HEADER, key.secret())
                .header("Accept", "application/json")
                .build();
        String what = USER_LIST + " offset=" + query.offset();
        Outcome<UserPage> outcome = caller.call(USER_LIST, what, request, Repeat.SAFE,
                (status, body) -> parser.parseUsers(what, status, body, query));
        UserPage page = outcome.value();
        log.debug("{}: {} users of {}, request_id={}", what, page.users().size(), page.total(), page.requestId());
        return new UserPage(page.users(), page.total(), page.limit(), page.offset(), page.requestId(),
                outcome.throttled());
    }

    /**
     * Sets an admin override on one share, with the management key; returns the server's request id.
     *
     * <p>Every call writes a row to the team's audit log, so a retry is only made when the server certainly did not
     * act: the connection never opened, or it answered 429. Any other failure throws, and unless
     * {@link ManusApiException#refusedWithoutActing()} the override may have been applied (a 500 or 503 can follow a
     * change, a timeout or dropped connection can hide one): the caller lists the share again to see; repeating the
     * call blindly would write the audit log twice.
     *
     * @throws ConfigurationException when the management key is not set (nothing is sent)
     * @throws ManusApiException      when the call fails
     */
    public String updateScope(String shareUid, ShareScope permission, String note) {
        if (shareUid == null || shareUid.isBlank()) {
            throw new IllegalArgumentException("share uid is required");
        }
        if (permission == null || permission == ShareScope.UNKNOWN) {
            throw new IllegalArgumentException("permission must be OWNER, TEAM_ONLY or PUBLIC, got " + permission);
        }
        String what = UPDATE_SCOPE + " " + shareUid + " -> " + permission;
        String requestId = sendUpdate(shareUid, permission, note, Repeat.UNSAFE, what,
                (status, body) -> parser.parseUpdate(what, status, body));
        log.debug("{}: applied, request_id={}", what, requestId);
        return requestId;
    }

    /**
     * Checks, without changing anything, that the management key may call {@code update_scope}: one call for a share
     * uid that cannot exist ({@link WireNames#KEY_CHECK_SHARE_UID}, where the server's behaviour is INFERRED). A key
     * that may write is answered not_found (or invalid_argument, failed_precondition); one that may not,
     * permission_denied or unauthenticated, which this throws.
     *
     * @throws ConfigurationException when the management key is not set (nothing is sent)
     * @throws ManusApiException      when the key is refused, or the API cannot say
     */
    public void checkWriteKey() {
        String what = UPDATE_SCOPE + " key check";
        // Safe to repeat: no share has the uid, so nothing can change. The refusal a management key gets is the
        // answer hoped for, so it is read as one rather than logged as a failure.
        ErrorCode answer = sendUpdate(WireNames.KEY_CHECK_SHARE_UID, ShareScope.OWNER, WireNames.KEY_CHECK_NOTE, Repeat.SAFE,
                what, (status, body) -> {
                    try {
                        parser.parseUpdate(what, status, body);
                        return null;
                    } catch (ManusApiException e) {
                        if (e.code() == ErrorCode.NOT_FOUND || e.code() == ErrorCode.INVALID_ARGUMENT
                                || e.code() == ErrorCode.FAILED_PRECONDITION) {
                            return e.code();
                        }
                        throw e;
                    }
                });
        if (answer == null) {
            log.warn("{}: the API accepted an update of a share that cannot exist; taking the key as a management key", what);
        } else {
            log.debug("{}: {} for a share that cannot exist: the key may write", what, answer);
        }
    }

    private <T> T sendUpdate(String shareUid, ShareScope permission, String note, Repeat repeat, String what,
            RetryingCaller.Reader<T> reader) {
        ApiKey key = keys.writeKey().orElseThrow(() -> new ConfigurationException(UPDATE_SCOPE
                + " needs the management key: set " + ApiKeys.MGMT_KEY_ENV + " or " + ApiKeys.MGMT_KEY_FILE_ENV));
        URI uri = RequestEncoder.endpoint(settings.baseUrl(), WireNames.UPDATE_SCOPE_PATH);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofByteArray(RequestEncoder.updateScopeBody(shareUid, permission, note)))
                .timeout(settings.readTimeout())
                .header(WireNames.API_KEY_HEADER, key.secret())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .build();
        return caller.call(UPDATE_SCOPE, what, request, repeat, reader).value();
    }

    /**
     * Stops this client for good, for a run that must end now: calls waiting for a permit, a backoff or
     * an answer, and every later call, throw {@link ManusApiException.ErrorCode#ABORTED} at once naming the
     * call and {@code reason}; exchanges in flight are cancelled and no request is sent any more.
     * An {@code updateScope} cancelled in flight says that the server may have applied it. Idempotent
     * (the first reason stands) and safe from any thread, e.g. a shutdown hook.
     */
    public void abort(String reason) {
        caller.abort(reason);
    }

    /** What this client has asked of the API so far. */
    public ApiTally tally() {
        return caller.tally;
    }

    @Override
    public String toString() {
        return "ManusClient[" + settings.baseUrl() + ", " + keys + "]";
    }
}
