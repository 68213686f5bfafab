package org.tejido.platform.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a user of the node may do. Each user has exactly one role; what each role may call is the
 * table in {@link SecurityConfig} (and docs/security.md).
 */
public enum Role {
    /** Records and corrects defenders, attacks and follow-ups; imports CSV; reads cases. */
    REGISTRAR,
    /** Everything a registrar does, plus consent and erasure and reading the access log. */
    COORDINATOR,
    /** Aggregates only (for now: the vocabulary). */
    ANALYST,
    /** Logs only (for now: the vocabulary). */
    AUDITOR,
    /** The projection admin endpoints, the metrics and user management. */
    ADMIN;

    /** The name used on the command line, in the database and in the security table. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Spring Security authority: {@code ROLE_<code>}, as {@code hasRole(code)} expects. */
    String authority() {
        return "ROLE_" + code();
    }

    public static Optional<Role> parse(String code) {
        return Arrays.stream(values()).filter(r -> r.code().equals(code)).findFirst();
    }

    /** "registrar, coordinator, analyst, auditor, admin": for messages. */
    public static String codes() {
        return Arrays.stream(values()).map(Role::code).collect(Collectors.joining(", "));
    }
}
