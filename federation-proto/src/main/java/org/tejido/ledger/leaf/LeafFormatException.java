package org.tejido.ledger.leaf;

/** Bytes that are not a well-formed v1 leaf; {@link #failure()} says which rule they broke. */
public final class LeafFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final LeafFormatFailure failure;

    public LeafFormatException(LeafFormatFailure failure, String detail) {
        super(failure.code() + ": " + detail);
        this.failure = failure;
    }

    public LeafFormatFailure failure() {
        return failure;
    }
}
