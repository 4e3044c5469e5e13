package dev.dspm.scanner.snapshot;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code installation} table, and the only class that reads it: the one row Flyway made with the database, its
 * random id and the salt of the key fingerprint. Read once per process; the row never changes.
 */
@Component
public class Installation {

    private final JdbcClient jdbc;
    private volatile Identity identity;

    Installation(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param keySalt random, this database's own: never printed, only hashed with a key */
    public record Identity(String id, String keySalt) {

        @Override
        public String toString() {
            return "Identity[id=" + id + "]";
        }
    }

    public Identity identity() {
        Identity read = identity;
        if (read == null) {
            read = jdbc.sql("SELECT id, key_salt FROM installation").query((rs, row) -> new Identity(rs.getString(1), rs.getString(2)))
                    .single();
            identity = read;
        }
        return read;
    }
}
