package org.tejido.platform.tiles;

import java.util.List;

/** An inclusion proof (RFC 9162 2.1.3), hashes as lowercase hex, deepest sibling first. */
public record InclusionProofView(long treeSize, long leafIndex, String leafHash, List<String> proof) {}
