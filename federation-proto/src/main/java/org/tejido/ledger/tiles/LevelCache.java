package org.tejido.ledger.tiles;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hashes of complete subtrees of 256^L leaves (L >= 1), by log, level and index, the least recently used
 * forgotten beyond a bound. Such a hash never changes once its subtree is complete (the log is
 * append-only), so a cached one is never stale; the bound keeps memory independent of the logs' sizes.
 */
public final class LevelCache {
    private final Map<Key, byte[]> hashes;

    private record Key(String log, int level, long index) {}

    public LevelCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("a cache holds at least one hash");
        }
        this.hashes = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, byte[]> eldest) {
                return size() > maxEntries;
            }
        };
    }

    synchronized byte[] get(String log, int level, long index) {
        return hashes.get(new Key(log, level, index));
    }

    synchronized void put(String log, int level, long index, byte[] hash) {
        hashes.put(new Key(log, level, index), hash);
    }

    synchronized int size() {
        return hashes.size();
    }
}
