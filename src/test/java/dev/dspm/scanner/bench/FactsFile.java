package dev.dspm.scanner.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.dspm.scanner.manus.AssetType;
import dev.dspm.scanner.policy.Share;
import dev.dspm.scanner.simulator.ListedShare;
import dev.dspm.scanner.simulator.SimulatedTenant;

/**
 * A tenant's listing on disk, so that a JVM of the size can judge it: a million tenant rows need gigabytes
 * (the simulator runs in -Xmx6g) and a million {@link Share}s, each with strings of its own as read from a database,
 * take about 630 MB of heap, so the floor reads the facts a batch at a time. The file keeps the API's strings
 * ({@link ListedShare}); reading converts them with {@link Facts#share}. Every type in turn, each in list order, as
 * the job's partitions read them.
 */
final class FactsFile {

    private FactsFile() {
    }

    /** Writes every share the tenant lists; returns how many. */
    static long write(SimulatedTenant tenant, Path file) throws IOException {
        long count = 0;
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            for (AssetType type : AssetType.values()) {
                count += tenant.size(type.wireName());
            }
            out.writeLong(count);
            for (AssetType type : AssetType.values()) {
                for (ListedShare share : tenant.listed(type.wireName())) {
                    for (String text : new String[] { share.uid(), share.assetType(), share.assetName(), share.assetId(),
                            share.sharedAt(), share.lastOperatedAt(), share.ownerId(), share.sessionId(),
                            share.permission(), share.maxPermission() }) {
                        writeText(out, text);
                    }
                    out.writeBoolean(share.assetExists());
                }
            }
        }
        return count;
    }

    static Reader read(Path file) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        return new Reader(in, in.readLong());
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        if (text == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** The facts in file order, a batch at a time. */
    static final class Reader implements AutoCloseable {

        private final DataInputStream in;
        private final long count;
        private long read;

        private Reader(DataInputStream in, long count) {
            this.in = in;
            this.count = count;
        }

        long count() {
            return count;
        }

        /** Up to {@code max} facts; an empty list at the end of the file. */
        List<Share> next(int max) throws IOException {
            List<Share> batch = new ArrayList<>(max);
            while (batch.size() < max && read < count) {
                String uid = readText();
                String assetType = readText();
                String assetName = readText();
                String assetId = readText();
                String sharedAt = readText();
                String lastOperatedAt = readText();
                String ownerId = readText();
                String sessionId = readText();
                String permission = readText();
                String maxPermission = readText();
                batch.add(Facts.share(new ListedShare(uid, assetType, assetName, assetId, sharedAt, lastOperatedAt,
                        ownerId, sessionId, in.readBoolean(), permission, maxPermission)));
                read++;
            }
            return batch;
        }

        private String readText() throws IOException {
            int length = in.readInt();
            return length < 0 ? null : new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
