package dev.dspm.scanner.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU seconds (user + system) from Linux's {@code /proc}: what a program and a database server took of the machine,
 * the figure its load changes least. On two cores a night is bound by the sum of the job's, its JIT's and the
 * server's CPU, so an A/B that moves CPU shows there even when the wall times of two runs differ by more (session 11:
 * two whole nights equal to the second while C2's compile time halved).
 */
final class CpuTime {

    /** The unit of /proc's times (USER_HZ, {@code sysconf(_SC_CLK_TCK)}): 100 on every Linux the JDK runs on. */
    static final double TICKS_PER_SECOND = 100;

    private CpuTime() {
    }

    /** One process's times from its {@code /proc/<pid>/stat} line, and its parent. */
    record Times(long parent, double own, double reapedChildren) {

        double total() {
            return own + reapedChildren;
        }

        /**
         * Parsed after the command's closing parenthesis: the command is the program's own name, which may hold spaces and
         * parentheses. Fields 4 (ppid) and 14-17 (utime, stime, cutime, cstime) of proc(5).
         */
        static Times parse(String stat) {
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return new Times(Long.parseLong(fields[1]), (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND,
                    (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / TICKS_PER_SECOND);
        }
    }

    /**
     * The CPU of this process's children that ended and were waited for: a child JVM's whole run once it exited (the
     * JDK waits for every process it started).
     */
    static double endedChildren() throws IOException {
        return Times.parse(Files.readString(Path.of("/proc/self/stat"))).reapedChildren();
    }

    /** The parent of a process, e.g. a PostgreSQL backend's postmaster. */
    static long parent(long pid) throws IOException {
        return times(pid).parent();
    }

    /**
     * A process and its children, the running ones and those that ended: a PostgreSQL server is its postmaster, which
     * waits for each backend and worker that ends, and those still running.
     */
    static double tree(long pid) throws IOException {
        double cpu = times(pid).total();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(path -> path.getFileName().toString().chars().allMatch(Character::isDigit))
                    .toList()) {
                try {
                    Times child = Times.parse(Files.readString(process.resolve("stat")));
                    if (child.parent() == pid) {
                        cpu += child.total();
                    }
                } catch (IOException ended) {
                    // it exited while the list was read: its parent's reaped times have it, or will
                }
            }
        }
        return cpu;
    }

    private static Times times(long pid) throws IOException {
        return Times.parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    }
}
