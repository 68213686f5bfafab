package org.tejido.regional.statistics.generator;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** One national node of a synthetic federation: its origin name, its country and its log, in order. */
public record SyntheticOrigin(String origin, String country, List<SyntheticEntry> entries) {
    public SyntheticOrigin {
        entries = List.copyOf(entries);
    }

    public long count(SyntheticEntry.Kind kind) {
        return entries.stream().filter(e -> e.kind() == kind).count();
    }

    /** The records the aggregator counts once this log is pushed: shared and not revoked since. */
    public Set<UUID> currentRecords() {
        Set<UUID> current = new HashSet<>();
        for (SyntheticEntry e : entries) {
            if (e.kind() == SyntheticEntry.Kind.REVOKE) {
                current.remove(e.record());
            } else {
                current.add(e.record());
            }
        }
        return current;
    }

    /**
     * The rows the statistics store keeps: one per entry with content, all of a record's gone when its
     * consent is revoked.
     */
    public long contentRows() {
        Set<UUID> revoked = new HashSet<>();
        for (SyntheticEntry e : entries) {
            if (e.kind() == SyntheticEntry.Kind.REVOKE) {
                revoked.add(e.record());
            }
        }
        return entries.stream()
                .filter(e -> e.kind() != SyntheticEntry.Kind.REVOKE && !revoked.contains(e.record()))
                .count();
    }
}
