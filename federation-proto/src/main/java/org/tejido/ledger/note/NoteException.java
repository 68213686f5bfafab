package org.tejido.ledger.note;

/** A note, key or checkpoint was refused; {@link #failure()} says which rule it broke. */
public final class NoteException extends Exception {

    private static final long serialVersionUID = 1L;

    private final NoteFailure failure;

    public NoteException(NoteFailure failure, String detail) {
        super(failure.code() + ": " + detail);
        this.failure = failure;
    }

    public NoteFailure failure() {
        return failure;
    }
}
