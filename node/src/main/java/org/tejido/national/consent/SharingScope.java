package org.tejido.national.consent;

import java.util.Arrays;

/**
 * What a defender allows to leave the node, from nothing to what she made public. Each scope allows
 * everything the previous one does; "the most restrictive wins" is the minimum.
 */
public enum SharingScope {
    NONE("none"),
    STATISTICS("statistics"),
    CASE("case"),
    PUBLIC("public");

    private final String code;

    SharingScope(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static SharingScope fromCode(String code) {
        return Arrays.stream(values())
                .filter(s -> s.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown consent scope " + code));
    }

    public SharingScope mostRestrictive(SharingScope other) {
        return compareTo(other) <= 0 ? this : other;
    }
}
