package dev.dspm.scanner.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The databases a benchmark was asked for by name, started, and stopped together at the end. */
final class Databases implements AutoCloseable {

    private final List<Database> list = new ArrayList<>();
    private final List<AutoCloseable> servers = new ArrayList<>();

    private Databases() {
    }

    /** {@code h2} (a file in the work folder), {@code server} (the installed PostgreSQL, initdb on a free port), {@code embedded}. */
    static Databases start(List<String> kinds, Path work) throws Exception {
        Databases databases = new Databases();
        try {
            for (String kind : kinds) {
                switch (kind) {
                    case "h2" -> databases.list.add(new Database.H2(work.resolve("h2")));
                    case "server" -> {
                        LocalPostgres server = LocalPostgres.start(LocalPostgres.installed()
                                .orElseThrow(() -> new IllegalStateException("no PostgreSQL server installed (apt-get install postgresql)")));
                        databases.servers.add(server);
                        databases.list.add(Database.Postgres.of("server", server.port()));
                    }
                    case "embedded" -> {
                        EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
                        databases.servers.add(embedded);
                        databases.list.add(Database.Postgres.of("embedded", embedded.getPort()));
                    }
                    default -> throw new IllegalArgumentException("unknown database " + kind + ": h2, server or embedded");
                }
            }
        } catch (Exception e) {
            databases.close();
            throw e;
        }
        return databases;
    }

    List<Database> list() {
        return list;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable server : servers) {
            server.close();
        }
    }
}
