package org.tejido.regional.intake;

/**
 * Why a batch is refused: the reasons of the wire protocol (docs/federation-protocol.md,
 * RefusalReason), one per rule of the verification order.
 */
public enum Refusal {
    BATCH_MALFORMED,
    TOO_LARGE,
    ORIGIN_MISMATCH,
    LEAF_MALFORMED,
    COMMITMENT_MISMATCH,
    CHAIN_BROKEN,
    ROLLBACK,
    CHECKPOINT_MALFORMED,
    CHECKPOINT_MISMATCH,
    SIGNATURE_INVALID,
    INCONSISTENT_CHECKPOINT,
    /**
     * The checkpoint, validly signed by the origin's key, gives a size the aggregator holds another root:
     * the node signed two histories. Kept as evidence.
     */
    EQUIVOCATION,
    /** The caller's certificate is not enrolled for the origin it pushes (decided before verifying). */
    ORIGIN_NOT_AUTHORIZED,
    /** A retraction names a record this origin never shared. */
    UNKNOWN_TARGET,
    /** The batch could not be stored durably; nothing of it is stored. */
    STORAGE_UNAVAILABLE,
    /** The caller presented no client certificate (refused before any origin is known). */
    NO_CLIENT_CERTIFICATE,
    /**
     * A payload is not exactly what a node writes for its leaf's kind: a share outside its scope's
     * allow-list, not JSON, of an unknown scope (ShareContent, with a {@code content.*} code).
     */
    CONTENT_OUT_OF_SCOPE,
    /** The caller's certificate has as many calls in progress as allowed (refused before any message). */
    TOO_MANY_CALLS,
    /** The call came on a connection beyond those allowed per certificate (refused before any message). */
    TOO_MANY_CONNECTIONS
}
