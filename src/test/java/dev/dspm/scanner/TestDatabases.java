package dev.dspm.scanner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** Real databases for the job tests: an H2 file, and one embedded PostgreSQL per test JVM. */
public final class TestDatabases {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    /** The database a test parameterised on both kinds runs against: {@code "H2"} (a file in {@code dir}) or {@code "PostgreSQL"}. */
    public static String of(String kind, Path dir) {
        return kind.equals("H2") ? h2(dir) : postgres();
    }

    public static String h2(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("dspm").toAbsolutePath();
    }

    /** A fresh, empty PostgreSQL database; the server is started once and stopped with the JVM. */
    public static synchronized String postgres() {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting
                    }
                }));
            }
            String name = "scan" + DATABASES.incrementAndGet();
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            }
            return postgres.getJdbcUrl("postgres", name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user(jdbcUrl), password(jdbcUrl));
    }

    public static String user(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:h2:") ? "sa" : "postgres";
    }

    public static String password(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:h2:") ? "" : "postgres";
    }
}
