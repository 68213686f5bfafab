package org.tejido.ledger.tiles;

/**
 * A tile path that is not one the C2SP tlog-tiles layout defines, in its one canonical spelling. The
 * message is the stable code {@link #CODE} alone: the path is what someone typed.
 */
public final class TilePathException extends Exception {
    private static final long serialVersionUID = 1L;

    public static final String CODE = "tiles.malformed-path";

    TilePathException() {
        super(CODE, null, false, false);
    }
}
