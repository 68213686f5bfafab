package org.tejido.national.push;

/** Where the node keeps what the aggregator last confirmed it holds. */
public interface PushStateStore {
    /**
     * @param storedSize the aggregator's durably stored size
     * @param cosignedNote the node's checkpoint of that size with the aggregator's cosignature lines
     *     appended, or null when not known (size 0)
     */
    void record(String origin, long storedSize, String cosignedNote);
}
