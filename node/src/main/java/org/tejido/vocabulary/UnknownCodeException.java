package org.tejido.vocabulary;

/** A code that is not in the vocabulary, or no longer accepted for new records. */
public class UnknownCodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String scheme;
    private final String value;
    private final boolean retired;

    UnknownCodeException(String scheme, String value, boolean retired) {
        // The message names the scheme only: the value is what someone typed, and exception messages are logged.
        super((retired ? "retired code in " : "unknown code in ") + scheme, null, false, false);
        this.scheme = scheme;
        this.value = value;
        this.retired = retired;
    }

    public String scheme() {
        return scheme;
    }

    public String value() {
        return value;
    }

    public boolean retired() {
        return retired;
    }
}
