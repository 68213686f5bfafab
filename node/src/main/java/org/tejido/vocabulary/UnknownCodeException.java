package org.tejido.vocabulary;

/** A code that is not in the vocabulary, or no longer accepted for new records. */
public class UnknownCodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String scheme;
    private final String value;
    private final boolean retired;

    UnknownCodeException(String scheme, String value, boolean retired) {
        super((retired ? "retired code " : "unknown code ") + scheme + ":" + value, null, false, false);
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
