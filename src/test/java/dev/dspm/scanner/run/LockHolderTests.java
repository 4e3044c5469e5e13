package dev.dspm.scanner.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * A lock row's holder text: only one that names a pid, a host and a run can be judged dead by pid; any
 * other text is judged by its heartbeat alone, so a malformed one never loses a live run its lock.
 */
class LockHolderTests {

    @Test
    void aHolderWrittenByThisToolIsReadBack() {
        assertThat(LockHolder.parse("4242@h/u")).contains(new LockHolder(4242, "h", "u"));
        assertThat(LockHolder.parse(LockHolder.SELF.toString())).contains(LockHolder.SELF);
    }

    @Test
    void aHolderMissingAPartOrWithAPidThatIsNotANumberIsNotJudgedByPid() {
        for (String text : new String[] { "4242@h/", "4242@/u", "@h/u", "4242h/u", "4242@hu", "pid@h/u", "a person" }) {
            assertThat(LockHolder.parse(text)).as(text).isEqualTo(Optional.empty());
        }
    }
}
