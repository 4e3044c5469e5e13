package dev.dspm.scanner.report;

/**
 * Shares' scope ranks (1 OWNER, 2 TEAM_ONLY) by a 64-bit hash of their uid, in two flat arrays: 9 bytes a slot where a
 * map of strings takes about a hundred. Two uids of one hash keep the narrower rank, so a share is never looked up as
 * wider than it was: a widened share is never missed, and the caller checks each one it finds against its uid.
 */
final class UidRanks {

    private long[] hashes;
    private byte[] ranks;
    private int size;

    /** @param expected how many shares it will likely hold; it grows past that */
    UidRanks(int expected) {
        int capacity = Integer.highestOneBit(Math.max(8, expected) * 2 - 1) << 1;
        hashes = new long[capacity];
        ranks = new byte[capacity];
    }

    /** FNV-1a over the uid's chars, then MurmurHash3's finaliser; never 0, which marks a free slot. */
    static long hash(String uid) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < uid.length(); i++) {
            h = (h ^ uid.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    void put(long hash, int rank) {
        int slot = slot(hashes, hash);
        if (hashes[slot] == hash) {
            ranks[slot] = (byte) Math.min(ranks[slot], rank);
            return;
        }
        hashes[slot] = hash;
        ranks[slot] = (byte) rank;
        if (++size * 4 > hashes.length * 3) {
            grow();
        }
    }

    /** The rank put under this hash; 0 for none. */
    int get(long hash) {
        int slot = slot(hashes, hash);
        return hashes[slot] == hash ? ranks[slot] : 0;
    }

    /** The slot holding {@code hash}, else the free one where it would go (linear probing). */
    private static int slot(long[] table, long hash) {
        int mask = table.length - 1;
        int slot = (int) hash & mask;
        while (table[slot] != 0 && table[slot] != hash) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldHashes = hashes;
        byte[] oldRanks = ranks;
        hashes = new long[oldHashes.length * 2];
        ranks = new byte[oldHashes.length * 2];
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldHashes[i] != 0) {
                int slot = slot(hashes, oldHashes[i]);
                hashes[slot] = oldHashes[i];
                ranks[slot] = oldRanks[i];
            }
        }
    }
}
