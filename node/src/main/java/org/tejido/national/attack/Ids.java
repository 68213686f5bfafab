package org.tejido.national.attack;

/** Identifiers the node draws itself: lowercase canonical UUIDs, nothing else accepted. */
public final class Ids {
    private static final int LENGTH = 36;

    private Ids() {}

    /** Checked by hand rather than with a regular expression: every command on an attack checks one. */
    public static boolean isUuid(String id) {
        if (id == null || id.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = id.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            boolean ok = dash ? c == '-' : c >= '0' && c <= '9' || c >= 'a' && c <= 'f';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
