package org.tejido.platform.tiles;

import java.util.List;

/** A consistency proof (RFC 9162 2.1.4) from {@code firstSize} to {@code secondSize}, hashes as lowercase hex. */
public record ConsistencyProofView(long firstSize, long secondSize, List<String> proof) {}
