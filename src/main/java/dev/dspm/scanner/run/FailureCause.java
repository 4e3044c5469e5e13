package dev.dspm.scanner.run;

import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.dao.DataAccessException;

import dev.dspm.scanner.config.ConfigurationException;
import dev.dspm.scanner.config.DiskFull;
import dev.dspm.scanner.manus.ManusApiException;
import dev.dspm.scanner.manus.ManusApiException.ErrorCode;

/**
 * The one line a person reads when a run fails: the cause they can act on, not the wrapper around it.
 * An API failure wins over the batch failures it set off, the database's own message over Spring's.
 */
final class FailureCause {

    private FailureCause() {
    }

    /** @param url the database's URL (spring.datasource.url), for a disk that filled: which disk, and what moves it */
    static String describe(List<Throwable> failures, String url) {
        for (Throwable failure : failures) {
            ManusApiException api = find(failure, ManusApiException.class);
            if (api != null) {
                return api.getMessage() + hint(api);
            }
        }
        for (Throwable failure : failures) {
            Optional<String> diskFull = DiskFull.cause(failure);
            if (diskFull.isPresent()) {
                return DiskFull.explain(url, diskFull.get());
            }
        }
        for (Throwable failure : failures) {
            if (find(failure, DataAccessException.class) != null || find(failure, SQLException.class) != null) {
                return "database error: " + root(failure).getMessage();
            }
        }
        return failures.isEmpty() ? "no cause recorded" : root(failures.get(0)).getMessage();
    }

    /** A setting or input found wrong inside the job (an owner email no member has): its message, for exit 2. */
    static Optional<String> configuration(List<Throwable> failures) {
        return failures.stream().map(failure -> find(failure, ConfigurationException.class)).filter(Objects::nonNull)
                .map(ConfigurationException::getMessage).findFirst();
    }

    private static String hint(ManusApiException e) {
        if (e.code() == ErrorCode.UNAUTHENTICATED || e.code() == ErrorCode.PERMISSION_DENIED) {
            return "; the key was refused mid-run (expired or revoked?): listing needs a Team Asset Audit or Management key";
        }
        return e.retryable() ? "; the next start resumes the run" : "";
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static Throwable root(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
