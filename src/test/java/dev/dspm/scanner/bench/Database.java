package dev.dspm.scanner.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A database server (or H2's directory of files) in which each measurement gets a fresh, empty database. */
interface Database {

    /** The column heading: product, version and kind. */
    String label();

    /** A short name for log files. */
    String key();

    String user();

    String password();

    /** Creates an empty database and returns its JDBC URL. */
    String create(String name) throws SQLException;

    /** Drops a database made by {@link #create}, freeing its disk for the next measurement. */
    void drop(String name) throws SQLException, IOException;

    default Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, user(), password());
    }

    /**
     * The CPU seconds the database's server processes took so far ({@link CpuTime#tree}), NaN for H2, which runs inside
     * the job's own JVM: its CPU is the job's.
     */
    default double serverCpu(String url) throws SQLException, IOException {
        return Double.NaN;
    }

    /** H2 file databases, one directory each, opened by the process that uses them as the job opens its own. */
    record H2(Path dir) implements Database {

        @Override
        public String label() {
            return "H2 " + org.h2.engine.Constants.VERSION + " (file, COMPRESS)";
        }

        @Override
        public String key() {
            return "h2";
        }

        @Override
        public String user() {
            return "sa";
        }

        @Override
        public String password() {
            return "";
        }

        @Override
        public String create(String name) {
            // As the README recommends (and the default URL has): a compressed file.
            return "jdbc:h2:file:" + dir.resolve(name).resolve("dspm").toAbsolutePath() + ";COMPRESS=TRUE";
        }

        /** Bytes of the .mv.db file: what the user finds on disk after the job. */
        long fileSize(String name) throws IOException {
            return Files.size(dir.resolve(name).resolve("dspm.mv.db"));
        }

        @Override
        public void drop(String name) throws IOException {
            if (Files.exists(dir.resolve(name))) {
                ScanBenchmark.delete(dir.resolve(name));
            }
        }
    }

    /** A PostgreSQL server on localhost, user postgres. */
    record Postgres(String kind, String label, int port) implements Database {

        @Override
        public String key() {
            return "postgres-" + kind;
        }

        @Override
        public String user() {
            return "postgres";
        }

        @Override
        public String password() {
            return "postgres";
        }

        @Override
        public String create(String name) throws SQLException {
            admin("CREATE DATABASE " + name);
            return url(name);
        }

        @Override
        public void drop(String name) throws SQLException {
            admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }

        /** The server on this machine is the postmaster that started this connection's backend, and its children. */
        @Override
        public double serverCpu(String url) throws SQLException, IOException {
            long backend;
            try (Connection connection = connect(url); Statement statement = connection.createStatement();
                    var pid = statement.executeQuery("SELECT pg_backend_pid()")) {
                pid.next();
                backend = pid.getLong(1);
            }
            return CpuTime.tree(CpuTime.parent(backend));
        }

        private String url(String name) {
            return "jdbc:postgresql://localhost:" + port + "/" + name;
        }

        private void admin(String sql) throws SQLException {
            try (Connection connection = connect(url("postgres")); Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }

        /** Labelled with the version the server reports, e.g. "PostgreSQL 17.6 (embedded, C.UTF-8)". */
        static Postgres of(String kind, int port) throws SQLException {
            Postgres unnamed = new Postgres(kind, "", port);
            try (Connection connection = unnamed.connect(unnamed.url("postgres"));
                    Statement statement = connection.createStatement();
                    var collation = statement.executeQuery("SELECT datcollate FROM pg_database WHERE datname = 'postgres'")) {
                collation.next();
                String version = connection.getMetaData().getDatabaseProductVersion().split(" ")[0];
                return new Postgres(kind, "PostgreSQL " + version + " (" + kind + ", " + collation.getString(1) + ")", port);
            }
        }
    }
}
