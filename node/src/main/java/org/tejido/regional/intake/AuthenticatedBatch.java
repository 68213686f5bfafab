package org.tejido.regional.intake;

/**
 * One batch of {@code origin}'s log, to verify and store if every rule holds. The caller was already
 * authenticated by its client certificate and found enrolled for this origin with {@code logKey}; the
 * checks that need only the batch were made when it arrived ({@link BatchVerifier#prepare}).
 */
public record AuthenticatedBatch(String origin, String logKey, PreparedBatch batch, String callerFingerprint) {}
