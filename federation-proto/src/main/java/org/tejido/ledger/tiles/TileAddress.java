package org.tejido.ledger.tiles;

/**
 * One resource of the tlog-tiles layout: a hash tile {@code tile/<L>/<N>[.p/<W>]} or an entry bundle
 * {@code tile/entries/<N>[.p/<W>]}. {@code width} is {@link #FULL} for a full tile, 1..255 for a partial
 * one. Only canonical paths parse: level 0..63 without leading zeros, the index in 3-digit groups all but
 * the last prefixed with {@code x} and no leading group of zeros, the width 1..255 without leading zeros.
 */
public record TileAddress(boolean entries, int level, long index, int width) {
    public static final int FULL = 256;
    public static final int MAX_LEVEL = 63;
    /** An index below 2^63 has at most 19 digits: 7 groups of 3. */
    private static final int MAX_GROUPS = 7;

    public TileAddress {
        if (level < 0 || level > MAX_LEVEL || (entries && level != 0)) {
            throw new IllegalArgumentException("level out of range");
        }
        if (index < 0) {
            throw new IllegalArgumentException("negative index");
        }
        if (width < 1 || width > FULL) {
            throw new IllegalArgumentException("width out of range");
        }
    }

    public static TileAddress tile(int level, long index, int width) {
        return new TileAddress(false, level, index, width);
    }

    public static TileAddress bundle(long index, int width) {
        return new TileAddress(true, 0, index, width);
    }

    public boolean full() {
        return width == FULL;
    }

    /** The path below the log's prefix, e.g. {@code tile/1/x001/234.p/17}. */
    public String path() {
        StringBuilder path = new StringBuilder("tile/");
        path.append(entries ? "entries" : Integer.toString(level)).append('/');
        path.append(encodeIndex(index));
        if (!full()) {
            path.append(".p/").append(width);
        }
        return path.toString();
    }

    /** {@code 1234067} is {@code x001/x234/067}; {@code 5} is {@code 005}. */
    public static String encodeIndex(long index) {
        String digits = Long.toString(index);
        int pad = (3 - digits.length() % 3) % 3;
        digits = "0".repeat(pad) + digits;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i += 3) {
            if (i > 0) {
                out.append('/');
            }
            if (i + 3 < digits.length()) {
                out.append('x');
            }
            out.append(digits, i, i + 3);
        }
        return out.toString();
    }

    /** Parses a path below the log's prefix, starting with {@code tile/}. */
    public static TileAddress parse(String path) throws TilePathException {
        if (path == null || !path.startsWith("tile/")) {
            throw new TilePathException();
        }
        String[] parts = path.substring("tile/".length()).split("/", -1);
        if (parts.length < 2) {
            throw new TilePathException();
        }
        boolean entries = parts[0].equals("entries");
        int level = entries ? 0 : (int) decimal(parts[0], MAX_LEVEL);
        int last = parts.length - 1;
        int width = FULL;
        int indexEnd = last;
        if (parts.length >= 3 && parts[last - 1].endsWith(".p")) {
            width = (int) decimal(parts[last], FULL - 1);
            if (width == 0) {
                throw new TilePathException();
            }
            parts[last - 1] = parts[last - 1].substring(0, parts[last - 1].length() - 2);
            indexEnd = last - 1;
        }
        int groups = indexEnd;
        if (groups < 1 || groups > MAX_GROUPS) {
            throw new TilePathException();
        }
        long index = 0;
        for (int g = 0; g < groups; g++) {
            String group = parts[1 + g];
            boolean lastGroup = g == groups - 1;
            if (!lastGroup) {
                if (!group.startsWith("x")) {
                    throw new TilePathException();
                }
                group = group.substring(1);
            }
            if (group.length() != 3 || !allDigits(group)) {
                throw new TilePathException();
            }
            if (g == 0 && groups > 1 && group.equals("000")) {
                throw new TilePathException();
            }
            int value = Integer.parseInt(group);
            if (index > (Long.MAX_VALUE - value) / 1000) {
                throw new TilePathException();
            }
            index = index * 1000 + value;
        }
        return new TileAddress(entries, level, index, width);
    }

    private static long decimal(String text, long max) throws TilePathException {
        if (text.isEmpty() || text.length() > 3 || !allDigits(text) || (text.length() > 1 && text.charAt(0) == '0')) {
            throw new TilePathException();
        }
        long value = Long.parseLong(text);
        if (value > max) {
            throw new TilePathException();
        }
        return value;
    }

    private static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
