package org.tejido.platform.problem;

import java.util.Arrays;
import java.util.List;

/**
 * A refusal with a stable code: the domain and the web layer throw it, the HTTP layer turns it into an
 * RFC 9457 problem detail whose sentence comes from {@code messages*.properties} under the same code.
 *
 * <p>Arguments are codes and identifiers only, never personal data. They go into the problem detail's
 * sentence but not into the exception's message, which is the code alone: libraries log the messages
 * of the exceptions they see (Axon's repository logs every failed aggregate creation at WARN), and an
 * argument is often exactly what someone typed.
 */
public class Rejection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final Kind kind;
    private final List<String> args;

    public Rejection(Kind kind, String code, String... args) {
        super(code, null, false, false);
        this.code = code;
        this.kind = kind;
        // A missing value is an argument too ("null"), never a failure while refusing.
        this.args = Arrays.stream(args).map(String::valueOf).toList();
    }

    /** The request as a whole cannot be read (a file's header, its encoding, a parameter). */
    public static Rejection malformed(String code, String... args) {
        return new Rejection(Kind.MALFORMED, code, args);
    }

    public static Rejection invalid(String code, String... args) {
        return new Rejection(Kind.INVALID, code, args);
    }

    public static Rejection notFound(String code, String... args) {
        return new Rejection(Kind.NOT_FOUND, code, args);
    }

    public static Rejection conflict(String code, String... args) {
        return new Rejection(Kind.CONFLICT, code, args);
    }

    public String code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }

    public List<String> args() {
        return args;
    }

    public enum Kind {
        /** Cannot be read at all. */
        MALFORMED,
        /** Syntactically fine but not acceptable: unknown code, impossible date. */
        INVALID,
        NOT_FOUND,
        /** Clashes with what is already recorded. */
        CONFLICT,
        TOO_LARGE
    }
}
