package org.tejido.national.consent;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

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

    /**
     * The rule: an attack's own active consent if it has one; otherwise the most restrictive of its
     * defenders' (a defender without an active consent counts as none); with neither, none.
     *
     * @param defenders one entry per defender the attack names, empty when she has no active consent
     */
    public static SharingScope effective(Optional<SharingScope> own, List<Optional<SharingScope>> defenders) {
        if (own.isPresent()) {
            return own.get();
        }
        if (defenders.isEmpty()) {
            return NONE;
        }
        SharingScope scope = PUBLIC;
        for (Optional<SharingScope> theirs : defenders) {
            scope = scope.mostRestrictive(theirs.orElse(NONE));
        }
        return scope;
    }
}
