package org.tejido.regional.enrollment;

import java.time.Instant;

/**
 * A node allowed to push: its log's origin, its TLS client key's fingerprint ({@code sha256:<hex>}) and
 * its log-signing verifier key (c2sp.org/signed-note vkey).
 */
public record EnrolledNode(String origin, String tlsFingerprint, String logKey, Instant enrolledAt) {}
