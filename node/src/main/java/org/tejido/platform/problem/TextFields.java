package org.tejido.platform.problem;

/**
 * Free text that the node keeps: PostgreSQL's text cannot hold a NUL character (U+0000). Accepted, a
 * NUL reached the event store (which keeps JSON as bytes) and then stopped the projection that copies
 * the text into a read model at that event, for good: every later event waited behind it (found by
 * OpenApiFuzzIT, a follow-up's note). Refused up front instead, with the field's name, never its value.
 */
public final class TextFields {
    private TextFields() {}

    public static void requireStorable(String field, String value) {
        if (value != null && value.indexOf('\0') >= 0) {
            throw Rejection.invalid("field.nul-character", field);
        }
    }
}
