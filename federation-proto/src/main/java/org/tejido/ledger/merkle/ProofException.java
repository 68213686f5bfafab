package org.tejido.ledger.merkle;

/** A proof did not verify; {@link #failure()} says which rule it broke. */
public final class ProofException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ProofFailure failure;

    public ProofException(ProofFailure failure, String detail) {
        super(failure.code() + ": " + detail);
        this.failure = failure;
    }

    public ProofFailure failure() {
        return failure;
    }
}
