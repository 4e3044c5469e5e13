package dev.dspm.scanner.config;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A database that failed for want of space. H2 wraps the operating system's refusal ({@code java.io.IOException: No
 * space left on device}) in an {@code MVStoreException} ("Writing to ... failed"), closes itself, and every later
 * statement says only "The database has been closed" [90098], which is what used to end the run; the refusal is still
 * in that exception's cause chain. PostgreSQL answers SQLState 53100 (disk_full) and keeps running.
 */
public final class DiskFull {

    /** How the JDK words ENOSPC, EDQUOT and EFBIG (a file size limit) on Linux and macOS, and Windows' own. */
    private static final List<String> NO_SPACE = List.of("No space left on device", "Disk quota exceeded",
            "File too large", "There is not enough space on the disk");
    private static final String POSTGRESQL_DISK_FULL = "53100";

    private DiskFull() {
    }

    /**
     * The line a person reads: which disk (the H2 file's absolute path, or the PostgreSQL server, whose disk the job cannot
     * see) and the setting that moves the database. The same whether the run's job ended failed or its database's
     * failure ended the job: which comes first is a matter of timing.
     */
    public static String explain(String url, String cause) {
        if (url != null && url.startsWith("jdbc:h2:")) {
            String path = JdbcUrls.h2Path(url);
            String file = path.startsWith("~") || path.startsWith("mem:") ? path
                    : Path.of(path + ".mv.db").toAbsolutePath().normalize().toString();
            return "the disk holding the H2 database " + file + " is full (" + cause + "); the database closed itself"
                    + " and the run stopped: free space there, or move the database with " + JdbcUrls.SETTING
                    + " (e.g. jdbc:h2:file:/var/lib/dspm-scanner/dspm, or a PostgreSQL URL)";
        }
        return "the database server's disk is full (" + cause + ", at " + JdbcUrls.SETTING + "=" + JdbcUrls.withoutSecrets(url)
                + "): free space on that server";
    }

    /** The refusal's own words, when a write failed for want of space anywhere in the failure's cause chain. */
    public static Optional<String> cause(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            String message = t.getMessage();
            if (t instanceof IOException && message != null && NO_SPACE.stream().anyMatch(message::contains)) {
                return Optional.of(message);
            }
            if (t instanceof SQLException sql && POSTGRESQL_DISK_FULL.equals(sql.getSQLState())) {
                return Optional.of("SQLState 53100, disk full");
            }
        }
        return Optional.empty();
    }
}
