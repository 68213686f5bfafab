package org.tejido.national.push;

import java.util.List;

/** The node's federation log as the pusher reads it; the database in production, memory in tests. */
public interface LogSource {
    /** How many entries the log holds (indexes 0 to size - 1). */
    long size();

    /** Exactly {@code count} consecutive entries from index {@code from}, in index order. */
    List<PushEntry> entries(long from, int count);

    /** The RFC 6962 root of the first {@code size} entries. */
    byte[] root(long size);

    /**
     * The node's signed checkpoint note of exactly {@code size} entries, durably kept so that a resent
     * batch carries the same bytes: the one already stored for that size, or a new one, signed and
     * stored before it is returned.
     */
    byte[] checkpointNote(long size);
}
