package org.tejido.ledger.tiles;

import java.util.ArrayList;
import java.util.List;

/**
 * Which tiles a tree of a given size has (c2sp.org/tlog-tiles): at level {@code L} the tree has
 * {@code floor(size / 256^L)} hashes, in full tiles of 256 and, when the count is not a multiple of 256, one
 * partial tile of the remainder. A tile, full or of a smaller width, can be served for a size once every
 * hash it holds exists at that size.
 */
public final class TileLayout {
    private TileLayout() {}

    /** How many hashes level {@code level} holds in a tree of {@code size} leaves (complete subtrees only). */
    public static long hashesAt(int level, long size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size");
        }
        int shift = 8 * level;
        return shift >= Long.SIZE ? 0 : size >>> shift;
    }

    /** True when every hash (or entry) the tile holds exists in a tree of {@code size} leaves. */
    public static boolean within(TileAddress tile, long size) {
        long count = hashesAt(tile.level(), size);
        return count >= tile.width() && tile.index() <= (count - tile.width()) / TileAddress.FULL;
    }

    /**
     * Every tile of a tree of {@code size} leaves, bottom level first, full tiles then the partial one: what a
     * client reading the whole tree fetches. Entry bundles follow level 0's tiles, one for one.
     */
    public static List<TileAddress> tilesOf(long size, boolean withBundles) {
        List<TileAddress> tiles = new ArrayList<>();
        for (int level = 0; level <= TileAddress.MAX_LEVEL; level++) {
            long count = hashesAt(level, size);
            if (count == 0) {
                break;
            }
            long full = count / TileAddress.FULL;
            int rest = (int) (count % TileAddress.FULL);
            for (long n = 0; n < full; n++) {
                tiles.add(TileAddress.tile(level, n, TileAddress.FULL));
            }
            if (rest > 0) {
                tiles.add(TileAddress.tile(level, full, rest));
            }
            if (level == 0 && withBundles) {
                for (long n = 0; n < full; n++) {
                    tiles.add(TileAddress.bundle(n, TileAddress.FULL));
                }
                if (rest > 0) {
                    tiles.add(TileAddress.bundle(full, rest));
                }
            }
        }
        return tiles;
    }
}
