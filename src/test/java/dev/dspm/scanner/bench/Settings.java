package dev.dspm.scanner.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How every run of the benchmark is made: the scanner's jar and heap, the longest any one program may run
 * before it is killed and reported as such, a scratch directory (deleted at the end) and where logs are kept.
 */
record Settings(Path jar, String heap, Duration timeout, Path work, Path logs) {

    Path log(int size, Database database, String what) {
        return logs.resolve(size + "-" + database.key() + "-" + what + ".log");
    }
}
