package org.tejido.regional.statistics.store;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.tejido.regional.statistics.StatisticsRecord;

/** The statistics store's own reader of share content ({@link StatisticsContent}), for tests elsewhere. */
public final class StatisticsContentReader {
    private StatisticsContentReader() {}

    /** The record the store would keep for this content; throws as the store does when it cannot read it. */
    public static StatisticsRecord read(String origin, UUID record, long index, String content) {
        return StatisticsContent.read(origin, record, index, content.getBytes(StandardCharsets.UTF_8));
    }
}
