package org.tejido.bench;

import org.axonframework.serialization.Revision;

/** The bare baseline's only event: an identifier and an opaque payload padded to the attack event's size. */
@Revision("1")
public record BareCreatedEvent(String id, String payload) {}
