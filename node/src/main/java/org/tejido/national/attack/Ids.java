package org.tejido.national.attack;

import java.util.regex.Pattern;

/** Identifiers the node draws itself: lowercase canonical UUIDs, nothing else accepted. */
public final class Ids {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private Ids() {}

    public static boolean isUuid(String id) {
        return id != null && UUID.matcher(id).matches();
    }
}
