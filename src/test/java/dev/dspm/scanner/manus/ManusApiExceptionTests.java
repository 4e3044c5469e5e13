package dev.dspm.scanner.manus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.dspm.scanner.manus.ManusApiException.ErrorCode;

/** A failure's message is safe to print: no key, no forged log lines, bounded length. */
class ManusApiExceptionTests {

    @Test
    void redactionMasksEveryCopyOfTheKeyAndKeepsEverythingElse() {
        ManusApiException echoed = ManusApiException.answered("team.asset.list", ErrorCode.UNAUTHENTICATED,
                "unauthenticated", 401, "r-1", "key sk-123 is invalid; sk-123 revoked");

        ManusApiException redacted = echoed.redact("sk-123");

        assertThat(redacted.getMessage()).doesNotContain("sk-123").contains("key **** is invalid; **** revoked");
        assertThat(redacted.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(redacted.rawCode()).isEqualTo("unauthenticated");
        assertThat(redacted.httpStatus()).isEqualTo(401);
        assertThat(redacted.requestId()).isEqualTo("r-1");
        assertThat(echoed.redact("other-key")).isSameAs(echoed);
    }

    @Test
    void untrustedTextIsCutAtItsLimitAndCannotStartANewLine() {
        assertThat(ManusApiException.clean("abc", 3)).isEqualTo("abc");
        assertThat(ManusApiException.clean("abcd", 3)).isEqualTo("abc…");
        assertThat(ManusApiException.clean("a\nb\rc\u2028d\u2029e\u0000f", 20)).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf");
    }

    @Test
    void anAbortNamesTheCallAndTheReasonAndIsNotRetryable() {
        ManusApiException aborted = ManusApiException.aborted("team.asset.list FILE_SHARE offset=0",
                "SIGTERM\nforged", false);

        assertThat(aborted.code()).isEqualTo(ErrorCode.ABORTED);
        assertThat(aborted.retryable()).isFalse();
        assertThat(aborted.httpStatus()).isZero();
        assertThat(aborted.getMessage()).isEqualTo("team.asset.list FILE_SHARE offset=0 aborted: SIGTERM\uFFFDforged");
    }
}
