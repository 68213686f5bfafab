package org.tejido.regional.intake;

import org.axonframework.serialization.Revision;

/**
 * The origin rotated its log-signing key: entry {@code index} named {@code newKey} (a signed-note verifier
 * key), in a batch whose checkpoint both the key then in force and the new key signed. From the next
 * batch on, only the new key is accepted.
 */
@Revision("1")
public record LogKeyRotatedEvent(String origin, long index, String newKey) implements OriginLedgerEvent {}
