package dev.dspm.scanner.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Every measurement for one tenant size, made in one go so the floors and the job share the machine's mood. */
final class SizeRun {

    enum Row {
        PYTHON("floor: download, Python http.client + json.loads, no database (best of 2)"),
        JAVA("floor: download, JDK HttpClient, bodies dropped (best of 2)"),
        LOAD("floor: bulk load into an unindexed table (PostgreSQL COPY, H2 batched INSERT)"),
        KEY("floor: then ADD PRIMARY KEY (uid)"),
        NAIVE("naive peer: one connection, Jackson, batched INSERT, PK (run_id, uid); JVM start to exit"),
        JOB("job: whole, JVM start to exit"),
        OUTSIDE_STEPS("· outside the steps: JVM, Spring Boot, Flyway, exit (whole − all steps)"),
        SCAN("· step scan"),
        AFTER_SCAN("· step "),
        EVALUATE("· step evaluate: read the snapshot, judge it with the default pack, write findings (facts/s)"),
        FINDINGS("· step findings: carry the previous run's findings forward"),
        FOUND("· findings written (the same in every database)"),
        RETENTION("· step retention (nothing to drop)"),
        STORED("· shares stored in the run (share_snapshot) = API total"),
        JOB_AGAIN("job again, keep-runs=1: whole, JVM start to exit"),
        EVALUATE_AGAIN("· step evaluate, the second night: each finding matched with the first night's"),
        DROP("· step retention, dropping the first run"),
        KEPT("· shares left (all runs) = API total"),
        RSS("job peak RSS (either run); finished within -Xmx"),
        FILE("H2 file after one run (.mv.db)"),
        TARGET_JOB("target: whole job ≤ 2× download (H2), ≤ 1.5× (PostgreSQL)"),
        TARGET_RETENTION("target: retention dropping a run < 1 s"),
        TARGET_FILE("target: H2 file < 1 GB per million shares");

        final String label;

        Row(String label) {
            this.label = label;
        }
    }

    private final Settings settings;
    private final int size;
    private final List<Database> databases;
    private final Map<Row, String[]> cells = new EnumMap<>(Row.class);
    private String afterScan = "seal";
    private boolean failed;

    SizeRun(Settings settings, int size, List<Database> databases) {
        this.settings = settings;
        this.size = size;
        this.databases = databases;
    }

    /** Measures everything for this size; false if the job, a floor or the peer failed or stored the wrong count. */
    boolean measure() throws Exception {
        try (Simulator simulator = Simulator.start(size)) {
            Map<String, Long> totals = simulator.totals();
            long shares = totals.values().stream().mapToLong(Long::longValue).sum();
            progress("downloads");
            double floor = Downloads.python(simulator, shares);
            set(Row.PYTHON, 0, Table.time(floor, floor));
            set(Row.JAVA, 0, Table.time(Downloads.java(simulator, totals), floor));
            Path rows = settings.work().resolve("floor-" + size + ".csv");
            FloorRows.write(simulator, totals, rows);
            for (int column = 0; column < databases.size(); column++) {
                DatabaseRun run = new DatabaseRun(settings, databases.get(column), simulator, size, shares, floor,
                        new Cells(column));
                progress(databases.get(column).label() + ": bulk load floor");
                run.bulkLoad(rows);
                progress(databases.get(column).label() + ": naive peer");
                run.naivePeer();
                progress(databases.get(column).label() + ": job, twice");
                run.job();
            }
            Files.delete(rows);
        }
        return !failed;
    }

    void addTo(Table table) {
        List<String> heading = new ArrayList<>(List.of(String.format("**%,d shares**", size)));
        databases.forEach(database -> heading.add(""));
        table.add(heading);
        for (Map.Entry<Row, String[]> row : cells.entrySet()) {
            String label = switch (row.getKey()) {
                case AFTER_SCAN -> row.getKey().label + afterScan;
                case RSS -> row.getKey().label + settings.heap();
                default -> row.getKey().label;
            };
            List<String> line = new ArrayList<>(List.of(label));
            line.addAll(Arrays.asList(row.getValue()));
            table.add(line);
        }
    }

    private void set(Row row, int column, String text) {
        cells.computeIfAbsent(row, r -> {
            String[] empty = new String[databases.size()];
            Arrays.fill(empty, "");
            return empty;
        })[column] = text;
    }

    private void progress(String what) {
        System.err.printf("bench: %,d shares: %s%n", size, what);
    }

    /** One database's column of this size's rows. */
    final class Cells {

        private final int column;

        private Cells(int column) {
            this.column = column;
        }

        void set(Row row, String text) {
            SizeRun.this.set(row, column, text);
        }

        void failed(Row row, String text) {
            set(row, text);
            failed = true;
        }

        void afterScan(String step) {
            afterScan = step;
        }
    }
}
