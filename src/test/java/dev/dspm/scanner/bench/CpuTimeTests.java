package dev.dspm.scanner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The benchmark's CPU figures count the right processes: the ended child, the server's live and ended children. */
class CpuTimeTests {

    /** About a second of one core in the shell: no sleep, no child of its own. */
    private static final String BUSY = "i=0; while [ $i -lt 1000000 ]; do i=$((i+1)); done";

    @Test
    void readsTheTimesAfterACommandThatHoldsSpacesAndParentheses() {
        CpuTime.Times times = CpuTime.Times.parse("4242 (a (b) c) S 17 4242 4242 0 -1 4194560 100 0 0 0 "
                + "250 50 1200 300 20 0 1 0 100 0 0");

        assertThat(times.parent()).isEqualTo(17);
        assertThat(times.own()).isEqualTo(3.0);
        assertThat(times.reapedChildren()).isEqualTo(15.0);
        assertThat(times.total()).isEqualTo(18.0);
    }

    @Test
    void countsAnEndedChildsCpuAndNotItsWaiting() throws Exception {
        double before = CpuTime.endedChildren();
        run("sleep 0.5");
        double asleep = CpuTime.endedChildren() - before;
        run(BUSY);
        double busy = CpuTime.endedChildren() - before - asleep;

        assertThat(asleep).as("a child that slept").isLessThan(0.1);
        assertThat(busy).as("a child that counted to a million").isGreaterThan(0.2);
    }

    @Test
    void countsAServersEndedAndRunningChildren() throws Exception {
        Process ended = new ProcessBuilder("sh", "-c", "sh -c '" + BUSY + "'; sleep 5").start();
        Process running = new ProcessBuilder("sh", "-c", "sh -c '" + BUSY + "; sleep 5' & wait").start();
        try {
            TimeUnit.SECONDS.sleep(4); // the busy children are done counting, the first one reaped by its parent

            assertThat(CpuTime.tree(ended.pid())).as("its child's, reaped").isGreaterThan(0.2);
            assertThat(CpuTime.tree(running.pid())).as("its child's, still running").isGreaterThan(0.2);
            assertThat(CpuTime.parent(ended.pid())).isEqualTo(ProcessHandle.current().pid());
        } finally {
            ended.descendants().forEach(ProcessHandle::destroy);
            running.descendants().forEach(ProcessHandle::destroy);
            ended.destroy();
            running.destroy();
        }
    }

    private static void run(String script) throws Exception {
        assertThat(new ProcessBuilder("sh", "-c", script).start().waitFor()).isZero();
    }
}
