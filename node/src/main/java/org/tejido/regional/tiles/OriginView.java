package org.tejido.regional.tiles;

import java.time.Instant;

/** One origin whose log the aggregator serves: its identifier in addresses, and its latest cosigned size. */
record OriginView(String origin, String id, long treeSize, Instant cosignedAt, String tiles) {}
