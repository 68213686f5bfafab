/**
 * The federation log's pure primitives: leaf codec and hash chain ({@code leaf}), RFC 6962 Merkle hashing and
 * proofs ({@code merkle}), Ed25519 through Bouncy Castle ({@code crypto}) and C2SP signed notes and
 * checkpoints ({@code note}). The byte formats are specified in docs/log-format.md.
 *
 * <p>Depends only on the JDK and Bouncy Castle, and does no I/O, so auditor tools, the node and the aggregator
 * can all share one verifier and reach identical verdicts.
 */
package org.tejido.ledger;
