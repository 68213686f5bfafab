package org.tejido.regional.intake;

/** One entry as received: the leaf bytes exactly as sent, and the content beside it (possibly empty). */
public record IncomingEntry(byte[] leaf, byte[] payload, byte[] salt) {}
