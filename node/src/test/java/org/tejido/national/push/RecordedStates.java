package org.tejido.national.push;

import java.util.ArrayList;
import java.util.List;

/** {@code federation_push_state} in memory: every confirmation recorded, in order. */
final class RecordedStates implements PushStateStore {
    record Recorded(String origin, long storedSize, String cosignedNote) {}

    private final List<Recorded> recorded = new ArrayList<>();

    @Override
    public synchronized void record(String origin, long storedSize, String cosignedNote) {
        recorded.add(new Recorded(origin, storedSize, cosignedNote));
    }

    synchronized List<Recorded> all() {
        return List.copyOf(recorded);
    }

    synchronized Recorded last() {
        return recorded.isEmpty() ? null : recorded.get(recorded.size() - 1);
    }
}
