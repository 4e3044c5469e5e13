package dev.dspm.scanner.manus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.dspm.scanner.manus.ManusApiException.ErrorCode;

/** A failure's message is safe to print: no forged log lines, bounded length (no key: {@link KeyEchoTests}). */
class ManusApiExceptionTests {

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
